/**
 * The one idle-timeout guard of the HTTP layer. {@link IdleClock} times the waits on the network; every body the
 * layer hands out (JSON answers, streams) is read through {@link guardBody} or {@link readBodyText}, and
 * downloads run their reads on the same clock, so a connection that goes silent ends with a TimeoutError instead
 * of hanging.
 * @module
 */
import { AbortedError, ConnectionError, HelloDaveError, TimeoutError } from '../common/errors.js';

/** Longest delay setTimeout keeps. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Times the waits on the network. Between {@link IdleClock.waiting} and {@link IdleClock.arrived} the caller waits
 * for data; a wait longer than `idleMs` calls `onExpire('idle')`. Time between waits (a consumer that pauses, a
 * disk write) never counts. A `deadlineAt` (epoch ms) calls `onExpire('deadline')` once passed, waiting or not.
 * One timer stays armed and re-arms itself for the time left, so a chunk costs a clock read, not a timer (a
 * large download has tens of thousands of chunks). Timers are unref'd: a body nobody reads keeps no process alive.
 */
export class IdleClock {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private since = 0;
  private isWaiting = false;
  private stopped = false;
  private readonly finite: boolean;

  constructor(
    private readonly idleMs: number,
    private readonly onExpire: (reason: 'idle' | 'deadline') => void,
    private readonly deadlineAt = Number.POSITIVE_INFINITY,
  ) {
    this.finite = idleMs > 0 && Number.isFinite(idleMs);
  }

  /** The caller waits on the network from now on. */
  waiting(): void {
    this.since = Date.now();
    this.isWaiting = true;
    if (this.timer === undefined) this.arm(this.since);
  }

  /** The wait is over: the time until the next {@link IdleClock.waiting} does not count. */
  arrived(): void {
    this.isWaiting = false;
  }

  /** Ends the clock for good. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(now: number): void {
    const toIdle = !this.finite
      ? Number.POSITIVE_INFINITY
      : this.isWaiting
        ? this.idleMs - (now - this.since)
        : this.idleMs;
    const delay = Math.min(toIdle, this.deadlineAt - now);
    if (this.stopped || !Number.isFinite(delay)) return;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(delay, 0), MAX_TIMER_MS));
    (this.timer as { unref?: () => void }).unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    const now = Date.now();
    if (now >= this.deadlineAt) this.onExpire('deadline');
    else if (this.finite && this.isWaiting && now - this.since >= this.idleMs) this.onExpire('idle');
    else this.arm(now);
  }
}

/** How a body is guarded. */
export interface BodyGuardOptions {
  /** Longest wait for the next chunk, ms (0 or Infinity: none). */
  idleMs: number;
  /** Provider name, for the errors. */
  provider: string;
  /** The caller's signal: its abort ends the body with an AbortedError. */
  signal?: AbortSignal;
  /** For bodies read whole, which the request's time limit covers: the body must end by `at` (epoch ms). */
  deadline?: { at: number; timeoutMs: number };
}

/** One guarded reader over a body: each read waits on the clock and fails as an error of the family. */
class GuardedReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly clock: IdleClock;
  private failure: Error | undefined;
  private onFailure: ((error: Error) => void) | undefined;
  private readonly onAbort = () => this.fail(new AbortedError());

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly options: BodyGuardOptions,
  ) {
    this.reader = body.getReader();
    const { idleMs, provider, deadline } = options;
    this.clock = new IdleClock(
      idleMs,
      (reason) =>
        this.fail(
          reason === 'deadline'
            ? new TimeoutError(provider, 'request', deadline?.timeoutMs ?? 0)
            : new TimeoutError(provider, 'idle', idleMs),
        ),
      deadline?.at,
    );
    if (options.signal?.aborted) this.onAbort();
    else options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Called once when the body fails (a timeout, an abort): a stream wrapper errors its controller. */
  whenFailed(listener: (error: Error) => void): void {
    this.onFailure = listener;
    if (this.failure) listener(this.failure);
  }

  /** The next chunk; a timeout, an abort or a broken connection rejects with an error of the family. */
  async read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    if (this.failure) throw this.failure;
    this.clock.waiting();
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await this.reader.read();
    } catch (error) {
      throw this.fail(this.asFailure(error));
    } finally {
      this.clock.arrived();
    }
    if (this.failure) throw this.failure;
    if (result.done) this.release();
    return result;
  }

  /** Stops reading: the rest of the body is not wanted. */
  cancel(reason?: unknown): Promise<void> {
    this.release();
    return this.reader.cancel(reason);
  }

  private asFailure(error: unknown): Error {
    if (this.failure) return this.failure;
    if (this.options.signal?.aborted) return new AbortedError();
    if (HelloDaveError.isInstance(error)) return error;
    return new ConnectionError(this.options.provider, 'the connection broke while reading the body', { cause: error });
  }

  private fail(error: Error): Error {
    if (this.failure) return this.failure;
    this.failure = error;
    this.release();
    this.reader.cancel().catch(() => undefined);
    this.onFailure?.(error);
    return error;
  }

  private release(): void {
    this.clock.stop();
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }
}

/**
 * Wraps a body so that a read waiting longer than `idleMs`, a passed deadline or an abort of `signal` ends the
 * stream with a TimeoutError (`phase: 'idle'` / `'request'`) or AbortedError instead of hanging. Only time spent
 * waiting on the network counts: a consumer that pauses between reads is never timed out.
 */
export function guardBody(body: ReadableStream<Uint8Array>, options: BodyGuardOptions): ReadableStream<Uint8Array> {
  const guarded = new GuardedReader(body, options);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      guarded.whenFailed((error) => {
        try {
          controller.error(error);
        } catch {
          // already closed
        }
      });
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await guarded.read();
      } catch {
        return; // the controller has the error (whenFailed)
      }
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return guarded.cancel(reason);
    },
  });
}

/**
 * Reads a whole body as UTF-8 text under the same guard as {@link guardBody}, without a stream in between (the
 * path of every JSON answer).
 */
export async function readBodyText(body: ReadableStream<Uint8Array>, options: BodyGuardOptions): Promise<string> {
  const guarded = new GuardedReader(body, options);
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await guarded.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}
