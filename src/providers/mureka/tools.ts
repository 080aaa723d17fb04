/**
 * The Mureka toolset: tools an agent uses to write lyrics, make songs and instrumentals, extend songs and split
 * stems with Mureka. Audio is saved into the toolset's output folder; paths, durations and MIME types go back to
 * the model, never the bytes. Task references are written to the session (`recordJob`) as soon as Mureka accepts
 * a task, before any waiting.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import * as z from 'zod/mini';
import { safeFileName, savedFileResult, writeReservedFile } from '../../common/files.js';
import { type JobRef, makeJobRef } from '../../common/jobs.js';
import type { MediaProvider } from '../../common/media-provider.js';
import {
  defineTool,
  reportProgressTo,
  type Tool,
  type ToolContext,
  timeLimitAfterWait,
} from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { followJob } from '../../toolsets/follow-job.js';
import type { MurekaClient } from './client.js';
import { downloadMurekaFile, type MurekaAudioFormat } from './download.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';
import { extendLyrics, generateLyrics } from './lyrics.js';
import { type MurekaMusicInput, murekaMusicProvider } from './provider.js';
import { extendSong } from './songs.js';
import { separateStems } from './stems.js';
import { type MurekaTask, murekaJobRef, murekaTaskStatus, parseMurekaJobId, queryMurekaTask } from './tasks.js';

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

/** An https URL on a Mureka host (`mureka.ai`, `mureka.cn` or a subdomain), without credentials. */
function isMurekaFileUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && /(^|\.)mureka\.(ai|cn)$/i.test(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The job id of a split: the ZIP URL Mureka answered with (only Mureka's own hosts are fetched). */
const STEMS_JOB_ID = /* @__PURE__ */ z
  .string()
  .check(
    z.maxLength(2000),
    z.refine(isMurekaFileUrl, { message: 'the job_id split_stems gave (the https URL of its ZIP on a Mureka host)' }),
  );

/** What every Mureka tool shares: the client, the provider songs are made with, and the toolset's settings. */
interface MurekaShared {
  client: MurekaClient;
  /** Starts, waits for and downloads songs. */
  music: MediaProvider<MurekaMusicInput, MurekaTask>;
  outputDir: string;
  prefix: string;
  wait: boolean;
  waitTimeoutMs: number;
  intervalMs: number | undefined;
  format: MurekaAudioFormat;
  /** Time limit and job tools of the song tools. */
  limits: { timeoutMs: number; jobTools: string[] };
  /** Time limit and job tools of the stems tools. */
  stemLimits: { timeoutMs: number; jobTools: string[] };
}

function murekaShared(client: MurekaClient, options: MurekaToolsetOptions): MurekaShared {
  const prefix = options.namePrefix ?? 'mureka_';
  const waitTimeoutMs = options.waitTimeoutMs ?? 10 * 60_000;
  const timeoutMs = timeLimitAfterWait(waitTimeoutMs);
  const format = options.format ?? 'mp3';
  return {
    client,
    music: murekaMusicProvider(client, { format, ...(options.model ? { model: options.model } : {}) }),
    outputDir: options.outputDir ?? './mureka',
    prefix,
    wait: options.wait ?? true,
    waitTimeoutMs,
    intervalMs: options.intervalMs,
    format,
    limits: { timeoutMs, jobTools: [`${prefix}song_status`, `${prefix}download_song`] },
    stemLimits: { timeoutMs, jobTools: [`${prefix}download_stems`] },
  };
}

/** Saves a finished song and records the job with the artifact. */
function saveSong(shared: MurekaShared, job: JobRef, context: ToolContext) {
  return writeReservedFile(shared.outputDir, safeFileName(`song-${job.id}`, 'mureka'), shared.format, async (to) => {
    const artifact = await shared.music.download(job, {
      to,
      signal: context.signal,
      onProgress: reportProgressTo(context, () => `downloading ${job.id}`),
    });
    await context.recordJob(job, { state: 'succeeded', artifact });
    return { job_id: job.id, state: 'succeeded', ...savedFileResult(artifact) };
  });
}

/** Saves a split's ZIP (the job id is its URL) and records the job with the artifact. */
function saveStems(shared: MurekaShared, job: JobRef, context: ToolContext) {
  return writeReservedFile(shared.outputDir, safeFileName('stems', 'mureka'), 'zip', async (to) => {
    const saved = await downloadMurekaFile(shared.client, job.id, { to, signal: context.signal });
    const artifact = {
      kind: 'stems' as const,
      path: saved.path ?? to,
      mimeType: 'application/zip',
      bytes: saved.bytes,
      provider: MUREKA_PROVIDER_NAME,
    };
    await context.recordJob(job, { state: 'succeeded', artifact });
    return { path: artifact.path, mime_type: artifact.mimeType, bytes: saved.bytes };
  });
}

/** Records a song job, then waits for it and saves it (or hands it back as pending). */
function followSong(shared: MurekaShared, job: JobRef, context: ToolContext) {
  const { prefix, intervalMs } = shared;
  const pending = {
    job_id: job.id,
    state: 'pending',
    note: `Check with ${prefix}song_status, then ${prefix}download_song.`,
  };
  return followJob(job, context, {
    wait: shared.wait,
    waitFor: () =>
      shared.music.wait(job, {
        signal: context.signal,
        timeoutMs: shared.waitTimeoutMs,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onProgress: (progress) =>
          context.reportProgress({ message: `${job.id}: ${progress.providerStatus ?? progress.state}` }),
      }),
    finish: () => saveSong(shared, job, context),
    pending: () => pending,
  });
}

function writeLyricsTool({ client, limits, prefix }: MurekaShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}write_lyrics`,
    description: 'Write song lyrics with section tags ([Verse], [Chorus]…) and a title from a theme.',
    input: z.strictObject({ prompt: z.string().check(z.minLength(1), z.maxLength(1024)) }),
    async run({ prompt }, context) {
      const answer = await generateLyrics(client, { prompt }, { signal: context.signal });
      return { lyrics: answer.lyrics, ...(answer.title ? { title: answer.title } : {}) };
    },
  });
}

function extendLyricsTool({ client, limits, prefix }: MurekaShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}extend_lyrics`,
    description: 'Continue song lyrics; returns only the new lines (append them).',
    input: z.strictObject({ lyrics: z.string().check(z.minLength(1), z.maxLength(3000)) }),
    async run({ lyrics }, context) {
      return { continuation: (await extendLyrics(client, { lyrics }, { signal: context.signal })).lyrics };
    },
  });
}

function makeSongTool(shared: MurekaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}make_song`,
    description:
      'Make one song with Mureka from lyrics (section tags like [Verse], [Chorus]) and a style prompt, or an ' +
      'instrumental from a style prompt alone (30–60 s to make). ' +
      (shared.wait ? 'Waits and returns the saved file path.' : 'Returns the job id at once.'),
    input: z.strictObject({
      prompt: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
      lyrics: z.optional(z.string().check(z.minLength(1), z.maxLength(3000))),
    }),
    async run({ prompt, lyrics }, context) {
      const job = await shared.music.start(
        lyrics ? { lyrics, ...(prompt ? { prompt } : {}) } : { prompt: prompt ?? 'instrumental' },
        { signal: context.signal },
      );
      return followSong(shared, job, context);
    },
  });
}

function extendSongTool(shared: MurekaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}extend_song`,
    description: 'Extend a Mureka song (by its song id from a finished job) with new lyrics from a point in ms.',
    input: z.strictObject({
      song_id: z.string().check(z.minLength(1), z.maxLength(64)),
      lyrics: z.string().check(z.minLength(1), z.maxLength(3000)),
      extend_at_ms: z.int().check(z.gte(8000), z.lte(420_000)),
    }),
    async run({ song_id, lyrics, extend_at_ms }, context) {
      const params = { song_id, lyrics, extend_at: extend_at_ms };
      const task = await extendSong(shared.client, params, { signal: context.signal });
      return followSong(shared, murekaJobRef(task, 'song'), context);
    },
  });
}

function songStatusTool({ client, limits, prefix }: MurekaShared): Tool {
  return defineTool({
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
  });
}

function downloadSongTool(shared: MurekaShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}download_song`,
    description: 'Save a finished Mureka song into the output folder; returns the file path and duration.',
    input: z.strictObject({ job_id: JOB_ID }),
    async run({ job_id }, context) {
      const { type, taskId } = parseMurekaJobId(job_id);
      return saveSong(shared, murekaJobRef({ id: taskId }, type), context);
    },
  });
}

function splitStemsTool(shared: MurekaShared): Tool {
  const { client, prefix } = shared;
  return defineTool({
    ...shared.stemLimits,
    name: `${prefix}split_stems`,
    description: 'Split a song (a public mp3/m4a URL) into stems; saves a ZIP with one file per stem.',
    input: z.strictObject({
      url: z.string().check(z.regex(/^https?:\/\//i, 'an http(s) URL')),
      model: z.optional(z.enum(['audio-separation-1', 'audio-separation-2'])),
    }),
    async run({ url, model }, context) {
      const stems = await separateStems(client, { url, ...(model ? { model } : {}) }, { signal: context.signal });
      // Paid and done: recorded before the download, so a time limit, a crash or a failed download points the
      // model at download_stems instead of another split.
      const job = makeJobRef(MUREKA_PROVIDER_NAME, 'stems', stems.zip_url);
      await context.recordJob(job, { state: 'succeeded' });
      const midi = stems.midi_zip_url ? { midi_zip_url: stems.midi_zip_url } : {};
      // The ZIP link expires: the model is told until when download_stems can still save it.
      const expiry =
        typeof stems.expires_at === 'number'
          ? { link_expires_at: new Date(stems.expires_at * 1000).toISOString() }
          : {};
      try {
        return { ...(await saveStems(shared, job, context)), ...midi };
      } catch (error) {
        if (context.signal.aborted) throw error;
        return {
          job_id: job.id,
          state: 'succeeded',
          download_error: error instanceof Error ? error.message : String(error),
          next: `The split is done and paid for: save it with ${prefix}download_stems and this job_id; do not split again.`,
          ...expiry,
          ...midi,
        };
      }
    },
  });
}

function downloadStemsTool(shared: MurekaShared): Tool {
  return defineTool({
    ...shared.stemLimits,
    name: `${shared.prefix}download_stems`,
    description:
      'Save the stems ZIP of a split (its job_id, the ZIP URL split_stems recorded) into the output folder, ' +
      'until its link expires.',
    input: z.strictObject({ job_id: STEMS_JOB_ID }),
    async run({ job_id }, context) {
      return saveStems(shared, makeJobRef(MUREKA_PROVIDER_NAME, 'stems', job_id), context);
    },
  });
}

/**
 * Makes the Mureka toolset: `mureka_write_lyrics`, `mureka_extend_lyrics`, `mureka_make_song` (a song from lyrics,
 * or an instrumental), `mureka_extend_song`, `mureka_song_status`, `mureka_download_song`, `mureka_split_stems`,
 * `mureka_download_stems`. Song jobs go on with `song_status` and `download_song`; a split (synchronous, its job id
 * the ZIP URL) is recorded before its download and goes on with `download_stems`.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const tools = createMurekaToolset(createMurekaClient(), { outputDir: './out' });
 * const agent = new Agent({ name: 'songwriter', model, tools: [tools] });
 * ```
 */
export function createMurekaToolset(client: MurekaClient, options: MurekaToolsetOptions = {}): ToolSet {
  const shared = murekaShared(client, options);
  const tools: Tool[] = [
    writeLyricsTool(shared),
    extendLyricsTool(shared),
    makeSongTool(shared),
    extendSongTool(shared),
    songStatusTool(shared),
    downloadSongTool(shared),
    splitStemsTool(shared),
    downloadStemsTool(shared),
  ];
  return new ToolSet(tools, { name: MUREKA_PROVIDER_NAME });
}
