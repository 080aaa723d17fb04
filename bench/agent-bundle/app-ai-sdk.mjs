// Anchor: the AI SDK (ai 7.0.173 + @ai-sdk/openai 4.0.118): generateText with one classic-zod tool.
import { openai } from '@ai-sdk/openai';
import { generateText, isStepCount, tool } from 'ai';
import * as z from 'zod';

const echo = tool({
  description: 'Echoes its text.',
  inputSchema: z.object({ text: z.string() }),
  execute: ({ text }) => ({ text }),
});
const result = await generateText({
  model: openai.responses('gpt-5-mini'),
  system: 'Call echo once.',
  prompt: 'Say hi.',
  tools: { echo },
  stopWhen: isStepCount(5),
});
console.log(result.text);
