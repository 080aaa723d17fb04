/**
 * Sora as a {@link MediaProvider}: start / status / wait / download, so the cross-provider media toolset can
 * drive it like any other video provider.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @module
 */
import type { JobRef, MediaArtifact } from '../../../common/jobs.js';
import { makeJobRef } from '../../../common/jobs.js';
import type { MediaProvider } from '../../../common/media-provider.js';
import { normalizeMimeType } from '../../../common/media-types.js';
import type { OpenAIClient } from '../client.js';
import type { CreateVideoParams, Video } from './types.js';
import { createVideo, downloadVideoContent } from './videos.js';
import { retrieveVideoStatus, type VideoClock, videoJobRef, waitForVideo } from './wait.js';

/**
 * Options of {@link soraVideoProvider}.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface SoraVideoProviderOptions {
  /** Clock the `expires_at` check of `status` and `wait` uses (default `Date.now`). */
  now?: VideoClock;
}

function toRef(job: JobRef | string): JobRef {
  return typeof job === 'string' ? makeJobRef('openai', 'video', job) : job;
}

/**
 * Makes the Sora {@link MediaProvider}: `start` creates a video job and returns its {@link JobRef}; `status`
 * normalises `GET /v1/videos/{id}` (a completed video past its `expires_at` is `expired`); `wait` polls until
 * completed (a failed or expired job throws `JobFailedError` with that state); `download` saves the MP4
 * atomically and returns a small {@link MediaArtifact} (path, MIME type, bytes; never the bytes themselves).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * Use another video provider (MiniMax video in `hello-dave/minimax`).
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 * @example
 * ```ts
 * const sora = soraVideoProvider(createOpenAIClient());
 * const job = await sora.start({ prompt: 'a paper boat on a rainy street', seconds: '4' });
 * await sora.wait(job, { onProgress: (p) => console.log(p.percent) });
 * const artifact = await sora.download(job, { to: './boat.mp4' });
 * ```
 */
export function soraVideoProvider(
  client: OpenAIClient,
  providerOptions: SoraVideoProviderOptions = {},
): MediaProvider<CreateVideoParams, Video> {
  const clock = providerOptions.now === undefined ? {} : { now: providerOptions.now };
  return {
    provider: 'openai',
    kind: 'video',
    async start(input, options = {}) {
      return videoJobRef(await createVideo(client, input, options));
    },
    status(job, options = {}) {
      return retrieveVideoStatus(client, toRef(job).id, { ...options, ...clock });
    },
    async wait(job, options = {}) {
      const ref = toRef(job);
      const video = await waitForVideo(client, ref, { ...options, ...clock });
      return { state: 'succeeded', providerStatus: video.status, progress: 100, result: video, raw: video };
    },
    async download(job, options) {
      const ref = toRef(job);
      const saved = await downloadVideoContent(client, ref.id, {
        to: options.to,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      });
      const artifact: MediaArtifact = {
        kind: 'video',
        mimeType: normalizeMimeType(saved.contentType ?? '') || 'video/mp4',
        bytes: saved.bytes,
        provider: 'openai',
        job: ref,
      };
      if (saved.path !== undefined) artifact.path = saved.path;
      return artifact;
    },
  };
}
