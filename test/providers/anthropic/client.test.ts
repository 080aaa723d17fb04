import { describe, expect, it } from 'vitest';
import { MissingApiKeyError } from '../../../src/common/errors.js';
import {
  anthropicStreamError,
  classifyAnthropicAnswer,
  createAnthropicClient,
  createMessage,
} from '../../../src/providers/anthropic/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), body, request: { method: 'POST', path: '/v1/messages' } };
}

describe('createAnthropicClient', () => {
  it('defaults to https://api.anthropic.com/v1', () => {
    expect(createAnthropicClient({ env: {} }).baseUrl).toBe('https://api.anthropic.com/v1');
  });

  it('reads ANTHROPIC_BASE_URL as the API root (as the official SDK does) and appends /v1 once', () => {
    expect(createAnthropicClient({ env: { ANTHROPIC_BASE_URL: 'https://proxy.example/' } }).baseUrl).toBe(
      'https://proxy.example/v1',
    );
    expect(createAnthropicClient({ env: { ANTHROPIC_BASE_URL: 'https://proxy.example/v1' } }).baseUrl).toBe(
      'https://proxy.example/v1',
    );
    expect(createAnthropicClient({ env: {}, baseUrl: 'https://gateway.example/anthropic' }).baseUrl).toBe(
      'https://gateway.example/anthropic',
    );
  });

  it('raises MissingApiKeyError naming ANTHROPIC_API_KEY on the first request', async () => {
    const client = createAnthropicClient({ env: {} });
    const error = await createMessage(client, {
      model: 'claude-sonnet-4-6',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    }).catch((caught: unknown) => caught);
    expect(MissingApiKeyError.isInstance(error)).toBe(true);
    expect((error as MissingApiKeyError).envVars).toEqual(['ANTHROPIC_API_KEY']);
  });

  it('sends the key from ANTHROPIC_API_KEY, anthropic-version and anthropic-beta; createMessage returns the wire object', async () => {
    const replay = await useFixtures(server, 'test/fixtures/anthropic/messages-basic', {
      baseUrl: 'https://api.anthropic.com',
    });
    const client = createAnthropicClient({
      env: { ANTHROPIC_API_KEY: 'sk-ant-env-key-0123456789' },
      betas: ['files-api-2025-04-14', 'other-beta'],
    });
    const message = await createMessage(client, {
      model: 'claude-sonnet-4-6',
      max_tokens: 512,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Why is the sky blue?' }],
    });
    replay.assertAllUsed();
    expect(message.id).toBe('msg_01XFDUDYJgAACzvnptvVoYEL');
    expect(message.stop_reason).toBe('end_turn');
    expect(replay.requests[0]?.headers['x-api-key']).toBe('sk-ant-env-key-0123456789');
    expect(replay.requests[0]?.headers['anthropic-beta']).toBe('files-api-2025-04-14,other-beta');
  });
});

describe('classifyAnthropicAnswer', () => {
  it('passes 2xx', () => {
    expect(classifyAnthropicAnswer(answer(200, {}))).toBeNull();
  });

  it('retries 529 overloaded_error as a server error unless x-should-retry says no', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    expect(classifyAnthropicAnswer(answer(529, body))).toMatchObject({
      kind: 'server',
      retryable: true,
      type: 'overloaded_error',
      message: 'Overloaded',
    });
    expect(classifyAnthropicAnswer(answer(529, body, { 'x-should-retry': 'false' }))?.retryable).toBe(false);
  });

  it('retries every status of 500 and above, as the official SDK does (501, 520), unless x-should-retry says no', () => {
    const body = { type: 'error', error: { type: 'api_error', message: 'Internal server error' } };
    for (const status of [501, 505, 520, 599]) {
      expect(classifyAnthropicAnswer(answer(status, body)), String(status)).toMatchObject({
        kind: 'server',
        retryable: true,
      });
    }
    expect(classifyAnthropicAnswer(answer(501, body, { 'x-should-retry': 'false' }))?.retryable).toBe(false);
    expect(classifyAnthropicAnswer(answer(413, body))?.retryable).toBe(false);
  });

  it('takes the request id from the body when there is no header', () => {
    const body = { type: 'error', error: { type: 'api_error', message: 'boom' }, request_id: 'req_body' };
    expect(classifyAnthropicAnswer(answer(500, body))).toMatchObject({
      kind: 'server',
      retryable: true,
      requestId: 'req_body',
    });
  });

  it('types stream error events by error.type', () => {
    const rate = anthropicStreamError(
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      'req_1',
    );
    expect(rate.name).toBe('RateLimitError');
    expect(rate).toMatchObject({ status: 200, requestId: 'req_1', type: 'rate_limit_error' });
    expect(anthropicStreamError({ type: 'error', error: { type: 'invalid_request_error', message: 'x' } }).name).toBe(
      'BadRequestError',
    );
    expect(anthropicStreamError({}).name).toBe('ServerError');
  });
});
