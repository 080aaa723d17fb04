import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BadRequestError,
  ContentFilterError,
  QuotaExceededError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
} from '../../../src/common/errors.js';
import type { ResponsesDialect } from '../../../src/protocols/openai-responses/dialect.js';
import {
  imageMimeType,
  parseResponsesResponse,
  responsesErrorToException,
} from '../../../src/protocols/openai-responses/response.js';

const dialect: ResponsesDialect = {
  provider: 'openai',
  instructionsWithPreviousResponse: true,
  strictTools: true,
  outputTokensIncludeReasoning: true,
};

describe('parseResponsesResponse', () => {
  it('maps output items in order and keeps unknown items for replay', () => {
    const response = parseResponsesResponse(
      {
        id: 'resp_1',
        status: 'completed',
        output: [
          {
            type: 'reasoning',
            id: 'rs_1',
            summary: [
              { type: 'summary_text', text: 'a' },
              { type: 'summary_text', text: 'b' },
            ],
            content: [{ type: 'reasoning_text', text: 'raw' }],
          },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hi' }, { type: 'weird' }] },
          { type: 'code_interpreter_call', id: 'ci_1', code: 'print(1)' },
          { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{"a":' },
          { type: 'function_call', call_id: 5 },
          { type: 'image_generation_call', id: 'ig_1', status: 'failed', result: null },
        ],
        usage: null,
      },
      { dialect, store: false },
    );
    expect(response.message.content).toEqual([
      {
        type: 'reasoning',
        provider: 'openai',
        summary: 'a\n\nb',
        text: 'raw',
        data: {
          type: 'reasoning',
          id: 'rs_1',
          summary: [
            { type: 'summary_text', text: 'a' },
            { type: 'summary_text', text: 'b' },
          ],
          content: [{ type: 'reasoning_text', text: 'raw' }],
        },
      },
      { type: 'text', text: 'Hi' },
      {
        type: 'provider-item',
        provider: 'openai',
        data: { type: 'code_interpreter_call', id: 'ci_1', code: 'print(1)' },
      },
      { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"a":', itemId: 'fc_1' },
      { type: 'provider-item', provider: 'openai', data: { type: 'function_call', call_id: 5 } },
      {
        type: 'provider-item',
        provider: 'openai',
        data: { type: 'image_generation_call', id: 'ig_1', status: 'failed', result: null },
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(response.continuation).toBeUndefined();
  });

  it('reports a refusal as content-filter', () => {
    const response = parseResponsesResponse(
      { id: 'r', status: 'completed', output: [{ type: 'message', content: [{ type: 'refusal', refusal: 'No.' }] }] },
      { dialect, store: true },
    );
    expect(response.finishReason).toBe('content-filter');
    expect(response.message.content).toEqual([{ type: 'text', text: 'No.', refusal: true }]);
  });

  it('throws on a body that is not a response, and on background states', () => {
    expect(() => parseResponsesResponse({ output: [] }, { dialect, store: true })).toThrow(ResponseValidationError);
    expect(() => parseResponsesResponse({ id: 'r', status: 'queued', output: [] }, { dialect, store: true })).toThrow(
      /queued/,
    );
    const cancelled = (() => {
      try {
        parseResponsesResponse({ id: 'r', status: 'cancelled', output: [] }, { dialect, store: true });
      } catch (error) {
        return error;
      }
    })();
    expect(ApiError.isInstance(cancelled) && cancelled.code).toBe('cancelled');
  });
});

describe('responsesErrorToException', () => {
  it('picks the error class from code and status', () => {
    const cases: [Record<string, unknown>, (value: unknown) => boolean][] = [
      [{ code: 'rate_limit_exceeded', message: 'slow down' }, (e) => RateLimitError.isInstance(e)],
      [{ code: 'insufficient_quota' }, (e) => QuotaExceededError.isInstance(e)],
      [{ code: 'server_error' }, (e) => ServerError.isInstance(e)],
      [{ code: 529, status: 529, message: 'overloaded' }, (e) => ServerError.isInstance(e)],
      [{ code: 'image_content_policy_violation' }, (e) => ContentFilterError.isInstance(e)],
      [{ code: 'bio_policy' }, (e) => ContentFilterError.isInstance(e)],
      [{ code: 'invalid_image_url' }, (e) => BadRequestError.isInstance(e)],
      [{ code: 'vector_store_timeout' }, (e) => ApiError.isInstance(e) && !ServerError.isInstance(e)],
    ];
    for (const [error, check] of cases) expect(check(responsesErrorToException('openai', error))).toBe(true);
    const error = responsesErrorToException(
      'openai',
      { code: null, message: 'x' },
      { requestId: 'req_1', responseId: 'resp_1' },
    );
    expect(error).toMatchObject({ status: 200, requestId: 'req_1' });
    expect(error.message).toContain('resp_1');
  });
});

describe('imageMimeType', () => {
  it('reads the format name or the first bytes', () => {
    expect(imageMimeType('xxxx', 'webp')).toBe('image/webp');
    expect(imageMimeType('/9j/4AAQ')).toBe('image/jpeg');
    expect(imageMimeType('iVBORw0K')).toBe('image/png');
    expect(imageMimeType('UklGRg==')).toBe('image/webp');
  });
});
