/**
 * Reference variant: ours with the request timeout turned off (`timeoutMs: Infinity`), so, like the baseline's raw
 * loop, no fetch carries an AbortSignal. Against `baseline` it is the like-for-like figure: the SDK's own cost
 * without the price of cancellable requests (which `baseline-timeout` ÷ `baseline` shows).
 */
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
const client = createOpenAIClient({ apiKey: 'bench', baseUrl: baseUrl(), timeoutMs: Number.POSITIVE_INFINITY });
const agent = new Agent({
  name: 'bench',
  instructions: 'Call echo until told to stop.',
  model: openai('gpt-x', { client }),
  tools: [echoTool],
  maxTurns: 60,
});

await measure(async () => (await agent.run('Start echoing.')).text);
