/**
 * The agent the `ours` variants run, from the built dist/: `new Agent({ model: openai('gpt-x', { client }),
 * tools: [echo] })`. `clientOptions` go to `createOpenAIClient` besides the bench key and base URL.
 */
import * as z from 'zod/mini';
import { Agent, defineTool } from '../../dist/index.js';
import { createOpenAIClient, openai } from '../../dist/providers/openai/index.js';
import { baseUrl } from './measure.mjs';

const echoTool = defineTool({
  name: 'echo',
  description: 'Echoes its text.',
  input: z.object({ text: z.string() }),
  run: ({ text }) => ({ text }),
});

export function benchAgent(clientOptions = {}) {
  const client = createOpenAIClient({ apiKey: 'bench', baseUrl: baseUrl(), ...clientOptions });
  return new Agent({
    name: 'bench',
    instructions: 'Call echo until told to stop.',
    model: openai('gpt-x', { client }),
    tools: [echoTool],
    maxTurns: 60,
  });
}
