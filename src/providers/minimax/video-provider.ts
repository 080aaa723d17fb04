/**
 * MiniMax video as a media provider (start / status / wait / download) for toolsets that drive any provider.
 * It routes by model: MiniMax-H3 and H3-Max (the default) go to the v2 API, the Hailuo and 01-series models to
 * v1; a job's recorded generation routes every later call.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @module
 */
import { BadRequestError, JobFailedError, NotFoundError, RequestValidationError } from '../../common/errors.js';
import { type JobRef, type JobStatus, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import type { MediaProvider, SaveOptions } from '../../common/media-provider.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { savedVideoArtifact } from './shared.js';
import { type CreateVideoParams, createVideo, requestedVideoDurationMs } from './video.js';
import { type MiniMaxVideoApi, minimaxVideoApiOf, minimaxVideoApiOfJob } from './video-api.js';
import { queryVideoTask, type VideoTaskResult, videoTaskStatus } from './video-task.js';
import {
  type CreateVideoV2Params,
  createVideoV2,
  queryVideoTaskV2,
  type VideoV2TaskResult,
  videoV2TaskStatus,
} from './video-v2.js';
import type { VideoV2ContentPart } from './video-v2-content.js';
import { downloadVideo, waitForVideo } from './video-wait.js';

/** The default model of {@link minimaxVideoProvider}. */
export const MINIMAX_DEFAULT_VIDEO_MODEL = 'MiniMax-H3';

/**
 * A simple H3 request: a prompt (and optionally frames and reference images) instead of content parts.
 * Images are https URLs, data URLs or local paths.
 */
export interface SimpleVideoV2Input extends Omit<CreateVideoV2Params, 'content' | 'model'> {
  /** Model; default the provider's (`MiniMax-H3`). */
  model?: string;
  /** What happens. */
  prompt: string;
  /** First frame image. */
  first_frame_image?: string;
  /** Last frame image. */
  last_frame_image?: string;
  /** Reference images (up to 9 images in all). */
  reference_images?: string[];
}

/** What the MiniMax video provider's `start` takes: v1 params, v2 params, or a simple v2 request. */
export type MiniMaxVideoInput =
  | CreateVideoParams
  | (Omit<CreateVideoV2Params, 'model'> & { model?: string })
  | SimpleVideoV2Input;

/** Options of {@link minimaxVideoProvider}. */
export interface MiniMaxVideoProviderOptions {
  /** Model used when `start` gets none. Default `MiniMax-H3`. */
  model?: string;
}

/** Builds the v2 parts of a simple request. */
function simpleContent(input: SimpleVideoV2Input): VideoV2ContentPart[] {
  const image = (url: string, role: 'first_frame' | 'last_frame' | 'reference_image'): VideoV2ContentPart => ({
    type: 'image_url',
    image_url: { url },
    role,
  });
  return [
    { type: 'text', text: input.prompt },
    ...(input.first_frame_image ? [image(input.first_frame_image, 'first_frame')] : []),
    ...(input.last_frame_image ? [image(input.last_frame_image, 'last_frame')] : []),
    ...(input.reference_images ?? []).map((url) => image(url, 'reference_image')),
  ];
}

/** Turns any accepted input into a v2 request. */
function toV2Params(input: MiniMaxVideoInput, model: string): CreateVideoV2Params {
  if ('content' in input && Array.isArray(input.content)) return { ...input, model } as CreateVideoV2Params;
  const {
    first_frame_image,
    last_frame_image,
    reference_images,
    prompt,
    model: _model,
    ...rest
  } = input as SimpleVideoV2Input;
  if (typeof prompt !== 'string') {
    throw new RequestValidationError([{ path: 'prompt', message: 'give a prompt (or content parts)' }], 'start');
  }
  const simple: SimpleVideoV2Input = { prompt };
  if (first_frame_image) simple.first_frame_image = first_frame_image;
  if (last_frame_image) simple.last_frame_image = last_frame_image;
  if (reference_images) simple.reference_images = reference_images;
  return { ...(rest as Omit<CreateVideoV2Params, 'content' | 'model'>), model, content: simpleContent(simple) };
}

type AnyVideoResult = VideoTaskResult | VideoV2TaskResult;

/** What a MiniMax video provider keeps: its client, its default model, and what it learnt about each job. */
interface VideoJobs {
  client: MiniMaxClient;
  defaultModel: string;
  /** Where a bare id is looked up first: the generation of the default model (then the other). */
  firstApi: MiniMaxVideoApi;
  /** What this provider learnt about each job: its generation and the length requested at start. */
  known: Map<string, { api: MiniMaxVideoApi; durationMs?: number }>;
}

const refOf = (job: JobRef | string): JobRef =>
  typeof job === 'string' ? makeJobRef(MINIMAX_PROVIDER_NAME, 'video', job) : job;
const signalOf = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** One status request on one generation's endpoint. */
async function queryOn(
  { client }: VideoJobs,
  api: MiniMaxVideoApi,
  id: string,
  signal?: AbortSignal,
): Promise<JobStatus<AnyVideoResult>> {
  return api === 'v1'
    ? videoTaskStatus(await queryVideoTask(client, id, signalOf(signal)))
    : videoV2TaskStatus(await queryVideoTaskV2(client, id, signalOf(signal)));
}

/** A job's status on its generation; a bare id is looked up on the first generation, then on the other. */
async function statusOf(jobs: VideoJobs, ref: JobRef, signal?: AbortSignal): Promise<JobStatus<AnyVideoResult>> {
  const api = jobs.known.get(ref.id)?.api ?? minimaxVideoApiOfJob(ref);
  if (api) return queryOn(jobs, api, ref.id, signal);
  let found: JobStatus<AnyVideoResult>;
  let where: MiniMaxVideoApi = jobs.firstApi;
  try {
    found = await queryOn(jobs, where, ref.id, signal);
  } catch (error) {
    if (!NotFoundError.isInstance(error) && !BadRequestError.isInstance(error)) throw error;
    where = jobs.firstApi === 'v1' ? 'v2' : 'v1';
    found = await queryOn(jobs, where, ref.id, signal);
  }
  jobs.known.set(ref.id, { api: where });
  return found;
}

/** The reference with its generation filled in, asking MiniMax when a bare id says nothing. */
async function routed(jobs: VideoJobs, ref: JobRef, signal?: AbortSignal): Promise<JobRef> {
  const api = jobs.known.get(ref.id)?.api ?? minimaxVideoApiOfJob(ref);
  if (api) return { ...ref, api };
  await statusOf(jobs, ref, signal);
  return { ...ref, api: jobs.known.get(ref.id)?.api ?? 'v1' };
}

/** Creates the task on the generation of its model and notes the generation and the length asked for. */
async function startVideo(jobs: VideoJobs, input: MiniMaxVideoInput, signal?: AbortSignal): Promise<JobRef> {
  const model = (input as { model?: string }).model ?? jobs.defaultModel;
  const durationMs = typeof input.duration === 'number' ? input.duration * 1000 : undefined;
  if (minimaxVideoApiOf(model) === 'v1') {
    const params = { ...input, model } as CreateVideoParams;
    const task = await createVideo(jobs.client, params, signalOf(signal));
    jobs.known.set(task.task_id, { api: 'v1', durationMs: requestedVideoDurationMs(params) });
    return task.job;
  }
  const task = await createVideoV2(jobs.client, toV2Params(input, model), signalOf(signal));
  jobs.known.set(task.task_id, { api: 'v2', ...(durationMs === undefined ? {} : { durationMs }) });
  return task.job;
}

/** Throws unless the task succeeded with a result: {@link JobFailedError} when it ended badly, else not yet done. */
function assertDownloadable(ref: JobRef, done: JobStatus<AnyVideoResult>): void {
  if (done.state === 'failed' || done.state === 'cancelled') {
    throw new JobFailedError({
      provider: MINIMAX_PROVIDER_NAME,
      jobId: ref.id,
      state: done.state,
      ...(done.error?.code ? { code: done.error.code } : {}),
      ...(done.error?.message ? { reason: done.error.message } : {}),
    });
  }
  if (done.state !== 'succeeded' || !done.result) {
    const word = done.providerStatus ?? done.state;
    throw new RequestValidationError(
      [{ path: 'job', message: `video task ${ref.id} is ${word}: wait for it first` }],
      'download',
    );
  }
}

/** Saves a finished task; its duration is read from the file, else the length requested at start. */
async function downloadArtifact(jobs: VideoJobs, ref: JobRef, saveOptions: SaveOptions): Promise<MediaArtifact> {
  const done = await statusOf(jobs, ref, saveOptions.signal);
  assertDownloadable(ref, done);
  const saved = await downloadVideo(jobs.client, done, saveOptions);
  const api = jobs.known.get(ref.id)?.api ?? minimaxVideoApiOfJob(ref) ?? 'v1';
  const requested = jobs.known.get(ref.id)?.durationMs ?? (api === 'v1' ? requestedVideoDurationMs({}) : undefined);
  return savedVideoArtifact(saved, { ...ref, api }, requested);
}

/**
 * MiniMax video as a media provider. `start({ prompt })` alone makes a MiniMax-H3 video; a Hailuo or 01-series
 * model goes to the v1 API with its v1 fields. Status, wait and download follow the job's recorded generation
 * (`api`, else its model); a bare id (a job started elsewhere, reported without its reference) is looked up on
 * the default model's generation first, then on the other when the first does not know it (unverified: what v2
 * answers for an id it does not know; a 404 or a 2013 is assumed). The artifact's
 * `durationMs` is read from the downloaded file (else the length requested at `start`).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @example
 * ```ts
 * const videos = minimaxVideoProvider(mm);
 * const job = await videos.start({ prompt: 'A fox in snow', duration: 8 });   // MiniMax-H3
 * await videos.wait(job);
 * const artifact = await videos.download(job, { to: './fox.mp4' });
 * ```
 */
export function minimaxVideoProvider(
  client: MiniMaxClient,
  options: MiniMaxVideoProviderOptions = {},
): MediaProvider<MiniMaxVideoInput, VideoTaskResult | VideoV2TaskResult> {
  const defaultModel = options.model ?? MINIMAX_DEFAULT_VIDEO_MODEL;
  const jobs: VideoJobs = { client, defaultModel, firstApi: minimaxVideoApiOf(defaultModel), known: new Map() };
  return {
    provider: MINIMAX_PROVIDER_NAME,
    kind: 'video',
    start: (input, startOptions = {}) => startVideo(jobs, input, startOptions.signal),
    status: (job, statusOptions = {}) => statusOf(jobs, refOf(job), statusOptions.signal),
    async wait(job, waitOptions = {}) {
      return waitForVideo(client, await routed(jobs, refOf(job), waitOptions.signal), waitOptions);
    },
    download: (job, saveOptions) => downloadArtifact(jobs, refOf(job), saveOptions),
  };
}
