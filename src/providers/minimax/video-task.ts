/**
 * MiniMax v1 video tasks (Hailuo, 01-series): query a task (`GET /v1/query/video_generation`), map its answer to a
 * normalised job status, and read the callbacks MiniMax POSTs to `callback_url`.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import type { JobRef, JobStatus } from '../../common/jobs.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp, readBaseResp } from './errors.js';
import { parseJsonExactIds, requestExactJson, videoTaskId } from './shared.js';

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
 * Queries a video task once. A non-zero `base_resp` is thrown, except on a `Fail` task (moderation codes
 * 1026/1027 then describe the failure: see {@link videoTaskStatus}).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 */
export async function queryVideoTask(
  client: MiniMaxClient,
  task: string | JobRef | { task_id: string },
  options: RequestOptions = {},
): Promise<VideoTask> {
  const taskId = videoTaskId(task, 'queryVideoTask');
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
