/**
 * The MiniMax toolset: tools an agent uses to draw (image-01), compose (music, lyrics) and film (Hailuo video).
 * Results are saved into the toolset's output folder; the path, duration and MIME type go back to the model,
 * never the bytes. Video job references are written to the session (`recordJob`) as soon as MiniMax accepts
 * the task, before any waiting.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @module
 */
import * as z from 'zod/mini';
import { JobTimeoutError } from '../../common/errors.js';
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../../common/files.js';
import { type JobRef, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import { defineTool, reportProgressTo, type Tool, type ToolContext } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { generateImage, MINIMAX_IMAGE_ASPECT_RATIOS, saveImages } from './image.js';
import { generateLyrics } from './lyrics.js';
import { generateMusic, MINIMAX_MUSIC_FORMATS, normalizeLyricsTags } from './music.js';
import { extensionFor } from './shared.js';
import {
  type CreateVideoParams,
  createVideo,
  downloadVideo,
  MINIMAX_DEFAULT_VIDEO_DURATION_S,
  queryVideoTask,
  requestedVideoDurationMs,
  type VideoTaskResult,
  videoTaskStatus,
  waitForVideo,
} from './video.js';

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
  /** Default models. */
  models?: { image?: string; music?: string; video?: string };
}

const HTTPS_IMAGE = z.string().check(z.regex(/^(https:\/\/|data:image\/)/i, 'an https URL or a data:image URL'));

/**
 * Makes the MiniMax toolset for an agent: `minimax_generate_image`, `minimax_generate_music`,
 * `minimax_generate_lyrics`, `minimax_create_video`, `minimax_video_status`, `minimax_download_video`.
 * Files go into `outputDir` under safe, unique names; tools return paths, durations and MIME types.
 * Images for video frames must be https or data URLs (a model cannot make the tool read local files).
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
  const models = { image: 'image-01', music: 'music-2.6', video: 'MiniMax-Hailuo-2.3', ...options.models };

  // Requested length of each video this toolset started (MiniMax's answers carry none), ms.
  const durations = new Map<string, number>();

  async function saveVideo(
    job: JobRef,
    result: VideoTaskResult,
    durationMs: number,
    context: ToolContext,
  ): Promise<MediaArtifact> {
    const to = await reserveFilePath(outputDir, safeFileName(`video-${job.id}`, 'minimax'), 'mp4');
    try {
      const saved = await downloadVideo(client, result, {
        to,
        signal: context.signal,
        onProgress: reportProgressTo(context, () => `downloading ${job.id}`),
      });
      const artifact: MediaArtifact = {
        kind: 'video',
        path: saved.path,
        mimeType: 'video/mp4',
        bytes: saved.bytes,
        durationMs,
        provider: MINIMAX_PROVIDER_NAME,
        job,
      };
      await context.recordJob(job, { state: 'succeeded', artifact });
      return artifact;
    } catch (error) {
      await removeFilesQuietly([to]);
      throw error;
    }
  }

  const prompt = z.string().check(z.minLength(1), z.maxLength(2000));
  const taskId = z.string().check(z.regex(/^\d{1,19}$/, 'a MiniMax task id (digits)'));

  const tools: Tool[] = [
    defineTool({
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
                extensionFor(image.mimeType),
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
          extensionFor(song.mimeType),
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
    defineTool({
      name: `${prefix}create_video`,
      description:
        'Film a 6-second MiniMax Hailuo video from a prompt (camera moves in brackets, e.g. [Pan left], [Push in], ' +
        '[Tracking shot]); optionally from a first-frame image URL. ' +
        (wait ? 'Waits (minutes) and returns the saved file path.' : 'Returns the task id at once.'),
      input: z.strictObject({
        prompt,
        first_frame_url: z.optional(HTTPS_IMAGE),
        resolution: z.optional(z.enum(['768P', '1080P'])),
        duration: z.optional(z.literal([6, 10])),
      }),
      async run({ prompt: text, first_frame_url, resolution, duration }, context) {
        const params: CreateVideoParams = {
          model: models.video,
          prompt: text,
          ...(first_frame_url ? { first_frame_image: first_frame_url } : {}),
          ...(resolution ? { resolution } : {}),
          ...(duration ? { duration } : {}),
        };
        const task = await createVideo(client, params, { signal: context.signal });
        const durationMs = requestedVideoDurationMs(params);
        durations.set(task.task_id, durationMs);
        await context.recordJob(task.job, { state: 'pending' });
        if (!wait) {
          return {
            task_id: task.task_id,
            state: 'pending',
            duration_ms: durationMs,
            note: `Started. Check with ${prefix}video_status, then ${prefix}download_video when it succeeded.`,
          };
        }
        let done: Awaited<ReturnType<typeof waitForVideo>>;
        try {
          done = await waitForVideo(client, task, {
            signal: context.signal,
            timeoutMs: waitTimeoutMs,
            ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
            onProgress: (progress) =>
              context.reportProgress({ message: `${task.task_id}: ${progress.providerStatus ?? progress.state}` }),
          });
        } catch (error) {
          if (JobTimeoutError.isInstance(error)) {
            return {
              task_id: task.task_id,
              state: 'pending',
              duration_ms: durationMs,
              note: `Still rendering; check later with ${prefix}video_status.`,
            };
          }
          throw error;
        }
        const artifact = await saveVideo(task.job, done.result as VideoTaskResult, durationMs, context);
        return {
          task_id: task.task_id,
          state: 'succeeded',
          path: artifact.path,
          mime_type: artifact.mimeType,
          bytes: artifact.bytes,
          duration_ms: durationMs,
          ...(done.result?.video_width ? { width: done.result.video_width, height: done.result.video_height } : {}),
        };
      },
    }),
    defineTool({
      name: `${prefix}video_status`,
      description: 'Check a MiniMax video task: pending, succeeded or failed.',
      input: z.strictObject({ task_id: taskId }),
      async run({ task_id }, context) {
        const status = videoTaskStatus(await queryVideoTask(client, task_id, { signal: context.signal }));
        return {
          task_id,
          state: status.state,
          status: status.providerStatus,
          ...(status.error ? { error: status.error } : {}),
        };
      },
    }),
    defineTool({
      name: `${prefix}download_video`,
      description:
        'Download a finished MiniMax video into the output folder; returns the file path and duration. Give the ' +
        'duration (seconds) it was created with if it was not created in this conversation.',
      input: z.strictObject({ task_id: taskId, duration: z.optional(z.literal([6, 10])) }),
      async run({ task_id, duration }, context) {
        const status = videoTaskStatus(await queryVideoTask(client, task_id, { signal: context.signal }));
        if (status.state !== 'succeeded' || !status.result) {
          return {
            task_id,
            state: status.state,
            status: status.providerStatus,
            note: 'Not finished: nothing to download yet.',
          };
        }
        const durationMs =
          duration !== undefined
            ? duration * 1000
            : (durations.get(task_id) ?? MINIMAX_DEFAULT_VIDEO_DURATION_S * 1000);
        const job = makeJobRef(MINIMAX_PROVIDER_NAME, 'video', task_id);
        const artifact = await saveVideo(job, status.result, durationMs, context);
        return {
          task_id,
          path: artifact.path,
          mime_type: artifact.mimeType,
          bytes: artifact.bytes,
          duration_ms: durationMs,
        };
      },
    }),
  ];
  return new ToolSet(tools, { name: 'minimax' });
}
