/**
 * MiniMax video generation, first API generation (Hailuo, 01-series): start a task (`POST /v1/video_generation`)
 * after checking its mode, model, duration, resolution and camera commands. Modes: text-to-video, image-to-video,
 * first + last frame, subject reference. Querying a task is in `video-task.ts`, its file in `files.ts`, waiting
 * and downloading in `video-wait.ts`.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { type JobRef, makeJobRef } from '../../common/jobs.js';
import { type ValidationIssue, validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp } from './errors.js';
import { requestExactJson, resolveImageInput } from './shared.js';
import { assertVideoApi } from './video-api.js';
import { MINIMAX_CAMERA_COMMANDS, parseCameraCommands } from './video-camera.js';

/**
 * Video model ids (any other string is passed through without model-specific checks).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 */
export type MiniMaxVideoModel =
  | 'MiniMax-Hailuo-2.3'
  | 'MiniMax-Hailuo-2.3-Fast'
  | 'MiniMax-Hailuo-02'
  | 'T2V-01-Director'
  | 'T2V-01'
  | 'I2V-01-Director'
  | 'I2V-01-live'
  | 'I2V-01'
  | 'S2V-01'
  | (string & {});

/** The four modes of `POST /v1/video_generation`, decided by which fields are sent. */
export type MiniMaxVideoMode = 'text-to-video' | 'image-to-video' | 'first-last-frame' | 'subject-reference';

/**
 * Models of each mode (exact enums of the official API reference).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 */
export const MINIMAX_VIDEO_MODELS: Readonly<Record<MiniMaxVideoMode, readonly string[]>> = {
  'text-to-video': ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01'],
  'image-to-video': [
    'MiniMax-Hailuo-2.3',
    'MiniMax-Hailuo-2.3-Fast',
    'MiniMax-Hailuo-02',
    'I2V-01-Director',
    'I2V-01-live',
    'I2V-01',
  ],
  'first-last-frame': ['MiniMax-Hailuo-02'],
  'subject-reference': ['S2V-01'],
};

const HAILUO_MODELS = new Set(['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02']);
const SERIES_01_MODELS = new Set(['T2V-01-Director', 'T2V-01', 'I2V-01-Director', 'I2V-01-live', 'I2V-01', 'S2V-01']);
const CAMERA_MODELS = new Set([...HAILUO_MODELS, 'T2V-01-Director', 'I2V-01-Director']);

/**
 * Length of a video when `duration` is not sent, seconds (the API's default).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 */
export const MINIMAX_DEFAULT_VIDEO_DURATION_S = 6;

/** The length a request asks for, in milliseconds (`duration` seconds, default 6 s). */
export function requestedVideoDurationMs(params: Pick<CreateVideoParams, 'duration'>): number {
  return (params.duration ?? MINIMAX_DEFAULT_VIDEO_DURATION_S) * 1000;
}

/** Frame and reference images: < 20 MB. */
const FRAME_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Parameters of {@link createVideo} (wire fields as MiniMax names them). Images (`first_frame_image`,
 * `last_frame_image`, `subject_reference[0].image[0]`) are an https URL, a `data:image/...;base64,` URL, or a
 * local file path (read and sent as a data URL): JPG/JPEG/PNG/WebP, < 20 MB, short side > 300 px, aspect 2:5–5:2.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 */
export interface CreateVideoParams {
  /** Model id (see {@link MINIMAX_VIDEO_MODELS} for which mode takes which). */
  model: MiniMaxVideoModel;
  /** What happens (≤ 2000 chars); required for text-to-video. May hold camera commands in brackets. */
  prompt?: string;
  /** Let MiniMax rewrite the prompt (default true). */
  prompt_optimizer?: boolean;
  /** Shorter optimiser time; Hailuo-2.3, 2.3-Fast and 02 only. */
  fast_pretreatment?: boolean;
  /** First frame: image-to-video, and first + last frame mode. */
  first_frame_image?: string;
  /** Last frame: first + last frame mode (MiniMax-Hailuo-02; send `first_frame_image` too). */
  last_frame_image?: string;
  /** Subject reference (S2V-01): one character image. */
  subject_reference?: [{ type: 'character'; image: [string] }];
  /** Seconds: 6 (default) or 10 (Hailuo at 768P, and 512P for Hailuo-02 image-to-video). 01-series: 6. */
  duration?: 6 | 10;
  /** Hailuo: `768P` (default) or `1080P` (6 s only); `512P` Hailuo-02 image-to-video only. 01-series: `720P`. */
  resolution?: '512P' | '720P' | '768P' | '1080P';
  /** Webhook: MiniMax first POSTs `{ challenge }` (echo it within 3 s), then status updates (see {@link parseVideoCallback}). */
  callback_url?: string;
  /** Add a watermark (listed in MiniMax's own skill docs; not in the international API pages). */
  aigc_watermark?: boolean;
}

/**
 * Request schema of `POST /v1/video_generation` (shape; the mode, model and camera rules run after it).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 */
export const createVideoParamsSchema = z.strictObject({
  model: z.string().check(z.minLength(1)),
  prompt: z.optional(z.string().check(z.maxLength(2000))),
  prompt_optimizer: z.optional(z.boolean()),
  fast_pretreatment: z.optional(z.boolean()),
  first_frame_image: z.optional(z.string().check(z.minLength(1))),
  last_frame_image: z.optional(z.string().check(z.minLength(1))),
  // One reference with one image, as one-item tuples: the params type's shape, so the two cannot drift.
  subject_reference: z.optional(
    z.tuple([z.strictObject({ type: z.literal('character'), image: z.tuple([z.string().check(z.minLength(1))]) })]),
  ),
  duration: z.optional(z.literal([6, 10])),
  resolution: z.optional(z.enum(['512P', '720P', '768P', '1080P'])),
  callback_url: z.optional(z.url({ protocol: /^https?$/ })),
  aigc_watermark: z.optional(z.boolean()),
});

/** Which mode a request is in. */
export function videoModeOf(
  params: Pick<CreateVideoParams, 'first_frame_image' | 'last_frame_image' | 'subject_reference'>,
): MiniMaxVideoMode {
  if (params.subject_reference) return 'subject-reference';
  if (params.last_frame_image) return 'first-last-frame';
  if (params.first_frame_image) return 'image-to-video';
  return 'text-to-video';
}

function checkVideoRules(params: CreateVideoParams): { mode: MiniMaxVideoMode; warnings: string[] } {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string, allowed?: readonly string[]): void => {
    issues.push(allowed ? { path, message, allowed } : { path, message });
  };
  const mode = videoModeOf(params);
  const { model } = params;
  const knownModel = HAILUO_MODELS.has(model) || SERIES_01_MODELS.has(model);
  if (mode === 'subject-reference' && (params.first_frame_image || params.last_frame_image)) {
    add('subject_reference', 'subject reference cannot be combined with first/last frame images');
  }
  if (mode === 'first-last-frame' && !params.first_frame_image) {
    add('first_frame_image', 'first + last frame mode needs first_frame_image too');
  }
  if (mode === 'text-to-video' && !params.prompt) add('prompt', 'text-to-video needs a prompt');
  if (knownModel && !MINIMAX_VIDEO_MODELS[mode].includes(model)) {
    add('model', `${model} does not do ${mode}`, MINIMAX_VIDEO_MODELS[mode]);
  }
  if (knownModel) {
    const duration = params.duration ?? 6;
    if (HAILUO_MODELS.has(model)) {
      const resolutions =
        model === 'MiniMax-Hailuo-02' && mode === 'image-to-video' ? ['512P', '768P', '1080P'] : ['768P', '1080P'];
      if (params.resolution !== undefined && !resolutions.includes(params.resolution)) {
        add('resolution', `not available for ${model} in ${mode}`, resolutions);
      }
      if (duration === 10 && params.resolution === '1080P') add('duration', '1080P videos are 6 seconds long', ['6']);
    } else {
      if (params.resolution !== undefined && params.resolution !== '720P')
        add('resolution', `${model} makes 720P`, ['720P']);
      if (duration !== 6) add('duration', `${model} makes 6-second videos`, ['6']);
    }
    if (params.fast_pretreatment !== undefined && !HAILUO_MODELS.has(model)) {
      add('fast_pretreatment', 'only for MiniMax-Hailuo-2.3, -2.3-Fast and -02');
    }
  }
  let warnings: string[] = [];
  if (params.prompt) {
    const camera = parseCameraCommands(params.prompt);
    const { groups, problems } = camera;
    warnings = camera.warnings;
    for (const problem of problems) add('prompt', problem, MINIMAX_CAMERA_COMMANDS);
    if (groups.length && knownModel && !CAMERA_MODELS.has(model)) {
      add('prompt', `${model} does not take camera commands (use Hailuo-2.3/2.3-Fast/02 or a *-01-Director model)`);
    }
  }
  if (issues.length) throw new RequestValidationError(issues, 'createVideo params');
  return { mode, warnings };
}

/** The wire answer of `POST /v1/video_generation`. */
export interface CreateVideoResponse {
  /** Task id (kept as a string: int64). */
  task_id: string;
  /** Status. */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** What {@link createVideo} returns: the wire answer plus a serialisable job reference to store before waiting. */
export interface CreateVideoResult extends CreateVideoResponse {
  /** Job reference (provider `minimax`, kind `video`, id = task_id). */
  job: JobRef;
  /** The mode the request was in. */
  mode: MiniMaxVideoMode;
  /** Advice about the prompt's camera commands that did not stop the request (see {@link parseCameraCommands}). */
  warnings?: string[];
}

/**
 * Starts a video task and returns as soon as MiniMax accepts it, with a job reference to store before waiting.
 * Mode, model, duration, resolution and camera commands are checked before sending (unknown commands refused;
 * advice such as more than 3 commands in one bracket comes back in `warnings`); local image
 * paths are read (lazy `node:fs`) and sent as data URLs.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 * @example
 * ```ts
 * const task = await createVideo(mm, { model: 'MiniMax-Hailuo-2.3', prompt: 'A fox in snow [Tracking shot]', duration: 6, resolution: '768P' });
 * await store.save(task.job);                                   // before waiting
 * const done = await waitForVideo(mm, task.job);
 * await downloadVideo(mm, done, { to: './fox.mp4' });
 * ```
 */
export async function createVideo(
  client: MiniMaxClient,
  params: CreateVideoParams,
  options: RequestOptions = {},
): Promise<CreateVideoResult> {
  validateInput(createVideoParamsSchema, params, 'createVideo params');
  assertVideoApi(params.model, 'v1', 'createVideo', 'createVideoV2');
  const { mode, warnings } = checkVideoRules(params);
  const body: CreateVideoParams = { ...params };
  if (params.first_frame_image) {
    body.first_frame_image = await resolveImageInput(params.first_frame_image, 'first_frame_image', FRAME_MAX_BYTES);
  }
  if (params.last_frame_image) {
    body.last_frame_image = await resolveImageInput(params.last_frame_image, 'last_frame_image', FRAME_MAX_BYTES);
  }
  if (params.subject_reference) {
    const [reference] = params.subject_reference;
    const image = await resolveImageInput(reference.image[0], 'subject_reference.0.image.0', FRAME_MAX_BYTES);
    body.subject_reference = [{ type: 'character', image: [image] }];
  }
  const answer = await requestExactJson<CreateVideoResponse>(client, {
    ...options,
    method: 'POST',
    path: '/v1/video_generation',
    json: body,
    retry: 'job-start',
  });
  const response = answer.data;
  if (typeof response.task_id !== 'string' || !response.task_id) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no task_id in the answer', response);
  }
  const result: CreateVideoResult = {
    ...response,
    mode,
    job: makeJobRef(MINIMAX_PROVIDER_NAME, 'video', response.task_id, { model: params.model, api: 'v1' }),
  };
  if (warnings.length) result.warnings = warnings;
  return result;
}
