/**
 * Direct tests of `src/http/api-error.ts`: one error class per verdict kind, the details kept from the verdict and
 * the answer, the hint appended to the message, and the special verdicts (custom base URL 404, fixture mismatch).
 */
import { describe, expect, it } from 'vitest';
import {
  apiErrorFromVerdict,
  customBaseUrlVerdict,
  defaultHint,
  fixtureMismatchVerdict,
} from '../../src/http/api-error.js';
import type { ClassifiedError, ErrorKind } from '../../src/http/types.js';
import {
  ApiError,
  ApiRetiredError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentFilterError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../src/index.js';

const verdict = (kind: ErrorKind, extra: Partial<ClassifiedError> = {}): ClassifiedError => ({
  kind,
  message: 'The provider said no.',
  retryable: false,
  ...extra,
});

describe('apiErrorFromVerdict', () => {
  it.each([
    ['bad-request', BadRequestError],
    ['authentication', AuthenticationError],
    ['permission', PermissionDeniedError],
    ['not-found', NotFoundError],
    ['conflict', ConflictError],
    ['rate-limit', RateLimitError],
    ['quota', QuotaExceededError],
    ['content-filter', ContentFilterError],
    ['server', ServerError],
    ['retired', ApiRetiredError],
  ] as const)('makes a %s verdict a %s', (kind, ErrorClass) => {
    const error = apiErrorFromVerdict(verdict(kind), { provider: 'acme', status: 418 });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ provider: 'acme', status: 418 });
  });

  it('makes any other verdict a plain ApiError without a hint', () => {
    const error = apiErrorFromVerdict(verdict('other'), { provider: 'acme', status: 418 });
    expect(error.constructor).toBe(ApiError);
    expect(error.message).toContain('The provider said no.');
    expect(error.message).not.toContain(' — ');
  });

  it("keeps the verdict's code, type, param and request id, and the raw body", () => {
    const body = { error: { message: 'no', type: 'invalid_request_error', code: 'bad_param', param: 'size' } };
    const error = apiErrorFromVerdict(
      verdict('bad-request', { code: 'bad_param', type: 'invalid_request_error', param: 'size', requestId: 'req_v' }),
      { provider: 'acme', status: 400, body, headers: new Headers({ 'x-request-id': 'req_header' }) },
    );
    expect(error).toMatchObject({
      code: 'bad_param',
      type: 'invalid_request_error',
      param: 'size',
      requestId: 'req_v',
      body,
    });
  });

  it('reads the request id from the headers, first listed name present wins', () => {
    const headers = new Headers({ 'request-id': 'req_b', 'x-request-id': 'req_a', 'cf-ray': 'ray_1' });
    expect(apiErrorFromVerdict(verdict('server'), { provider: 'acme', status: 500, headers }).requestId).toBe('req_a');
    const custom = apiErrorFromVerdict(verdict('server'), {
      provider: 'acme',
      status: 500,
      headers,
      requestIdHeaders: ['cf-ray', 'x-request-id'],
    });
    expect(custom.requestId).toBe('ray_1');
    expect(apiErrorFromVerdict(verdict('server'), { provider: 'acme', status: 500 }).requestId).toBeUndefined();
  });

  it("takes retryAfterMs from the verdict, else from Retry-After, and names the wait in a rate limit's hint", () => {
    const fromHeader = apiErrorFromVerdict(verdict('rate-limit'), {
      provider: 'acme',
      status: 429,
      headers: new Headers({ 'retry-after': '3' }),
    });
    expect(fromHeader.retryAfterMs).toBe(3000);
    expect(fromHeader.message).toBe('acme 429: The provider said no — too many requests; retry after 3 s');
    const fromVerdict = apiErrorFromVerdict(verdict('rate-limit', { retryAfterMs: 1200 }), {
      provider: 'acme',
      status: 429,
      headers: new Headers({ 'retry-after': '30' }),
    });
    expect(fromVerdict.retryAfterMs).toBe(1200);
    expect(fromVerdict.message).toBe('acme 429: The provider said no — too many requests; retry after 2 s');
  });

  it("appends the verdict's own hint instead of the default one, the message's trailing dots and spaces trimmed", () => {
    const error = apiErrorFromVerdict(
      verdict('authentication', { message: 'Bad key. ', hint: 'keys are region-bound' }),
      {
        provider: 'acme',
        status: 401,
      },
    );
    expect(error.message).toBe('acme 401: Bad key — keys are region-bound');
  });

  it('passes the cause on (as the error family keeps causes: secrets scrubbed)', () => {
    const cause = new Error('socket hang up');
    const error = apiErrorFromVerdict(verdict('server'), { provider: 'acme', status: 502 }, { cause });
    expect(error.cause).toMatchObject({ message: 'socket hang up' });
  });
});

describe('defaultHint', () => {
  it('says what to do for each kind, and nothing for other', () => {
    expect(defaultHint('authentication')).toMatch(/^check the API key/);
    expect(defaultHint('quota')).toMatch(/retrying will not help/);
    expect(defaultHint('server')).toBe('the provider failed; retry later');
    expect(defaultHint('rate-limit')).toBe('too many requests; slow down and retry later');
    expect(defaultHint('rate-limit', 1001)).toBe('too many requests; retry after 2 s');
    expect(defaultHint('other')).toBe('');
    expect(defaultHint('retired')).toBe('');
  });
});

describe('customBaseUrlVerdict', () => {
  it('turns a 404 from a custom base URL into not-found asking about the version path', () => {
    const result = customBaseUrlVerdict(
      verdict('retired', { retryable: true }),
      'http://localhost:8080',
      'https://api.openai.com/v1/',
    );
    expect(result.kind).toBe('not-found');
    expect(result.retryable).toBe(true);
    expect(result.hint).toBe(
      `${defaultHint('not-found')}; or the base URL http://localhost:8080 is wrong: does it include the version path /v1, as the default https://api.openai.com/v1/ does?`,
    );
  });

  it("asks about the API's root when the default has no path", () => {
    const result = customBaseUrlVerdict(verdict('not-found'), 'https://proxy.test/x', 'https://api.stability.ai');
    expect(result.hint).toMatch(/is it the API's root, as the default https:\/\/api\.stability\.ai is\?$/);
  });
});

describe('fixtureMismatchVerdict', () => {
  it("is never retried, keeps the kit's diff as the message and hints at the fixture", () => {
    const result = fixtureMismatchVerdict(
      verdict('server', { retryable: true, jobMayHaveStarted: true, message: 'HTTP 599' }),
      'no fixture matched: body.json.model: expected "a", got "b"',
    );
    expect(result).toMatchObject({
      kind: 'other',
      retryable: false,
      jobMayHaveStarted: false,
      message: 'no fixture matched: body.json.model: expected "a", got "b"',
    });
    expect(result.hint).toMatch(/differs from every recorded fixture/);
    expect(fixtureMismatchVerdict(verdict('server', { message: 'HTTP 599' }), '').message).toBe('HTTP 599');
  });
});
