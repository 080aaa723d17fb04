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
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../../common/files.js';
import { type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import { extensionForMimeType } from '../../common/media-types.js';
import { defineTool, type Tool, timeLimitAfterWait } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { generateImage, MINIMAX_IMAGE_ASPECT_RATIOS, saveImages } from './image.js';
import { generateLyrics } from './lyrics.js';
import { generateMusic, MINIMAX_MUSIC_FORMATS } from './music.js';
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
  const prefix = options.namePrefix ?? 'minimax_';
  const wait = options.wait ?? true;
  const waitTimeoutMs = options.waitTimeoutMs ?? 20 * 60_000;
  // Music is one long request (up to 10 minutes); the wait deadline's limit covers it.
  const limits = { timeoutMs: timeLimitAfterWait(waitTimeoutMs) };
  const models = { image: 'image-01', music: 'music-2.6', video: 'MiniMax-H3', ...options.models };

  const prompt = z.string().check(z.minLength(1), z.maxLength(2000));

  const tools: Tool[] = [
    defineTool({
      ...limits,
      name: `${prefix}generate_image`,
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
          client,
          {
            model: models.image,
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
        return {
          paths,
          mime_types: result.images.map((image) => image.mimeType),
          made: result.successCount,
          blocked: result.failedCount,
        };
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}generate_music`,
      description:
        'Compose a song with MiniMax music (1–3 minutes to make): style prompt plus lyrics with section tags ' +
        '([Verse], [Chorus], [Bridge], [Outro]…), or instrumental. Saves the audio and returns its path and duration.',
      input: z.strictObject({
        prompt: prompt,
        lyrics: z.optional(z.string().check(z.minLength(1), z.maxLength(3500))),
        instrumental: z.optional(z.boolean()),
        write_lyrics: z.optional(z.boolean()),
        format: z.optional(z.enum(MINIMAX_MUSIC_FORMATS)),
        filename: z.optional(z.string().check(z.maxLength(120))),
      }),
      async run({ prompt: text, lyrics, instrumental, write_lyrics, format, filename }, context) {
        const song = await generateMusic(
          client,
          {
            model: models.music,
            prompt: text,
            ...(lyrics && !instrumental ? { lyrics: normalizeLyricsTags(lyrics) } : {}),
            ...(instrumental ? { is_instrumental: true } : {}),
            ...(write_lyrics && !lyrics && !instrumental ? { lyrics_optimizer: true } : {}),
            audio_setting: { sample_rate: 44100, bitrate: 256000, format: format ?? 'mp3' },
            output_format: 'hex',
          },
          { signal: context.signal },
        );
        const to = await reserveFilePath(
          outputDir,
          safeFileName(filename ?? `song-${song.traceId ?? 'minimax'}`, 'minimax'),
          extensionForMimeType(song.mimeType),
        );
        let saved: { path: string; bytes: number };
        try {
          saved = await song.saveTo(to, { signal: context.signal });
        } catch (error) {
          await removeFilesQuietly([to]);
          throw error;
        }
        if (song.traceId) {
          const artifact: MediaArtifact = {
            kind: 'audio',
            path: saved.path,
            mimeType: song.mimeType,
            bytes: saved.bytes,
            provider: MINIMAX_PROVIDER_NAME,
            ...(song.info.durationMs === undefined ? {} : { durationMs: song.info.durationMs }),
          };
          await context.recordJob(makeJobRef(MINIMAX_PROVIDER_NAME, 'music', song.traceId, { model: models.music }), {
            state: 'succeeded',
            artifact,
          });
        }
        return {
          path: saved.path,
          mime_type: song.mimeType,
          bytes: saved.bytes,
          ...(song.info.durationMs === undefined ? {} : { duration_ms: song.info.durationMs }),
        };
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}generate_lyrics`,
      description: 'Write song lyrics (with section tags) from a theme, or edit given lyrics as instructed.',
      input: z.strictObject({
        prompt: prompt,
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
    }),
    ...minimaxVideoTools(client, {
      outputDir,
      inputDir: options.inputDir ?? outputDir,
      prefix,
      wait,
      waitTimeoutMs,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
      model: models.video,
    }),
  ];
  return new ToolSet(tools, { name: 'minimax' });
}
