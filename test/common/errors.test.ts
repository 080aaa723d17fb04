import { describe, expect, it, vi } from 'vitest';
import * as errors from '../../src/common/errors.js';

const KEY = 'sk-live-abcdefghijklmnopqrstuvwxyz012345';
const OTHER = 'my-plain-secret-value';

/** One instance of every error class, each fed the key through its message, cause and body. */
function everyError(): Error[] {
  const secrets = [KEY, OTHER];
  const cause = new Error(`socket closed while sending Authorization: Bearer ${KEY} ${OTHER}`);
  const details = { provider: 'p', status: 400, code: 'c', requestId: 'r', body: { echo: KEY, nested: [OTHER] } };
  const api = [
    errors.ApiError,
    errors.BadRequestError,
    errors.AuthenticationError,
    errors.PermissionDeniedError,
    errors.NotFoundError,
    errors.ConflictError,
    errors.RateLimitError,
    errors.QuotaExceededError,
    errors.ContentFilterError,
    errors.ServerError,
    errors.ApiRetiredError,
  ].map((ErrorClass) => new ErrorClass(`key ${KEY} and ${OTHER}`, details, { cause, secrets }));
  return [
    new errors.HelloDaveError(`key ${KEY} ${OTHER}`, { cause, secrets }),
    ...api,
    new errors.ConnectionError('p', `failed with ${KEY} ${OTHER}`, { cause, secrets }),
    new errors.TimeoutError('p', 'idle', 10, { cause, secrets }),
    new errors.AbortedError(`aborted ${KEY} ${OTHER}`, { cause, secrets }),
    new errors.RequestValidationError([{ path: 'prompt', message: `bad ${KEY} ${OTHER}` }], 'x', { cause, secrets }),
    new errors.ResponseValidationError('p', `bad ${KEY} ${OTHER}`, { key: KEY, other: OTHER }, { cause, secrets }),
    new errors.JobFailedError({ provider: 'p', jobId: 'j', reason: `leaked ${KEY} ${OTHER}` }, { cause, secrets }),
    new errors.JobTimeoutError({ provider: 'p', jobId: 'j', waitedMs: 1 }, { cause, secrets }),
    new errors.MissingApiKeyError('p', ['P_API_KEY']),
    new errors.MaxTurnsExceededError(
      3,
      {
        runId: 'run_1',
        text: `said ${KEY} ${OTHER}`,
        messages: [],
        steps: [],
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      },
      { cause, secrets },
    ),
    new errors.ToolDefinitionError('bad tool', `bad ${KEY} ${OTHER}`, { cause, secrets }),
    new errors.StructuredOutputError(`answer ${KEY} ${OTHER}`, [`issue ${KEY} ${OTHER}`], { cause, secrets }),
    new errors.ToolRefusedError('outside-root', `refused ${KEY} ${OTHER}`, { cause, secrets }),
    new errors.FileSystemError(
      { path: `/tmp/${KEY}/${OTHER}`, operation: 'write', code: 'ENOSPC' },
      { cause, secrets },
    ),
  ];
}

describe('FileSystemError', () => {
  it('names the operation, the path and the code, and says what to do', () => {
    const error = new errors.FileSystemError({ path: '/out/a.mp4', operation: 'write', code: 'ENOSPC' });
    expect(error.message).toBe(
      'Could not write /out/a.mp4 (ENOSPC). The disk is full; free some space or choose a path on another disk.',
    );
    expect(error).toMatchObject({ name: 'FileSystemError', path: '/out/a.mp4', operation: 'write', code: 'ENOSPC' });
    expect(new errors.FileSystemError({ path: '/x', operation: 'read' }).message).toBe('Could not read /x.');
  });

  it('from() wraps a system error and passes anything else through', () => {
    const system = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const wrapped = errors.FileSystemError.from(system, '/srv/out', 'create folder');
    expect(errors.FileSystemError.isInstance(wrapped)).toBe(true);
    expect(wrapped).toMatchObject({ code: 'EACCES', path: '/srv/out', operation: 'create folder', cause: system });
    const ours = new errors.AbortedError();
    expect(errors.FileSystemError.from(ours, '/x', 'write')).toBe(ours);
    const plain = new Error('no code');
    expect(errors.FileSystemError.from(plain, '/x', 'write')).toBe(plain);
  });
});

describe('error family', () => {
  it('no error class ever shows a secret: message, stack, toString, JSON, cause', () => {
    const all = everyError();
    // Every error class the module exports is in the list above.
    const exported = Object.entries(errors).filter(
      ([, value]) =>
        typeof value === 'function' &&
        (value === errors.HelloDaveError || value.prototype instanceof errors.HelloDaveError),
    );
    const covered = new Set(all.map((error) => error.constructor));
    expect(exported.filter(([, value]) => !covered.has(value as never)).map(([name]) => name)).toEqual([]);
    for (const error of all) {
      const cause = error.cause as Error | undefined;
      const dump = [
        error.message,
        error.stack,
        String(error),
        JSON.stringify(error),
        cause ? `${cause.message} ${cause.stack} ${JSON.stringify(cause)}` : '',
        JSON.stringify((error as { body?: unknown }).body ?? null),
      ].join('\n');
      expect(dump, error.name).not.toContain(KEY);
      expect(dump, error.name).not.toContain(OTHER);
    }
  });

  it('isInstance follows the hierarchy and rejects other values', () => {
    const limit = new errors.RateLimitError('slow', { provider: 'p', status: 429 });
    expect(errors.RateLimitError.isInstance(limit)).toBe(true);
    expect(errors.ApiError.isInstance(limit)).toBe(true);
    expect(errors.HelloDaveError.isInstance(limit)).toBe(true);
    expect(errors.ServerError.isInstance(limit)).toBe(false);
    expect(errors.QuotaExceededError.isInstance(limit)).toBe(false);
    expect(errors.HelloDaveError.isInstance(new Error('x'))).toBe(false);
    expect(errors.HelloDaveError.isInstance(null)).toBe(false);
    expect(errors.HelloDaveError.isInstance('RateLimitError')).toBe(false);
  });

  it('isInstance works across two copies of the library (another realm)', async () => {
    // A fresh module registry evaluates errors.ts and every file it re-exports again: a second copy of the family.
    vi.resetModules();
    const copy = await import('../../src/common/errors.js');
    expect(copy.RateLimitError).not.toBe(errors.RateLimitError);
    const foreign = new copy.RateLimitError('slow', { provider: 'p', status: 429 });
    expect(foreign instanceof errors.RateLimitError).toBe(false);
    expect(errors.RateLimitError.isInstance(foreign)).toBe(true);
    expect(errors.ApiError.isInstance(foreign)).toBe(true);
    expect(errors.NotFoundError.isInstance(foreign)).toBe(false);
  });

  it('API errors carry what a person needs to act', () => {
    const error = new errors.RateLimitError('Too many requests', {
      provider: 'openai',
      status: 429,
      code: 'rate_limit_exceeded',
      requestId: 'req_1',
      retryAfterMs: 2000,
    });
    expect(error.message).toBe('openai 429 rate_limit_exceeded: Too many requests (request id req_1)');
    expect(error.toJSON()).toMatchObject({
      name: 'RateLimitError',
      provider: 'openai',
      status: 429,
      retryAfterMs: 2000,
    });
  });

  it('request validation errors name the field and the allowed values', () => {
    const error = new errors.RequestValidationError(
      [{ path: 'seconds', message: 'not allowed', allowed: ['4', '8', '12'] }],
      'createVideo params',
    );
    expect(error.field).toBe('seconds');
    expect(error.allowed).toEqual(['4', '8', '12']);
    expect(error.message).toBe('Invalid createVideo params: seconds: not allowed (allowed: "4", "8", "12")');
  });

  it('job errors keep the job id so the job can be resumed', () => {
    const timeout = new errors.JobTimeoutError({
      provider: 'openai',
      jobId: 'video_1',
      waitedMs: 61_000,
      lastStatus: 'in_progress',
    });
    expect(timeout.jobId).toBe('video_1');
    expect(timeout.message).toMatch(/video_1.*61 s.*in_progress.*wait again/);
    const failed = new errors.JobFailedError({
      provider: 'openai',
      jobId: 'video_1',
      code: 'moderation_blocked',
      reason: 'blocked',
    });
    expect(failed.message).toBe('openai job video_1 failed: moderation_blocked: blocked');
  });
});

describe('rewrapApiError', () => {
  it('keeps every field and the message as given; the original is the cause', () => {
    const original = new errors.BadRequestError(
      'Your prompt was flagged sk-secret-123',
      {
        provider: 'openai',
        status: 400,
        code: 'moderation_blocked',
        type: 'invalid_request_error',
        param: 'prompt',
        requestId: 'req_1',
        retryAfterMs: 5,
        body: { error: { message: 'flagged' } },
      },
      { secrets: ['sk-secret-123'] },
    );
    expect(original.providerMessage).toBe('Your prompt was flagged <redacted>');
    const wrapped = errors.rewrapApiError(original, errors.ContentFilterError);
    expect(wrapped).toBeInstanceOf(errors.ContentFilterError);
    expect(wrapped.message).toBe(original.message);
    expect(errors.apiErrorDetails(wrapped)).toEqual(errors.apiErrorDetails(original));
    expect(errors.apiErrorDetails(original)).toMatchObject({ type: 'invalid_request_error', param: 'prompt' });
    expect(wrapped.cause).toBe(original);
    const retired = errors.rewrapApiError(original, errors.ApiRetiredError, 'gone');
    expect(retired.message).toBe('openai 400 moderation_blocked: gone (request id req_1)');
  });
});
