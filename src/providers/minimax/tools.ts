/**
 * The MiniMax toolset: tools an agent uses to draw (image-01), compose (music, lyrics) and film (MiniMax-H3 video,
 * or a Hailuo model).
 * Results are saved into the toolset's output folder; the path, duration and MIME type go back to the model,
 * never the bytes. Video job references are written to the session (`recordJob`) as soon as MiniMax accepts
 * the task, before any waiting.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @module
 */
import * as z from 'zod/mini';
import {
  removeFilesQuietly,
  reserveFilePath,
  safeFileName,
  savedFileResult,
  writeReservedFile,
} from '../../common/files.js';
import { type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import { extensionForMimeType } from '../../common/media-types.js';
import { defineTool, type Tool, type ToolContext, timeLimitAfterWait } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { generateImage, type ImageGenerationResult, MINIMAX_IMAGE_ASPECT_RATIOS, saveImages } from './image.js';
import { generateLyrics } from './lyrics.js';
import { generateMusic, MINIMAX_MUSIC_FORMATS } from './music.js';
import type { MiniMaxMusic } from './music-result.js';
import { normalizeLyricsTags } from './music-tags.js';
import { minimaxVideoTools } from './tools-video.js';

/** Options of {@link createMiniMaxToolset}. */
export interface MiniMaxToolsetOptions {
  /** Folder every result is saved into. Default `./minimax`. */
  outputDir?: string;
  /**
   * `true` (default): the video tool waits for the video and downloads it, returning the path.
   * `false`: it returns the task id at once; the model checks and downloads later.
   */
  wait?: boolean;
  /** Deadline when waiting for a video, ms (default 20 minutes). On timeout the tool returns the id as pending. */
  waitTimeoutMs?: number;
  /** First poll interval when waiting, ms (default 10 000). */
  intervalMs?: number;
  /** Prefix of every tool name. Default `minimax_`. */
  namePrefix?: string;
  /**
   * Folder the video tools read local input images from (first/last frame, reference images, by file name; nothing
   * outside it is read). Default: `outputDir`, so images the toolset drew can become frames.
   */
  inputDir?: string;
  /** Default models (video: `MiniMax-H3`; a Hailuo model gives the v1 video tool). */
  models?: { image?: string; music?: string; video?: string };
}

const HTTPS_IMAGE = z.string().check(z.regex(/^(https:\/\/|data:image\/)/i, 'an https URL or a data:image URL'));

const PROMPT = z.string().check(z.minLength(1), z.maxLength(2000));

/** What the image, music and lyrics tools share: the client and the toolset's settings. */
interface MiniMaxToolsShared {
  client: MiniMaxClient;
  outputDir: string;
  prefix: string;
  /** Time limit of every tool. */
  limits: { timeoutMs: number };
  models: { image: string; music: string; video: string };
}

/** Saves every image of a result under a safe, unique name; removes them all when one fails. */
async function saveImageFiles(
  { outputDir }: MiniMaxToolsShared,
  result: ImageGenerationResult,
  context: ToolContext,
): Promise<string[]> {
  const paths: string[] = [];
  try {
    for (const image of result.images) {
      paths.push(
        await reserveFilePath(
          outputDir,
          safeFileName(`image-${result.response.id ?? 'minimax'}-${image.index}`, 'minimax'),
          extensionForMimeType(image.mimeType),
        ),
      );
    }
    await saveImages(result, paths, { signal: context.signal });
  } catch (error) {
    await removeFilesQuietly(paths);
    throw error;
  }
  return paths;
}

/** `generate_image`: 1–4 images with image-01, saved into the output folder. */
function generateImageTool(shared: MiniMaxToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}generate_image`,
    description:
      'Draw 1–4 images with MiniMax image-01 from a text prompt (optionally keeping the person of a reference ' +
      'portrait URL). Saves them and returns the file paths.',
    input: z.strictObject({
      prompt: z.string().check(z.minLength(1), z.maxLength(1500)),
      aspect_ratio: z.optional(z.enum(MINIMAX_IMAGE_ASPECT_RATIOS)),
      n: z.optional(z.int().check(z.gte(1), z.lte(4))),
      reference_portrait_url: z.optional(HTTPS_IMAGE),
    }),
    async run({ prompt: text, aspect_ratio, n, reference_portrait_url }, context) {
      const result = await generateImage(
        shared.client,
        {
          model: shared.models.image,
          prompt: text,
          response_format: 'base64',
          ...(aspect_ratio ? { aspect_ratio } : {}),
          ...(n ? { n } : {}),
          ...(reference_portrait_url
            ? { subject_reference: [{ type: 'character' as const, image_file: reference_portrait_url }] }
            : {}),
        },
        { signal: context.signal },
      );
      const paths = await saveImageFiles(shared, result, context);
      return {
        paths,
        mime_types: result.images.map((image) => image.mimeType),
        made: result.successCount,
        blocked: result.failedCount,
      };
    },
  });
}

/** Saves a song under a safe, unique name and (when it has a trace id) records it as a finished job. */
async function saveSong(
  { outputDir, models }: MiniMaxToolsShared,
  song: MiniMaxMusic,
  filename: string | undefined,
  context: ToolContext,
) {
  const base = safeFileName(filename ?? `song-${song.traceId ?? 'minimax'}`, 'minimax');
  const saved = await writeReservedFile(outputDir, base, extensionForMimeType(song.mimeType), (to) =>
    song.saveTo(to, { signal: context.signal }),
  );
  const artifact: MediaArtifact = {
    kind: 'audio',
    path: saved.path,
    mimeType: song.mimeType,
    bytes: saved.bytes,
    provider: MINIMAX_PROVIDER_NAME,
    ...(song.info.durationMs === undefined ? {} : { durationMs: song.info.durationMs }),
  };
  if (song.traceId) {
    const job = makeJobRef(MINIMAX_PROVIDER_NAME, 'music', song.traceId, { model: models.music });
    await context.recordJob(job, { state: 'succeeded', artifact });
  }
  return savedFileResult(artifact);
}

/** `generate_music`: a song (hex output), saved into the output folder. */
function generateMusicTool(shared: MiniMaxToolsShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}generate_music`,
    description:
      'Compose a song with MiniMax music (1–3 minutes to make): style prompt plus lyrics with section tags ' +
      '([Verse], [Chorus], [Bridge], [Outro]…), or instrumental. Saves the audio and returns its path and duration.',
    input: z.strictObject({
      prompt: PROMPT,
      lyrics: z.optional(z.string().check(z.minLength(1), z.maxLength(3500))),
      instrumental: z.optional(z.boolean()),
      write_lyrics: z.optional(z.boolean()),
      format: z.optional(z.enum(MINIMAX_MUSIC_FORMATS)),
      filename: z.optional(z.string().check(z.maxLength(120))),
    }),
    async run({ prompt: text, lyrics, instrumental, write_lyrics, format, filename }, context) {
      const song = await generateMusic(
        shared.client,
        {
          model: shared.models.music,
          prompt: text,
          ...(lyrics && !instrumental ? { lyrics: normalizeLyricsTags(lyrics) } : {}),
          ...(instrumental ? { is_instrumental: true } : {}),
          ...(write_lyrics && !lyrics && !instrumental ? { lyrics_optimizer: true } : {}),
          audio_setting: { sample_rate: 44100, bitrate: 256000, format: format ?? 'mp3' },
          output_format: 'hex',
        },
        { signal: context.signal },
      );
      return saveSong(shared, song, filename, context);
    },
  });
}

/** `generate_lyrics`: lyrics written from a theme, or given lyrics edited. */
function generateLyricsTool({ client, limits, prefix }: MiniMaxToolsShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}generate_lyrics`,
    description: 'Write song lyrics (with section tags) from a theme, or edit given lyrics as instructed.',
    input: z.strictObject({
      prompt: PROMPT,
      lyrics_to_edit: z.optional(z.string().check(z.minLength(1), z.maxLength(3500))),
    }),
    async run({ prompt: text, lyrics_to_edit }, context) {
      const answer = await generateLyrics(
        client,
        lyrics_to_edit
          ? { mode: 'edit', prompt: text, lyrics: lyrics_to_edit }
          : { mode: 'write_full_song', prompt: text },
        { signal: context.signal },
      );
      return {
        lyrics: normalizeLyricsTags(answer.lyrics),
        ...(answer.song_title ? { title: answer.song_title } : {}),
        ...(answer.style_tags ? { style_tags: answer.style_tags } : {}),
      };
    },
  });
}

/**
 * Makes the MiniMax toolset for an agent: `minimax_generate_image`, `minimax_generate_music`,
 * `minimax_generate_lyrics`, `minimax_create_video`, `minimax_upscale_video` (2K), `minimax_video_status`,
 * `minimax_download_video`. Files go into `outputDir` under safe, unique names; tools return paths, durations
 * and MIME types. Video input images are https or data URLs, or names of files directly inside `inputDir` (a
 * model cannot make the tools read anything else).
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @example
 * ```ts
 * const tools = createMiniMaxToolset(createMiniMaxClient(), { outputDir: './out' });
 * const agent = new Agent({ name: 'studio', model, tools: [tools] });
 * ```
 */
export function createMiniMaxToolset(client: MiniMaxClient, options: MiniMaxToolsetOptions = {}): ToolSet {
  const outputDir = options.outputDir ?? './minimax';
  const waitTimeoutMs = options.waitTimeoutMs ?? 20 * 60_000;
  const shared: MiniMaxToolsShared = {
    client,
    outputDir,
    prefix: options.namePrefix ?? 'minimax_',
    // Music is one long request (up to 10 minutes); the wait deadline's limit covers it.
    limits: { timeoutMs: timeLimitAfterWait(waitTimeoutMs) },
    models: { image: 'image-01', music: 'music-2.6', video: 'MiniMax-H3', ...options.models },
  };
  const tools: Tool[] = [
    generateImageTool(shared),
    generateMusicTool(shared),
    generateLyricsTool(shared),
    ...minimaxVideoTools(client, {
      outputDir,
      inputDir: options.inputDir ?? outputDir,
      prefix: shared.prefix,
      wait: options.wait ?? true,
      waitTimeoutMs,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      model: shared.models.video,
    }),
  ];
  return new ToolSet(tools, { name: 'minimax' });
}
