/**
 * The xAI media toolset: tools an agent uses to draw and edit pictures and to make, edit and extend videos with
 * Grok Imagine. Results are saved into the toolset's output folder; paths, MIME types and sizes go back to the
 * model, never the bytes. Video jobs are written to the session (`recordJob`) as soon as xAI accepts them, before
 * any waiting. Input images and videos are https URLs or files of the output folder (nothing else is read).
 * @see https://docs.x.ai/docs/api-reference#image-generations
 * @module
 */
import * as z from 'zod/mini';
import { encodeBase64 } from '../../common/base64.js';
import { existingFileIn, safeFileName, writeReservedFile } from '../../common/files.js';
import { type JobRef, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import { extensionForMimeType, guessMimeType } from '../../common/media-types.js';
import {
  defineTool,
  reportProgressTo,
  type Tool,
  type ToolContext,
  timeLimitAfterWait,
} from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { followJob } from '../../toolsets/follow-job.js';
import type { XAIClient } from './client.js';
import { editImages, generateImages, saveXAIImage, XAI_IMAGE_ASPECT_RATIOS, type XAIImagesResult } from './images.js';
import { XAI_DEFAULT_IMAGE_MODEL, XAI_DEFAULT_VIDEO_MODEL, xaiVideoProvider } from './media.js';
import { xaiJobId } from './media-shared.js';

/** Options of {@link createXAIMediaToolset}. */
export interface XAIMediaToolsetOptions {
  /** Folder results are saved into, and the only folder input files are read from. Default `./xai`. */
  outputDir?: string;
  /** Prefix of every tool name. Default `xai_`. */
  namePrefix?: string;
  /** `true` (default): video tools wait and download; `false`: they return the job at once. */
  wait?: boolean;
  /** Deadline of a video wait, ms (default 10 minutes); past it the tool returns the job as pending. */
  waitTimeoutMs?: number;
  /** First poll interval, ms (default 5 000). */
  intervalMs?: number;
  /** Default models. */
  models?: { image?: string; video?: string };
}

/** What the video tools return when they do not wait (or the wait passed its deadline). */
export interface XAIVideoJobResult {
  /** The job (its `id` is the `request_id` the other tools take). */
  job: JobRef;
  /** `pending`. */
  state: 'pending';
  /** What to do next. */
  next: string;
}

/** An https URL as is; a file of the output folder as a data URL (the API takes both). */
async function mediaUrl(outputDir: string, value: string, field: string): Promise<string> {
  if (/^https:\/\//i.test(value)) return value;
  const path = await existingFileIn(outputDir, value, field);
  const fs = await import('node:fs/promises');
  return `data:${guessMimeType(path)};base64,${encodeBase64(await fs.readFile(path))}`;
}

const prompt = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(8_000));
const source = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(2_000));
const requestId = /* @__PURE__ */ z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'an xAI request id'));

/** What every xAI media tool shares: the client, the video provider and the toolset's settings. */
interface XAIMediaShared {
  client: XAIClient;
  /** Starts, waits for and downloads videos. */
  videos: ReturnType<typeof xaiVideoProvider>;
  outputDir: string;
  prefix: string;
  wait: boolean;
  waitTimeoutMs: number;
  intervalMs: number | undefined;
  models: { image: string; video: string };
  /** Time limit and job tools of every tool. */
  limits: { timeoutMs: number; jobTools: string[] };
}

function xaiMediaShared(client: XAIClient, options: XAIMediaToolsetOptions): XAIMediaShared {
  const prefix = options.namePrefix ?? 'xai_';
  const waitTimeoutMs = options.waitTimeoutMs ?? 10 * 60_000;
  return {
    client,
    videos: xaiVideoProvider(client),
    outputDir: options.outputDir ?? './xai',
    prefix,
    wait: options.wait ?? true,
    waitTimeoutMs,
    intervalMs: options.intervalMs,
    models: { image: XAI_DEFAULT_IMAGE_MODEL, video: XAI_DEFAULT_VIDEO_MODEL, ...options.models },
    limits: {
      timeoutMs: timeLimitAfterWait(waitTimeoutMs),
      jobTools: [`${prefix}video_status`, `${prefix}download_video`],
    },
  };
}

/** Saves every picture of an answer into the output folder. */
async function saveImages(
  { client, outputDir }: XAIMediaShared,
  made: XAIImagesResult,
  base: string,
  context: ToolContext,
): Promise<MediaArtifact[]> {
  if (made.deferred) throw new Error('unexpected deferred answer');
  const artifacts: MediaArtifact[] = [];
  for (const image of made.response.data) {
    const mimeType = image.mime_type ?? 'image/jpeg';
    const extension = extensionForMimeType(mimeType, 'jpeg');
    const saved = await writeReservedFile(outputDir, safeFileName(base, 'image'), extension, (to) =>
      saveXAIImage(image, to, { fetch: client.options.fetch, signal: context.signal }),
    );
    artifacts.push({ kind: 'image', path: saved.path, mimeType, bytes: saved.bytes, provider: 'xai' });
  }
  return artifacts;
}

/** Saves a finished video and records the job with the artifact. */
function saveVideo({ videos, outputDir }: XAIMediaShared, job: JobRef, context: ToolContext) {
  return writeReservedFile(outputDir, safeFileName(`video-${job.id}`, 'video'), 'mp4', async (to) => {
    const artifact = await videos.download(job, {
      to,
      signal: context.signal,
      onProgress: reportProgressTo(context, () => `downloading ${job.id}`),
    });
    await context.recordJob(job, { state: 'succeeded', artifact });
    return artifact;
  });
}

/** Records the job before any waiting; then waits and saves (or hands back the pending job). */
function followVideo(
  shared: XAIMediaShared,
  job: JobRef,
  context: ToolContext,
): Promise<MediaArtifact | XAIVideoJobResult> {
  const { prefix, intervalMs } = shared;
  const later =
    `Call ${prefix}video_status later with request_id "${job.id}", ` + `then ${prefix}download_video once it is done.`;
  return followJob(job, context, {
    wait: shared.wait,
    waitFor: () =>
      shared.videos.wait(job, {
        signal: context.signal,
        timeoutMs: shared.waitTimeoutMs,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onProgress: reportProgressTo(context, (progress) => `video ${job.id}: ${progress.providerStatus ?? ''}`),
      }),
    finish: () => saveVideo(shared, job, context),
    pending: (why) => ({ job, state: 'pending', next: why === 'timeout' ? `Not finished yet. ${later}` : later }),
  });
}

function generateImageTool(shared: XAIMediaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}generate_image`,
    description: 'Draw 1–4 pictures with Grok Imagine from a prompt. Saves them and returns their file paths.',
    input: z.strictObject({
      prompt,
      n: z.optional(z.int().check(z.gte(1), z.lte(4))),
      aspect_ratio: z.optional(z.enum(XAI_IMAGE_ASPECT_RATIOS)),
      resolution: z.optional(z.enum(['1k', '1.5k', '2k'])),
    }),
    async run(input, context) {
      const made = await generateImages(
        shared.client,
        { model: shared.models.image, response_format: 'b64_json', ...input },
        { signal: context.signal },
      );
      return { images: await saveImages(shared, made, 'image', context) };
    },
  });
}

function editImageTool(shared: XAIMediaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}edit_image`,
    description:
      'Edit a picture (an https URL or a file of the output folder) as the prompt says; with several images, ' +
      'refer to them as <IMAGE_0>, <IMAGE_1>, <IMAGE_2>. Saves the result and returns its path.',
    input: z.strictObject({ prompt, images: z.array(source).check(z.minLength(1), z.maxLength(3)) }),
    async run({ prompt: text, images }, context) {
      const { outputDir } = shared;
      const urls = await Promise.all(images.map((value, index) => mediaUrl(outputDir, value, `images.${index}`)));
      const refs = urls.map((url) => ({ url }));
      const made = await editImages(
        shared.client,
        {
          model: shared.models.image,
          prompt: text,
          response_format: 'b64_json',
          ...(refs.length === 1 ? { image: refs[0] } : { images: refs }),
        },
        { signal: context.signal },
      );
      return { images: await saveImages(shared, made, 'edited', context) };
    },
  });
}

function createVideoTool(shared: XAIMediaShared): Tool {
  const { prefix } = shared;
  return defineTool({
    ...shared.limits,
    name: `${prefix}create_video`,
    description:
      'Make a video (1–15 s) with Grok Imagine from a prompt, optionally starting from an image (https URL or a ' +
      'file of the output folder). ' +
      (shared.wait
        ? 'Waits and saves it, returning its path.'
        : `Returns the job at once; then ${prefix}video_status.`),
    input: z.strictObject({
      prompt,
      image: z.optional(source),
      duration: z.optional(z.int().check(z.gte(1), z.lte(15))),
      aspect_ratio: z.optional(z.enum(['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'])),
      resolution: z.optional(z.enum(['480p', '720p', '1080p'])),
    }),
    async run({ image, ...input }, context) {
      const first = image === undefined ? {} : { image: { url: await mediaUrl(shared.outputDir, image, 'image') } };
      const model = shared.models.video;
      const job = await shared.videos.start({ model, ...input, ...first }, { signal: context.signal });
      return followVideo(shared, job, context);
    },
  });
}

function editVideoTool(shared: XAIMediaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}edit_video`,
    description:
      'Edit a short video (≤ 8.7 s) as the prompt says, or extend one (2–15 s) by 2–10 s. The video is an https ' +
      'URL or a file of the output folder.',
    input: z.strictObject({
      operation: z.enum(['edit', 'extend']),
      prompt,
      video: source,
      duration: z.optional(z.int().check(z.gte(2), z.lte(10))),
    }),
    async run({ operation, video, duration, prompt: text }, context) {
      const ref = { url: await mediaUrl(shared.outputDir, video, 'video') };
      const common = { model: shared.models.video, prompt: text, video: ref };
      const input =
        operation === 'edit'
          ? { operation, ...common }
          : { operation, ...common, ...(duration === undefined ? {} : { duration }) };
      const job = await shared.videos.start(input, { signal: context.signal });
      return followVideo(shared, job, context);
    },
  });
}

function videoStatusTool({ videos, limits, prefix }: XAIMediaShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}video_status`,
    description: 'Check a video job once: pending (with progress), done, failed or expired.',
    input: z.strictObject({ request_id: requestId }),
    async run({ request_id }, context) {
      const status = await videos.status(request_id, { signal: context.signal });
      const job = makeJobRef('xai', 'video', xaiJobId(request_id));
      if (status.state !== 'pending' && status.state !== 'succeeded')
        await context.recordJob(job, { state: status.state });
      return {
        request_id,
        state: status.state,
        ...(status.progress === undefined ? {} : { progress: status.progress }),
        ...(status.error ? { error: status.error } : {}),
        ...(status.state === 'succeeded' ? { next: `Call ${prefix}download_video.` } : {}),
      };
    },
  });
}

function downloadVideoTool(shared: XAIMediaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}download_video`,
    description: 'Save a finished video into the output folder; returns its path, size and duration.',
    input: z.strictObject({ request_id: requestId }),
    async run({ request_id }, context) {
      return saveVideo(shared, makeJobRef('xai', 'video', request_id), context);
    },
  });
}

/**
 * Makes the xAI media toolset: `xai_generate_image`, `xai_edit_image`, `xai_create_video`, `xai_edit_video`
 * (edit or extend), `xai_video_status`, `xai_download_video`. Moderation refusals and failed videos come back to
 * the model as tool errors.
 * @see https://docs.x.ai/docs/api-reference#video-generations
 * @example
 * ```ts
 * const tools = createXAIMediaToolset(createXAIClient(), { outputDir: './out' });
 * const agent = new Agent({ name: 'studio', model, tools: [tools] });
 * ```
 */
export function createXAIMediaToolset(client: XAIClient, options: XAIMediaToolsetOptions = {}): ToolSet {
  const shared = xaiMediaShared(client, options);
  const tools: Tool[] = [
    generateImageTool(shared),
    editImageTool(shared),
    createVideoTool(shared),
    editVideoTool(shared),
    videoStatusTool(shared),
    downloadVideoTool(shared),
  ];
  return new ToolSet(tools, { name: 'xai-media' });
}
