/**
 * Anchor: the same 50-step run through the OpenAI Agents SDK (`@openai/agents` 0.20.0): an `Agent` with one zod
 * tool, `run(agent, input, { maxTurns })`, tracing off. The Agents SDK sends the whole history each turn (its default).
 */
import { Agent, run, setDefaultOpenAIClient, setTracingDisabled, tool } from '@openai/agents';
import OpenAI from 'openai';
import * as z from 'zod';
import { baseUrl, measure } from './measure.mjs';

setTracingDisabled(true);
setDefaultOpenAIClient(new OpenAI({ apiKey: 'bench', baseURL: baseUrl() }));
const agent = new Agent({
  name: 'bench',
  instructions: 'Call echo until told to stop.',
  model: 'gpt-x',
  tools: [
    tool({
      name: 'echo',
      description: 'Echoes its text.',
      parameters: z.object({ text: z.string() }),
      execute: ({ text }) => JSON.stringify({ text }),
    }),
  ],
});

await measure(async () => (await run(agent, 'Start echoing.', { maxTurns: 60 })).finalOutput);
