/**
 * Anchor: the same 50-step run through the AI SDK (`ai` 7.0.173 + `@ai-sdk/openai` 4.0.118): `generateText` with one
 * zod tool and a step limit, on the Responses model. The AI SDK sends the whole history each step (its default).
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, tool } from 'ai';
import * as z from 'zod';
import { baseUrl, measure } from './measure.mjs';

const model = createOpenAI({ apiKey: 'bench', baseURL: baseUrl() }).responses('gpt-x');
const tools = {
  echo: tool({
    description: 'Echoes its text.',
    inputSchema: z.object({ text: z.string() }),
    execute: ({ text }) => ({ text }),
  }),
};

await measure(async () => {
  const result = await generateText({
    model,
    system: 'Call echo until told to stop.',
    prompt: 'Start echoing.',
    tools,
    stopWhen: isStepCount(60),
  });
  return result.text;
});
