/**
 * What a provider's own toolset does the moment a provider accepted a job: record it in the session, then wait
 * for it and finish it (save it), or hand the job back as pending.
 * @module
 */
import { JobTimeoutError } from '../common/errors.js';
import type { JobRef } from '../common/jobs.js';
import type { ToolContext } from '../core/tools/define-tool.js';

/** The steps of {@link followJob}: how to wait, what to return when done, what while the job goes on. */
export interface FollowJobSteps<TDone, TResult, TPending> {
  /** `false`: the job is only recorded, and `pending('started')` comes back at once. */
  wait: boolean;
  /** Waits for the job to finish; a {@link JobTimeoutError} means its deadline passed. */
  waitFor(): Promise<TDone>;
  /** What the tool returns once the job finished (usually: the saved result). */
  finish(done: TDone): Promise<TResult>;
  /** What the tool returns while the job goes on: `started` when not waiting, `timeout` past the wait's deadline. */
  pending(why: 'started' | 'timeout'): TPending;
}

/**
 * Records `job` as pending before any waiting (it is paid for from here on, and a crash must not lose it), then,
 * when waiting, waits for it and finishes it; a wait past its deadline returns the job as pending. Any other error
 * is thrown.
 */
export async function followJob<TDone, TResult, TPending>(
  job: JobRef,
  context: ToolContext,
  steps: FollowJobSteps<TDone, TResult, TPending>,
): Promise<TResult | TPending> {
  await context.recordJob(job, { state: 'pending' });
  if (!steps.wait) return steps.pending('started');
  let done: TDone;
  try {
    done = await steps.waitFor();
  } catch (error) {
    if (JobTimeoutError.isInstance(error)) return steps.pending('timeout');
    throw error;
  }
  return steps.finish(done);
}
