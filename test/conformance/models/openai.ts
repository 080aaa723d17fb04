/**
 * Conformance adapter of OpenAI's Responses model (`hello-dave/openai`): answers in the Responses format
 * (shared/api/openai-responses.md), stored responses chained with `previous_response_id`, `store: false` for the
 * stateless reasoning round trip. Not a test file.
 */
import { expect } from 'vitest';
import { ServerError } from '../../../src/index.js';
import { createOpenAIClient, openai } from '../../../src/providers/openai/index.js';
import { type ConformanceAdapter, sse } from '../adapter.js';
import { responsesWire } from '../responses-wire.js';

const wire = responsesWire({
  model: 'gpt-5.4-mini',
  responseId: (n) => `resp_conf_${n}`,
  usage: (turn) => ({
    input_tokens: turn.usage.input,
    input_tokens_details: { cached_tokens: turn.usage.cached },
    output_tokens: turn.usage.output,
    output_tokens_details: { reasoning_tokens: turn.usage.reasoning },
    total_tokens: turn.usage.input + turn.usage.output,
  }),
  instructionsWhenChained: true,
  strict: true,
});

export const openaiAdapter: ConformanceAdapter = {
  ...wire,
  name: 'openai',
  origin: 'https://api.openai.com',
  path: '/v1/responses',
  notes: {
    answer:
      'shared/api/openai-responses.md § Response object, § Output item shapes, § Examples / 2. Function calling round trip',
    stream: 'shared/api/openai-responses.md § Streaming (stream: true) (typical order, function call events)',
    error: 'shared/api/openai-responses.md § Streaming (stream: true), errors mid-stream',
  },
  toolErrorFlag: false,
  argumentsAsText: true,
  model: ({ reasoning = false } = {}) =>
    openai('gpt-5.4-mini', {
      client: createOpenAIClient({ apiKey: 'sk-test-0123456789abcdef', maxRetries: 0, env: {} }),
      ...(reasoning ? { store: false } : {}),
    }),
  reasoningSettings: { reasoning: { effort: 'low', summary: 'auto' } },
  callId: (base) => `call_${base}`,
  errorEvents: (textBefore) => [
    ...wire.streamStart(),
    sse(
      {
        type: 'response.output_text.delta',
        sequence_number: 2,
        item_id: 'msg_conf_err',
        output_index: 0,
        content_index: 0,
        delta: textBefore,
      },
      'response.output_text.delta',
    ),
    sse(
      {
        type: 'error',
        code: 'server_error',
        message: 'The server had an error processing your request.',
        param: null,
        sequence_number: 3,
      },
      'error',
    ),
  ],
  expectStreamError(error) {
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'openai', code: 'server_error' });
  },
};
