/**
 * The Sora video toolset: tools an agent uses to create, check, download, remix, extend and edit videos.
 * Tools return small artifacts (ids, states, file paths), never the bytes. Every job reference is written to
 * the session (`recordJob`) as soon as the API accepts the job, before any waiting.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`,
 * which the tools report to the model as a plain tool error. Use another video provider's tools.
 * @module
 */
import * as z from 'zod/mini';
import { JobFailedError } from '../../../common/errors.js';
import { safeFileName, writeReservedFile } from '../../../common/files.js';
import type { JobRef, MediaArtifact } from '../../../common/jobs.js';
import { normalizeMimeType } from '../../../common/media-types.js';
import {
  defineTool,
  reportProgressTo,
  type Tool,
  type ToolContext,
  timeLimitAfterWait,
} from '../../../core/tools/define-tool.js';
import { ToolSet } from '../../../core/tools/tool-set.js';
import { followJob } from '../../../toolsets/follow-job.js';
import type { OpenAIClient } from '../client.js';
import { VIDEO_ENUMS } from './schemas.js';
import type { Video, VideoVariant } from './types.js';
import { createVideo, downloadVideoContent, editVideo, extendVideo, remixVideo } from './videos.js';
import { retrieveVideoStatus, type VideoClock, videoJobRef, waitForVideo } from './wait.js';

/**
 * Options of {@link createVideoToolset}.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface VideoToolsetOptions {
  /** Folder the download tool (and waiting tools) save into. Default `./videos`. */
  outputDir?: string;
  /**
   * `false` (default): the job-starting tools return the job id at once; the model checks and downloads later.
   * `true`: they wait for the video and download it, returning the file path.
   */
  wait?: boolean;
  /** Deadline when waiting, ms (default 20 minutes). On timeout the tool returns the id as still pending. */
  waitTimeoutMs?: number;
  /** First poll interval when waiting, ms. */
  intervalMs?: number;
  /** Prefix of every tool name. Default `sora_`. */
  namePrefix?: string;
  /** Clock the `expires_at` check of the status and waiting tools uses (default `Date.now`). */
  now?: VideoClock;
}

/** What a job-starting tool hands back to the model. */
interface JobResult {
  video_id: string;
  status: string;
  progress?: number;
  path?: string;
  mime_type?: string;
  bytes?: number;
  note?: string;
}

const EXTENSIONS: Record<string, string> = { video: 'mp4', thumbnail: 'webp', spritesheet: 'webp' };

const PROMPT = z.string().check(z.minLength(1), z.maxLength(32_000));
const VIDEO_ID = z.string().check(z.minLength(1));

/** What every Sora tool shares: the client and the toolset's settings. */
interface SoraToolsShared {
  client: OpenAIClient;
  outputDir: string;
  prefix: string;
  /** Whether the job-starting tools wait for the video and download it. */
  wait: boolean;
  waitTimeoutMs: number;
  intervalMs: number | undefined;
  /** The clock of the `expires_at` check, when not `Date.now`. */
  clock: { now?: VideoClock };
  /** Time limit and job tools of every tool. */
  limits: { timeoutMs: number; jobTools: string[] };
}

/** Downloads a video (or its thumbnail / spritesheet) into the output folder, records the artifact and returns it. */
function saveVideo(
  { client, outputDir }: SoraToolsShared,
  job: JobRef,
  variant: VideoVariant,
  name: string | undefined,
  context: ToolContext,
): Promise<MediaArtifact> {
  const extension = EXTENSIONS[variant] ?? 'bin';
  return writeReservedFile(outputDir, safeFileName(name ?? job.id, 'video'), extension, async (to) => {
    const saved = await downloadVideoContent(client, job.id, {
      to,
      variant,
      signal: context.signal,
      onProgress: reportProgressTo(context, () => `downloading ${job.id}`),
    });
    const artifact: MediaArtifact = {
      kind: variant === 'video' ? 'video' : 'image',
      path: saved.path ?? to,
      mimeType: normalizeMimeType(saved.contentType ?? '') || (variant === 'video' ? 'video/mp4' : 'image/webp'),
      bytes: saved.bytes,
      provider: 'openai',
      job,
    };
    await context.recordJob(job, { state: 'succeeded', artifact });
    return artifact;
  });
}

/** Waits for a video; a job that ended badly (failed, or completed but already expired) is recorded so. */
async function waitForStarted(shared: SoraToolsShared, job: JobRef, context: ToolContext): Promise<Video> {
  try {
    return await waitForVideo(shared.client, job, {
      signal: context.signal,
      timeoutMs: shared.waitTimeoutMs,
      ...(shared.intervalMs === undefined ? {} : { intervalMs: shared.intervalMs }),
      ...shared.clock,
      onProgress: reportProgressTo(context, (progress) => `${job.id}: ${progress.providerStatus ?? progress.state}`),
    });
  } catch (error) {
    if (JobFailedError.isInstance(error)) await context.recordJob(job, { state: error.state });
    throw error;
  }
}

/** Records the job, then returns at once or waits and downloads, as configured. */
function started(shared: SoraToolsShared, video: Video, context: ToolContext): Promise<JobResult> {
  const { prefix } = shared;
  const job = videoJobRef(video);
  return followJob(job, context, {
    wait: shared.wait,
    waitFor: () => waitForStarted(shared, job, context),
    async finish(done): Promise<JobResult> {
      const artifact = await saveVideo(shared, job, 'video', undefined, context);
      return {
        video_id: done.id,
        status: done.status,
        ...(artifact.path === undefined ? {} : { path: artifact.path }),
        mime_type: artifact.mimeType,
        ...(artifact.bytes === undefined ? {} : { bytes: artifact.bytes }),
      };
    },
    pending: (why): JobResult =>
      why === 'started'
        ? {
            video_id: video.id,
            status: video.status,
            note: `Started. Check with ${prefix}video_status, then ${prefix}download_video when completed.`,
          }
        : {
            video_id: video.id,
            status: 'in_progress',
            note: `Still rendering; check later with ${prefix}video_status.`,
          },
  });
}

/** `create_video`: a video from a prompt (optionally a reference image URL). */
function createTool(shared: SoraToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}create_video`,
    description:
      'Start generating a video with OpenAI Sora from a text prompt (optionally a reference image URL). ' +
      (shared.wait ? 'Waits and returns the saved file path.' : 'Returns the video id at once.'),
    input: z.strictObject({
      prompt: PROMPT,
      model: z.optional(z.enum(VIDEO_ENUMS.model)),
      seconds: z.optional(z.enum(VIDEO_ENUMS.seconds)),
      size: z.optional(z.enum(VIDEO_ENUMS.size)),
      image_url: z.optional(z.string().check(z.regex(/^(https?:\/\/|data:)/i))),
    }),
    async run({ image_url, ...params }, context) {
      const video = await createVideo(
        shared.client,
        { ...params, ...(image_url === undefined ? {} : { input_reference: { image_url } }) },
        { signal: context.signal },
      );
      return started(shared, video, context);
    },
  });
}

/** `video_status`: a job's state and progress. */
function statusTool({ client, clock, limits, prefix }: SoraToolsShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}video_status`,
    description:
      'Check a Sora video job: pending, succeeded, failed or expired (past its download window), with progress in percent.',
    input: z.strictObject({ video_id: VIDEO_ID }),
    async run({ video_id }, context) {
      const status = await retrieveVideoStatus(client, video_id, { signal: context.signal, ...clock });
      return {
        video_id,
        state: status.state,
        status: status.providerStatus,
        ...(status.progress === undefined ? {} : { progress: status.progress }),
        ...(status.error ? { error: status.error } : {}),
      };
    },
  });
}

/** `download_video`: saves a completed video (or its thumbnail / spritesheet). */
function downloadTool(shared: SoraToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}download_video`,
    description:
      'Download a completed Sora video (or its thumbnail / spritesheet) into the output folder; returns the file path.',
    input: z.strictObject({
      video_id: VIDEO_ID,
      variant: z.optional(z.enum(VIDEO_ENUMS.variant)),
      filename: z.optional(z.string().check(z.maxLength(120))),
    }),
    async run({ video_id, variant, filename }, context) {
      const job = videoJobRef({ id: video_id });
      const artifact = await saveVideo(shared, job, variant ?? 'video', filename, context);
      return { video_id, path: artifact.path, mime_type: artifact.mimeType, bytes: artifact.bytes };
    },
  });
}

/** `remix_video`: a new job remixing a completed video with a new prompt. */
function remixTool(shared: SoraToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}remix_video`,
    description: 'Start a new Sora job that remixes a completed video with a new prompt.',
    input: z.strictObject({ video_id: VIDEO_ID, prompt: PROMPT }),
    async run({ video_id, prompt }, context) {
      return started(
        shared,
        await remixVideo(shared.client, video_id, { prompt }, { signal: context.signal }),
        context,
      );
    },
  });
}

/** `extend_video`: a new job continuing a completed video by a new segment. */
function extendTool(shared: SoraToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}extend_video`,
    description: 'Start a new Sora job that continues a completed video by a new segment of the given length.',
    input: z.strictObject({ video_id: VIDEO_ID, prompt: PROMPT, seconds: z.enum(VIDEO_ENUMS.extensionSeconds) }),
    async run({ video_id, prompt, seconds }, context) {
      const video = await extendVideo(
        shared.client,
        { prompt, seconds, video: { id: video_id } },
        { signal: context.signal },
      );
      return started(shared, video, context);
    },
  });
}

/** `edit_video`: a new job editing a completed video as the prompt describes. */
function editTool(shared: SoraToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}edit_video`,
    description: 'Start a new Sora job that edits a completed video as the prompt describes.',
    input: z.strictObject({ video_id: VIDEO_ID, prompt: PROMPT }),
    async run({ video_id, prompt }, context) {
      const video = await editVideo(shared.client, { prompt, video: { id: video_id } }, { signal: context.signal });
      return started(shared, video, context);
    },
  });
}

/**
 * Makes the Sora video toolset for an agent: `sora_create_video`, `sora_video_status`, `sora_download_video`,
 * `sora_remix_video`, `sora_extend_video`, `sora_edit_video`. Downloads go into `outputDir` under safe, unique
 * file names; the path comes back to the model, never the bytes.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; calls then fail with `ApiRetiredError`.
 * Use another video provider's tools (MiniMax video in `hello-dave/minimax`).
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 * @example
 * ```ts
 * const tools = createVideoToolset(createOpenAIClient(), { outputDir: './out', wait: true });
 * const agent = new Agent({ name: 'director', model, tools: [tools] });
 * ```
 */
export function createVideoToolset(client: OpenAIClient, options: VideoToolsetOptions = {}): ToolSet {
  const prefix = options.namePrefix ?? 'sora_';
  const waitTimeoutMs = options.waitTimeoutMs ?? 20 * 60_000;
  const shared: SoraToolsShared = {
    client,
    outputDir: options.outputDir ?? './videos',
    prefix,
    wait: Boolean(options.wait),
    waitTimeoutMs,
    intervalMs: options.intervalMs,
    clock: options.now === undefined ? {} : { now: options.now },
    limits: {
      timeoutMs: timeLimitAfterWait(waitTimeoutMs),
      jobTools: [`${prefix}video_status`, `${prefix}download_video`],
    },
  };
  const tools: Tool[] = [
    createTool(shared),
    statusTool(shared),
    downloadTool(shared),
    remixTool(shared),
    extendTool(shared),
    editTool(shared),
  ];
  return new ToolSet(tools, { name: 'sora-video' });
}
