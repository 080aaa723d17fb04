/**
 * Attribution variant: the same loop driven by hand over `openai('gpt-x').generate()` (no Agent), so the figures
 * separate the Responses mapping + HTTP layer from the agent loop.
 */
import { createOpenAIClient, openai } from '../../dist/providers/openai/index.js';
import { baseUrl, measure } from './measure.mjs';

const model = openai('gpt-x', { client: createOpenAIClient({ apiKey: 'bench', baseUrl: baseUrl() }) });
const tools = [
  {
    name: 'echo',
    description: 'Echoes its text.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
];

async function runOnce() {
  const messages = [{ role: 'user', content: [{ type: 'text', text: 'Start echoing.' }] }];
  let continuation;
  for (let turn = 0; turn < 60; turn += 1) {
    const response = await model.generate({
      instructions: 'Call echo until told to stop.',
      messages,
      tools,
      continuation,
    });
    messages.push(response.message);
    continuation = response.continuation;
    const calls = response.message.content.filter((part) => part.type === 'tool-call');
    if (calls.length === 0)
      return response.message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    messages.push({
      role: 'tool',
      content: calls.map((call) => {
        const input = JSON.parse(call.arguments);
        return { type: 'tool-result', callId: call.id, name: call.name, output: JSON.stringify({ text: input.text }) };
      }),
    });
  }
  throw new Error('no final answer');
}

await measure(runOnce);
