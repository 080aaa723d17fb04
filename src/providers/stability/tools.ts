/**
 * The Stability toolset: tools an agent uses to draw (Ultra, Core, SD 3.5), edit and upscale pictures and to
 * make music or sound (Stable Audio). Results are saved into the toolset's output folder; the path, MIME type,
 * size, seed and finish reason go back to the model, never the bytes. Input images and audio are files of that
 * same folder (a model cannot make the tools read anything else).
 * @see https://platform.stability.ai/docs/api-reference
 * @module
 */
import * as z from 'zod/mini';
import { existingFileIn, safeFileName, writeReservedFile } from '../../common/files.js';
import type { MediaArtifact } from '../../common/jobs.js';
import { extensionForMimeType } from '../../common/media-types.js';
import { defineTool, type Tool, type ToolContext, timeLimitAfterWait } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import type { FilePath } from '../../http/multipart.js';
import { STABILITY_DEFAULT_AUDIO_DURATION_S, textToAudio } from './audio.js';
import type { StabilityClient } from './client.js';
import { STABILITY_PROVIDER_NAME } from './errors.js';
import {
  eraseImage,
  generateCore,
  generateSd3,
  generateUltra,
  inpaintImage,
  outpaintImage,
  removeBackground,
  STABILITY_SD3_MODELS,
  searchAndRecolor,
  searchAndReplace,
} from './image.js';
import { STABILITY_ASPECT_RATIOS, STABILITY_STYLE_PRESETS, type StabilityMedia, saveStabilityMedia } from './shared.js';
import { stabilityUpscaleTools } from './tools-upscale.js';

export type { StabilityUpscaleJobResult } from './tools-upscale.js';

/** Options of {@link createStabilityToolset}. */
export interface StabilityToolsetOptions {
  /** Folder results are saved into, and the only folder input files are read from. Default `./stability`. */
  outputDir?: string;
  /** Prefix of every tool name. Default `stability_`. */
  namePrefix?: string;
  /**
   * `true` (default): a creative upscale waits for its result and saves it. `false`: it returns the job at once;
   * the model checks it with `stability_upscale_status` and saves it with `stability_download_upscale`.
   */
  wait?: boolean;
  /** Deadline of a creative upscale's wait, ms (default 10 minutes); past it the tool returns the job as pending. */
  waitTimeoutMs?: number;
  /** Poll interval of a creative upscale, ms (default 10 000: Stability asks for no more often). */
  intervalMs?: number;
}

/** What the Stability tools return: the saved file, plus Stability's finish reason and seed. */
export interface StabilityToolResult extends MediaArtifact {
  /** `SUCCESS`, or `CONTENT_FILTERED`: moderation blurred the output. */
  finish_reason: string;
  /** The seed used, when reported. */
  seed?: number;
}

const EDITS = [
  'erase',
  'inpaint',
  'outpaint',
  'search-and-replace',
  'search-and-recolor',
  'remove-background',
] as const;

const prompt = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(10_000));
const fileName = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(200));
const side = /* @__PURE__ */ z.optional(z.int().check(z.gte(0), z.lte(2000)));

/** A file of the output folder, by name: no folders, no traversal. */
async function inputFile(outputDir: string, name: string, field: string): Promise<FilePath> {
  return { path: await existingFileIn(outputDir, name, field) };
}

/** What every Stability tool shares: the client and the toolset's settings. */
interface StabilityShared {
  client: StabilityClient;
  outputDir: string;
  prefix: string;
  /** Time limit of every tool. */
  limits: { timeoutMs: number };
}

/** Saves what Stability made into the output folder; the file, finish reason and seed. */
async function saveMedia(
  outputDir: string,
  media: StabilityMedia,
  base: string,
  context: ToolContext,
): Promise<StabilityToolResult> {
  const extension = extensionForMimeType(media.mimeType, 'bin');
  const saved = await writeReservedFile(outputDir, safeFileName(base, 'stability'), extension, (to) =>
    saveStabilityMedia(media, to, { signal: context.signal }),
  );
  const result: StabilityToolResult = {
    kind: media.mimeType.startsWith('audio/') ? 'audio' : 'image',
    path: saved.path,
    mimeType: media.mimeType,
    bytes: saved.bytes,
    provider: STABILITY_PROVIDER_NAME,
    finish_reason: media.finishReason,
  };
  if (media.seed !== undefined) result.seed = media.seed;
  return result;
}

function generateImageTool({ client, outputDir, prefix, limits }: StabilityShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}generate_image`,
    description:
      'Draw a picture with Stability: model "core" (fast, default), "ultra" (best) or an SD 3.5 model. ' +
      'Saves it and returns the file path.',
    input: z.strictObject({
      prompt,
      model: z.optional(z.enum(['core', 'ultra', ...STABILITY_SD3_MODELS])),
      negative_prompt: z.optional(z.string().check(z.maxLength(10_000))),
      aspect_ratio: z.optional(z.enum(STABILITY_ASPECT_RATIOS)),
      style_preset: z.optional(z.enum(STABILITY_STYLE_PRESETS)),
      output_format: z.optional(z.enum(['png', 'jpeg', 'webp'])),
    }),
    async run({ model, ...params }, context) {
      const request = { signal: context.signal };
      const media =
        model === 'ultra'
          ? await generateUltra(client, params, request)
          : model === undefined || model === 'core'
            ? await generateCore(client, params, request)
            : await generateSd3(client, { ...params, model }, request);
      return saveMedia(outputDir, media, `image-${model ?? 'core'}`, context);
    },
  });
}

const editInput = /* @__PURE__ */ z.strictObject({
  operation: z.enum(EDITS),
  image: fileName,
  mask: z.optional(fileName),
  prompt: z.optional(prompt),
  search_prompt: z.optional(prompt),
  select_prompt: z.optional(prompt),
  left: side,
  right: side,
  up: side,
  down: side,
});

/** Runs one edit of `edit_image` on the input image (and mask). */
async function runEdit(
  { client, outputDir }: StabilityShared,
  input: z.infer<typeof editInput>,
  context: ToolContext,
): Promise<StabilityMedia> {
  const image = await inputFile(outputDir, input.image, 'image');
  const mask = input.mask === undefined ? undefined : await inputFile(outputDir, input.mask, 'mask');
  const withMask = mask === undefined ? {} : { mask };
  const text = input.prompt ?? '';
  const call = { signal: context.signal };
  switch (input.operation) {
    case 'erase':
      return eraseImage(client, { image, ...withMask }, call);
    case 'inpaint':
      return inpaintImage(client, { image, prompt: text, ...withMask }, call);
    case 'outpaint': {
      const { left, right, up, down } = input;
      const sides = Object.fromEntries(
        Object.entries({ left, right, up, down }).filter(([, value]) => value !== undefined),
      );
      return outpaintImage(client, { image, ...sides, ...(input.prompt ? { prompt: text } : {}) }, call);
    }
    case 'search-and-replace':
      return searchAndReplace(client, { image, prompt: text, search_prompt: input.search_prompt ?? '' }, call);
    case 'search-and-recolor':
      return searchAndRecolor(client, { image, prompt: text, select_prompt: input.select_prompt ?? '' }, call);
    default:
      return removeBackground(client, { image }, call);
  }
}

function editImageTool(shared: StabilityShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}edit_image`,
    description:
      'Edit a picture of the output folder: erase (mask), inpaint (prompt, mask), outpaint (left/right/up/down ' +
      'pixels), search-and-replace (search_prompt → prompt), search-and-recolor (select_prompt → prompt), ' +
      'remove-background. Saves the result and returns its path.',
    input: editInput,
    async run(input, context) {
      const media = await runEdit(shared, input, context);
      return saveMedia(shared.outputDir, media, `${input.operation}-${input.image}`, context);
    },
  });
}

function generateAudioTool({ client, outputDir, prefix, limits }: StabilityShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}generate_audio`,
    description:
      'Make music or sound from a prompt with Stable Audio (up to 190 s; default 30 s). Saves it and returns the path.',
    input: z.strictObject({
      prompt,
      model: z.optional(z.enum(['stable-audio-2', 'stable-audio-2.5'])),
      duration: z.optional(z.number().check(z.gte(1), z.lte(STABILITY_DEFAULT_AUDIO_DURATION_S))),
      output_format: z.optional(z.enum(['mp3', 'wav'])),
    }),
    async run(input, context) {
      const duration = input.duration ?? 30;
      const media = await textToAudio(client, { ...input, duration }, { signal: context.signal });
      const result = await saveMedia(outputDir, media, 'audio', context);
      result.durationMs = duration * 1000;
      return result;
    },
  });
}

/**
 * Makes the Stability toolset: `stability_generate_image`, `stability_edit_image`, `stability_upscale_image`,
 * `stability_upscale_status`, `stability_download_upscale` and `stability_generate_audio`. Every creating tool is
 * one paid request (a creative upscale is a job: recorded in the session before waiting, then checked and saved
 * by its job id with the two upscale job tools). Content moderation refusals come back to the model as tool
 * errors.
 * @see https://platform.stability.ai/docs/api-reference
 * @example
 * ```ts
 * const tools = createStabilityToolset(createStabilityClient(), { outputDir: './out' });
 * const agent = new Agent({ name: 'studio', model, tools: [tools] });
 * ```
 */
export function createStabilityToolset(client: StabilityClient, options: StabilityToolsetOptions = {}): ToolSet {
  const outputDir = options.outputDir ?? './stability';
  const prefix = options.namePrefix ?? 'stability_';
  const waitTimeoutMs = options.waitTimeoutMs ?? 10 * 60_000;
  const shared: StabilityShared = {
    client,
    outputDir,
    prefix,
    limits: { timeoutMs: timeLimitAfterWait(waitTimeoutMs) },
  };
  const tools: Tool[] = [
    generateImageTool(shared),
    editImageTool(shared),
    ...stabilityUpscaleTools(client, {
      outputDir,
      prefix,
      wait: options.wait ?? true,
      waitTimeoutMs,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      timeoutMs: shared.limits.timeoutMs,
      save: (media, base, context) => saveMedia(outputDir, media, base, context),
    }),
    generateAudioTool(shared),
  ];
  return new ToolSet(tools, { name: 'stability' });
}
