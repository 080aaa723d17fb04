/**
 * Bad input for the Chat Completions request schema (any OpenAI-compatible server), through the client: see
 * ./harness.ts.
 */
import { createSchema } from '../../src/providers/openai-compatible/chat-completions-schema.js';
import {
  type ChatCompletionsClient,
  createChatCompletion,
  createChatCompletionsClient,
} from '../../src/providers/openai-compatible/index.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const endpoints: Endpoint<ChatCompletionsClient>[] = [
  {
    name: 'createChatCompletion (POST /chat/completions)',
    schema: createSchema,
    examples: [
      {
        model: 'llama3.2',
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
            reasoning_content: 'thinking',
          },
          { role: 'tool', tool_call_id: 'call_1', content: '42' },
        ],
        tools: [
          { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } },
        ],
        tool_choice: { type: 'function', function: { name: 'f' } },
        parallel_tool_calls: false,
        max_tokens: 100,
        max_completion_tokens: 100,
        temperature: 0.7,
        top_p: 0.9,
        stream: false,
      },
      { model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], tool_choice: 'auto' },
      {
        model: 'gpt-x',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
              { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
              {
                type: 'file',
                file: { file_id: 'file_1', file_data: 'data:application/pdf;base64,AAAA', filename: 'a.pdf' },
              },
            ],
          },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'answer', description: 'd', schema: { type: 'object' }, strict: true },
        },
        stop: ['END'],
        seed: 7,
        reasoning_effort: 'low',
        stream_options: { include_usage: true },
        user: 'user-1',
      },
      {
        model: 'gpt-x',
        messages: [{ role: 'developer', content: 'x' }],
        response_format: { type: 'json_object' },
        stop: 'END',
      },
    ],
    call: (client, params) => createChatCompletion(client, params),
  },
];

describeEndpoints(
  'OpenAI-compatible',
  (fetch) =>
    createChatCompletionsClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKey: 'compat-properties-test',
      maxRetries: 0,
      env: {},
      fetch,
    }),
  endpoints,
);
