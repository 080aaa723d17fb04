/**
 * LALAL.AI as a media provider (kind `stems`, long jobs): upload when given a file, split, check until done,
 * download a track.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import { JobFailedError, RequestValidationError } from '../../common/errors.js';
import { type JobRef, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import type { MediaProvider } from '../../common/media-provider.js';
import { guessMimeType, normalizeMimeType } from '../../common/media-types.js';
import type { LalalClient } from './client.js';
import { downloadLalalTrack } from './download.js';
import { LALAL_PROVIDER_NAME } from './errors.js';
import { type SplitStemParams, splitStem } from './split.js';
import { type LalalTaskResult, lalalTaskStatusOf, waitForLalalTask } from './tasks.js';
import { type UploadLalalFileParams, uploadLalalFile } from './upload.js';

/** What {@link lalalStemsProvider} starts: a split of an uploaded source, or of a file it uploads first. */
export type LalalStemsInput =
  | SplitStemParams
  | (Omit<SplitStemParams, 'source_id'> & { file: UploadLalalFileParams['file']; filename?: string });

/** Options of {@link lalalStemsProvider}. */
export interface LalalStemsProviderOptions {
  /** Which track `download` saves: `stem` (default), `back`, or a label. */
  track?: string;
}

function toRef(job: JobRef | string): JobRef {
  return typeof job === 'string' ? makeJobRef(LALAL_PROVIDER_NAME, 'stems', job) : job;
}

/**
 * Makes the LALAL.AI stems {@link MediaProvider}: `start` uploads a given file (free), then starts the split (the
 * paid request, with a fresh `idempotency_key` so a retry is never charged twice) and returns its job reference;
 * `status` / `wait` use `/check/`; `download` saves the stem track (or the provider's `track`).
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const stems = lalalStemsProvider(createLalalClient());
 * const job = await stems.start({ file: { path: './song.mp3' }, presets: { stem: 'vocals' } });
 * await stems.wait(job);
 * await stems.download(job, { to: './vocals.mp3' });
 * ```
 */
export function lalalStemsProvider(
  client: LalalClient,
  providerOptions: LalalStemsProviderOptions = {},
): MediaProvider<LalalStemsInput, LalalTaskResult> {
  const track = providerOptions.track ?? 'stem';
  return {
    provider: LALAL_PROVIDER_NAME,
    kind: 'stems',
    completion: 'job',
    async start(input, options = {}) {
      const request = options.signal ? { signal: options.signal } : {};
      let params: SplitStemParams;
      if ('file' in input) {
        const { file, filename, ...rest } = input;
        const source = await uploadLalalFile(client, { file, ...(filename ? { filename } : {}) }, request);
        params = { ...rest, source_id: source.id };
      } else {
        params = input;
      }
      const task = await splitStem(client, params, request);
      return makeJobRef(LALAL_PROVIDER_NAME, 'stems', task.task_id);
    },
    status(job, options = {}) {
      return lalalTaskStatusOf(client, toRef(job).id, options);
    },
    async wait(job, options = {}) {
      const done = await waitForLalalTask(client, toRef(job), options);
      return { state: 'succeeded', providerStatus: done.status, progress: 100, result: done, raw: done };
    },
    async download(job, options) {
      const ref = toRef(job);
      const status = await lalalTaskStatusOf(client, ref.id, options.signal ? { signal: options.signal } : {});
      if (status.state === 'pending') {
        throw new RequestValidationError(
          [{ path: 'job', message: 'the LALAL.AI task is not finished yet: wait for it first' }],
          'lalal download',
        );
      }
      if (status.state !== 'succeeded' || !status.result) {
        throw new JobFailedError({
          provider: LALAL_PROVIDER_NAME,
          jobId: ref.id,
          state: status.state === 'succeeded' ? 'failed' : status.state,
          ...(status.error?.code ? { code: status.error.code } : {}),
          ...(status.error?.message ? { reason: status.error.message } : {}),
        });
      }
      const saved = await downloadLalalTrack(client, status.result, {
        track,
        to: options.to,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      const artifact: MediaArtifact = {
        kind: 'stems',
        mimeType: normalizeMimeType(saved.contentType ?? '') || guessMimeType(options.to),
        bytes: saved.bytes,
        provider: LALAL_PROVIDER_NAME,
        job: ref,
      };
      if (saved.path !== undefined) artifact.path = saved.path;
      const seconds = status.result.result?.duration;
      if (typeof seconds === 'number') artifact.durationMs = seconds * 1000;
      return artifact;
    },
  };
}
