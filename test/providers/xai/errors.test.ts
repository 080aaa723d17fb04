import { describe, expect, it } from 'vitest';
import type { ProviderAnswer } from '../../../src/http/types.js';
import { classifyXAIAnswer } from '../../../src/providers/xai/errors.js';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): ProviderAnswer {
  return { status, body, headers: new Headers(headers), request: { method: 'POST', path: 'responses' } };
}

describe('classifyXAIAnswer', () => {
  it('passes successes', () => {
    expect(classifyXAIAnswer(answer(200, {}))).toBeNull();
  });

  it('reads both envelopes and plain text', () => {
    expect(classifyXAIAnswer(answer(422, { code: 'Unprocessable', error: 'missing field input' }))).toMatchObject({
      kind: 'bad-request',
      code: 'Unprocessable',
      message: 'missing field input',
      retryable: false,
    });
    expect(
      classifyXAIAnswer(
        answer(404, {
          error: { message: 'Model not found', type: 'invalid_request_error', code: 'model_not_found', param: 'model' },
        }),
      ),
    ).toMatchObject({ kind: 'not-found', code: 'model_not_found', type: 'invalid_request_error', param: 'model' });
    expect(classifyXAIAnswer(answer(500, 'upstream failure'))).toMatchObject({
      kind: 'server',
      message: 'upstream failure',
      retryable: true,
    });
  });

  it('treats a 400 about the API key as authentication, and credit problems as quota', () => {
    expect(classifyXAIAnswer(answer(400, { code: 'x', error: 'Incorrect API key provided: xa***ab.' }))).toMatchObject({
      kind: 'authentication',
      retryable: false,
    });
    expect(classifyXAIAnswer(answer(403, { code: 'x', error: 'Your team has run out of credits.' }))).toMatchObject({
      kind: 'quota',
    });
  });

  it('retries 529 and 429, and hints at reasoning replay on a reasoning 400', () => {
    expect(classifyXAIAnswer(answer(529, { error: 'overloaded' }))).toMatchObject({ kind: 'server', retryable: true });
    expect(classifyXAIAnswer(answer(429, { error: 'slow down' }, { 'retry-after': '3' }))).toMatchObject({
      kind: 'rate-limit',
      retryable: true,
      jobMayHaveStarted: false,
    });
    expect(classifyXAIAnswer(answer(400, { error: 'Missing encrypted_content for reasoning item' }))?.message).toMatch(
      /previous_response_id/,
    );
  });
});
