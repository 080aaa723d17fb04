/**
 * Which MiniMax video API generation serves a model, and which one made a job. `v1` (`/v1/video_generation`)
 * serves the Hailuo and 01-series models; `v2` (`/v2/video_generation`) serves MiniMax-H3 and H3-Max.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @module
 */
import { RequestValidationError } from '../../common/errors.js';
import type { JobRef } from '../../common/jobs.js';

/** A MiniMax video API generation: `v1` (Hailuo, 01-series) or `v2` (MiniMax-H3, H3-Max). */
export type MiniMaxVideoApi = 'v1' | 'v2';

/**
 * The API generation of a model id: an id starting with `MiniMax-H` (any case) is `v2`, every other id `v1` —
 * except the Hailuo family (`MiniMax-Hailuo-*`), whose ids also begin with `MiniMax-H` and which is served by v1.
 * @example
 * ```ts
 * minimaxVideoApiOf('MiniMax-H3');          // 'v2'
 * minimaxVideoApiOf('MiniMax-Hailuo-2.3');  // 'v1'
 * ```
 */
export function minimaxVideoApiOf(model: string): MiniMaxVideoApi {
  return /^minimax-h(?!ailuo)/i.test(model) ? 'v2' : 'v1';
}

/**
 * The API generation that made a job: its recorded `api`, else the one its `model` belongs to, else
 * `undefined` (a bare id says nothing).
 */
export function minimaxVideoApiOfJob(job: Pick<JobRef, 'api' | 'model'>): MiniMaxVideoApi | undefined {
  if (job.api === 'v1' || job.api === 'v2') return job.api;
  return job.model === undefined ? undefined : minimaxVideoApiOf(job.model);
}

/**
 * Refuses, before any request, a model of the other API generation, naming the function to use instead.
 * @param fn - the function called (`createVideo`).
 * @param expected - the generation that function serves.
 * @param instead - the function that serves the other generation.
 */
export function assertVideoApi(model: string, expected: MiniMaxVideoApi, fn: string, instead: string): void {
  if (minimaxVideoApiOf(model) === expected) return;
  const which =
    expected === 'v1'
      ? `${model} is served by the v2 video API (/v2/video_generation)`
      : `${model} is served by the v1 video API (/v1/video_generation): v2 serves the MiniMax-H models`;
  throw new RequestValidationError([{ path: 'model', message: `${which}: call ${instead} instead` }], `${fn} params`);
}
