/**
 * xAI video (Grok Imagine), async: generate, edit or extend a video (`POST /v1/videos/generations | edits |
 * extensions` → `{ request_id }`), poll `GET /v1/videos/{request_id}` (HTTP 202 while pending; 200 `done`,
 * `failed` or `expired`), then download the MP4 from its URL (valid 24 h). Each POST is one paid request,
 * never retried once sent.
 * @see https://docs.x.ai/docs/api-reference#video-generations
 * @module
 */
import * as z from 'zod/mini';
import { JobFailedError, RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import type { SaveOptions, WaitOptions } from '../../common/media-provider.js';
import { validateInput } from '../../common/validate.js';
import { download } from '../../http/download.js';
import { pollJob } from '../../http/poll-job.js';
import type { RequestOptions } from '../../http/types.js';
import type { XAIClient } from './client.js';
import { xaiImageRefSchema } from './images.js';
import { getXAIResult, type XAIMediaUsage, type XAIResultError, xaiJobId } from './media-shared.js';

/** Video model ids (any other string is passed through). */
export type XAIVideoModel = 'grok-imagine-video' | 'grok-imagine-video-1.5' | (string & {});

const videoRef = z.union([
  z.strictObject({ url: z.string().check(z.regex(/^(https:\/\/|data:video\/)/i, 'an https URL or a data:video URL')) }),
  z.strictObject({ file_id: z.string().check(z.minLength(1)) }),
]);
const outputs = {
  output: z.optional(z.strictObject({ upload_url: z.url({ protocol: /^https$/ }) })),
  storage_options: z.optional(
    z.strictObject({
      filename: z.string().check(z.minLength(1)),
      expires_after: z.optional(z.int().check(z.gte(1), z.lte(2_592_000))),
      public_url: z.optional(z.union([z.literal(true), z.strictObject({ expires_after: z.optional(z.int()) })])),
    }),
  ),
};
const model = z.optional(z.string().check(z.minLength(1)));

/**
 * Request schema of `POST /v1/videos/generations`: text-to-video (prompt), image-to-video (`image`, prompt
 * optional), reference-to-video (`reference_images` / `reference_audios`). `last_frame` and `generate_audio` are
 * unverified on REST; the default `resolution` is unverified (docs examples use 720p).
 * @see https://docs.x.ai/docs/api-reference#video-generations
 */
export const xaiGenerateVideoSchema = z
  .strictObject({
    prompt: z.optional(z.string().check(z.minLength(1))),
    model,
    duration: z.optional(z.int().check(z.gte(1), z.lte(15))),
    aspect_ratio: z.optional(z.enum(['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'])),
    resolution: z.optional(z.enum(['480p', '720p', '1080p'])),
    image: z.optional(xaiImageRefSchema),
    last_frame: z.optional(xaiImageRefSchema),
    keyframes: z.optional(
      z
        .array(z.strictObject({ image: xaiImageRefSchema, timestamp_s: z.number().check(z.gt(0)) }))
        .check(z.minLength(1), z.maxLength(4)),
    ),
    reference_images: z.optional(z.array(xaiImageRefSchema).check(z.minLength(1))),
    reference_audios: z.optional(
      z
        .array(
          z.union([
            z.strictObject({
              url: z.string().check(z.regex(/^(https:\/\/|data:audio\/)/i, 'an https or data:audio URL')),
            }),
            z.strictObject({ voice_id: z.string().check(z.minLength(1)) }),
          ]),
        )
        .check(z.minLength(1), z.maxLength(3)),
    ),
    generate_audio: z.optional(z.boolean()),
    user: z.optional(z.string()),
    ...outputs,
  })
  .check(
    z.superRefine((value, context) => {
      const add = (path: string, message: string) =>
        context.addIssue({ code: 'custom', path: [path], message, input: value });
      const references = value.reference_images !== undefined || value.reference_audios !== undefined;
      if (value.prompt === undefined && (value.image === undefined || references)) {
        add('prompt', 'required for text-to-video and reference-to-video (optional only for image-to-video)');
      }
      const duration = value.duration ?? 8;
      for (const [index, keyframe] of (value.keyframes ?? []).entries()) {
        if (keyframe.timestamp_s >= duration) {
          add(`keyframes.${index}.timestamp_s`, `must be below the duration (${duration} s)`);
        }
      }
    }),
  );
/** Parameters of {@link generateVideo} (wire fields). */
export type XAIGenerateVideoParams = z.infer<typeof xaiGenerateVideoSchema> & { model?: XAIVideoModel };

/**
 * Request schema of `POST /v1/videos/edits` (input ≤ 8.7 s; output keeps its length and ratio, ≤ 720p).
 * @see https://docs.x.ai/docs/api-reference#video-edits
 */
export const xaiEditVideoSchema = z.strictObject({
  prompt: z.string().check(z.minLength(1)),
  video: videoRef,
  model,
  user: z.optional(z.string()),
  ...outputs,
});
/** Parameters of {@link editVideo}. */
export type XAIEditVideoParams = z.infer<typeof xaiEditVideoSchema> & { model?: XAIVideoModel };

/**
 * Request schema of `POST /v1/videos/extensions` (`duration` 2–10 s of new video, default 6; input 2–15 s; the
 * answer is input + extension, ≤ 720p). No `user` field.
 * @see https://docs.x.ai/docs/api-reference#video-extensions
 */
export const xaiExtendVideoSchema = z.strictObject({
  prompt: z.string().check(z.minLength(1)),
  video: videoRef,
  model,
  duration: z.optional(z.int().check(z.gte(2), z.lte(10))),
  ...outputs,
});
/** Parameters of {@link extendVideo}. */
export type XAIExtendVideoParams = z.infer<typeof xaiExtendVideoSchema> & { model?: XAIVideoModel };

/** What a video POST returns: the request id and a job reference to store before waiting. */
export interface XAIVideoJob {
  /** The request id to poll. */
  request_id: string;
  /** Job reference (provider `xai`, kind `video`). */
  job: JobRef;
}

/** The finished video. */
export interface XAIVideo {
  /** MP4 URL, valid 24 h (empty when moderation withheld it). */
  url: string;
  /** Length, seconds. */
  duration?: number;
  /** False when moderation withheld the video (its URL is then empty). */
  respect_moderation?: boolean;
  /** The copy stored in the Files API (`storage_options`): `{ file_id, filename, … }`. */
  file_output?: Record<string, unknown>;
  /** Why storing that copy failed. */
  storage_error?: string;
  [key: string]: unknown;
}

/** The wire answer of `GET /v1/videos/{request_id}` once finished (HTTP 200). */
export interface XAIVideoResult {
  /** `pending`, `done`, `failed` or `expired`. */
  status: 'pending' | 'done' | 'failed' | 'expired' | (string & {});
  /** Model that made it. */
  model?: string;
  /** 0–100. */
  progress?: number;
  /** The video, when done. */
  video?: XAIVideo;
  /** Why it failed. */
  error?: XAIResultError;
  /** Cost. */
  usage?: XAIMediaUsage;
  [key: string]: unknown;
}

async function startVideo(
  client: XAIClient,
  path: string,
  body: Record<string, unknown>,
  options: RequestOptions,
): Promise<XAIVideoJob> {
  const answer = await client.request<unknown>({ ...options, method: 'POST', path, json: body, retry: 'job-start' });
  const id = isRecord(answer.data) ? answer.data.request_id : undefined;
  if (typeof id !== 'string' || !id)
    throw new ResponseValidationError('xai', 'no request_id in the answer', answer.data);
  const extra = typeof body.model === 'string' ? { model: body.model } : {};
  return { request_id: id, job: makeJobRef('xai', 'video', id, extra) };
}

/**
 * Starts a video (text-, image- or reference-to-video) and returns its request id at once.
 * @see https://docs.x.ai/docs/api-reference#video-generations
 * @example
 * ```ts
 * const { job } = await generateVideo(xaiClient, { model: 'grok-imagine-video', prompt: 'a fox in snow', duration: 8 });
 * await store.save(job);                               // before waiting
 * const done = await waitForXAIVideo(xaiClient, job);
 * await downloadXAIVideo(xaiClient, done, { to: './fox.mp4' });
 * ```
 */
export async function generateVideo(
  client: XAIClient,
  params: XAIGenerateVideoParams,
  options: RequestOptions = {},
): Promise<XAIVideoJob> {
  return startVideo(
    client,
    'videos/generations',
    validateInput(xaiGenerateVideoSchema, params, 'generateVideo params'),
    options,
  );
}

/**
 * Starts an edit of a short video (≤ 8.7 s) from a prompt.
 * @see https://docs.x.ai/docs/api-reference#video-edits
 */
export async function editVideo(
  client: XAIClient,
  params: XAIEditVideoParams,
  options: RequestOptions = {},
): Promise<XAIVideoJob> {
  return startVideo(client, 'videos/edits', validateInput(xaiEditVideoSchema, params, 'editVideo params'), options);
}

/**
 * Starts an extension of a video (2–15 s) by 2–10 s; the result is the input plus the new segment.
 * @see https://docs.x.ai/docs/api-reference#video-extensions
 */
export async function extendVideo(
  client: XAIClient,
  params: XAIExtendVideoParams,
  options: RequestOptions = {},
): Promise<XAIVideoJob> {
  return startVideo(
    client,
    'videos/extensions',
    validateInput(xaiExtendVideoSchema, params, 'extendVideo params'),
    options,
  );
}

/**
 * A finished video that exists somewhere: at its URL, as a stored file, or (moderation passed, no URL) at the
 * caller's `output.upload_url`. Unverified: whether xAI leaves `url` empty when it uploads; a paid video that
 * passed moderation is never reported as withheld.
 */
function isDelivered(video: XAIVideo | undefined): boolean {
  if (!video) return false;
  return (
    (typeof video.url === 'string' && video.url !== '') ||
    isRecord(video.file_output) ||
    video.respect_moderation === true
  );
}

/** Words of a failed video, lowercased. */
const FAILED_WORDS = new Set(['failed', 'fail', 'error']);

/**
 * Maps a video result to the normalised status: 202 / `pending` → pending; `done` with a URL, a stored copy
 * (`file_output`) or a passed moderation (`respect_moderation: true`: delivered to `output.upload_url`) →
 * succeeded; any other `done` without a URL (moderation withheld it) → failed with code `moderated`;
 * `failed` (or `error`, any case, or any word with an `error` object) → failed with xAI's code and message;
 * `expired` → expired; any other word → pending, bounded by the wait's deadline.
 * @see https://docs.x.ai/docs/api-reference#get-video
 */
export function xaiVideoStatus(body: unknown, httpStatus = 200): JobStatus<XAIVideoResult> {
  const result = (isRecord(body) ? body : {}) as XAIVideoResult;
  const word = typeof result.status === 'string' ? result.status : httpStatus === 202 ? 'pending' : 'unknown';
  const progress = typeof result.progress === 'number' ? { progress: result.progress } : {};
  if (httpStatus === 202 || word === 'pending')
    return { state: 'pending', providerStatus: word, ...progress, raw: body };
  if (word === 'done' && isDelivered(result.video)) {
    return { state: 'succeeded', providerStatus: word, progress: 100, result, raw: body };
  }
  if (word === 'done') {
    const message = 'moderation withheld the video (respect_moderation: false): change the prompt or input';
    return { state: 'failed', providerStatus: word, error: { code: 'moderated', message }, raw: body };
  }
  // A word the docs do not list, with no error: still running (a wait's deadline bounds it). Failing a running,
  // paid video on an unexpected word would lose it.
  if (word !== 'expired' && !FAILED_WORDS.has(word.toLowerCase()) && !isRecord(result.error)) {
    return { state: 'pending', providerStatus: word, ...progress, raw: body };
  }
  const error = {
    message: result.error?.message ?? `the video request ended with status ${word}`,
    ...(typeof result.error?.code === 'string' ? { code: result.error.code } : {}),
  };
  return { state: word === 'expired' ? 'expired' : 'failed', providerStatus: word, error, raw: body };
}

/**
 * Checks a video request once (`GET /v1/videos/{request_id}`). 404: unknown id.
 * @see https://docs.x.ai/docs/api-reference#get-video
 */
export async function getVideo(
  client: XAIClient,
  job: JobRef | string,
  options: RequestOptions = {},
): Promise<JobStatus<XAIVideoResult>> {
  const { status, body } = await getXAIResult(client, 'videos', job, options);
  return xaiVideoStatus(body, status);
}

/**
 * Waits for a video (polling every 5 s by default, up to 10 minutes, like xAI's SDK). Throws JobFailedError for
 * a failed, withheld or expired video; JobTimeoutError past the deadline (the request goes on).
 * @see https://docs.x.ai/docs/api-reference#get-video
 */
export function waitForXAIVideo(
  client: XAIClient,
  job: JobRef | string,
  options: WaitOptions = {},
): Promise<JobStatus<XAIVideoResult>> {
  const ref = typeof job === 'string' ? makeJobRef('xai', 'video', xaiJobId(job)) : job;
  return pollJob<XAIVideoResult>({
    job: ref,
    status: (signal) => getVideo(client, ref, { signal }),
    intervalMs: options.intervalMs ?? 5_000,
    maxIntervalMs: Math.max(10_000, options.intervalMs ?? 0),
    timeoutMs: options.timeoutMs ?? 10 * 60_000,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/**
 * Downloads a finished video (a succeeded status, or its result) to `to`, atomically; the API key is never sent
 * to the video host.
 * @see https://docs.x.ai/docs/api-reference#get-video
 */
export async function downloadXAIVideo(
  client: XAIClient,
  source: JobStatus<XAIVideoResult> | XAIVideoResult,
  options: SaveOptions,
): Promise<{ path: string; bytes: number; url: string; durationMs?: number }> {
  const result = 'raw' in source && 'state' in source ? (source as JobStatus<XAIVideoResult>).result : source;
  const video = (result as XAIVideoResult | undefined)?.video;
  if (!video?.url) {
    const stored = typeof video?.file_output?.file_id === 'string' ? video.file_output.file_id : undefined;
    const reason = stored
      ? `the video has no URL: it was stored as file ${stored} (storage_options); fetch it from the Files API`
      : video?.respect_moderation === true
        ? 'the video has no URL: it was delivered to your output.upload_url'
        : 'the video has no URL (not done, or withheld)';
    throw new JobFailedError({ provider: 'xai', jobId: '?', reason });
  }
  const saved = await download(video.url, {
    to: options.to,
    provider: 'xai',
    fetch: client.options.fetch,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const out: { path: string; bytes: number; url: string; durationMs?: number } = {
    path: saved.path ?? options.to,
    bytes: saved.bytes,
    url: video.url,
  };
  if (typeof video.duration === 'number') out.durationMs = video.duration * 1000;
  return out;
}

/** Checks a `status` input of {@link downloadXAIVideo} callers that hold only an id. */
export function requireSucceeded(status: JobStatus<XAIVideoResult>, id: string): XAIVideoResult {
  if (status.state === 'succeeded' && status.result) return status.result;
  if (status.state === 'pending') {
    throw new RequestValidationError(
      [{ path: 'job', message: `video ${id} is still pending: wait for it first` }],
      'download',
    );
  }
  throw new JobFailedError({
    provider: 'xai',
    jobId: id,
    state: status.state === 'succeeded' ? 'failed' : status.state,
    ...(status.error?.code ? { code: status.error.code } : {}),
    ...(status.error?.message ? { reason: status.error.message } : {}),
  });
}
