/**
 * Mureka's asynchronous tasks (songs, instrumentals, song extensions): the task object, its statuses normalised
 * to job states, one query call, and waiting on the shared `pollJob`.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { checkId } from '../../common/ids.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import type { WaitOptions } from '../../common/media-provider.js';
import { pollJob } from '../../http/poll-job.js';
import type { RequestOptions } from '../../http/types.js';
import type { MurekaClient } from './client.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';

/** Which query endpoint a task belongs to: songs (generate, extend) or instrumentals. */
export type MurekaTaskType = 'song' | 'instrumental';

/**
 * Every documented task status. Terminal: `succeeded`, `failed`, `timeouted` (sic), `cancelled`. The non-terminal
 * names (`preparing`, `queued`, `running`, `streaming`, `reviewing`) are unverified; any unknown status counts as
 * still running.
 */
export const MUREKA_TASK_STATUSES = [
  'preparing',
  'queued',
  'running',
  'streaming',
  'reviewing',
  'succeeded',
  'failed',
  'timeouted',
  'cancelled',
] as const;

/** A documented task status, or a newer one. */
export type MurekaTaskStatus = (typeof MUREKA_TASK_STATUSES)[number] | (string & {});

/** One timed word of a lyrics line (ms). */
export interface MurekaLyricsWord {
  /** Start, ms. */
  start: number;
  /** End, ms. */
  end: number;
  /** The word. */
  text: string;
}

/** One timed lyrics line (ms). */
export interface MurekaLyricsLine {
  /** Start, ms. */
  start: number;
  /** End, ms. */
  end: number;
  /** The line. */
  text: string;
  /** Word timings, where given. */
  words?: MurekaLyricsWord[];
}

/** One section of a song's timed lyrics. */
export interface MurekaLyricsSection {
  /** `intro`, `verse`, `pre-chorus`, `chorus`, `bridge`, `break` (older: `breakdown`), `outro`. */
  section_type: string;
  /** Start, ms. */
  start: number;
  /** End, ms. */
  end: number;
  /** The lines. */
  lines?: MurekaLyricsLine[];
}

/** One generated track of a succeeded task. URLs expire (about 30 days): save the audio. */
export interface MurekaChoice {
  /** 0-based index. */
  index: number;
  /** Song id (usable as `song_id` for extend). */
  id?: string;
  /** MP3. */
  url?: string;
  /** Lossless FLAC. */
  flac_url?: string;
  /** Lossless WAV (newer answers). */
  wav_url?: string;
  /** Playable while streaming (only with `stream: true`), valid ~5 min after completion. */
  stream_url?: string;
  /** Duration, ms (a watermarked song includes its 5 s tail — unverified). */
  duration?: number;
  /** Timed lyrics (songs only). */
  lyrics_sections?: MurekaLyricsSection[];
  [key: string]: unknown;
}

/** A song or instrumental task as create and query endpoints return it. */
export interface MurekaTask {
  /** Task id (poll with it). */
  id: string;
  /** Unix seconds. */
  created_at?: number;
  /** Unix seconds, once done. */
  finished_at?: number;
  /** Model actually used. */
  model?: string;
  /** Status (see {@link MUREKA_TASK_STATUSES}). */
  status: MurekaTaskStatus;
  /** Why it failed. */
  failed_reason?: string;
  /** True: a 5 s watermark is appended to the audio. */
  watermarked?: boolean;
  /** The tracks, only when `status` is `succeeded`. */
  choices?: MurekaChoice[];
  /** Trace id (create answers). */
  trace_id?: string;
  [key: string]: unknown;
}

/** Checks the fields we read of a task answer; ids arriving as numbers become strings. */
export function readMurekaTask(body: unknown, what: string): MurekaTask {
  if (!isRecord(body)) throw new ResponseValidationError(MUREKA_PROVIDER_NAME, `${what}: expected a task object`, body);
  const id = body.id;
  if ((typeof id !== 'string' || !id) && typeof id !== 'number') {
    throw new ResponseValidationError(MUREKA_PROVIDER_NAME, `${what}: the task has no id`, body);
  }
  if (typeof body.status !== 'string') {
    throw new ResponseValidationError(MUREKA_PROVIDER_NAME, `${what}: the task has no status`, body);
  }
  if (body.choices !== undefined && !Array.isArray(body.choices)) {
    throw new ResponseValidationError(MUREKA_PROVIDER_NAME, `${what}: choices is not a list`, body);
  }
  const task = body as MurekaTask;
  task.id = String(id);
  return task;
}

/**
 * A JSON-serialisable job reference for a task (kind `music`). Instrumental task ids carry an `instrumental:`
 * prefix so a later status call knows which query endpoint to ask; song ids are kept as they are.
 * @example
 * ```ts
 * const ref = murekaJobRef(await generateSong(mureka, params), 'song'); // store it before waiting
 * ```
 */
export function murekaJobRef(task: Pick<MurekaTask, 'id' | 'created_at' | 'model'>, type: MurekaTaskType): JobRef {
  const id = type === 'instrumental' ? `instrumental:${task.id}` : task.id;
  return makeJobRef(MUREKA_PROVIDER_NAME, 'music', id, {
    ...(typeof task.created_at === 'number' ? { createdAt: task.created_at } : {}),
    ...(typeof task.model === 'string' ? { model: task.model } : {}),
  });
}

/** Splits a job id made by {@link murekaJobRef} (or a bare song task id) into its type and Mureka's task id. */
export function parseMurekaJobId(job: JobRef | string): { type: MurekaTaskType; taskId: string } {
  const id = typeof job === 'string' ? job : job.id;
  const instrumental = id.startsWith('instrumental:');
  const taskId = instrumental ? id.slice('instrumental:'.length) : id.startsWith('song:') ? id.slice(5) : id;
  return { type: instrumental ? 'instrumental' : 'song', taskId };
}

/**
 * Normalises a task: `succeeded` → succeeded (result: the task), `failed` → failed with `failed_reason`,
 * `timeouted` → expired (Mureka gave up on it), `cancelled` → cancelled; every other status (including ones not
 * documented yet) → pending.
 */
export function murekaTaskStatus(task: MurekaTask): JobStatus<MurekaTask> {
  const status: JobStatus<MurekaTask> = { state: 'pending', providerStatus: task.status, raw: task };
  switch (task.status) {
    case 'succeeded':
      status.state = 'succeeded';
      status.progress = 100;
      status.result = task;
      break;
    case 'failed':
      status.state = 'failed';
      status.error = { message: task.failed_reason || 'the Mureka task failed without a reason' };
      break;
    case 'timeouted':
      status.state = 'expired';
      status.error = { code: 'timeouted', message: task.failed_reason || 'Mureka timed the task out' };
      break;
    case 'cancelled':
      status.state = 'cancelled';
      status.error = { code: 'cancelled', message: task.failed_reason || 'the task was cancelled' };
      break;
    default:
      break;
  }
  return status;
}

/**
 * Gets a task (`GET /v1/song/query/{task_id}` or `GET /v1/instrumental/query/{task_id}`). A failed task is still
 * an HTTP 200: check `status` (or use {@link murekaTaskStatus}). Song extensions are song tasks.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const task = await queryMurekaTask(mureka, 'song', '1436211');
 * if (task.status === 'succeeded') console.log(task.choices?.[0]?.url);
 * ```
 */
export async function queryMurekaTask(
  client: MurekaClient,
  type: MurekaTaskType,
  taskId: string,
  options: RequestOptions = {},
): Promise<MurekaTask> {
  const id = encodeURIComponent(checkId(taskId, 'task_id', `query ${type} task`));
  const response = await client.request<unknown>({ ...options, method: 'GET', path: `/v1/${type}/query/${id}` });
  return readMurekaTask(response.data, `query ${type} task`);
}

/** Options of {@link waitForMurekaTask}. */
export interface WaitForMurekaTaskOptions extends WaitOptions {
  /** Longest wait between polls after backoff, ms (default 10 000). */
  maxIntervalMs?: number;
  /** Called with the job reference before the first poll (store it). */
  onJob?: (job: JobRef) => unknown;
  /** Per-poll request options. */
  request?: Omit<RequestOptions, 'signal'>;
}

/**
 * Waits until a task succeeds and returns it (with `choices`). Polls every 3 s at first (Mureka advises 2–5 s),
 * backing off to 10 s; generation usually takes 30–60 s.
 * @throws {JobFailedError} the task failed, was cancelled, or timed out on Mureka's side (`state: 'expired'`).
 * @throws {JobTimeoutError} `timeoutMs` (default 30 min) passed; the task goes on.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const done = await waitForMurekaTask(mureka, murekaJobRef(task, 'song'));
 * ```
 */
export async function waitForMurekaTask(
  client: MurekaClient,
  job: JobRef | string,
  options: WaitForMurekaTaskOptions = {},
): Promise<MurekaTask> {
  const ref = typeof job === 'string' ? makeJobRef(MUREKA_PROVIDER_NAME, 'music', job) : job;
  const { type, taskId } = parseMurekaJobId(ref);
  const done = await pollJob<MurekaTask>({
    job: ref,
    status: async (signal) =>
      murekaTaskStatus(await queryMurekaTask(client, type, taskId, { ...options.request, signal })),
    intervalMs: options.intervalMs ?? 3_000,
    maxIntervalMs: options.maxIntervalMs ?? 10_000,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onJob === undefined ? {} : { onJob: options.onJob }),
  });
  return done.result ?? (done.raw as MurekaTask);
}
