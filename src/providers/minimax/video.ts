/**
 * MiniMax video generation (async): create a task (`POST /v1/video_generation`), query it
 * (`GET /v1/query/video_generation`), resolve its file (`GET /v1/files/retrieve`) and download it.
 * Modes: text-to-video, image-to-video, first + last frame, subject reference.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 * @module
 */

import * as z from 'zod/mini';
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { checkId } from '../../common/ids.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import { type ValidationIssue, validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp, readBaseResp } from './errors.js';
import { parseJsonExactIds, requestExactJson, resolveImageInput } from './shared.js';
import { assertVideoApi } from './video-api.js';

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

/**
 * The 15 camera commands, written in brackets inside the prompt (`[Pan left]`); several in one bracket move
 * together (`[Pan left,Pedestal up]`; at most 3 recommended). Hailuo-2.3 / 2.3-Fast / 02 and the `*-01-Director` models take them.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 */
export const MINIMAX_CAMERA_COMMANDS = [
  'Truck left',
  'Truck right',
  'Pan left',
  'Pan right',
  'Push in',
  'Pull out',
  'Pedestal up',
  'Pedestal down',
  'Tilt up',
  'Tilt down',
  'Zoom in',
  'Zoom out',
  'Shake',
  'Tracking shot',
  'Static shot',
] as const;

/** A camera command. */
export type MiniMaxCameraCommand = (typeof MINIMAX_CAMERA_COMMANDS)[number];

const HAILUO_MODELS = new Set(['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02']);
const SERIES_01_MODELS = new Set(['T2V-01-Director', 'T2V-01', 'I2V-01-Director', 'I2V-01-live', 'I2V-01', 'S2V-01']);
const CAMERA_MODELS = new Set([...HAILUO_MODELS, 'T2V-01-Director', 'I2V-01-Director']);
/** Pairs that may cancel each other out inside one bracket (a warning of this library, not an API rule). */
const OPPOSITE_COMMANDS: readonly [string, string][] = [
  ['truck left', 'truck right'],
  ['pan left', 'pan right'],
  ['push in', 'pull out'],
  ['pedestal up', 'pedestal down'],
  ['tilt up', 'tilt down'],
  ['zoom in', 'zoom out'],
];
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
  subject_reference: z.optional(
    z
      .array(
        z.strictObject({
          type: z.literal('character'),
          image: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(1)),
        }),
      )
      .check(z.minLength(1), z.maxLength(1)),
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

/**
 * Finds the camera commands in a prompt: every bracket group that names at least one known command.
 * Returns the groups (each a list of commands as written), `problems` — what the API reference rules out: words
 * that are not one of the 15 commands mixed into a command bracket ({@link createVideo} refuses these) — and
 * `warnings`, which are advice only and never refused: more than 3 commands in one bracket (the reference says
 * "max 3 recommended"), and this library's own hints: opposite moves together (`Pan left,Pan right`) and
 * `Static shot` with a move.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-t2v
 */
export function parseCameraCommands(prompt: string): {
  groups: MiniMaxCameraCommand[][];
  problems: string[];
  warnings: string[];
} {
  const known = new Map(MINIMAX_CAMERA_COMMANDS.map((command) => [command.toLowerCase(), command]));
  const groups: MiniMaxCameraCommand[][] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const match of prompt.matchAll(/\[([^\]]*)\]/g)) {
    const items = (match[1] ?? '')
      .split(/[,，]/)
      .map((item) => item.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
    const commands = items.map((item) => known.get(item.toLowerCase()));
    if (!commands.some(Boolean)) continue;
    const unknown = items.filter((_, index) => !commands[index]);
    if (unknown.length) {
      problems.push(
        `unknown camera command(s) ${unknown.map((item) => JSON.stringify(item)).join(', ')} in ${match[0]}`,
      );
    }
    const group = commands.filter((command): command is MiniMaxCameraCommand => command !== undefined);
    if (group.length > 3) warnings.push(`${match[0]}: at most 3 camera commands in one bracket are recommended`);
    const lower = new Set(group.map((command) => command.toLowerCase()));
    for (const [one, other] of OPPOSITE_COMMANDS) {
      if (lower.has(one) && lower.has(other))
        warnings.push(`${match[0]}: "${one}" and "${other}" may cancel each other out`);
    }
    if (lower.has('static shot') && group.length > 1) warnings.push(`${match[0]}: "Static shot" with a camera move`);
    groups.push(group);
  }
  return { groups, problems, warnings };
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

/** Capitalised task states of the query endpoint. */
export type MiniMaxVideoTaskStatus = 'Preparing' | 'Queueing' | 'Processing' | 'Success' | 'Fail' | (string & {});

/**
 * The wire answer of `GET /v1/query/video_generation`. `file_id`, `video_width`, `video_height` come only
 * with `Success`.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 */
export interface VideoTask {
  /** Task id. */
  task_id: string;
  /** `Preparing` | `Queueing` | `Processing` | `Success` | `Fail`. */
  status: MiniMaxVideoTaskStatus;
  /** File id of the video (int64, kept exact as a string). */
  file_id?: string;
  /** Width, px. */
  video_width?: number;
  /** Height, px. */
  video_height?: number;
  /** Status (a `Fail` may carry 1026/1027 for moderation). */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** The result of a succeeded video task. */
export interface VideoTaskResult {
  /** Task id. */
  task_id: string;
  /** File id: pass to {@link retrieveFile} / {@link downloadVideo}. */
  file_id: string;
  /** Width, px. */
  video_width?: number;
  /** Height, px. */
  video_height?: number;
}

/**
 * The wire answer of `GET /v1/files/retrieve`. `download_url` is short-lived (1–9 h reported, unverified):
 * download at once.
 * @see https://platform.minimax.io/docs/api-reference/file-management-retrieve
 */
export interface RetrieveFileResponse {
  /** The file. */
  file: {
    /** File id (int64 on the wire; kept exact as a string). */
    file_id: string;
    /** Size, bytes. */
    bytes?: number;
    /** Unix seconds. */
    created_at?: number;
    /** File name (`output.mp4`). */
    filename?: string;
    /** `video_generation`, `t2a_async`, … */
    purpose?: string;
    /** Signed download URL. */
    download_url?: string;
    [key: string]: unknown;
  };
  /** Status. */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
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

function taskIdOf(task: string | JobRef | { task_id: string }): string {
  if (typeof task === 'string') return task;
  if ('task_id' in task) return task.task_id;
  return task.id;
}

/**
 * Queries a video task once. A non-zero `base_resp` is thrown, except on a `Fail` task (moderation codes
 * 1026/1027 then describe the failure: see {@link videoTaskStatus}).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 */
export async function queryVideoTask(
  client: MiniMaxClient,
  task: string | JobRef | { task_id: string },
  options: RequestOptions = {},
): Promise<VideoTask> {
  const taskId = checkId(taskIdOf(task), 'task_id', 'queryVideoTask');
  const answer = await requestExactJson<VideoTask>(client, {
    ...options,
    method: 'GET',
    path: '/v1/query/video_generation',
    query: { task_id: taskId },
    retry: 'safe',
  });
  const response = answer.data;
  if (typeof response.status !== 'string') {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no status in the task answer', response);
  }
  return response;
}

/** Words MiniMax (or a callback, or third-party code) uses for a failed task, lowercased. */
const FAILED_WORDS = new Set(['fail', 'failed', 'error']);
/** `base_resp` code that only says "poll slower" (rate limit); any other non-zero code ends the task. */
const RATE_LIMIT_CODE = 1002;

/**
 * Maps a task answer (query endpoint, or a callback with lowercase words) to the normalised job status:
 * Success → succeeded (with the file id); `Fail`, `Failed`, `error` (any case), or a non-zero `base_resp` other
 * than the 1002 rate limit → failed (code and message from `base_resp`); Preparing / Queueing / Processing and
 * any word the docs do not list → pending (a wait's deadline bounds it: failing a running, paid task on an
 * unexpected word would lose it).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 */
export function videoTaskStatus(task: VideoTask): JobStatus<VideoTaskResult> {
  const word = String(task.status ?? '');
  const lower = word.toLowerCase();
  const baseResp = readBaseResp(task);
  const failedCode = baseResp && baseResp.status_code !== 0 && baseResp.status_code !== RATE_LIMIT_CODE;
  if (lower === 'success' && !failedCode) {
    if (task.file_id === undefined || task.file_id === null || task.file_id === '') {
      return { state: 'failed', providerStatus: word, error: { message: 'Success without a file_id' }, raw: task };
    }
    const result: VideoTaskResult = { task_id: String(task.task_id), file_id: String(task.file_id) };
    if (typeof task.video_width === 'number') result.video_width = task.video_width;
    if (typeof task.video_height === 'number') result.video_height = task.video_height;
    return { state: 'succeeded', providerStatus: word, result, raw: task };
  }
  if (!failedCode && !FAILED_WORDS.has(lower)) return { state: 'pending', providerStatus: word, raw: task };
  const error: { code?: string; message: string } = {
    message:
      failedCode && baseResp.status_msg
        ? baseResp.status_msg
        : FAILED_WORDS.has(lower)
          ? 'the video task failed'
          : `the video task ended with status ${JSON.stringify(word)}`,
  };
  if (failedCode) error.code = String(baseResp.status_code);
  return { state: 'failed', providerStatus: word, error, raw: task };
}

/** Normalises a file id to its exact decimal string (int64: never through a float). */
export function normalizeFileId(fileId: string | number | bigint): string {
  const text = typeof fileId === 'bigint' ? fileId.toString() : String(fileId);
  if (!/^\d{1,19}$/.test(text) || (typeof fileId === 'number' && !Number.isSafeInteger(fileId))) {
    throw new RequestValidationError(
      [{ path: 'file_id', message: 'must be a positive int64 (pass large ids as strings or bigints)' }],
      'file id',
    );
  }
  return text;
}

/**
 * Resolves a file id to its metadata and a short-lived `download_url`. The id stays exact (int64).
 * @see https://platform.minimax.io/docs/api-reference/file-management-retrieve
 */
export async function retrieveFile(
  client: MiniMaxClient,
  fileId: string | number | bigint,
  options: RequestOptions = {},
): Promise<RetrieveFileResponse> {
  const id = normalizeFileId(fileId);
  const answer = await requestExactJson<RetrieveFileResponse>(client, {
    ...options,
    method: 'GET',
    path: '/v1/files/retrieve',
    query: { file_id: id },
    retry: 'safe',
  });
  const response = answer.data;
  if (!response.file || typeof response.file !== 'object') {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no file in the answer', response);
  }
  response.file.file_id = String(response.file.file_id ?? id);
  return response;
}

/** A callback MiniMax POSTs to `callback_url`: the handshake, or a status update. */
export type VideoCallback =
  | {
      /** The handshake: answer with `response` (JSON) within 3 s. */
      type: 'challenge';
      /** What to answer. */
      response: { challenge: string };
    }
  | {
      /** A status update. */
      type: 'status';
      /** The update as a query-style task (status capitalised: `failed` → `Fail`). */
      task: VideoTask;
      /** Normalised status. */
      status: JobStatus<VideoTaskResult>;
    };

/**
 * Reads a callback body (parsed JSON or its text; ids kept exact from text). Callback statuses are lowercase
 * (`processing`, `success`, `failed`); they are mapped to the query endpoint's words.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-intro
 */
export function parseVideoCallback(body: unknown): VideoCallback {
  const value = typeof body === 'string' ? parseJsonExactIds(body) : body;
  const record = (value ?? {}) as Record<string, unknown>;
  if (typeof record.challenge === 'string') return { type: 'challenge', response: { challenge: record.challenge } };
  if (typeof record.status !== 'string' || record.task_id === undefined) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'not a video callback', value);
  }
  const words: Record<string, string> = {
    preparing: 'Preparing',
    queueing: 'Queueing',
    processing: 'Processing',
    success: 'Success',
    fail: 'Fail',
    failed: 'Fail',
  };
  const task: VideoTask = {
    ...record,
    task_id: String(record.task_id),
    status: words[record.status.toLowerCase()] ?? record.status,
    base_resp: readBaseResp(record) ?? { status_code: 0 },
  };
  if (record.file_id !== undefined && record.file_id !== null) task.file_id = String(record.file_id);
  return { type: 'status', task, status: videoTaskStatus(task) };
}
