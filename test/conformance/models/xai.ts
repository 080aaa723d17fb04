/**
 * Conformance adapter of xAI's Responses model (`hello-dave/xai`): the Responses format as xAI speaks it
 * (shared/api/xai.md § POST /v1/responses): UUID-like response ids, `output_tokens` without reasoning, no
 * `instructions` next to `previous_response_id`, flat stream errors. Not a test file.
 */
import { expect } from 'vitest';
import { ServerError } from '../../../src/index.js';
import { createXAIClient, xai } from '../../../src/providers/xai/index.js';
import { type ConformanceAdapter, sse } from '../adapter.js';
import { responsesWire } from '../responses-wire.js';

const wire = responsesWire({
  model: 'grok-4.3',
  responseId: (n) => `c0f0c0f0-0000-4000-8000-00000000000${n}`,
  usage: (turn) => ({
    input_tokens: turn.usage.input,
    input_tokens_details: { cached_tokens: turn.usage.cached },
    // xAI counts visible output only; total_tokens includes reasoning.
    output_tokens: turn.usage.output - turn.usage.reasoning,
    output_tokens_details: { reasoning_tokens: turn.usage.reasoning },
    total_tokens: turn.usage.input + turn.usage.output,
    num_sources_used: 0,
    num_server_side_tools_used: 0,
  }),
  instructionsWhenChained: false,
  strict: false,
});

export const xaiAdapter: ConformanceAdapter = {
  ...wire,
  name: 'xai',
  origin: 'https://api.x.ai',
  path: '/v1/responses',
  notes: {
    answer: 'shared/api/xai.md § POST /v1/responses (response, usage, function-call follow-up)',
    stream: 'shared/api/xai.md § POST /v1/responses, Streaming (OpenAI-style typed SSE events)',
    error:
      'shared/api/xai.md § POST /v1/responses, Streaming (error events flat {message, code, status}; 529 = overloaded)',
  },
  toolErrorFlag: false,
  argumentsAsText: true,
  model: ({ reasoning = false } = {}) =>
    xai('grok-4.3', {
      client: createXAIClient({ apiKey: 'xai-test-0123456789abcdef', maxRetries: 0, env: {} }),
      ...(reasoning ? { store: false } : {}),
    }),
  reasoningSettings: { reasoning: { effort: 'low' } },
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
    sse({ message: 'The model is currently overloaded. Please try again later.', code: 529, status: 529 }, 'error'),
  ],
  expectStreamError(error) {
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'xai', status: 529 });
  },
};
