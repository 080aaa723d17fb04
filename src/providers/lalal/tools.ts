/**
 * The LALAL.AI toolset: tools an agent uses to split songs into stems (vocals, drums, bass, piano, guitars…),
 * check and cancel splits, and see the minutes left. The model names a file inside the toolset's `inputDir` (never
 * a path elsewhere); both result tracks are saved into `outputDir`; paths go back to the model, never the bytes.
 * Split references are written to the session (`recordJob`) as soon as LALAL.AI accepts them.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError } from '../../common/errors.js';
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../../common/files.js';
import { idProblem } from '../../common/ids.js';
import { type JobRef, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import { defineTool, type Tool, type ToolContext, timeLimitAfterWait } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { followJob } from '../../toolsets/follow-job.js';
import type { LalalClient } from './client.js';
import { downloadLalalTrack } from './download.js';
import { LALAL_PROVIDER_NAME } from './errors.js';
import { LALAL_SPLITTERS, LALAL_STEMS, splitStem } from './split.js';
import {
  cancelLalalTasks,
  type LalalTaskResult,
  lalalMinutesLeft,
  lalalTaskStatusOf,
  waitForLalalTask,
} from './tasks.js';
import { uploadLalalFile } from './upload.js';

/** Options of {@link createLalalToolset}. */
export interface LalalToolsetOptions {
  /** Folder the model may pick input files from (by name). Without it, splitting files is not offered. */
  inputDir?: string;
  /** Folder results are saved into. Default `./lalal`. */
  outputDir?: string;
  /** `true` (default): the split tool waits and saves the tracks. `false`: it returns the job id at once. */
  wait?: boolean;
  /** Deadline when waiting, ms (default 15 minutes). */
  waitTimeoutMs?: number;
  /** First poll interval, ms (default 5 000). */
  intervalMs?: number;
  /** Prefix of every tool name. Default `lalal_`. */
  namePrefix?: string;
}

const fileName = /* @__PURE__ */ z.string().check(
  z.maxLength(200),
  z.refine((name) => idProblem(name) === undefined && !name.startsWith('.'), {
    message: 'a file name inside the input folder (no folders)',
  }),
);
const taskId = /* @__PURE__ */ z.string().check(z.regex(/^[0-9a-fA-F-]{8,64}$/, 'a LALAL.AI task id (UUID)'));

/** What every LALAL.AI tool shares: the client and the toolset's settings. */
interface LalalShared {
  client: LalalClient;
  outputDir: string;
  prefix: string;
  wait: boolean;
  waitTimeoutMs: number;
  intervalMs: number | undefined;
  /** Time limit and job tools of every tool. */
  limits: { timeoutMs: number; jobTools: string[] };
}

function lalalShared(client: LalalClient, options: LalalToolsetOptions): LalalShared {
  const prefix = options.namePrefix ?? 'lalal_';
  const waitTimeoutMs = options.waitTimeoutMs ?? 15 * 60_000;
  return {
    client,
    outputDir: options.outputDir ?? './lalal',
    prefix,
    wait: options.wait ?? true,
    waitTimeoutMs,
    intervalMs: options.intervalMs,
    limits: {
      timeoutMs: timeLimitAfterWait(waitTimeoutMs),
      jobTools: [`${prefix}split_status`, `${prefix}download_stems`],
    },
  };
}

/** Saves both tracks of a finished split and records the job with the stem track as its artifact. */
async function saveTracks(
  { client, outputDir }: LalalShared,
  job: JobRef,
  result: LalalTaskResult,
  context: ToolContext,
) {
  const tracks = result.result?.tracks ?? [];
  const paths: string[] = [];
  try {
    const saved: { label: string; type: string; path: string; bytes: number }[] = [];
    for (const track of tracks) {
      const extension = track.name?.split('.').pop() || new URL(track.url).pathname.split('.').pop() || 'audio';
      const to = await reserveFilePath(
        outputDir,
        safeFileName(`${job.id.slice(0, 8)}-${track.label}`, 'lalal'),
        extension.length <= 5 ? extension : 'audio',
      );
      paths.push(to);
      const file = await downloadLalalTrack(client, result, { track: track.label, to, signal: context.signal });
      saved.push({ label: track.label, type: track.type, path: file.path ?? to, bytes: file.bytes });
    }
    const stem = saved.find((item) => item.type === 'stem') ?? saved[0];
    if (stem) {
      const artifact: MediaArtifact = {
        kind: 'stems',
        path: stem.path,
        mimeType: 'audio/*',
        bytes: stem.bytes,
        provider: LALAL_PROVIDER_NAME,
        job,
      };
      if (typeof result.result?.duration === 'number') artifact.durationMs = result.result.duration * 1000;
      await context.recordJob(job, { state: 'succeeded', artifact });
    }
    return { job_id: job.id, state: 'succeeded', tracks: saved };
  } catch (error) {
    await removeFilesQuietly(paths);
    throw error;
  }
}

/** Records a split, then waits for it and saves its tracks (or hands it back as pending). */
function followSplit(shared: LalalShared, job: JobRef, context: ToolContext) {
  const { prefix, intervalMs } = shared;
  const pending = {
    job_id: job.id,
    state: 'pending',
    note: `Check with ${prefix}split_status, then ${prefix}download_stems.`,
  };
  return followJob(job, context, {
    wait: shared.wait,
    waitFor: () =>
      waitForLalalTask(shared.client, job, {
        signal: context.signal,
        timeoutMs: shared.waitTimeoutMs,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onProgress: (p) =>
          context.reportProgress({
            message: `${job.id}: ${p.percent ?? 0}%`,
            ...(p.percent === undefined ? {} : { progress: p.percent }),
          }),
      }),
    finish: (done) => saveTracks(shared, job, done, context),
    pending: () => pending,
  });
}

function splitStemsTool(shared: LalalShared, inputDir: string): Tool {
  const { client } = shared;
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}split_stems`,
    description:
      'Split a song from the input folder into one stem and the rest (e.g. vocals + instrumental) with LALAL.AI. ' +
      'Billed in minutes of audio. ' +
      (shared.wait ? 'Waits and returns the saved track paths.' : 'Returns the job id at once.'),
    input: z.strictObject({
      file: fileName,
      stem: z.enum(LALAL_STEMS),
      splitter: z.optional(z.enum(LALAL_SPLITTERS)),
      extraction_level: z.optional(z.enum(['deep_extraction', 'clear_cut'])),
    }),
    async run({ file, stem, splitter, extraction_level }, context) {
      const source = await uploadLalalFile(
        client,
        { file: { path: `${inputDir}/${file}` } },
        { signal: context.signal },
      );
      const task = await splitStem(
        client,
        {
          source_id: source.id,
          presets: { stem, ...(splitter ? { splitter } : {}), ...(extraction_level ? { extraction_level } : {}) },
        },
        { signal: context.signal },
      );
      return followSplit(shared, makeJobRef(LALAL_PROVIDER_NAME, 'stems', task.task_id), context);
    },
  });
}

function splitStatusTool({ client, limits, prefix }: LalalShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}split_status`,
    description: 'Check a LALAL.AI split: pending (with percent), succeeded, failed or cancelled.',
    input: z.strictObject({ job_id: taskId }),
    async run({ job_id }, context) {
      const status = await lalalTaskStatusOf(client, job_id, { signal: context.signal });
      return {
        job_id,
        state: status.state,
        ...(status.progress === undefined ? {} : { progress: status.progress }),
        ...(status.error ? { error: status.error } : {}),
      };
    },
  });
}

function downloadStemsTool(shared: LalalShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}download_stems`,
    description: 'Save both tracks (stem and the rest) of a finished LALAL.AI split; returns their paths.',
    input: z.strictObject({ job_id: taskId }),
    async run({ job_id }, context) {
      const status = await lalalTaskStatusOf(shared.client, job_id, { signal: context.signal });
      if (status.state !== 'succeeded' || !status.result) {
        return {
          job_id,
          state: status.state,
          note: 'Not finished: nothing to download yet.',
          ...(status.error ? { error: status.error } : {}),
        };
      }
      return saveTracks(shared, makeJobRef(LALAL_PROVIDER_NAME, 'stems', job_id), status.result, context);
    },
  });
}

function cancelSplitTool({ client, limits, prefix }: LalalShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}cancel_split`,
    description: 'Cancel a LALAL.AI split that is still running.',
    input: z.strictObject({ job_id: taskId }),
    async run({ job_id }, context) {
      const result = (await cancelLalalTasks(client, [job_id], { signal: context.signal }))[job_id];
      if (!result)
        throw new RequestValidationError([{ path: 'job_id', message: 'LALAL.AI does not know this split' }], 'cancel');
      return { job_id, cancelled: result.status === 'success', ...(result.error ? { error: result.error } : {}) };
    },
  });
}

function minutesLeftTool({ client, limits, prefix }: LalalShared): Tool {
  return defineTool({
    ...limits,
    name: `${prefix}minutes_left`,
    description: 'How many processing minutes the LALAL.AI license has left (a split costs length × stems).',
    input: z.strictObject({}),
    async run(_input, context) {
      return { minutes_left: await lalalMinutesLeft(client, { signal: context.signal }) };
    },
  });
}

/**
 * Makes the LALAL.AI toolset: `lalal_split_stems` (when `inputDir` is set), `lalal_split_status`,
 * `lalal_download_stems`, `lalal_cancel_split`, `lalal_minutes_left`.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const tools = createLalalToolset(createLalalClient(), { inputDir: './songs', outputDir: './stems' });
 * const agent = new Agent({ name: 'engineer', model, tools: [tools] });
 * ```
 */
export function createLalalToolset(client: LalalClient, options: LalalToolsetOptions = {}): ToolSet {
  const shared = lalalShared(client, options);
  const tools: Tool[] = [
    ...(options.inputDir === undefined ? [] : [splitStemsTool(shared, options.inputDir)]),
    splitStatusTool(shared),
    downloadStemsTool(shared),
    cancelSplitTool(shared),
    minutesLeftTool(shared),
  ];
  return new ToolSet(tools, { name: LALAL_PROVIDER_NAME });
}
