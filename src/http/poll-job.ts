/**
 * `pollJob`: the one way to wait for a long provider job (video, music, upscale, stems) to finish.
 * @module
 */
import {
  AbortedError,
  ConnectionError,
  JobFailedError,
  JobTimeoutError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../common/errors.js';
import type { JobRef, JobStatus } from '../common/jobs.js';
import type { JobProgress } from '../common/media-provider.js';
import { redactSecrets } from '../common/secrets.js';

/** Options of {@link pollJob}. */
export interface PollJobOptions<T> {
  /** The job to wait for; handed to `onJob` and named in every error. */
  job: JobRef;
  /**
   * One status call, normalised by the provider's mapping. The signal ends when the caller aborts or the
   * overall deadline passes; pass it on to the HTTP request.
   */
  status: (signal: AbortSignal) => Promise<JobStatus<T>>;
  /** First wait between polls, ms. Default 2 000. */
  intervalMs?: number;
  /** Longest wait between polls after backoff, ms. Default 15 000. */
  maxIntervalMs?: number;
  /** Factor the wait grows by after each pending poll. Default 1.5. */
  backoff?: number;
  /** Overall deadline, ms from the call; then a {@link JobTimeoutError}. Default 30 minutes. */
  timeoutMs?: number;
  /** Stops waiting at once with an {@link AbortedError} (the job itself goes on). */
  signal?: AbortSignal;
  /** Called after every successful status poll. */
  onProgress?: (progress: JobProgress) => void;
  /** Called before the first status call, so the caller can store the reference; a returned promise is awaited. */
  onJob?: (job: JobRef) => unknown;
  /**
   * Consecutive transient failures (connection, timeout, 5xx, rate limit, a malformed answer) tolerated before
   * the last one is thrown. Default 5.
   */
  maxTransientErrors?: number;
}

/** Default first wait between polls, ms. */
const DEFAULT_INTERVAL_MS = 2_000;
/** Default longest wait between polls, ms. */
const DEFAULT_MAX_INTERVAL_MS = 15_000;
/** Shortest wait a server hint can ask for, ms. */
const MIN_WAIT_MS = 100;
/** Default overall deadline: 30 minutes. */
const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/**
 * True for errors that say nothing about the job itself (the network, a slow or overloaded provider, a rate
 * limit), so polling may go on after them.
 */
export function isTransientError(error: unknown): boolean {
  return (
    ConnectionError.isInstance(error) ||
    TimeoutError.isInstance(error) ||
    ServerError.isInstance(error) ||
    RateLimitError.isInstance(error)
  );
}

const DEADLINE = Symbol('deadline');

/**
 * Polls a job until it reaches a terminal state and returns that status when it succeeded.
 *
 * The first status call happens at once; after a pending answer it waits `intervalMs` (or the provider's
 * `pollAfterMs` hint), growing by `backoff` up to `maxIntervalMs`. States it does not know count as pending,
 * bounded by the deadline. Transient errors, and an answer that could not be read (`ResponseValidationError`),
 * are retried (the provider's `retryAfterMs` is honoured) up to `maxTransientErrors` in a row; other errors (not
 * found, authentication, …) propagate at once.
 *
 * @throws {JobFailedError} the job ended failed, cancelled or expired (provider code and reason included).
 * @throws {JobTimeoutError} the deadline passed; the job may still finish: wait again with its id.
 * @throws {AbortedError} the signal aborted; the job goes on.
 * @example
 * ```ts
 * const done = await pollJob({
 *   job,
 *   status: (signal) => retrieveVideoStatus(client, job.id, { signal }),
 *   onJob: (ref) => store.save(ref),
 *   onProgress: ({ state, percent }) => console.log(state, percent ?? ''),
 * });
 * ```
 */
export async function pollJob<T>(options: PollJobOptions<T>): Promise<JobStatus<T>> {
  const settings = pollSettings(options);
  // A synchronous onJob runs before the first status call with no tick in between; an async one is awaited, so
  // a failed store of the job reference reaches the caller before any waiting.
  const stored = options.onJob?.(options.job);
  if (stored instanceof Promise) await stored;

  const poll = startPoll(options, settings);
  for (;;) {
    if (poll.signal?.aborted) throw poll.aborted();
    let status: JobStatus<T>;
    try {
      // The last call before the deadline still gets time to answer: a job that finished meanwhile counts.
      status = await callWithDeadline(
        options.status,
        poll.signal,
        Math.max(poll.deadlineAt - Date.now(), Math.min(STATUS_CALL_GRACE_MS, settings.timeoutMs)),
      );
    } catch (error) {
      await afterFailedCall(poll, error);
      continue;
    }
    poll.transientErrors = 0;
    poll.lastStatus = status.providerStatus ?? status.state;
    if (options.onProgress) options.onProgress(progressOf(poll, status));
    if (isFinished(poll.job, status)) return status;
    await afterPending(poll, status);
  }
}

/** The options of {@link pollJob} with their defaults, bounded. */
interface PollSettings {
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
  readonly backoff: number;
  readonly timeoutMs: number;
  readonly maxTransientErrors: number;
}

/** One wait for a job: its settings, its deadline, and what the polls so far have seen. */
interface Poll extends PollSettings {
  readonly job: JobRef;
  readonly signal: AbortSignal | undefined;
  readonly startedAt: number;
  readonly deadlineAt: number;
  /** The error for the caller's abort (the job goes on). */
  readonly aborted: () => AbortedError;
  /** The current wait between polls, ms (grows by `backoff` up to `maxIntervalMs`). */
  intervalMs: number;
  /** The last state seen (raw provider status), named by a {@link JobTimeoutError}. */
  lastStatus: string | undefined;
  /** Transient failures in a row. */
  transientErrors: number;
}

function pollSettings<T>(options: PollJobOptions<T>): PollSettings {
  const maxIntervalMs = positive(options.maxIntervalMs, DEFAULT_MAX_INTERVAL_MS);
  return {
    intervalMs: Math.min(positive(options.intervalMs, DEFAULT_INTERVAL_MS), maxIntervalMs),
    maxIntervalMs,
    backoff: Math.max(1, options.backoff ?? 1.5),
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS),
    maxTransientErrors: Math.max(0, options.maxTransientErrors ?? 5),
  };
}

/** The wait starts now: the deadline is `timeoutMs` from here. */
function startPoll<T>(options: PollJobOptions<T>, settings: PollSettings): Poll {
  const { job, signal } = options;
  const startedAt = Date.now();
  const aborted = (): AbortedError =>
    new AbortedError(
      `Stopped waiting for ${job.provider} job ${job.id} (the job goes on: wait again with its id).`,
      signal?.reason === undefined ? {} : { cause: signal.reason },
    );
  return {
    ...settings,
    job,
    signal,
    startedAt,
    deadlineAt: startedAt + settings.timeoutMs,
    aborted,
    lastStatus: undefined,
    transientErrors: 0,
  };
}

/** The deadline passed: the job may still finish. */
function timedOut(poll: Poll, cause?: unknown): JobTimeoutError {
  return new JobTimeoutError(
    {
      provider: poll.job.provider,
      jobId: poll.job.id,
      waitedMs: Date.now() - poll.startedAt,
      ...(poll.lastStatus === undefined ? {} : { lastStatus: poll.lastStatus }),
    },
    cause === undefined ? {} : { cause },
  );
}

/**
 * A status call failed: throws when it ends the wait (an abort, the deadline, an error about the job, too many
 * transient errors in a row), else waits before the next poll (the provider's `retryAfterMs` honoured).
 */
async function afterFailedCall(poll: Poll, error: unknown): Promise<void> {
  if (poll.signal?.aborted) throw poll.aborted();
  if (error === DEADLINE) throw timedOut(poll);
  // A malformed answer (a proxy's HTML page, a body cut short) says nothing about the job either.
  if (!isTransientError(error) && !ResponseValidationError.isInstance(error)) throw error;
  poll.transientErrors += 1;
  if (poll.transientErrors > poll.maxTransientErrors) throw error;
  if (Date.now() >= poll.deadlineAt) throw timedOut(poll, error);
  const hint = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const waitMs = typeof hint === 'number' && hint >= 0 ? Math.max(hint, poll.intervalMs) : poll.intervalMs;
  await wait(Math.min(waitMs, poll.deadlineAt - Date.now()), poll.signal, poll.aborted);
  poll.intervalMs = Math.min(poll.intervalMs * poll.backoff, poll.maxIntervalMs);
}

/**
 * The progress report of a successful poll. The provider's status word is the server's text, shown on terminals
 * and in `--json` lines: redacted, like an error's message (a status made up of what the request carried).
 */
function progressOf<T>(poll: Poll, status: JobStatus<T>): JobProgress {
  const progress: JobProgress = { job: poll.job, state: status.state, elapsedMs: Date.now() - poll.startedAt };
  if (status.providerStatus !== undefined) progress.providerStatus = redactSecrets(status.providerStatus);
  if (typeof status.progress === 'number' && Number.isFinite(status.progress)) {
    progress.percent = Math.min(100, Math.max(0, status.progress));
  }
  return progress;
}

/** True when the job succeeded; a {@link JobFailedError} when it ended otherwise; false while it goes on. */
function isFinished<T>(job: JobRef, status: JobStatus<T>): boolean {
  switch (status.state) {
    case 'succeeded':
      return true;
    case 'failed':
    case 'cancelled':
    case 'expired':
      throw new JobFailedError({
        provider: job.provider,
        jobId: job.id,
        state: status.state,
        ...(status.error?.code === undefined ? {} : { code: status.error.code }),
        ...(status.error?.message === undefined ? {} : { reason: status.error.message }),
      });
    default:
      // 'pending' and any state a provider mapping let through: keep polling, bounded by the deadline.
      return false;
  }
}

/** The job goes on: waits before the next poll (the provider's `pollAfterMs` hint honoured), or times out. */
async function afterPending<T>(poll: Poll, status: JobStatus<T>): Promise<void> {
  const remaining = poll.deadlineAt - Date.now();
  if (remaining <= 0) throw timedOut(poll);
  const hint = status.pollAfterMs;
  // Honour the provider's hint, with a floor so a hint of 0 cannot turn into a busy loop.
  const waitMs =
    typeof hint === 'number' && Number.isFinite(hint) && hint >= 0 ? Math.max(hint, MIN_WAIT_MS) : poll.intervalMs;
  await wait(Math.min(waitMs, remaining), poll.signal, poll.aborted);
  poll.intervalMs = Math.min(poll.intervalMs * poll.backoff, poll.maxIntervalMs);
}

/** Time a status call always gets, even right at the deadline. */
const STATUS_CALL_GRACE_MS = 10_000;

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Runs one status call with a signal that ends on the caller's abort or at the deadline (rejects with DEADLINE). */
async function callWithDeadline<T>(
  status: (signal: AbortSignal) => Promise<JobStatus<T>>,
  outer: AbortSignal | undefined,
  remainingMs: number,
): Promise<JobStatus<T>> {
  const controller = new AbortController();
  let reject: ((reason: unknown) => void) | undefined;
  const stopped = new Promise<never>((_, rejectStopped) => {
    reject = rejectStopped;
  });
  const onAbort = (): void => {
    controller.abort(outer?.reason);
    reject?.(outer?.reason);
  };
  outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () => {
      controller.abort(DEADLINE);
      reject?.(DEADLINE);
    },
    Math.max(0, remainingMs),
  );
  try {
    const call = status(controller.signal);
    // A status function that ignores its signal must not keep us past the deadline or an abort.
    call.catch(() => undefined);
    return await Promise.race([call, stopped]);
  } catch (error) {
    // However the status function reported its cancelled request, a deadline is a deadline.
    if (controller.signal.reason === DEADLINE) throw DEADLINE;
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/** Waits `ms`, or rejects with `aborted()` as soon as the signal aborts. */
function wait(ms: number, signal: AbortSignal | undefined, aborted: () => Error): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
