/**
 * Errors of the way to the provider and back: no connection, a timeout, or the caller's abort.
 * @module
 */

import { HelloDaveError, type HelloDaveErrorOptions, KIND } from './base.js';

/** No connection could be made or it broke before an answer (DNS, refused, reset). */
export class ConnectionError extends HelloDaveError {
  static override readonly [KIND]: string = 'ConnectionError';
  /** Provider name. */
  readonly provider: string;
  constructor(provider: string, message: string, options: HelloDaveErrorOptions = {}) {
    super(`${provider}: ${message}`, options);
    this.provider = provider;
  }
}

/** The request (`phase: 'request'`) or a body / stream (`phase: 'idle'`) took longer than allowed. */
export class TimeoutError extends HelloDaveError {
  static override readonly [KIND]: string = 'TimeoutError';
  /** Provider name. */
  readonly provider: string;
  /** Which limit ran out. */
  readonly phase: 'request' | 'idle';
  /** The limit, ms. */
  readonly timeoutMs: number;
  constructor(
    provider: string,
    phase: 'request' | 'idle',
    timeoutMs: number,
    options: HelloDaveErrorOptions & {
      /** What to do next, in place of "Raise the timeout option or retry later." (a job start must not be retried blindly). */
      next?: string;
    } = {},
  ) {
    const what = phase === 'idle' ? `no data arrived for ${timeoutMs} ms` : `no answer within ${timeoutMs} ms`;
    const next = options.next ?? 'Raise the timeout option or retry later.';
    super(`${provider}: timed out (${what}). ${next}`, options);
    this.provider = provider;
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted through its AbortSignal. */
export class AbortedError extends HelloDaveError {
  static override readonly [KIND]: string = 'AbortedError';
  constructor(message = 'The operation was aborted.', options: HelloDaveErrorOptions = {}) {
    super(message, options);
  }
}
