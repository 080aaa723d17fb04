/**
 * Attribution variant: the baseline's hand-built bodies sent through `createOpenAIClient().request()` instead of raw
 * fetch, so the figures show the HTTP layer's share.
 */
import { createOpenAIClient } from '../../dist/providers/openai/index.js';
import { baseUrl, measure } from './measure.mjs';

const client = createOpenAIClient({ apiKey: 'bench', baseUrl: baseUrl() });
const instructions = 'Call echo until told to stop.';
const tools = [
  {
    type: 'function',
    name: 'echo',
    description: 'Echoes its text.',
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    },
    strict: true,
  },
];

async function runOnce() {
  let body = {
    model: 'gpt-x',
    instructions,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'Start echoing.' }] }],
    tools,
    store: true,
  };
  for (let turn = 0; turn < 60; turn += 1) {
    const response = (await client.request({ method: 'POST', path: 'responses', json: body, retry: 'safe' })).data;
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length === 0) {
      return response.output
        .filter((item) => item.type === 'message')
        .flatMap((item) => item.content)
        .filter((part) => part.type === 'output_text')
        .map((part) => part.text)
        .join('');
    }
    const outputs = calls.map((call) => {
      const input = JSON.parse(call.arguments);
      return { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ text: input.text }) };
    });
    body = { model: 'gpt-x', instructions, previous_response_id: response.id, input: outputs, tools, store: true };
  }
  throw new Error('no final answer');
}

await measure(runOnce);
