/**
 * MiniMax video, second API generation (MiniMax-H3, MiniMax-H3-Max): create a task from ordered content parts
 * (`POST /v2/video_generation`), upscale a 768P result to 2K (`POST /v2/video_regeneration`), query it
 * (`GET /v2/query/video_generation/{task_id}`: lowercase statuses, a direct result URL), cancel it, wait for it
 * and download the result. The v1 functions (`createVideo`, …) serve the Hailuo and 01-series models.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import { validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp, readBaseResp } from './errors.js';
import { requestExactJson, videoTaskId } from './shared.js';
import { assertVideoApi } from './video-api.js';
import {
  checkVideoV2Content,
  type MiniMaxVideoV2Mode,
  resolveVideoV2Content,
  type VideoV2ContentPart,
  type VideoV2VideoPart,
  videoV2ContentPartSchema,
} from './video-v2-content.js';

/** v2 video model ids (any other id starting with `MiniMax-H` is sent to v2 too). */
export type MiniMaxVideoV2Model = 'MiniMax-H3' | 'MiniMax-H3-Max' | (string & {});

/** The video models of the v2 API, as MiniMax's API overview lists them. */
export const MINIMAX_VIDEO_V2_MODELS: readonly string[] = ['MiniMax-H3', 'MiniMax-H3-Max'];

/** Output resolutions of both H3 models (unverified per model: the notes list them for the API). */
export const MINIMAX_VIDEO_V2_RESOLUTIONS = ['768P', '2K'] as const;

/** Aspect ratios of a v2 request (`adaptive` follows the input frames). */
export const MINIMAX_VIDEO_V2_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', 'adaptive'] as const;

/**
 * Parameters of {@link createVideoV2} (wire fields as MiniMax names them). Output: 24 fps video with 32 kHz
 * stereo audio.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export interface CreateVideoV2Params {
  /** `MiniMax-H3` or `MiniMax-H3-Max`. */
  model: MiniMaxVideoV2Model;
  /**
   * Ordered parts: text, images (first/last frame or up to 9 references), reference video and audio clips
   * (≤ 3 each, 2–15 s each, ≤ 15 s per type in all), at most 12 files in all.
   */
  content: VideoV2ContentPart[];
  /** `768P` or `2K` (both models; unverified per model). */
  resolution?: (typeof MINIMAX_VIDEO_V2_RESOLUTIONS)[number];
  /** Seconds, 4–15. */
  duration?: number;
  /** Aspect ratio. */
  ratio?: (typeof MINIMAX_VIDEO_V2_RATIOS)[number];
}

/**
 * Request schema of `POST /v2/video_generation` and `POST /v2/video_regeneration` (shape; the content limits
 * run after it).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export const createVideoV2ParamsSchema = z.strictObject({
  model: z.string().check(z.minLength(1)),
  content: z.array(videoV2ContentPartSchema).check(z.minLength(1)),
  resolution: z.optional(z.enum(MINIMAX_VIDEO_V2_RESOLUTIONS)),
  duration: z.optional(z.int().check(z.gte(4), z.lte(15))),
  ratio: z.optional(z.enum(MINIMAX_VIDEO_V2_RATIOS)),
});

/** The wire answer of a v2 create or regeneration. Whether it carries `base_resp` is unverified. */
export interface CreateVideoV2Response {
  /** Task id (kept as a string). */
  task_id: string;
  /** Status, when sent. */
  base_resp?: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** What {@link createVideoV2} and {@link regenerateVideoV2} return: the answer plus a job reference to store. */
export interface CreateVideoV2Result extends CreateVideoV2Response {
  /** Job reference (provider `minimax`, kind `video`, `api: 'v2'`, id = task_id). */
  job: JobRef;
  /** How the video is made, from the parts sent. */
  mode: MiniMaxVideoV2Mode;
  /** Checks that could not be made (a clip whose length could not be read). */
  warnings?: string[];
}

/** Lowercase task states of the v2 query (MiniMax's scripts accept these). */
export type MiniMaxVideoV2TaskStatus =
  | 'queued'
  | 'running'
  | 'processing'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | (string & {});

/**
 * The wire answer of `GET /v2/query/video_generation/{task_id}` (only `task.status` and `task.content.url` are
 * documented; the rest is kept as sent).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export interface VideoV2Task {
  /** The task. */
  task: {
    /** Task id, when sent. */
    task_id?: string;
    /** `queued` | `running` / `processing` | `succeeded` | `failed` | `cancelled`. */
    status: MiniMaxVideoV2TaskStatus;
    /** The result, once succeeded. */
    content?: { url?: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  /** Status, when sent (unverified for v2). */
  base_resp?: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** The result of a succeeded v2 task: a direct (signed) URL of the MP4. */
export interface VideoV2TaskResult {
  /** Task id. */
  task_id: string;
  /** Where the video is: download it soon (the URL's lifetime is unverified). */
  url: string;
  /** Width, px, when sent. */
  video_width?: number;
  /** Height, px, when sent. */
  video_height?: number;
}

async function submit(
  client: MiniMaxClient,
  params: CreateVideoV2Params,
  regeneration: boolean,
  options: RequestOptions,
): Promise<CreateVideoV2Result> {
  const fn = regeneration ? 'regenerateVideoV2' : 'createVideoV2';
  validateInput(createVideoV2ParamsSchema, params, `${fn} params`);
  assertVideoApi(params.model, 'v2', fn, 'createVideo');
  if (regeneration && params.resolution !== undefined && params.resolution !== '2K') {
    throw new RequestValidationError(
      [{ path: 'resolution', message: 'a regeneration makes 2K', allowed: ['2K'] }],
      `${fn} params`,
    );
  }
  const mode = checkVideoV2Content(params.content, regeneration);
  const { content, warnings } = await resolveVideoV2Content(params.content, `${fn} params`);
  const body: CreateVideoV2Params = { ...params, content, ...(regeneration ? { resolution: '2K' } : {}) };
  const answer = await requestExactJson<CreateVideoV2Response>(client, {
    ...options,
    method: 'POST',
    path: regeneration ? '/v2/video_regeneration' : '/v2/video_generation',
    json: body,
    retry: 'job-start',
  });
  const response = answer.data;
  if (typeof response?.task_id !== 'string' || !response.task_id) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no task_id in the answer', response);
  }
  const job = makeJobRef(MINIMAX_PROVIDER_NAME, 'video', response.task_id, { model: params.model, api: 'v2' });
  const result: CreateVideoV2Result = { ...response, mode, job };
  if (warnings.length) result.warnings = warnings;
  return result;
}

/**
 * Starts a MiniMax-H3 video task and returns as soon as MiniMax accepts it, with a job reference (`api: 'v2'`)
 * to store before waiting. Checked before sending: duration 4–15 s, resolution, ratio, ≤ 9 images, ≤ 3 video
 * and ≤ 3 audio clips, ≤ 12 files, one first and one last frame at most, and the length of every clip given as
 * a local file or data URL (2–15 s each, ≤ 15 s per type in all; URLs are not measured). Local files are read
 * (lazy `node:fs`) and sent as data URLs. A Hailuo or 01-series model is refused: use `createVideo`.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @example
 * ```ts
 * const task = await createVideoV2(mm, {
 *   model: 'MiniMax-H3',
 *   content: [{ type: 'text', text: 'A fox in snow at dawn' }, { type: 'image_url', image_url: { url: './fox.png' }, role: 'first_frame' }],
 *   resolution: '768P', duration: 8, ratio: '16:9',
 * });
 * await store.save(task.job);                       // before waiting
 * const done = await waitForVideo(mm, task.job);
 * await downloadVideo(mm, done, { to: './fox.mp4' });
 * ```
 */
export function createVideoV2(
  client: MiniMaxClient,
  params: CreateVideoV2Params,
  options: RequestOptions = {},
): Promise<CreateVideoV2Result> {
  return submit(client, params, false, options);
}

/**
 * The video part a regeneration upscales: a finished 768P result (its status or result) or its URL, data URL
 * or local path.
 * @example
 * ```ts
 * const task2k = await regenerateVideoV2(mm, { model: 'MiniMax-H3', content: [{ type: 'text', text }, baseVideoPart(done)] });
 * ```
 */
export function baseVideoPart(source: string | VideoV2TaskResult | JobStatus<VideoV2TaskResult>): VideoV2VideoPart {
  let url: string | undefined;
  if (typeof source === 'string') url = source;
  else if ('state' in source) url = source.state === 'succeeded' ? source.result?.url : undefined;
  else url = source.url;
  if (!url) {
    throw new RequestValidationError(
      [{ path: 'base_video', message: 'the task has not succeeded: there is no result to upscale yet' }],
      'baseVideoPart',
    );
  }
  return { type: 'video_url', video_url: { url }, role: 'base_video' };
}

/**
 * Upscales a 768P MiniMax-H3 result to 2K: the same body as {@link createVideoV2} plus one `video_url` part with
 * role `base_video` (see {@link baseVideoPart}); `resolution` is `2K` (sent even when omitted). Returns a new
 * task to wait for.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export function regenerateVideoV2(
  client: MiniMaxClient,
  params: CreateVideoV2Params,
  options: RequestOptions = {},
): Promise<CreateVideoV2Result> {
  return submit(client, params, true, options);
}

/** Reads a query answer in the documented shape (`{ task: {...} }`), or a flat one with `status` at the top. */
function readV2Task(value: unknown): VideoV2Task {
  const record = (value ?? {}) as Record<string, unknown>;
  const inner = record.task;
  if (inner && typeof inner === 'object' && typeof (inner as { status?: unknown }).status === 'string') {
    return record as VideoV2Task;
  }
  if (typeof record.status === 'string') {
    const { base_resp, ...task } = record;
    return {
      ...(base_resp === undefined ? {} : { base_resp: base_resp as MiniMaxBaseResp }),
      task: task as VideoV2Task['task'],
    };
  }
  throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no task status in the answer', value);
}

/**
 * Queries a v2 video task once. An HTTP error or a non-zero `base_resp` is thrown as the typed error.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export async function queryVideoTaskV2(
  client: MiniMaxClient,
  task: string | JobRef | { task_id: string },
  options: RequestOptions = {},
): Promise<VideoV2Task> {
  const id = videoTaskId(task, 'queryVideoTaskV2');
  const answer = await requestExactJson<unknown>(client, {
    ...options,
    method: 'GET',
    path: `/v2/query/video_generation/${encodeURIComponent(id)}`,
    retry: 'safe',
  });
  const parsed = readV2Task(answer.data);
  if (parsed.task.task_id === undefined) parsed.task.task_id = id;
  return parsed;
}

const V2_SUCCEEDED = new Set(['succeeded', 'success', 'completed']);
const V2_FAILED = new Set(['failed', 'fail', 'error']);
const V2_CANCELLED = new Set(['cancelled', 'canceled']);

function v2Error(answer: VideoV2Task, word: string): { code?: string; message: string } {
  const { task } = answer;
  const baseResp = readBaseResp(answer) ?? readBaseResp(task);
  const detail = task.error as { code?: unknown; message?: unknown } | string | undefined;
  const message =
    (typeof detail === 'string' && detail) ||
    (typeof detail === 'object' && typeof detail?.message === 'string' && detail.message) ||
    (baseResp && baseResp.status_code !== 0 && baseResp.status_msg) ||
    (typeof task.message === 'string' && task.message) ||
    `the video task ended ${word}`;
  const code =
    typeof detail === 'object' && detail?.code !== undefined
      ? String(detail.code)
      : baseResp && baseResp.status_code !== 0
        ? String(baseResp.status_code)
        : undefined;
  return code === undefined ? { message } : { code, message };
}

/**
 * Maps a v2 task answer to the normalised job status: queued / running / processing → pending; succeeded →
 * succeeded with the result URL; failed → failed; cancelled → cancelled; any other word → pending (bounded by
 * the wait's deadline: a running, paid job is never given up on an unexpected word).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export function videoV2TaskStatus(answer: VideoV2Task): JobStatus<VideoV2TaskResult> {
  const word = String(answer.task.status ?? '');
  const lower = word.toLowerCase();
  const progress = typeof answer.task.progress === 'number' ? { progress: answer.task.progress } : {};
  if (V2_SUCCEEDED.has(lower)) {
    const url = answer.task.content?.url;
    if (typeof url !== 'string' || !url) {
      const error = { message: 'succeeded without a result URL' };
      return { state: 'failed', providerStatus: word, error, raw: answer };
    }
    const result: VideoV2TaskResult = { task_id: String(answer.task.task_id ?? ''), url };
    const { video_width: width, video_height: height } = answer.task.content as Record<string, unknown>;
    if (typeof width === 'number') result.video_width = width;
    if (typeof height === 'number') result.video_height = height;
    return { state: 'succeeded', providerStatus: word, result, raw: answer };
  }
  if (V2_FAILED.has(lower)) return { state: 'failed', providerStatus: word, error: v2Error(answer, word), raw: answer };
  if (V2_CANCELLED.has(lower)) {
    return { state: 'cancelled', providerStatus: word, error: v2Error(answer, word), raw: answer };
  }
  // queued, running, processing — and any word the notes do not list: keep waiting.
  return { state: 'pending', providerStatus: word, ...progress, raw: answer };
}

/**
 * Cancels a v2 video task (`DELETE /v2/video_generation/{task_id}`). **Unverified**: the endpoint comes from a
 * summary of MiniMax's pages, not from an official schema. Returns the answer's body (`{}` when empty).
 */
export async function cancelVideoV2(
  client: MiniMaxClient,
  task: string | JobRef | { task_id: string },
  options: RequestOptions = {},
): Promise<Record<string, unknown>> {
  const id = videoTaskId(task, 'cancelVideoV2');
  const answer = await client.request<string>({
    ...options,
    method: 'DELETE',
    path: `/v2/video_generation/${encodeURIComponent(id)}`,
    retry: 'safe',
    expect: 'text',
  });
  const text = answer.data.trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { body: text };
  }
}
