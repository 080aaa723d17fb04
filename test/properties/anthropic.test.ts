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
      {
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look', citations: null, cache_control: { type: 'ephemeral', ttl: '1h' } },
              {
                type: 'image',
                source: { type: 'base64', media_type: 'image/png', data: 'AAAA' },
                cache_control: { type: 'ephemeral' },
              },
              {
                type: 'document',
                source: { type: 'url', url: 'https://example.com/a.pdf' },
                title: 'A',
                context: 'c',
                citations: { enabled: true },
                cache_control: { type: 'ephemeral' },
              },
              {
                type: 'document',
                source: { type: 'file', file_id: 'file_1' },
                citations: { enabled: false },
                cache_control: { type: 'ephemeral' },
              },
              {
                type: 'document',
                source: { type: 'text', media_type: 'text/plain', data: 'plain' },
                citations: { enabled: true },
                cache_control: { type: 'ephemeral' },
              },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 't', signature: 's' },
              { type: 'redacted_thinking', data: 'r' },
              { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} },
              { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
            ],
          },
        ],
        system: [{ type: 'text', text: 'be brief', citations: [], cache_control: { type: 'ephemeral' } }],
        tools: [
          {
            name: 'lookup',
            description: 'd',
            input_schema: { type: 'object' },
            strict: true,
            cache_control: { type: 'ephemeral' },
          },
          { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        ],
        cache_control: { type: 'ephemeral', ttl: '5m' },
        container: 'container_1',
        inference_geo: 'us',
      },
      { ...base, messages: [{ role: 'user', content: 'hi' }], container: { id: 'container_1' } },
    ],
    // A block of a type the SDK does not know passes as is (server tool blocks, search results, new kinds).
    accepted: Object.fromEntries(
      [
        ...[0, 1, 2, 3, 4].map((index) => `messages.0.content.${index}.type`),
        ...[0, 1, 2].map((index) => `messages.1.content.${index}.type`),
      ].map((field) => [`${field} = "not-a-real-value"`, 'an unknown block type']),
    ),
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
