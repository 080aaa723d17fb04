/**
 * Bad input for the Anthropic Messages request schema, through the client: see ./harness.ts.
 */

import { type AnthropicClient, createAnthropicClient, createMessage } from '../../src/providers/anthropic/index.js';
import { createMessageSchema } from '../../src/providers/anthropic/message-params.js';
import { describeEndpoints, type Endpoint } from './harness.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 4096 };

const endpoints: Endpoint<AnthropicClient>[] = [
  {
    name: 'createMessage (POST /v1/messages)',
    schema: createMessageSchema,
    examples: [
      {
        ...base,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        system: [{ type: 'text', text: 'be brief' }],
        tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: 'lookup', disable_parallel_tool_use: true },
        stop_sequences: ['END'],
        stream: false,
        thinking: { type: 'enabled', budget_tokens: 2048, display: 'summarized' },
        output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } },
        metadata: { user_id: 'u-1' },
        temperature: 1,
        top_p: 0.99,
        top_k: 5,
        service_tier: 'auto',
      },
      {
        ...base,
        messages: [{ role: 'user', content: 'hi' }],
        system: 'be brief',
        tool_choice: { type: 'auto', disable_parallel_tool_use: false },
        thinking: { type: 'adaptive', display: 'omitted' },
      },
      {
        ...base,
        messages: [{ role: 'user', content: 'hi' }],
        tool_choice: { type: 'none' },
        thinking: { type: 'disabled' },
      },
    ],
    call: (client, params) => createMessage(client, params),
    rules: [
      {
        kind: 'out of range',
        label: 'thinking budget not below max_tokens',
        set: { 'thinking.budget_tokens': 4096 },
        names: ['thinking.budget_tokens'],
      },
      {
        kind: 'mutually exclusive',
        label: 'temperature other than 1 on a model after Claude Opus 4.6',
        set: { model: 'claude-opus-4-7', temperature: 0.5, top_p: undefined, top_k: undefined },
        names: ['temperature'],
      },
      {
        kind: 'mutually exclusive',
        label: 'top_k on a model after Claude Opus 4.6',
        set: { model: 'claude-opus-4-7', temperature: undefined, top_p: undefined },
        names: ['top_k'],
      },
    ],
  },
];

describeEndpoints(
  'Anthropic',
  (fetch) => createAnthropicClient({ apiKey: 'anthropic-properties-test', maxRetries: 0, env: {}, fetch }),
  endpoints,
);
