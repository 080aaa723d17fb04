/**
 * The upscale tools of the Stability toolset: upscale a picture (fast and conservative answer at once; creative is
 * a job, recorded in the session as soon as Stability accepts it, before any waiting), check a creative upscale
 * and save its result.
 * @see https://platform.stability.ai/docs/api-reference#tag/Upscale
 * @module
 */
import * as z from 'zod/mini';
import { NotFoundError, RequestValidationError } from '../../common/errors.js';
import { existingFileIn } from '../../common/files.js';
import { type JobRef, type JobStatus, type MediaArtifact, makeJobRef } from '../../common/jobs.js';
import { defineTool, reportProgressTo, type Tool, type ToolContext } from '../../core/tools/define-tool.js';
import { followJob } from '../../toolsets/follow-job.js';
import type { StabilityClient } from './client.js';
import { STABILITY_PROVIDER_NAME } from './errors.js';
import type { StabilityMedia } from './shared.js';
import type { StabilityToolResult } from './tools.js';
import {
  getImageResult,
  startCreativeUpscale,
  upscaleConservative,
  upscaleFast,
  waitForImageResult,
} from './upscale.js';

/** What a creative upscale tool returns when it does not wait (or the wait passed its deadline). */
export interface StabilityUpscaleJobResult {
  /** The job (its `id` is the `job_id` of the upscale job tools). */
  job: JobRef;
  /** `pending`. */
  state: 'pending';
  /** What to do next. */
  next: string;
}

/** What the upscale tools need from the toolset. */
export interface StabilityUpscaleToolSettings {
  /** Folder input images are read from (file names directly inside it). */
  outputDir: string;
  /** Prefix of every tool name. */
  prefix: string;
  /** Wait for a creative upscale and save it (true), or return the job at once (false). */
  wait: boolean;
  /** Deadline of one wait, ms. */
  waitTimeoutMs: number;
  /** Poll interval, ms. */
  intervalMs?: number;
  /** Tool time limit, ms. */
  timeoutMs: number;
  /** Saves what Stability made into the output folder. */
  save(media: StabilityMedia, base: string, context: ToolContext): Promise<StabilityToolResult>;
}

const prompt = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(10_000));
const jobId = /* @__PURE__ */ z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'a Stability generation id (job_id of a creative upscale)'));

function upscaleJobRef(id: string): JobRef {
  return makeJobRef(STABILITY_PROVIDER_NAME, 'image', id, { model: 'upscale-creative' });
}

function artifactOf(result: StabilityToolResult, job: JobRef): MediaArtifact {
  const artifact: MediaArtifact = { kind: result.kind, mimeType: result.mimeType, provider: result.provider, job };
  if (result.path !== undefined) artifact.path = result.path;
  if (result.bytes !== undefined) artifact.bytes = result.bytes;
  return artifact;
}

/** What every upscale tool shares: the client, the toolset's settings and the tools' limits. */
interface UpscaleShared extends StabilityUpscaleToolSettings {
  client: StabilityClient;
  /** Time limit and job tools of every upscale tool. */
  limits: { timeoutMs: number; jobTools: string[] };
}

/** How the model goes on with a creative upscale that is still running. */
function later(prefix: string, id: string): string {
  return (
    `Call ${prefix}upscale_status with job_id "${id}" in a minute (Stability asks for checks at least 10 s apart), ` +
    `or ${prefix}download_upscale once it is done.`
  );
}

/** Saves a finished creative upscale and records the job as succeeded, with its artifact. */
async function finishUpscale(
  shared: UpscaleShared,
  job: JobRef,
  media: StabilityMedia,
  base: string,
  context: ToolContext,
): Promise<StabilityToolResult> {
  const result = await shared.save(media, base, context);
  result.job = job;
  await context.recordJob(job, { state: 'succeeded', artifact: artifactOf(result, job) });
  return result;
}

/** Records the job before any waiting; then waits and saves (or hands back the pending job). */
function followUpscale(
  shared: UpscaleShared,
  job: JobRef,
  base: string,
  context: ToolContext,
): Promise<StabilityToolResult | StabilityUpscaleJobResult> {
  const { prefix, intervalMs } = shared;
  return followJob(job, context, {
    wait: shared.wait,
    waitFor: () =>
      waitForImageResult(shared.client, job, {
        signal: context.signal,
        timeoutMs: shared.waitTimeoutMs,
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onProgress: reportProgressTo(context, (progress) => `upscale ${job.id}: ${progress.providerStatus ?? ''}`),
      }),
    finish: (done: JobStatus<StabilityMedia>) =>
      finishUpscale(shared, job, done.result as StabilityMedia, base, context),
    pending: (why) => ({
      job,
      state: 'pending',
      next: why === 'timeout' ? `Not finished yet. ${later(prefix, job.id)}` : later(prefix, job.id),
    }),
  });
}

/** One check; an unknown or expired id (kept 24 h) is recorded and reported as `expired`. */
async function checkUpscale(
  client: StabilityClient,
  job: JobRef,
  context: ToolContext,
): Promise<JobStatus<StabilityMedia>> {
  try {
    return await getImageResult(client, job, { signal: context.signal });
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error;
    await context.recordJob(job, { state: 'expired' });
    return { state: 'expired', error: { message: error.providerMessage }, raw: error.body };
  }
}

function upscaleImageTool(shared: UpscaleShared): Tool {
  const { client, prefix } = shared;
  return defineTool({
    ...shared.limits,
    name: `${prefix}upscale_image`,
    description:
      'Upscale a picture of the output folder: fast (≈4×), conservative (≈4 MP, needs a prompt) or creative ' +
      '(up to 4K, needs a prompt; takes a minute or more). ' +
      (shared.wait
        ? 'Saves the result and returns its path.'
        : `Fast and conservative save the result and return its path; creative returns the job at once (then ${prefix}upscale_status).`),
    input: z.strictObject({
      mode: z.enum(['fast', 'conservative', 'creative']),
      image: z.string().check(z.minLength(1), z.maxLength(200)),
      prompt: z.optional(prompt),
    }),
    async run({ mode, image: name, prompt: text }, context) {
      const image = { path: await existingFileIn(shared.outputDir, name, 'image') };
      const request = { signal: context.signal };
      if (mode === 'fast')
        return shared.save(await upscaleFast(client, { image }, request), `upscaled-${name}`, context);
      if (text === undefined) {
        throw new RequestValidationError([{ path: 'prompt', message: `required for a ${mode} upscale` }], mode);
      }
      if (mode === 'conservative') {
        const media = await upscaleConservative(client, { image, prompt: text }, request);
        return shared.save(media, `upscaled-${name}`, context);
      }
      const { job } = await startCreativeUpscale(client, { image, prompt: text }, request);
      return followUpscale(shared, job, `upscaled-${name}`, context);
    },
  });
}

function upscaleStatusTool(shared: UpscaleShared): Tool {
  const { client, prefix, limits } = shared;
  return defineTool({
    ...limits,
    name: `${prefix}upscale_status`,
    description:
      'Check a creative upscale once by its job_id: pending, succeeded or expired (results are kept 24 h). ' +
      'Stability answers a finished check with the image itself, so a succeeded check saves it and returns its path.',
    input: z.strictObject({ job_id: jobId }),
    async run({ job_id }, context) {
      const job = upscaleJobRef(job_id);
      const status = await checkUpscale(client, job, context);
      if (status.state === 'pending') {
        return { job_id, state: status.state, status: status.providerStatus ?? '', next: later(prefix, job_id) };
      }
      // The answer holds the paid image: saved now, never dropped in the hope of a second fetch.
      if (status.state === 'succeeded' && status.result) {
        return finishUpscale(shared, job, status.result, `upscaled-${job_id}`, context);
      }
      return { job_id, state: status.state, ...(status.error ? { error: status.error.message } : {}) };
    },
  });
}

function downloadUpscaleTool(shared: UpscaleShared): Tool {
  return defineTool({
    ...shared.limits,
    name: `${shared.prefix}download_upscale`,
    description:
      'Save a finished creative upscale (by its job_id) into the output folder; returns its path. A job still ' +
      'running is reported as pending (nothing saved).',
    input: z.strictObject({ job_id: jobId }),
    async run({ job_id }, context) {
      const job = upscaleJobRef(job_id);
      const status = await checkUpscale(shared.client, job, context);
      if (status.state === 'succeeded' && status.result)
        return finishUpscale(shared, job, status.result, `upscaled-${job_id}`, context);
      return {
        job_id,
        state: status.state,
        ...(status.state === 'pending' ? { next: later(shared.prefix, job_id) } : {}),
        ...(status.error ? { error: status.error.message } : {}),
      };
    },
  });
}

/**
 * The upscale tools: `<prefix>upscale_image`, `<prefix>upscale_status` and `<prefix>download_upscale`. The last two
 * take the job id of a creative upscale; the first names them as its `jobTools`, so a tool time limit or a resumed
 * session tells the model to go on with them instead of paying for another upscale.
 */
export function stabilityUpscaleTools(client: StabilityClient, settings: StabilityUpscaleToolSettings): Tool[] {
  const { prefix } = settings;
  const shared: UpscaleShared = {
    ...settings,
    client,
    limits: { timeoutMs: settings.timeoutMs, jobTools: [`${prefix}upscale_status`, `${prefix}download_upscale`] },
  };
  return [upscaleImageTool(shared), upscaleStatusTool(shared), downloadUpscaleTool(shared)];
}
