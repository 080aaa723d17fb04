/**
 * Waiting for and downloading a MiniMax video task of either API generation: a job reference says which one
 * made it (`api`, else its model), so a wait or download resumed after a restart goes to the right endpoint.
 * v1 tasks (Hailuo, 01-series) end with a file id resolved through `/v1/files/retrieve`; v2 tasks (MiniMax-H3)
 * with a direct URL.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 * @module
 */
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import type { SaveOptions, WaitOptions } from '../../common/media-provider.js';
import { download } from '../../http/download.js';
import { pollJob } from '../../http/poll-job.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { normalizeFileId, type RetrieveFileResponse, retrieveFile } from './files.js';
import type { CreateVideoResult } from './video.js';
import { minimaxVideoApiOfJob } from './video-api.js';
import { queryVideoTask, type VideoTask, type VideoTaskResult, videoTaskStatus } from './video-task.js';
import {
  type CreateVideoV2Result,
  queryVideoTaskV2,
  type VideoV2Task,
  type VideoV2TaskResult,
  videoV2TaskStatus,
} from './video-v2.js';

/**
 * Waits until a v2 task succeeds (polling every ~10 s by default, up to 30 minutes). Throws JobFailedError for
 * a failed or cancelled task, JobTimeoutError past the deadline (the task goes on).
 */
export function waitForVideoV2(
  client: MiniMaxClient,
  task: string | JobRef | CreateVideoV2Result,
  options: WaitOptions & { onJob?: (job: JobRef) => void } = {},
): Promise<JobStatus<VideoV2TaskResult>> {
  const job =
    typeof task === 'string'
      ? makeJobRef(MINIMAX_PROVIDER_NAME, 'video', task, { api: 'v2' })
      : 'job' in task
        ? task.job
        : task;
  return pollJob<VideoV2TaskResult>({
    job,
    status: async (signal) => videoV2TaskStatus(await queryVideoTaskV2(client, job.id, { signal })),
    intervalMs: options.intervalMs ?? 10_000,
    maxIntervalMs: Math.max(15_000, options.intervalMs ?? 0),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onJob ? { onJob: options.onJob } : {}),
  });
}

/** What {@link downloadVideoV2} saved. */
export interface DownloadedVideoV2 {
  /** Absolute path written. */
  path: string;
  /** Bytes written. */
  bytes: number;
  /** The URL it came from. */
  url: string;
}

/** The result URL of a succeeded v2 task, from its status, answer or result. */
export function videoV2ResultUrl(source: JobStatus<VideoV2TaskResult> | VideoV2Task | VideoV2TaskResult): string {
  let url: string | undefined;
  if ('state' in source && 'raw' in source) {
    if (source.state !== 'succeeded') {
      throw new RequestValidationError(
        [{ path: 'job', message: `the task is ${source.state}, not succeeded` }],
        'downloadVideo',
      );
    }
    url = (source as JobStatus<VideoV2TaskResult>).result?.url;
  } else if ('task' in source) url = (source as VideoV2Task).task.content?.url;
  else url = (source as VideoV2TaskResult).url;
  if (!url)
    throw new RequestValidationError([{ path: 'url', message: 'the task has no result URL yet' }], 'downloadVideo');
  return url;
}

/**
 * Downloads a finished v2 video (`task.content.url`) to `to` through the atomic downloader (temporary file,
 * renamed when complete; the API key is never sent to the file's host).
 */
export async function downloadVideoV2(
  client: MiniMaxClient,
  source: JobStatus<VideoV2TaskResult> | VideoV2Task | VideoV2TaskResult,
  options: SaveOptions & { idleTimeoutMs?: number },
): Promise<DownloadedVideoV2> {
  const url = videoV2ResultUrl(source);
  const saved = await download(url, {
    to: options.to,
    provider: MINIMAX_PROVIDER_NAME,
    fetch: client.options.fetch,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
  return { path: saved.path ?? options.to, bytes: saved.bytes, url };
}

/** Options of {@link downloadVideo}. */
export interface DownloadVideoOptions extends SaveOptions {
  /** Longest silence inside the download, ms. */
  idleTimeoutMs?: number;
}

/** What {@link downloadVideo} saved from a v1 task. */
export interface DownloadedVideo {
  /** Absolute path written. */
  path: string;
  /** Bytes written. */
  bytes: number;
  /** The file's metadata (with its short-lived `download_url`). */
  file: RetrieveFileResponse['file'];
}

/** What a v1 download starts from: a file id, a succeeded status, a task answer or its result. */
export type VideoV1Source = string | bigint | JobStatus<VideoTaskResult> | VideoTask | VideoTaskResult;
/** What a v2 download starts from: a succeeded status, a task answer or its result. */
export type VideoV2Source = JobStatus<VideoV2TaskResult> | VideoV2Task | VideoV2TaskResult;
/** A status of a job whose generation is not known to the type system (a wait on a bare job reference). */
export type AnyVideoStatus = JobStatus<VideoTaskResult | VideoV2TaskResult>;

function isV2Source(source: VideoV1Source | VideoV2Source): source is VideoV2Source {
  if (typeof source !== 'object') return false;
  if ('state' in source && 'raw' in source) {
    const result = source.result as Partial<VideoV2TaskResult & VideoTaskResult> | undefined;
    return typeof result?.url === 'string' && result.file_id === undefined;
  }
  if ('task' in source && typeof source.task === 'object') return true;
  return typeof (source as Partial<VideoV2TaskResult>).url === 'string' && !('file_id' in source);
}

function fileIdOf(source: VideoV1Source): string {
  if (typeof source === 'string' || typeof source === 'bigint') return normalizeFileId(source);
  if ('state' in source && 'raw' in source) {
    const status = source as JobStatus<VideoTaskResult>;
    if (status.state !== 'succeeded' || !status.result) {
      throw new RequestValidationError(
        [{ path: 'job', message: `the task is ${status.state}, not succeeded` }],
        'downloadVideo',
      );
    }
    return status.result.file_id;
  }
  const task = source as VideoTask | VideoTaskResult;
  if (!task.file_id) {
    throw new RequestValidationError([{ path: 'file_id', message: 'the task has no file_id yet' }], 'downloadVideo');
  }
  return String(task.file_id);
}

async function downloadVideoV1(
  client: MiniMaxClient,
  source: VideoV1Source,
  options: DownloadVideoOptions,
): Promise<DownloadedVideo> {
  const fileId = fileIdOf(source);
  const retrieved = await retrieveFile(client, fileId, options.signal ? { signal: options.signal } : {});
  const url = retrieved.file.download_url;
  if (!url) throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the file has no download_url', retrieved);
  const saved = await download(url, {
    to: options.to,
    provider: MINIMAX_PROVIDER_NAME,
    fetch: client.options.fetch,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
  return { path: saved.path ?? options.to, bytes: saved.bytes, file: retrieved.file };
}

/**
 * Downloads a finished video of either generation to `to` (temporary file, renamed when complete; the API key
 * is never sent to the CDN). A v1 task's file id is resolved first (`/v1/files/retrieve`); a v2 task's result
 * URL is fetched directly.
 * @see https://platform.minimax.io/docs/api-reference/file-management-retrieve
 * @example
 * ```ts
 * const { path } = await downloadVideo(mm, done, { to: './fox.mp4' });
 * ```
 */
export function downloadVideo(
  client: MiniMaxClient,
  source: VideoV2Source,
  options: DownloadVideoOptions,
): Promise<DownloadedVideoV2>;
export function downloadVideo(
  client: MiniMaxClient,
  source: VideoV1Source,
  options: DownloadVideoOptions,
): Promise<DownloadedVideo>;
export function downloadVideo(
  client: MiniMaxClient,
  source: VideoV1Source | VideoV2Source | AnyVideoStatus,
  options: DownloadVideoOptions,
): Promise<DownloadedVideo | DownloadedVideoV2>;
export function downloadVideo(
  client: MiniMaxClient,
  source: VideoV1Source | VideoV2Source | AnyVideoStatus,
  options: DownloadVideoOptions,
): Promise<DownloadedVideo | DownloadedVideoV2> {
  const typed = source as VideoV1Source | VideoV2Source;
  return isV2Source(typed) ? downloadVideoV2(client, typed, options) : downloadVideoV1(client, typed, options);
}

/** Options of {@link waitForVideo}. */
export interface WaitForVideoOptions extends WaitOptions {
  /** Called with the job reference before the first poll: store it. */
  onJob?: (job: JobRef) => void;
}

function jobOf(task: string | JobRef | CreateVideoResult | CreateVideoV2Result): JobRef {
  if (typeof task === 'string') return makeJobRef(MINIMAX_PROVIDER_NAME, 'video', task);
  if ('job' in task) return task.job;
  return task;
}

/**
 * Waits until a video task succeeds (polling every ~10 s by default, up to 30 minutes) and returns its status
 * with the result (v1: the file id; v2: the URL). The job's generation comes from its reference (`api`, else
 * its model); a bare id string is a v1 task (use `waitForVideoV2` for a bare v2 id). Throws JobFailedError for
 * a failed task, JobTimeoutError past the deadline (the task goes on).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-query
 * @example
 * ```ts
 * const done = await waitForVideo(mm, task.job, { onProgress: (p) => console.log(p.providerStatus) });
 * ```
 */
export function waitForVideo(
  client: MiniMaxClient,
  task: CreateVideoV2Result,
  options?: WaitForVideoOptions,
): Promise<JobStatus<VideoV2TaskResult>>;
export function waitForVideo(
  client: MiniMaxClient,
  task: string | CreateVideoResult,
  options?: WaitForVideoOptions,
): Promise<JobStatus<VideoTaskResult>>;
export function waitForVideo(
  client: MiniMaxClient,
  task: JobRef,
  options?: WaitForVideoOptions,
): Promise<AnyVideoStatus>;
export function waitForVideo(
  client: MiniMaxClient,
  task: string | JobRef | CreateVideoResult | CreateVideoV2Result,
  options: WaitForVideoOptions = {},
): Promise<AnyVideoStatus> {
  const job = jobOf(task);
  if (minimaxVideoApiOfJob(job) === 'v2') return waitForVideoV2(client, job, options);
  return pollJob<VideoTaskResult>({
    job,
    status: async (signal) => videoTaskStatus(await queryVideoTask(client, job.id, { signal })),
    intervalMs: options.intervalMs ?? 10_000,
    maxIntervalMs: Math.max(15_000, options.intervalMs ?? 0),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onJob ? { onJob: options.onJob } : {}),
  });
}
