/**
 * The video tools of the MiniMax toolset: make a video (MiniMax-H3 by default, or a Hailuo model), upscale an
 * H3 result to 2K, check a task, download it. Job references are recorded in the session as soon as MiniMax
 * accepts a task, before any waiting; status and download calls follow each job's API generation.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @module
 */
import * as z from 'zod/mini';
import { existingFileIn, safeFileName, savedFileResult, writeReservedFile } from '../../common/files.js';
import { idProblem } from '../../common/ids.js';
import { type JobRef, type JobStatus, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import type { MediaProvider } from '../../common/media-provider.js';
import {
  defineTool,
  reportProgressTo,
  type Tool,
  type ToolContext,
  timeLimitAfterWait,
} from '../../core/tools/define-tool.js';
import { followJob } from '../../toolsets/follow-job.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { savedVideoArtifact } from './shared.js';
import { minimaxVideoApiOf } from './video-api.js';
import { type MiniMaxVideoInput, minimaxVideoProvider, type SimpleVideoV2Input } from './video-provider.js';
import type { VideoTaskResult } from './video-task.js';
import {
  baseVideoPart,
  MINIMAX_VIDEO_V2_RATIOS,
  MINIMAX_VIDEO_V2_RESOLUTIONS,
  regenerateVideoV2,
  type VideoV2TaskResult,
} from './video-v2.js';
import type { VideoV2ContentPart } from './video-v2-content.js';
import { downloadVideo } from './video-wait.js';

/** What the video tools need from the toolset. */
export interface MiniMaxVideoToolSettings {
  /** Folder results are saved into. */
  outputDir: string;
  /** Folder local input images are read from (file names directly inside it; nothing outside it). */
  inputDir: string;
  /** Prefix of every tool name. */
  prefix: string;
  /** Wait for the video and download it (true), or return the task at once (false). */
  wait: boolean;
  /** Deadline of one wait, ms. */
  waitTimeoutMs: number;
  /** First poll interval, ms. */
  intervalMs?: number;
  /** Video model (`MiniMax-H3`, or a Hailuo model for the v1 tool). */
  model: string;
}

type AnyResult = VideoTaskResult | VideoV2TaskResult;

const URL_INPUT = /^(https:\/\/|data:image\/)/i;

/** Image input of a model: an https URL, a data URL, or the name of a file in the input folder. */
const imageInput = z.string().check(z.minLength(1), z.maxLength(2048));

/** The H3 options an agent can set. */
const h3Input = z.strictObject({
  prompt: z.string().check(z.minLength(1), z.maxLength(4000)),
  first_frame: z.optional(imageInput),
  last_frame: z.optional(imageInput),
  reference_images: z.optional(z.array(imageInput).check(z.maxLength(9))),
  duration: z.optional(z.int().check(z.gte(4), z.lte(15))),
  resolution: z.optional(z.enum(MINIMAX_VIDEO_V2_RESOLUTIONS)),
  ratio: z.optional(z.enum(MINIMAX_VIDEO_V2_RATIOS)),
});

/** The Hailuo (v1) options. */
const hailuoInput = z.strictObject({
  prompt: z.string().check(z.minLength(1), z.maxLength(2000)),
  first_frame_url: z.optional(z.string().check(z.regex(URL_INPUT, 'an https URL or a data:image URL'))),
  resolution: z.optional(z.enum(['768P', '1080P'])),
  duration: z.optional(z.literal([6, 10])),
});

const taskId = z.string().check(
  z.minLength(1),
  z.maxLength(256),
  z.refine((id) => idProblem(id) === undefined, 'a MiniMax task id'),
);

/** A job a create or upscale tool started: its reference, and the length it asked for, ms. */
interface StartedJob {
  job: JobRef;
  requestedMs?: number;
}

/** What every video tool shares: the client, the settings, the provider and the jobs started here. */
interface VideoToolsShared {
  client: MiniMaxClient;
  settings: MiniMaxVideoToolSettings;
  provider: MediaProvider<MiniMaxVideoInput, AnyResult>;
  /** Jobs started here (their generation and model), and the length each asked for. */
  jobs: Map<string, StartedJob>;
  /** Time limit and job tools of every tool. */
  limits: { timeoutMs: number; jobTools: string[] };
  /** The sentence a creating tool's description ends with. */
  waits: string;
}

/** The reference of a task id: the recorded one of a job started here, else a bare video reference. */
function refOf(shared: VideoToolsShared, id: string): JobRef {
  return shared.jobs.get(id)?.job ?? makeJobRef(MINIMAX_PROVIDER_NAME, 'video', id);
}

/** An image input made ready: URLs as they are, file names resolved inside the input folder. */
function readyImage(shared: VideoToolsShared, value: string, field: string): Promise<string> {
  return URL_INPUT.test(value) ? Promise.resolve(value) : existingFileIn(shared.settings.inputDir, value, field);
}

/** Downloads a finished task into the output folder, records the artifact and returns it. */
function saveVideo(
  shared: VideoToolsShared,
  job: JobRef,
  done: JobStatus<AnyResult>,
  fallbackMs: number | undefined,
  context: ToolContext,
): Promise<MediaArtifact> {
  const base = safeFileName(`video-${job.id}`, 'minimax');
  return writeReservedFile(shared.settings.outputDir, base, 'mp4', async (to) => {
    const saved = await downloadVideo(shared.client, done, {
      to,
      signal: context.signal,
      onProgress: reportProgressTo(context, () => `downloading ${job.id}`),
    });
    const artifact = await savedVideoArtifact(saved, job, fallbackMs);
    await context.recordJob(job, { state: 'succeeded', artifact });
    return artifact;
  });
}

/** Records the job, then (when waiting) waits for it and saves it; what the model reads back. */
function followVideo(shared: VideoToolsShared, job: JobRef, requestedMs: number | undefined, context: ToolContext) {
  const { settings, provider } = shared;
  shared.jobs.set(job.id, requestedMs === undefined ? { job } : { job, requestedMs });
  const pending = {
    task_id: job.id,
    state: 'pending',
    ...(requestedMs === undefined ? {} : { duration_ms: requestedMs }),
  };
  const later = `check with ${settings.prefix}video_status, then ${settings.prefix}download_video when it succeeded`;
  return followJob(job, context, {
    wait: settings.wait,
    waitFor: () =>
      provider.wait(job, {
        signal: context.signal,
        timeoutMs: settings.waitTimeoutMs,
        ...(settings.intervalMs === undefined ? {} : { intervalMs: settings.intervalMs }),
        onProgress: (progress) =>
          context.reportProgress({ message: `${job.id}: ${progress.providerStatus ?? progress.state}` }),
      }),
    async finish(done) {
      const artifact = await saveVideo(shared, job, done, requestedMs, context);
      const { video_width: width, video_height: height } = (done.result ?? {}) as Partial<VideoTaskResult>;
      return { task_id: job.id, state: 'succeeded', ...savedFileResult(artifact), ...(width ? { width, height } : {}) };
    },
    pending: (why) =>
      why === 'started'
        ? { ...pending, note: `Started. ${later[0]?.toUpperCase()}${later.slice(1)}.` }
        : { ...pending, note: `Still rendering; ${later} later.` },
  });
}

/** `create_video` for MiniMax-H3: prompt, frames, reference images, duration, resolution, ratio. */
function createH3Tool(shared: VideoToolsShared): Tool {
  const { settings } = shared;
  return defineTool({
    ...shared.limits,
    name: `${settings.prefix}create_video`,
    description:
      `Film a MiniMax ${settings.model} video (4–15 s, with sound) from a prompt; optionally from a first and/or ` +
      'last frame, or with up to 9 reference images of people, objects or style. Images are https URLs or names of ' +
      `files in the input folder. ${shared.waits}`,
    input: h3Input,
    async run(input, context) {
      const params: SimpleVideoV2Input = { model: settings.model, prompt: input.prompt };
      if (input.first_frame) params.first_frame_image = await readyImage(shared, input.first_frame, 'first_frame');
      if (input.last_frame) params.last_frame_image = await readyImage(shared, input.last_frame, 'last_frame');
      if (input.reference_images) {
        params.reference_images = await Promise.all(
          input.reference_images.map((value, index) => readyImage(shared, value, `reference_images.${index}`)),
        );
      }
      if (input.duration !== undefined) params.duration = input.duration;
      if (input.resolution) params.resolution = input.resolution;
      if (input.ratio) params.ratio = input.ratio;
      const job = await shared.provider.start(params, { signal: context.signal });
      return followVideo(shared, job, input.duration === undefined ? undefined : input.duration * 1000, context);
    },
  });
}

/** `create_video` for a Hailuo (v1) model: prompt, first-frame URL, resolution, duration. */
function createHailuoTool(shared: VideoToolsShared): Tool {
  const { settings } = shared;
  return defineTool({
    ...shared.limits,
    name: `${settings.prefix}create_video`,
    description:
      `Film a 6- or 10-second MiniMax ${settings.model} video from a prompt (camera moves in brackets, e.g. ` +
      `[Pan left], [Push in], [Tracking shot]); optionally from a first-frame image URL. ${shared.waits}`,
    input: hailuoInput,
    async run({ prompt, first_frame_url, resolution, duration }, context) {
      const job = await shared.provider.start(
        {
          model: settings.model,
          prompt,
          ...(first_frame_url ? { first_frame_image: first_frame_url } : {}),
          ...(resolution ? { resolution } : {}),
          ...(duration ? { duration } : {}),
        },
        { signal: context.signal },
      );
      return followVideo(shared, job, (duration ?? 6) * 1000, context);
    },
  });
}

/** `upscale_video`: a 2K version of a finished 768P H3 video, as a new task. */
function upscaleTool(shared: VideoToolsShared): Tool {
  const { settings, provider } = shared;
  const upscaleModel = minimaxVideoApiOf(settings.model) === 'v2' ? settings.model : 'MiniMax-H3';
  return defineTool({
    ...shared.limits,
    name: `${settings.prefix}upscale_video`,
    description:
      'Make a 2K version of a finished 768P MiniMax-H3 video (a new task). Give its task id; the prompt is ' +
      `optional. ${shared.waits}`,
    input: z.strictObject({ task_id: taskId, prompt: z.optional(z.string().check(z.minLength(1), z.maxLength(4000))) }),
    async run({ task_id, prompt }, context) {
      const source = await provider.status(refOf(shared, task_id), { signal: context.signal });
      const url = (source.result as Partial<VideoV2TaskResult> | undefined)?.url;
      if (source.state !== 'succeeded' || !url) {
        return { task_id, state: source.state, note: 'Only a finished MiniMax-H3 video can be upscaled.' };
      }
      const content: VideoV2ContentPart[] = [
        ...(prompt ? [{ type: 'text' as const, text: prompt }] : []),
        baseVideoPart(url),
      ];
      const task = await regenerateVideoV2(shared.client, { model: upscaleModel, content }, { signal: context.signal });
      const requestedMs = shared.jobs.get(task_id)?.requestedMs;
      return { ...(await followVideo(shared, task.job, requestedMs, context)), upscaled_from: task_id };
    },
  });
}

/** `video_status`: a task's state. */
function statusTool(shared: VideoToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.settings.prefix}video_status`,
    description: 'Check a MiniMax video task: pending, succeeded, failed or cancelled.',
    input: z.strictObject({ task_id: taskId }),
    async run({ task_id }, context) {
      const found = await shared.provider.status(refOf(shared, task_id), { signal: context.signal });
      return {
        task_id,
        state: found.state,
        status: found.providerStatus,
        ...(found.error ? { error: found.error } : {}),
      };
    },
  });
}

/** `download_video`: saves a finished task into the output folder. */
function downloadTool(shared: VideoToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.settings.prefix}download_video`,
    description:
      'Download a finished MiniMax video into the output folder; returns the file path and duration. The ' +
      "duration (seconds) is used only when the file's own length cannot be read.",
    input: z.strictObject({ task_id: taskId, duration: z.optional(z.int().check(z.gte(1), z.lte(15))) }),
    async run({ task_id, duration }, context) {
      const ref = refOf(shared, task_id);
      const found = await shared.provider.status(ref, { signal: context.signal });
      if (found.state !== 'succeeded' || !found.result) {
        return {
          task_id,
          state: found.state,
          status: found.providerStatus,
          note: 'Not finished: nothing to download yet.',
        };
      }
      const fallbackMs = duration !== undefined ? duration * 1000 : shared.jobs.get(task_id)?.requestedMs;
      const artifact = await saveVideo(shared, ref, found, fallbackMs, context);
      return { task_id, ...savedFileResult(artifact) };
    },
  });
}

/** Makes the video tools: create, upscale (2K), status, download. */
export function minimaxVideoTools(client: MiniMaxClient, settings: MiniMaxVideoToolSettings): Tool[] {
  const shared: VideoToolsShared = {
    client,
    settings,
    provider: minimaxVideoProvider(client, { model: settings.model }),
    jobs: new Map(),
    limits: {
      timeoutMs: timeLimitAfterWait(settings.waitTimeoutMs),
      jobTools: [`${settings.prefix}video_status`, `${settings.prefix}download_video`],
    },
    waits: settings.wait ? 'Waits (minutes) and returns the saved file path.' : 'Returns the task id at once.',
  };
  const create = minimaxVideoApiOf(settings.model) === 'v2' ? createH3Tool(shared) : createHailuoTool(shared);
  return [create, upscaleTool(shared), statusTool(shared), downloadTool(shared)];
}
