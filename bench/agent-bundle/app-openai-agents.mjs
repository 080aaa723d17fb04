// Anchor: the OpenAI Agents SDK (@openai/agents 0.20.0): an Agent with one classic-zod tool, run once.
import { Agent, run, tool } from '@openai/agents';
import * as z from 'zod';

const echo = tool({
  name: 'echo',
  description: 'Echoes its text.',
  parameters: z.object({ text: z.string() }),
  execute: ({ text }) => JSON.stringify({ text }),
});
const agent = new Agent({ name: 'app', instructions: 'Call echo once.', model: 'gpt-5-mini', tools: [echo] });
console.log((await run(agent, 'Say hi.')).finalOutput);
