// hello-dave: an Agent on openai() with one classic-zod tool, run once (src/, the same code tsup ships).
import * as z from 'zod';
import { Agent, defineTool } from '../../src/index.js';
import { openai } from '../../src/providers/openai/index.js';

const echo = defineTool({
  name: 'echo',
  description: 'Echoes its text.',
  input: z.object({ text: z.string() }),
  run: ({ text }) => ({ text }),
});
const agent = new Agent({ name: 'app', instructions: 'Call echo once.', model: openai('gpt-5-mini'), tools: [echo] });
console.log((await agent.run('Say hi.')).text);
