/** Ours: `new Agent({ model: openai('gpt-x', { client }), tools: [echo] }).run(…)` from the built dist/. */
import * as z from 'zod/mini';
import { Agent, defineTool } from '../../dist/index.js';
import { createOpenAIClient, openai } from '../../dist/providers/openai/index.js';
import { baseUrl, measure } from './measure.mjs';

const echoTool = defineTool({
  name: 'echo',
  description: 'Echoes its text.',
  input: z.object({ text: z.string() }),
  run: ({ text }) => ({ text }),
});
const agent = new Agent({
  name: 'bench',
  instructions: 'Call echo until told to stop.',
  model: openai('gpt-x', { client: createOpenAIClient({ apiKey: 'bench', baseUrl: baseUrl() }) }),
  tools: [echoTool],
  maxTurns: 60,
});

await measure(async () => (await agent.run('Start echoing.')).text);
