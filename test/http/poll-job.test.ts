import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  ConnectionError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../src/common/errors.js';
import { type JobRef, type JobState, type JobStatus, makeJobRef } from '../../src/common/jobs.js';
import type { JobProgress } from '../../src/common/media-provider.js';
import { isTransientError, pollJob } from '../../src/http/poll-job.js';

const job: JobRef = makeJobRef('openai', 'video', 'video_123', { createdAt: '2025-01-01T00:00:00Z' });

function status(state: JobState, extra: Partial<JobStatus<{ url: string }>> = {}): JobStatus<{ url: string }> {
  return { state, raw: { state }, ...extra };
}

/** A status function answering from a script; each entry is a status or an error to throw. Records call times. */
function scripted(script: (JobStatus<{ url: string }> | Error)[]) {
  const times: number[] = [];
  const signals: AbortSignal[] = [];
  const start = Date.now();
  const fn = vi.fn(async (signal: AbortSignal) => {
    times.push(Date.now() - start);
    signals.push(signal);
    const next = script.length > 1 ? script.shift() : script[0];
    if (next === undefined) throw new Error('script exhausted');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fn, times, signals };
}

/** Runs the promise to settlement while advancing fake time; returns the value or the error. */
async function settle<T>(promise: Promise<T>, ms = 60 * 60_000): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollJob', () => {
  it('reports progress (percent when given, status otherwise) and returns the succeeded status', async () => {
    const { fn, times } = scripted([
      status('pending', { providerStatus: 'queued' }),
      status('pending', { providerStatus: 'in_progress', progress: 40 }),
      status('pending', { providerStatus: 'in_progress', progress: 140 }),
      status('succeeded', { providerStatus: 'completed', progress: 100, result: { url: 'https://cdn/x.mp4' } }),
    ]);
    const progress: JobProgress[] = [];
    const { value, error } = await settle(pollJob({ job, status: fn, onProgress: (p) => progress.push(p) }));
    expect(error).toBeUndefined();
    expect(value?.result).toEqual({ url: 'https://cdn/x.mp4' });
    // Immediate first poll, then 2000, ×1.5 backoff: 3000, 4500.
    expect(times).toEqual([0, 2000, 5000, 9500]);
    expect(progress).toEqual([
      { job, state: 'pending', providerStatus: 'queued', elapsedMs: 0 },
      { job, state: 'pending', providerStatus: 'in_progress', percent: 40, elapsedMs: 2000 },
      { job, state: 'pending', providerStatus: 'in_progress', percent: 100, elapsedMs: 5000 },
      { job, state: 'succeeded', providerStatus: 'completed', percent: 100, elapsedMs: 9500 },
    ]);
  });

  it('caps the backoff at maxIntervalMs', async () => {
    const { fn, times } = scripted([
      status('pending'),
      status('pending'),
      status('pending'),
      status('pending'),
      status('succeeded'),
    ]);
    await settle(pollJob({ job, status: fn, intervalMs: 1000, backoff: 2, maxIntervalMs: 3000 }));
    expect(times).toEqual([0, 1000, 3000, 6000, 9000]);
  });

  it('calls onJob synchronously, before the first status call and before any wait', async () => {
    const order: string[] = [];
    const { fn } = scripted([status('succeeded')]);
    const promise = pollJob({
      job,
      status: async (signal) => {
        order.push('status');
        return fn(signal);
      },
      onJob: (ref) => order.push(`job ${ref.id}`),
    });
    expect(order).toEqual(['job video_123', 'status']);
    await settle(promise);
  });

  it('honours the server hint (pollAfterMs) instead of its own interval', async () => {
    const { fn, times } = scripted([status('pending', { pollAfterMs: 9000 }), status('pending'), status('succeeded')]);
    await settle(pollJob({ job, status: fn, intervalMs: 1000 }));
    // Hint 9000 first; then the interval, grown once by the backoff.
    expect(times).toEqual([0, 9000, 10500]);
  });

  it('puts a floor under a zero hint', async () => {
    const { fn, times } = scripted([status('pending', { pollAfterMs: 0 }), status('succeeded')]);
    await settle(pollJob({ job, status: fn }));
    expect(times).toEqual([0, 100]);
  });

  it('throws JobFailedError with the provider code and reason for a failed job', async () => {
    const { fn } = scripted([
      status('pending'),
      status('failed', { providerStatus: 'failed', error: { code: 'moderation_blocked', message: 'Content blocked' } }),
    ]);
    const { error } = await settle(pollJob({ job, status: fn }));
    expect(JobFailedError.isInstance(error)).toBe(true);
    const failed = error as JobFailedError;
    expect(failed).toMatchObject({
      provider: 'openai',
      jobId: 'video_123',
      state: 'failed',
      code: 'moderation_blocked',
      reason: 'Content blocked',
    });
    expect(failed.message).toBe('openai job video_123 failed: moderation_blocked: Content blocked');
  });

  it.each(['cancelled', 'expired'] as const)('throws JobFailedError for a %s job', async (state) => {
    const { fn } = scripted([status(state)]);
    const { error } = await settle(pollJob({ job, status: fn }));
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).state).toBe(state);
    expect((error as JobFailedError).code).toBeUndefined();
  });

  it('gives up at the deadline with JobTimeoutError naming the job and its last provider status', async () => {
    const { fn, times } = scripted([status('pending', { providerStatus: 'in_progress', progress: 10 })]);
    const { error } = await settle(pollJob({ job, status: fn, intervalMs: 1000, timeoutMs: 10_000 }));
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'openai',
      jobId: 'video_123',
      waitedMs: 10_000,
      lastStatus: 'in_progress',
    });
    expect((error as Error).message).toContain('wait again with its id');
    // 0, 1000, 2500, 4750, 8125, then a last poll at the deadline itself.
    expect(times).toEqual([0, 1000, 2500, 4750, 8125, 10_000]);
  });

  it('treats unknown states as pending, bounded by the deadline', async () => {
    const unknown = { state: 'mystery' as JobState, providerStatus: 'Mystery', raw: {} };
    const { fn } = scripted([unknown]);
    const progress: JobProgress[] = [];
    const { error } = await settle(
      pollJob({ job, status: fn, timeoutMs: 5000, intervalMs: 1000, onProgress: (p) => progress.push(p) }),
    );
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).lastStatus).toBe('Mystery');
    expect(progress.length).toBeGreaterThan(2);
  });

  it('ends a status call that hangs past the deadline, aborting its signal', async () => {
    const signals: AbortSignal[] = [];
    const { error } = await settle(
      pollJob({
        job,
        timeoutMs: 5000,
        status: (signal) => {
          signals.push(signal);
          return new Promise<never>(() => undefined);
        },
      }),
    );
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).waitedMs).toBe(5000);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('reports the deadline even when the status call turns its cancellation into another error', async () => {
    const { error } = await settle(
      pollJob({
        job,
        timeoutMs: 5000,
        status: (signal) =>
          new Promise<never>((_, reject) => {
            signal.addEventListener('abort', () => reject(new AbortedError('request aborted')));
          }),
      }),
    );
    expect(JobTimeoutError.isInstance(error)).toBe(true);
  });

  it('stops a wait at once when the signal aborts, naming the job', async () => {
    const { fn } = scripted([status('pending')]);
    const controller = new AbortController();
    const outcome = pollJob({ job, status: fn, intervalMs: 60_000, signal: controller.signal }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    controller.abort();
    const error = await outcome;
    expect(AbortedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('video_123');
    expect(vi.getTimerCount()).toBe(0);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('aborts a status call in flight and refuses an already-aborted signal', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const outcome = pollJob({
      job,
      signal: controller.signal,
      status: (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      },
    }).catch((error: unknown) => error);
    controller.abort(new Error('user stop'));
    expect(await outcome).toBeInstanceOf(AbortedError);
    expect(seen?.aborted).toBe(true);

    const { fn } = scripted([status('succeeded')]);
    const error = await pollJob({ job, status: fn, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('recovers from transient errors without losing the job, honouring retryAfterMs', async () => {
    const { fn, times } = scripted([
      status('pending'),
      new ConnectionError('openai', 'socket hang up'),
      new TimeoutError('openai', 'request', 60_000),
      new RateLimitError('slow down', { provider: 'openai', status: 429, retryAfterMs: 7000 }),
      new ServerError('bad gateway', { provider: 'openai', status: 502 }),
      status('succeeded', { result: { url: 'u' } }),
    ]);
    const onJob = vi.fn();
    const { value, error } = await settle(pollJob({ job, status: fn, intervalMs: 1000, backoff: 1, onJob }));
    expect(error).toBeUndefined();
    expect(value?.result).toEqual({ url: 'u' });
    expect(onJob).toHaveBeenCalledTimes(1);
    expect(times).toEqual([0, 1000, 2000, 3000, 10_000, 11_000]);
  });

  it('throws the last transient error after maxTransientErrors in a row', async () => {
    const { fn } = scripted([new ConnectionError('openai', 'refused')]);
    const { error } = await settle(pollJob({ job, status: fn, maxTransientErrors: 3 }));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('resets the transient error count after a good answer', async () => {
    const refused = new ConnectionError('openai', 'refused');
    const { fn } = scripted([refused, refused, status('pending'), refused, refused, status('succeeded')]);
    const { error } = await settle(pollJob({ job, status: fn, maxTransientErrors: 2 }));
    expect(error).toBeUndefined();
    expect(fn).toHaveBeenCalledTimes(6);
  });

  it('propagates non-transient errors at once', async () => {
    const { fn } = scripted([new NotFoundError('no such video', { provider: 'openai', status: 404 })]);
    const { error } = await settle(pollJob({ job, status: fn }));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('classifies transient errors', () => {
    expect(isTransientError(new ConnectionError('x', 'y'))).toBe(true);
    expect(isTransientError(new ServerError('m', { provider: 'x', status: 503 }))).toBe(true);
    expect(isTransientError(new NotFoundError('m', { provider: 'x', status: 404 }))).toBe(false);
    expect(isTransientError(new Error('plain'))).toBe(false);
  });
});

describe('pollJob at the deadline', () => {
  it('still makes the last status call when the wait ends at the deadline, and a job done meanwhile succeeds', async () => {
    const { fn, times } = scripted([status('pending'), status('succeeded')]);
    const { value, error } = await settle(pollJob({ job, status: fn, intervalMs: 1000, timeoutMs: 1000 }));
    expect(error).toBeUndefined();
    expect(value?.state).toBe('succeeded');
    expect(times).toEqual([0, 1000]);
  });

  it('awaits an async onJob before the first status call, and its failure stops the wait', async () => {
    const order: string[] = [];
    const { fn } = scripted([status('succeeded')]);
    const wrapped = async (signal: AbortSignal) => {
      order.push('status');
      return fn(signal);
    };
    await settle(
      pollJob({
        job,
        status: wrapped,
        onJob: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push('stored');
        },
      }),
    );
    expect(order).toEqual(['stored', 'status']);
    const failing = await settle(
      pollJob({ job, status: wrapped, onJob: async () => Promise.reject(new Error('disk full')) }),
    );
    expect((failing.error as Error).message).toBe('disk full');
  });
});
