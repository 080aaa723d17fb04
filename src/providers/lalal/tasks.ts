/**
 * LALAL.AI task handling (API v1): check tasks (`/check/`, up to 200 ids, 30 requests a minute), their statuses
 * normalised to job states, waiting on the shared `pollJob`, cancelling, deleting a source, and the minutes left.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { checkId } from '../../common/ids.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import type { WaitOptions } from '../../common/media-provider.js';
import { pollJob } from '../../http/poll-job.js';
import type { RequestOptions } from '../../http/types.js';
import type { LalalClient } from './client.js';
import { LALAL_PROVIDER_NAME } from './errors.js';

/** A result track: `stem` (what was split out) or `back` (the rest). URLs expire (about 24 h). */
export interface LalalTrack {
  /** `stem` or `back`. */
  type: 'stem' | 'back' | (string & {});
  /** `vocals`, `no_vocals`, `vocals@0` (lead), `vocals@1` (backing), `mix_no_lead`, `converted_mix`… */
  label: string;
  /** Download URL (the file name comes in `Content-Disposition`). */
  url: string;
  /** File name, when given. */
  name?: string;
  /** Size, bytes, when given. */
  size?: number;
  [key: string]: unknown;
}

/** One task's entry in a `/check/` answer, discriminated by `status`. */
export interface LalalTaskResult {
  /** `progress`, `success`, `error`, `cancelled` or `server_error`. */
  status: 'progress' | 'success' | 'error' | 'cancelled' | 'server_error' | (string & {});
  /** The source split (absent on `server_error`). */
  source_id?: string;
  /** The presets echoed back (a loose union; read, never validated). */
  presets?: Record<string, unknown>;
  /** 0–100 while `progress` (0 = queued). */
  progress?: number;
  /** On success: the tracks and the source's duration (s). */
  result?: { duration?: number; tracks: LalalTrack[] };
  /** `{ detail, code?, id? }` on `error`; a string on `server_error`. */
  error?: { detail?: string; code?: string; id?: string } | string;
  [key: string]: unknown;
}

function taskIds(ids: readonly string[], context: string): string[] {
  if (ids.length < 1 || ids.length > 200) {
    throw new RequestValidationError([{ path: 'task_ids', message: 'give 1–200 task ids' }], context);
  }
  return ids.map((id, index) => checkId(id, `task_ids.${index}`, context));
}

/**
 * Checks tasks (`POST /api/v1/check/`, up to 200 ids; 30 requests a minute; tasks are checkable for 24 h). The
 * answer is HTTP 200 even for failed tasks: read each entry's `status` (or use {@link lalalTaskStatus}).
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const results = await checkLalalTasks(lalal, [task.task_id]);
 * console.log(results[task.task_id]?.status);
 * ```
 */
export async function checkLalalTasks(
  client: LalalClient,
  ids: readonly string[],
  options: RequestOptions = {},
): Promise<Record<string, LalalTaskResult>> {
  const task_ids = taskIds(ids, 'checkLalalTasks');
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/api/v1/check/',
    json: { task_ids },
    retry: 'safe',
  });
  const body = response.data;
  if (!isRecord(body) || !isRecord(body.result)) {
    throw new ResponseValidationError(LALAL_PROVIDER_NAME, 'checkLalalTasks: the answer holds no result map', body);
  }
  return body.result as Record<string, LalalTaskResult>;
}

/**
 * Normalises one task: `progress` → pending (with its percentage), `success` → succeeded (result: the entry),
 * `error` / `server_error` → failed (with the code and detail), `cancelled` → cancelled. Unknown statuses: pending.
 */
export function lalalTaskStatus(entry: LalalTaskResult): JobStatus<LalalTaskResult> {
  const status: JobStatus<LalalTaskResult> = { state: 'pending', providerStatus: entry.status, raw: entry };
  if (typeof entry.progress === 'number') status.progress = entry.progress;
  switch (entry.status) {
    case 'success':
      status.state = 'succeeded';
      status.progress = 100;
      status.result = entry;
      break;
    case 'error':
    case 'server_error': {
      const error = entry.error;
      status.state = 'failed';
      status.error =
        typeof error === 'string'
          ? { code: entry.status, message: error }
          : {
              ...(error?.code ? { code: error.code } : {}),
              message: error?.detail || `the LALAL.AI task ended with ${entry.status}`,
            };
      break;
    }
    case 'cancelled':
      status.state = 'cancelled';
      break;
    default:
      break;
  }
  return status;
}

/**
 * One task's status through `/check/`, normalised. An id the answer does not mention (older than 24 h, or unknown)
 * is `expired`.
 * @see https://www.lalal.ai/api/v1/docs/
 */
export async function lalalTaskStatusOf(
  client: LalalClient,
  taskId: string,
  options: RequestOptions = {},
): Promise<JobStatus<LalalTaskResult>> {
  const entry = (await checkLalalTasks(client, [taskId], options))[taskId];
  if (!entry) {
    return {
      state: 'expired',
      raw: undefined,
      error: { message: 'LALAL.AI does not know this task (tasks are checkable for 24 h after creation)' },
    };
  }
  return lalalTaskStatus(entry);
}

/** Options of {@link waitForLalalTask}. */
export interface WaitForLalalTaskOptions extends WaitOptions {
  /** Longest wait between polls, ms (default 15 000). */
  maxIntervalMs?: number;
  /** Called with the job reference before the first poll (store it). */
  onJob?: (job: JobRef) => unknown;
  /** Per-poll request options. */
  request?: Omit<RequestOptions, 'signal'>;
}

/**
 * Waits until a split succeeds and returns its `/check/` entry (with the tracks). Polls every 5 s at first, backing
 * off to 15 s (the check endpoint allows 30 requests a minute).
 * @throws {JobFailedError} the task failed, was cancelled, or is unknown (`expired`).
 * @throws {JobTimeoutError} `timeoutMs` (default 30 min) passed; the task goes on.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const done = await waitForLalalTask(lalal, task.task_id);
 * await downloadLalalTrack(lalal, done, { track: 'stem', to: './vocals.wav' });
 * ```
 */
export async function waitForLalalTask(
  client: LalalClient,
  job: JobRef | string,
  options: WaitForLalalTaskOptions = {},
): Promise<LalalTaskResult> {
  const ref = typeof job === 'string' ? makeJobRef(LALAL_PROVIDER_NAME, 'stems', job) : job;
  const done = await pollJob<LalalTaskResult>({
    job: ref,
    status: (signal) => lalalTaskStatusOf(client, ref.id, { ...options.request, signal }),
    intervalMs: options.intervalMs ?? 5_000,
    maxIntervalMs: options.maxIntervalMs ?? 15_000,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onJob === undefined ? {} : { onJob: options.onJob }),
  });
  return done.result ?? (done.raw as LalalTaskResult);
}

/** Per-task answer of a cancel: `success`, or `server_error` with why (`Task is not in progress state`). */
export interface LalalCancelResult {
  /** `success` or `server_error`. */
  status: string;
  /** Why it could not be cancelled. */
  error?: string;
}

function cancelResults(body: unknown): Record<string, LalalCancelResult> {
  if (!isRecord(body) || !isRecord(body.result)) {
    throw new ResponseValidationError(LALAL_PROVIDER_NAME, 'cancel: the answer holds no result map', body);
  }
  return body.result as Record<string, LalalCancelResult>;
}

/**
 * Cancels running tasks (`POST /api/v1/cancel/`); each id gets its own result.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const results = await cancelLalalTasks(lalal, [task.task_id]);
 * ```
 */
export async function cancelLalalTasks(
  client: LalalClient,
  ids: readonly string[],
  options: RequestOptions = {},
): Promise<Record<string, LalalCancelResult>> {
  const task_ids = taskIds(ids, 'cancelLalalTasks');
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/api/v1/cancel/',
    json: { task_ids },
    retry: 'safe',
  });
  return cancelResults(response.data);
}

/**
 * Cancels every task in progress (`POST /api/v1/cancel/all/`).
 * @see https://www.lalal.ai/api/v1/docs/
 */
export async function cancelAllLalalTasks(
  client: LalalClient,
  options: RequestOptions = {},
): Promise<Record<string, LalalCancelResult>> {
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/api/v1/cancel/all/',
    retry: 'safe',
  });
  return cancelResults(response.data);
}

/**
 * Deletes an uploaded source (`POST /api/v1/delete/`): cancels its running tasks; result links keep working for
 * about an hour.
 * @see https://www.lalal.ai/api/v1/docs/
 */
export async function deleteLalalSource(
  client: LalalClient,
  sourceId: string,
  options: RequestOptions = {},
): Promise<void> {
  const source_id = checkId(sourceId, 'source_id', 'deleteLalalSource');
  await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/api/v1/delete/',
    json: { source_id },
    retry: 'safe',
  });
}

/**
 * Processing minutes left on the license (`POST /api/v1/limits/minutes_left/`). A split costs the file's length
 * times the number of stems.
 * @see https://www.lalal.ai/api/v1/docs/
 */
export async function lalalMinutesLeft(client: LalalClient, options: RequestOptions = {}): Promise<number> {
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/api/v1/limits/minutes_left/',
    retry: 'safe',
  });
  const body = response.data;
  if (!isRecord(body) || typeof body.minutes_left !== 'number') {
    throw new ResponseValidationError(LALAL_PROVIDER_NAME, 'lalalMinutesLeft: no minutes_left', body);
  }
  return body.minutes_left;
}
