/**
 * Errors of long jobs: the provider reported a failure, or waiting passed its deadline (the job goes on).
 * @module
 */

import { redactSecrets } from '../secrets.js';
import { HelloDaveError, type HelloDaveErrorOptions, KIND } from './base.js';

/** A long job ended in failure on the provider's side. */
export class JobFailedError extends HelloDaveError {
  static override readonly [KIND]: string = 'JobFailedError';
  /** Provider name. */
  readonly provider: string;
  /** The job id. */
  readonly jobId: string;
  /** Terminal state: failed, cancelled or expired. */
  readonly state: 'failed' | 'cancelled' | 'expired';
  /** Provider's error code. */
  readonly code?: string;
  /** Provider's reason text. */
  readonly reason?: string;
  constructor(
    details: {
      provider: string;
      jobId: string;
      state?: 'failed' | 'cancelled' | 'expired';
      code?: string;
      reason?: string;
    },
    options: HelloDaveErrorOptions = {},
  ) {
    const state = details.state ?? 'failed';
    const why = [details.code, details.reason].filter(Boolean).join(': ');
    super(`${details.provider} job ${details.jobId} ${state}${why ? `: ${why}` : ''}`, options);
    this.provider = details.provider;
    this.jobId = details.jobId;
    this.state = state;
    if (details.code !== undefined) this.code = details.code;
    if (details.reason !== undefined) this.reason = redactSecrets(details.reason, options.secrets ?? []);
  }
}

/** Waiting for a job passed its deadline. The job goes on: resume waiting with its id. */
export class JobTimeoutError extends HelloDaveError {
  static override readonly [KIND]: string = 'JobTimeoutError';
  /** Provider name. */
  readonly provider: string;
  /** The job id, to resume with. */
  readonly jobId: string;
  /** How long we waited, ms. */
  readonly waitedMs: number;
  /** The last state seen (raw provider status). */
  readonly lastStatus?: string;
  constructor(
    details: { provider: string; jobId: string; waitedMs: number; lastStatus?: string },
    options: HelloDaveErrorOptions = {},
  ) {
    super(
      `${details.provider} job ${details.jobId} not finished after ${Math.round(details.waitedMs / 1000)} s` +
        `${details.lastStatus ? ` (last status ${details.lastStatus})` : ''}; it may still complete: wait again with its id.`,
      options,
    );
    this.provider = details.provider;
    this.jobId = details.jobId;
    this.waitedMs = details.waitedMs;
    if (details.lastStatus !== undefined) this.lastStatus = details.lastStatus;
  }
}
