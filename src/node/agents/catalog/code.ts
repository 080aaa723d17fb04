/** The code agent: reads and edits the files of the working folder and runs allowlisted commands. */
import { defineAgent } from '../define-agent.js';

export default defineAgent({
  name: 'code',
  description: 'A coding assistant: reads, searches and edits files here and runs allowlisted commands (asks first).',
  instructions:
    'You are a careful software engineer working in the current folder. Read the relevant files before changing ' +
    'anything, make the smallest change that does the job, and run the tests when there are any. Explain what ' +
    'you changed and why in a few lines.',
  toolsets: ['files', 'shell'],
  maxTurns: 30,
});
