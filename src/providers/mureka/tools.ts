/**
 * The Mureka toolset: tools an agent uses to write lyrics, make songs and instrumentals, extend songs and split
 * stems with Mureka. Audio is saved into the toolset's output folder; paths, durations and MIME types go back to
 * the model, never the bytes. Task references are written to the session (`recordJob`) as soon as Mureka accepts
 * a task, before any waiting.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import * as z from 'zod/mini';
import { JobTimeoutError } from '../../common/errors.js';
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../../common/files.js';
import { type JobRef, makeJobRef } from '../../common/jobs.js';
import {
  defineTool,
  reportProgressTo,
  type Tool,
  type ToolContext,
  timeLimitAfterWait,
} from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import type { MurekaClient } from './client.js';
import { downloadMurekaFile, type MurekaAudioFormat } from './download.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';
import { extendLyrics, generateLyrics } from './lyrics.js';
import { murekaMusicProvider } from './provider.js';
import { extendSong } from './songs.js';
import { separateStems } from './stems.js';
import { murekaJobRef, murekaTaskStatus, parseMurekaJobId, queryMurekaTask } from './tasks.js';

/** Options of {@link createMurekaToolset}. */
export interface MurekaToolsetOptions {
  /** Folder every result is saved into. Default `./mureka`. */
  outputDir?: string;
  /**
   * `true` (default): song tools wait for the track and save it, returning the path. `false`: they return the job
   * id at once; the model checks and downloads later.
   */
  wait?: boolean;
  /** Deadline when waiting, ms (default 10 minutes). On timeout the tool returns the job id as pending. */
  waitTimeoutMs?: number;
  /** First poll interval when waiting, ms (default 3 000). */
  intervalMs?: number;
  /** Prefix of every tool name. Default `mureka_`. */
  namePrefix?: string;
  /** Model of new songs and instrumentals. Default `auto`. */
  model?: string;
  /** Format saved. Default `mp3`. */
  format?: MurekaAudioFormat;
}

const JOB_ID = /* @__PURE__ */ z
  .string()
  .check(z.regex(/^(instrumental:)?[\w-]{1,64}$/, 'a job id from a Mureka tool'));

/**
 * Makes the Mureka toolset: `mureka_write_lyrics`, `mureka_extend_lyrics`, `mureka_make_song` (a song from lyrics,
 * or an instrumental), `mureka_extend_song`, `mureka_song_status`, `mureka_download_song`, `mureka_split_stems`.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const tools = createMurekaToolset(createMurekaClient(), { outputDir: './out' });
 * const agent = new Agent({ name: 'songwriter', model, tools: [tools] });
 * ```
 */
export function createMurekaToolset(client: MurekaClient, options: MurekaToolsetOptions = {}): ToolSet {
  const outputDir = options.outputDir ?? './mureka';
  const prefix = options.namePrefix ?? 'mureka_';
  const waitTimeoutMs = options.waitTimeoutMs ?? 10 * 60_000;
  const limits = {
    timeoutMs: timeLimitAfterWait(waitTimeoutMs),
    jobTools: [`${prefix}song_status`, `${prefix}download_song`],
  };
  const wait = options.wait ?? true;
  const format = options.format ?? 'mp3';
  const music = murekaMusicProvider(client, { format, ...(options.model ? { model: options.model } : {}) });

  async function save(job: JobRef, context: ToolContext) {
    const to = await reserveFilePath(outputDir, safeFileName(`song-${job.id}`, 'mureka'), format);
    try {
      const artifact = await music.download(job, {
        to,
        signal: context.signal,
        onProgress: reportProgressTo(context, () => `downloading ${job.id}`),
      });
      await context.recordJob(job, { state: 'succeeded', artifact });
      return {
        job_id: job.id,
        state: 'succeeded',
        path: artifact.path,
        mime_type: artifact.mimeType,
        bytes: artifact.bytes,
        ...(artifact.durationMs === undefined ? {} : { duration_ms: artifact.durationMs }),
      };
    } catch (error) {
      await removeFilesQuietly([to]);
      throw error;
    }
  }

  async function follow(job: JobRef, context: ToolContext) {
    await context.recordJob(job, { state: 'pending' });
    const pending = {
      job_id: job.id,
      state: 'pending',
      note: `Check with ${prefix}song_status, then ${prefix}download_song.`,
    };
    if (!wait) return pending;
    try {
      await music.wait(job, {
        signal: context.signal,
        timeoutMs: waitTimeoutMs,
        ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
        onProgress: (progress) =>
          context.reportProgress({ message: `${job.id}: ${progress.providerStatus ?? progress.state}` }),
      });
    } catch (error) {
      if (JobTimeoutError.isInstance(error)) return pending;
      throw error;
    }
    return save(job, context);
  }

  const tools: Tool[] = [
    defineTool({
      ...limits,
      name: `${prefix}write_lyrics`,
      description: 'Write song lyrics with section tags ([Verse], [Chorus]…) and a title from a theme.',
      input: z.strictObject({ prompt: z.string().check(z.minLength(1), z.maxLength(1024)) }),
      async run({ prompt }, context) {
        const answer = await generateLyrics(client, { prompt }, { signal: context.signal });
        return { lyrics: answer.lyrics, ...(answer.title ? { title: answer.title } : {}) };
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}extend_lyrics`,
      description: 'Continue song lyrics; returns only the new lines (append them).',
      input: z.strictObject({ lyrics: z.string().check(z.minLength(1), z.maxLength(3000)) }),
      async run({ lyrics }, context) {
        return { continuation: (await extendLyrics(client, { lyrics }, { signal: context.signal })).lyrics };
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}make_song`,
      description:
        'Make one song with Mureka from lyrics (section tags like [Verse], [Chorus]) and a style prompt, or an ' +
        'instrumental from a style prompt alone (30–60 s to make). ' +
        (wait ? 'Waits and returns the saved file path.' : 'Returns the job id at once.'),
      input: z.strictObject({
        prompt: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
        lyrics: z.optional(z.string().check(z.minLength(1), z.maxLength(3000))),
      }),
      async run({ prompt, lyrics }, context) {
        const job = await music.start(
          lyrics ? { lyrics, ...(prompt ? { prompt } : {}) } : { prompt: prompt ?? 'instrumental' },
          { signal: context.signal },
        );
        return follow(job, context);
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}extend_song`,
      description: 'Extend a Mureka song (by its song id from a finished job) with new lyrics from a point in ms.',
      input: z.strictObject({
        song_id: z.string().check(z.minLength(1), z.maxLength(64)),
        lyrics: z.string().check(z.minLength(1), z.maxLength(3000)),
        extend_at_ms: z.int().check(z.gte(8000), z.lte(420_000)),
      }),
      async run({ song_id, lyrics, extend_at_ms }, context) {
        const task = await extendSong(client, { song_id, lyrics, extend_at: extend_at_ms }, { signal: context.signal });
        return follow(murekaJobRef(task, 'song'), context);
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}song_status`,
      description: 'Check a Mureka job: pending, succeeded, failed, cancelled or expired (timed out at Mureka).',
      input: z.strictObject({ job_id: JOB_ID }),
      async run({ job_id }, context) {
        const { type, taskId } = parseMurekaJobId(job_id);
        const task = await queryMurekaTask(client, type, taskId, { signal: context.signal });
        const status = murekaTaskStatus(task);
        return {
          job_id,
          state: status.state,
          status: task.status,
          ...(status.error ? { error: status.error } : {}),
          ...(task.choices ? { song_ids: task.choices.map((choice) => choice.id) } : {}),
        };
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}download_song`,
      description: 'Save a finished Mureka song into the output folder; returns the file path and duration.',
      input: z.strictObject({ job_id: JOB_ID }),
      async run({ job_id }, context) {
        const { type, taskId } = parseMurekaJobId(job_id);
        return save(murekaJobRef({ id: taskId }, type), context);
      },
    }),
    defineTool({
      ...limits,
      name: `${prefix}split_stems`,
      description: 'Split a song (a public mp3/m4a URL) into stems; saves a ZIP with one file per stem.',
      input: z.strictObject({
        url: z.string().check(z.regex(/^https?:\/\//i, 'an http(s) URL')),
        model: z.optional(z.enum(['audio-separation-1', 'audio-separation-2'])),
      }),
      async run({ url, model }, context) {
        const stems = await separateStems(client, { url, ...(model ? { model } : {}) }, { signal: context.signal });
        const to = await reserveFilePath(outputDir, safeFileName('stems', 'mureka'), 'zip');
        try {
          const saved = await downloadMurekaFile(client, stems.zip_url, { to, signal: context.signal });
          const job = makeJobRef(MUREKA_PROVIDER_NAME, 'stems', stems.zip_url);
          const artifact = {
            kind: 'stems' as const,
            path: saved.path ?? to,
            mimeType: 'application/zip',
            bytes: saved.bytes,
            provider: MUREKA_PROVIDER_NAME,
          };
          await context.recordJob(job, { state: 'succeeded', artifact });
          return {
            path: artifact.path,
            mime_type: artifact.mimeType,
            bytes: saved.bytes,
            ...(stems.midi_zip_url ? { midi_zip_url: stems.midi_zip_url } : {}),
          };
        } catch (error) {
          await removeFilesQuietly([to]);
          throw error;
        }
      },
    }),
  ];
  return new ToolSet(tools, { name: MUREKA_PROVIDER_NAME });
}
