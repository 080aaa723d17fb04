/**
 * Long-job handling for Sora: job references, normalised status, waiting (on the shared `pollJob`), and
 * create-and-wait.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @module
 */
import type { JobRef, JobStatus } from '../../../common/jobs.js';
import { makeJobRef } from '../../../common/jobs.js';
import type { WaitOptions } from '../../../common/media-provider.js';
import { pollJob } from '../../../http/poll-job.js';
import type { RequestOptions } from '../../../http/types.js';
import type { OpenAIClient } from '../client.js';
import type { CreateVideoParams, Video } from './types.js';
import { createVideo, retrieveVideoResponse } from './videos.js';

/** Header with which the API asks pollers to wait, in milliseconds (as the official Python SDK reads it). */
const POLL_AFTER_HEADER = 'openai-poll-after-ms';

/**
 * A clock for the expiry check: milliseconds since the epoch, like `Date.now` (the default). Tests fake it with
 * `vi.setSystemTime` or pass their own.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export type VideoClock = () => number;

/** True when a completed video's assets are past its `expires_at` (unix seconds) at `nowMs`. */
function isExpired(video: Video, nowMs: number): boolean {
  return typeof video.expires_at === 'number' && Number.isFinite(video.expires_at) && video.expires_at * 1000 <= nowMs;
}

/**
 * Makes a JSON-serialisable {@link JobRef} from a video job: store it before waiting, resume with its `id`.
 *
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 * @example
 * ```ts
 * const job = await createVideo(client, { prompt: 'a cat' });
 * await store.save(videoJobRef(job)); // { provider: 'openai', kind: 'video', id, createdAt, model }
 * ```
 */
export function videoJobRef(video: Pick<Video, 'id'> & { created_at?: number | null; model?: string | null }): JobRef {
  return makeJobRef('openai', 'video', video.id, {
    ...(typeof video.created_at === 'number' ? { createdAt: video.created_at } : {}),
    ...(typeof video.model === 'string' ? { model: video.model } : {}),
  });
}

/**
 * Normalises a video's status: `queued` / `in_progress` → pending, `completed` → succeeded (or expired once
 * `nowMs` has reached its `expires_at`: its assets can no longer be downloaded), `failed` → failed (with the
 * API's `error.code` and `error.message`); a status the spec does not list counts as pending. The
 * `openai-poll-after-ms` header, when given, becomes `pollAfterMs`.
 *
 * @param nowMs - the time to judge `expires_at` against, ms since the epoch (default `Date.now()`).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 */
export function toVideoJobStatus(video: Video, headers?: Headers, nowMs: number = Date.now()): JobStatus<Video> {
  const status: JobStatus<Video> = { state: 'pending', providerStatus: video.status, raw: video };
  if (typeof video.progress === 'number') status.progress = video.progress;
  switch (video.status) {
    case 'completed':
      if (isExpired(video, nowMs)) {
        status.state = 'expired';
        status.error = {
          message:
            `the video's assets expired at ${new Date((video.expires_at as number) * 1000).toISOString()} ` +
            '(expires_at) and can no longer be downloaded',
        };
        break;
      }
      status.state = 'succeeded';
      status.result = video;
      break;
    case 'failed':
      status.state = 'failed';
      status.error = {
        ...(typeof video.error?.code === 'string' ? { code: video.error.code } : {}),
        message: video.error?.message || 'the video job failed without an error message',
      };
      break;
    case 'cancelled':
    case 'canceled':
      status.state = 'cancelled';
      break;
    default:
      break;
  }
  const hint = Number(headers?.get(POLL_AFTER_HEADER) ?? Number.NaN);
  if (Number.isFinite(hint) && hint >= 0) status.pollAfterMs = hint;
  return status;
}

/**
 * Options of {@link retrieveVideoStatus}.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface VideoStatusOptions extends RequestOptions {
  /** Clock the `expires_at` check uses (default `Date.now`). */
  now?: VideoClock;
}

/**
 * One status call for a video job, normalised (see {@link toVideoJobStatus}): a completed video past its
 * `expires_at` is `expired`.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 * @example
 * ```ts
 * const { state, progress } = await retrieveVideoStatus(client, ref.id);
 * ```
 */
export async function retrieveVideoStatus(
  client: OpenAIClient,
  videoId: string,
  options: VideoStatusOptions = {},
): Promise<JobStatus<Video>> {
  const { now = Date.now, ...request } = options;
  const { video, response } = await retrieveVideoResponse(client, videoId, request);
  return toVideoJobStatus(video, response.headers, now());
}

/**
 * Options of {@link waitForVideo}.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface WaitForVideoOptions extends WaitOptions {
  /** Longest wait between polls after backoff, ms (default 15 000). */
  maxIntervalMs?: number;
  /** Called with the job reference before the first poll (store it: nothing paid for is lost). */
  onJob?: (job: JobRef) => void;
  /** Per-poll request options (timeouts, headers). */
  request?: Omit<RequestOptions, 'signal'>;
  /** Clock the `expires_at` check uses (default `Date.now`). */
  now?: VideoClock;
}

/**
 * Waits until a video job completes and returns the completed {@link Video}. Polls `GET /v1/videos/{id}` through
 * the shared `pollJob`: first after `intervalMs` (default 2 s), backing off to 15 s, or after the server's
 * `openai-poll-after-ms` hint; progress comes from the API's `progress` field.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @throws {JobFailedError} the job failed (`state: 'failed'`, `code` and `reason` from the video's `error`), or it
 * completed but its assets are past `expires_at` (`state: 'expired'`: nothing left to download).
 * @throws {JobTimeoutError} `timeoutMs` (default 30 min) passed; the job goes on: wait again with its id.
 * @throws {AbortedError} the signal aborted; the job goes on.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 * @example
 * ```ts
 * const done = await waitForVideo(client, job.id, { onProgress: (p) => console.log(`${p.percent ?? 0}%`) });
 * await downloadVideoContent(client, done.id, { to: './cat.mp4' });
 * ```
 */
export async function waitForVideo(
  client: OpenAIClient,
  video: string | Pick<Video, 'id'> | JobRef,
  options: WaitForVideoOptions = {},
): Promise<Video> {
  const job: JobRef =
    typeof video === 'string'
      ? makeJobRef('openai', 'video', video)
      : 'provider' in video && 'kind' in video
        ? (video as JobRef)
        : videoJobRef(video);
  const done = await pollJob<Video>({
    job,
    status: (signal) =>
      retrieveVideoStatus(client, job.id, {
        ...options.request,
        signal,
        ...(options.now === undefined ? {} : { now: options.now }),
      }),
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.maxIntervalMs === undefined ? {} : { maxIntervalMs: options.maxIntervalMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onJob === undefined ? {} : { onJob: options.onJob }),
  });
  return done.result ?? (done.raw as Video);
}

/**
 * Starts a video job and waits for it: {@link createVideo} then {@link waitForVideo}. `onJob` gets the job
 * reference as soon as the API accepts the job, before any waiting; on a timeout the job goes on (resume with
 * `waitForVideo(client, error.jobId)`).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 * @example
 * ```ts
 * const done = await createVideoAndWait(client, { prompt: 'a calico cat playing piano' }, {
 *   onJob: (ref) => store.save(ref),
 *   onProgress: (p) => bar.update(p.percent ?? 0),
 * });
 * ```
 */
export async function createVideoAndWait(
  client: OpenAIClient,
  params: CreateVideoParams,
  options: WaitForVideoOptions = {},
): Promise<Video> {
  const created = await createVideo(client, params, {
    ...options.request,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return waitForVideo(client, videoJobRef(created), options);
}
