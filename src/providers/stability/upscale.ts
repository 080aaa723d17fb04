/**
 * Stable Image upscale: fast (≈ 4×) and conservative (≈ 4 MP) answer at once; creative (up to 4K) starts a
 * job whose result is fetched from `GET /v2beta/results/{id}` (HTTP 202 while in progress, kept 24 h).
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { checkId } from '../../common/ids.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import type { WaitOptions } from '../../common/media-provider.js';
import { validateInput } from '../../common/validate.js';
import { toFormData } from '../../http/multipart.js';
import { pollJob } from '../../http/poll-job.js';
import type { RequestOptions } from '../../http/types.js';
import type { StabilityClient } from './client.js';
import { STABILITY_PROVIDER_NAME } from './errors.js';
import {
  between,
  readMediaResponse,
  STABILITY_IMAGE_FORMATS,
  STABILITY_STYLE_PRESETS,
  type StabilityMedia,
  type StabilityRequestOptions,
  sendValidated,
  stabilityFileSchema,
  stabilityNegativePromptSchema,
  stabilityPromptSchema,
  stabilitySeedSchema,
} from './shared.js';

const outputFormat = z.optional(z.enum(STABILITY_IMAGE_FORMATS));

/**
 * Request schema of `POST /v2beta/stable-image/upscale/fast` (image sides 32–1536 px, 1024–1048576 px total).
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 */
export const stabilityFastUpscaleSchema = z.strictObject({ image: stabilityFileSchema, output_format: outputFormat });
/** Parameters of {@link upscaleFast}. */
export type StabilityFastUpscaleParams = z.infer<typeof stabilityFastUpscaleSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/upscale/conservative` (creativity 0.2–0.5, default 0.35).
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 */
export const stabilityConservativeUpscaleSchema = z.strictObject({
  image: stabilityFileSchema,
  prompt: stabilityPromptSchema,
  negative_prompt: z.optional(stabilityNegativePromptSchema),
  seed: z.optional(stabilitySeedSchema),
  creativity: z.optional(between(0.2, 0.5)),
  output_format: outputFormat,
});
/** Parameters of {@link upscaleConservative}. */
export type StabilityConservativeUpscaleParams = z.infer<typeof stabilityConservativeUpscaleSchema>;

/**
 * Request schema of `POST /v2beta/stable-image/upscale/creative` (creativity 0.1–0.5, default 0.3; 60 credits).
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 */
export const stabilityCreativeUpscaleSchema = z.strictObject({
  image: stabilityFileSchema,
  prompt: stabilityPromptSchema,
  negative_prompt: z.optional(stabilityNegativePromptSchema),
  seed: z.optional(stabilitySeedSchema),
  creativity: z.optional(between(0.1, 0.5)),
  style_preset: z.optional(z.enum(STABILITY_STYLE_PRESETS)),
  output_format: outputFormat,
});
/** Parameters of {@link startCreativeUpscale}. */
export type StabilityCreativeUpscaleParams = z.infer<typeof stabilityCreativeUpscaleSchema>;

const image = (path: string, label: string) => ({ path, label, media: 'image' as const, defaultFormat: 'png' });

/**
 * Fast upscale (≈ 4×), answered at once.
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 */
export function upscaleFast(
  client: StabilityClient,
  params: StabilityFastUpscaleParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/upscale/fast', 'upscaleFast params');
  return sendValidated(client, stabilityFastUpscaleSchema, params, request, options);
}

/**
 * Conservative upscale (≈ 4 MP, keeps details), answered at once.
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 */
export function upscaleConservative(
  client: StabilityClient,
  params: StabilityConservativeUpscaleParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = image('/v2beta/stable-image/upscale/conservative', 'upscaleConservative params');
  return sendValidated(client, stabilityConservativeUpscaleSchema, params, request, options);
}

/** What {@link startCreativeUpscale} returns: the generation id and a job reference to store before waiting. */
export interface StabilityCreativeUpscaleJob {
  /** Generation id (poll `GET /v2beta/results/{id}` with the same key). */
  id: string;
  /** Job reference (provider `stability`, kind `image`). */
  job: JobRef;
}

/**
 * Starts a creative upscale (up to 4K, 60 credits) and returns its id at once; the one paid request, never
 * retried once sent. Wait with {@link waitForImageResult}.
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 * @example
 * ```ts
 * const { job } = await startCreativeUpscale(stability, { image: { path: './small.png' }, prompt: 'a detailed fox' });
 * const done = await waitForImageResult(stability, job);
 * await saveStabilityMedia(done.result!, './big.png');
 * ```
 */
export async function startCreativeUpscale(
  client: StabilityClient,
  params: StabilityCreativeUpscaleParams,
  options: RequestOptions = {},
): Promise<StabilityCreativeUpscaleJob> {
  const fields = validateInput(stabilityCreativeUpscaleSchema, params, 'startCreativeUpscale params');
  const answer = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/v2beta/stable-image/upscale/creative',
    form: await toFormData(fields),
    retry: 'job-start',
    headers: { ...options.headers, accept: 'application/json' },
  });
  const id = isRecord(answer.data) ? answer.data.id : undefined;
  if (typeof id !== 'string' || id === '') {
    throw new ResponseValidationError(STABILITY_PROVIDER_NAME, 'no id in the answer', answer.data);
  }
  return { id, job: makeJobRef(STABILITY_PROVIDER_NAME, 'image', id, { model: 'upscale-creative' }) };
}

/** The generation id of a job reference or id, checked to be one path segment (`checkId`). */
export function stabilityResultId(job: JobRef | string): string {
  return checkId(typeof job === 'string' ? job : job.id, 'id', 'Stability generation id');
}

/**
 * Fetches an async image result once (`GET /v2beta/results/{id}`): `pending` on HTTP 202, `succeeded` with the
 * image on 200. An unknown or expired id (24 h), or one asked for with another key, is a `NotFoundError`.
 * @see https://platform.stability.ai/docs/api-reference#tag/Results
 */
export async function getImageResult(
  client: StabilityClient,
  job: JobRef | string,
  options: RequestOptions = {},
): Promise<JobStatus<StabilityMedia>> {
  const id = stabilityResultId(job);
  const response = await client.raw({
    ...options,
    method: 'GET',
    path: `/v2beta/results/${encodeURIComponent(id)}`,
    retry: 'safe',
    headers: { ...options.headers, accept: 'image/*' },
  });
  if (response.status === 202) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // A 202 body is advisory; an unreadable one still means "in progress".
    }
    const word = isRecord(body) && typeof body.status === 'string' ? body.status : 'in-progress';
    return { state: 'pending', providerStatus: word, raw: body };
  }
  const media = await readMediaResponse(response, 'image/png');
  return { state: 'succeeded', providerStatus: 'done', progress: 100, result: media, raw: { id } };
}

/**
 * Waits for an async image result (creative upscale), polling every 10 s by default (Stability asks for no more
 * often), up to 30 minutes. Throws JobTimeoutError past the deadline (the job goes on for 24 h).
 * @see https://platform.stability.ai/docs/api-reference#tag/Results
 */
export function waitForImageResult(
  client: StabilityClient,
  job: JobRef | string,
  options: WaitOptions = {},
): Promise<JobStatus<StabilityMedia>> {
  const ref = typeof job === 'string' ? makeJobRef(STABILITY_PROVIDER_NAME, 'image', job) : job;
  return pollJob<StabilityMedia>({
    job: ref,
    status: (signal) => getImageResult(client, ref, { signal }),
    intervalMs: options.intervalMs ?? 10_000,
    maxIntervalMs: 20_000,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
