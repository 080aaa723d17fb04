/**
 * Direct tests of the retry decisions (`src/http/retry.ts`): the status table, the message picked out of error
 * envelopes, the default classifier's verdicts and Retry-After parsing. The HTTP client's use of them (waits,
 * attempts) is tested in create-http-client.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultClassifier,
  extractMessage,
  kindForStatus,
  parseRetryAfter,
  RETRYABLE_STATUSES,
} from '../../src/http/retry.js';
import type { ProviderAnswer } from '../../src/http/types.js';

function answer(status: number, body: unknown = undefined, headers: Record<string, string> = {}): ProviderAnswer {
  return { status, headers: new Headers(headers), body, request: { method: 'POST', path: 'x' } };
}

describe('kindForStatus', () => {
  it.each([
    [400, 'bad-request'],
    [422, 'bad-request'],
    [401, 'authentication'],
    [403, 'permission'],
    [404, 'not-found'],
    [409, 'conflict'],
    [429, 'rate-limit'],
    [500, 'server'],
    [503, 'server'],
    [529, 'server'],
    [402, 'other'],
    [408, 'other'],
    [413, 'other'],
    [302, 'other'],
  ] as const)('%i is %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });
});

describe('extractMessage', () => {
  it.each([
    ['{ error: { message } } (OpenAI, Anthropic)', { error: { message: 'bad model', type: 'x' } }, 'bad model'],
    [
      '{ error: string } (xAI)',
      { code: 'Client specified an invalid argument', error: 'Incorrect API key' },
      'Incorrect API key',
    ],
    ['{ message }', { message: 'slow down' }, 'slow down'],
    ['{ detail } (FastAPI)', { detail: 'not found' }, 'not found'],
    ['{ error_description } (OAuth)', { error_description: 'expired token' }, 'expired token'],
    ['{ msg }', { msg: 'oops' }, 'oops'],
    ['text, trimmed', '  upstream timed out \n', 'upstream timed out'],
  ])('reads %s', (_name, body, message) => {
    expect(extractMessage(body)).toBe(message);
  });

  it('prefers error.message over a top-level message, and skips an error object without one', () => {
    expect(extractMessage({ error: { message: 'inner' }, message: 'outer' })).toBe('inner');
    expect(extractMessage({ error: { code: 7 }, message: 'outer' })).toBe('outer');
  });

  it('cuts text bodies at 500 characters and finds nothing in blank text, non-objects or unknown shapes', () => {
    expect(extractMessage('x'.repeat(600))).toBe('x'.repeat(500));
    expect(extractMessage('   ')).toBeUndefined();
    expect(extractMessage(undefined)).toBeUndefined();
    expect(extractMessage(42)).toBeUndefined();
    expect(extractMessage({ status: 'failed', message: 3 })).toBeUndefined();
  });
});

describe('defaultClassifier', () => {
  it('is no error for any 2xx', () => {
    expect(defaultClassifier(answer(200))).toBeNull();
    expect(defaultClassifier(answer(204))).toBeNull();
    expect(defaultClassifier(answer(299))).toBeNull();
  });

  it('retries exactly 408, 409, 429 and the listed 5xx', () => {
    expect(RETRYABLE_STATUSES).toEqual([408, 409, 429, 500, 502, 503, 504]);
    for (const status of [400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504, 529]) {
      expect(defaultClassifier(answer(status))?.retryable, String(status)).toBe(RETRYABLE_STATUSES.includes(status));
    }
  });

  it("gives the kind, the body's message (else HTTP <status>) and says only a 429 started no job", () => {
    expect(defaultClassifier(answer(429, { error: { message: 'Rate limit reached' } }))).toEqual({
      kind: 'rate-limit',
      message: 'Rate limit reached',
      retryable: true,
      jobMayHaveStarted: false,
    });
    expect(defaultClassifier(answer(503))).toEqual({
      kind: 'server',
      message: 'HTTP 503',
      retryable: true,
      jobMayHaveStarted: true,
    });
  });

  it('lets x-should-retry override the status either way, and ignores other values', () => {
    expect(defaultClassifier(answer(500, undefined, { 'x-should-retry': 'false' }))?.retryable).toBe(false);
    expect(defaultClassifier(answer(400, undefined, { 'x-should-retry': 'true' }))?.retryable).toBe(true);
    expect(defaultClassifier(answer(500, undefined, { 'x-should-retry': 'maybe' }))?.retryable).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 0);
  const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);

  it('reads seconds (fractions too) as milliseconds', () => {
    expect(parse({ 'retry-after': '7' })).toBe(7000);
    expect(parse({ 'retry-after': ' 1.5 ' })).toBe(1500);
    expect(parse({ 'retry-after': '0' })).toBe(0);
  });

  it('reads an HTTP date as the time left, never below 0', () => {
    expect(parse({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' })).toBe(10_000);
    expect(parse({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' })).toBe(0);
  });

  it('prefers retry-after-ms, and falls back to Retry-After when it is negative or not a number', () => {
    expect(parse({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(parse({ 'retry-after-ms': '-5', 'retry-after': '9' })).toBe(9000);
    expect(parse({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toBe(2000);
    expect(parse({ 'retry-after-ms': '-5' })).toBeUndefined();
  });

  it('is undefined when absent or unreadable', () => {
    expect(parse({})).toBeUndefined();
    expect(parse({ 'retry-after': 'soon' })).toBeUndefined();
  });

  it('measures dates from the real clock when no time is given', () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const waited = parseRetryAfter(new Headers({ 'retry-after': inAMinute }));
    expect(waited).toBeGreaterThan(58_000);
    expect(waited).toBeLessThanOrEqual(60_000);
  });
});
