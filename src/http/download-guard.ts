/**
 * The download's guard: the caller's abort signal and the idle timer, and the way either interrupts a pending
 * network or disk wait; with the small body helpers every step of a download uses.
 * @module
 */

import { AbortedError, HelloDaveError, TimeoutError } from '../common/errors.js';
import { IdleClock } from './guard-body.js';

/**
 * The abort signal, the idle timer and the way both interrupt a pending promise. `race` settles with the
 * interruption's error (AbortedError / TimeoutError) the moment either fires, even if the raced promise never
 * settles (a body reader on a stalled socket).
 */
export class Guard {
  /** Aborts the fetch when the caller aborts or the idle timer fires. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly clock: IdleClock;
  private phase: 'request' | 'idle' = 'request';
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private stopped: HelloDaveError | undefined;
  private readonly waiters = new Set<(error: HelloDaveError) => void>();
  private readonly onAbort = (): void => {
    const reason: unknown = this.outer?.reason;
    this.stop(new AbortedError('The download was aborted.', reason === undefined ? {} : { cause: reason }));
  };

  constructor(
    private readonly outer: AbortSignal | undefined,
    idleTimeoutMs: number,
    provider: string,
    secrets: readonly string[],
  ) {
    this.signal = this.controller.signal;
    this.clock = new IdleClock(idleTimeoutMs, () =>
      this.stop(new TimeoutError(provider, this.phase, idleTimeoutMs, { secrets })),
    );
    if (outer?.aborted) this.onAbort();
    else outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The wait for the given phase starts now (the idle clock of {@link IdleClock}). */
  start(phase: 'request' | 'idle'): void {
    this.phase = phase;
    this.clock.waiting();
  }

  /** Stops the idle clock (the body is done; flushing to disk is not a network stall). */
  pause(): void {
    this.clock.stop();
  }

  /**
   * Reads one chunk. An interruption cancels the reader (which settles a pending read at once, even on a stalled
   * source) and wins; a failed read goes through `wrap`. Cheaper per chunk than {@link Guard.race}.
   */
  async read(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    wrap: (error: unknown) => Error,
  ): Promise<ReadableStreamReadResult<Uint8Array>> {
    this.throwIfStopped();
    this.reader = reader;
    let result: ReadableStreamReadResult<Uint8Array>;
    this.clock.waiting();
    try {
      result = await reader.read();
    } catch (error) {
      if (this.stopped) throw this.stopped;
      if (HelloDaveError.isInstance(error)) throw error;
      throw wrap(error);
    } finally {
      this.clock.arrived();
    }
    if (this.stopped) throw this.stopped;
    return result;
  }

  throwIfStopped(): void {
    if (this.stopped) throw this.stopped;
  }

  /** Awaits `promise`; an interruption wins; other rejections go through `wrap` unless already ours. */
  async race<T>(promise: Promise<T>, wrap: (error: unknown) => Error): Promise<T> {
    this.throwIfStopped();
    let waiter: ((error: HelloDaveError) => void) | undefined;
    const interrupted = new Promise<never>((_, reject) => {
      waiter = reject;
      this.waiters.add(reject);
    });
    try {
      return await Promise.race([promise, interrupted]);
    } catch (error) {
      if (this.stopped) throw this.stopped;
      if (HelloDaveError.isInstance(error)) throw error;
      throw wrap(error);
    } finally {
      if (waiter) this.waiters.delete(waiter);
      promise.catch(() => undefined);
    }
  }

  private stop(error: HelloDaveError): void {
    if (this.stopped) return;
    this.stopped = error;
    this.pause();
    this.controller.abort(error);
    for (const reject of this.waiters) reject(error);
    this.waiters.clear();
    this.reader?.cancel(error).catch(() => undefined);
  }

  dispose(): void {
    this.pause();
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

/**
 * Cancels a body without waiting: a cancel can stay pending as long as the source behind it does (a stalled
 * socket, a test stream), and nothing here needs its outcome.
 */
export function discard(body: ReadableStream<Uint8Array> | null): void {
  if (body && !body.locked) body.cancel().catch(() => undefined);
}

export function release(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  reader.cancel().catch(() => undefined);
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
