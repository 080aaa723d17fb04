/**
 * The job half of the media toolset: what happens once a provider accepted a job (record it, wait, save), and the
 * job tools (`media_status`, `media_wait`, `media_download`) that take a job id from any provider.
 * @module
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { JobFailedError, JobTimeoutError, RequestValidationError } from '../common/errors.js';
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../common/files.js';
import { idProblem } from '../common/ids.js';
import type { JobRef, JobState, JobStatus, MediaArtifact, MediaKind } from '../common/jobs.js';
import { makeJobRef } from '../common/jobs.js';
import type { JobProgress, MediaProvider } from '../common/media-provider.js';
import { extensionForMimeType } from '../common/media-types.js';
import {
  defineTool,
  reportProgressTo,
  type Tool,
  type ToolContext,
  timeLimitAfterWait,
} from '../core/tools/define-tool.js';
import type { MediaChoice, MediaCreateResult, MediaJobResult, MediaToolsetOptions } from './media.js';

/** A configured provider, named. */
export interface MediaEntry {
  /** Name the model uses. */
  name: string;
  /** The provider. */
  provider: MediaProvider;
  /** The model's own input schema for it, when given. */
  schema?: $ZodType;
  /** Common input → start input. */
  input?: (common: import('./media.js').MediaCommonInput) => unknown;
  /** Why it is configured. */
  reason?: string;
}

/** What `media_status` and `media_wait` return. */
export interface MediaStatusResult {
  /** The provider name. */
  provider: string;
  /** The job id. */
  job_id: string;
  /** Normalised state. */
  state: JobState;
  /** The provider's own status word, when known. */
  providerStatus?: string;
  /** 0–100, when known. */
  progress?: number;
  /** Why it failed, where it did. */
  error?: { code?: string; message: string };
  /** What the model should do next. */
  next?: string;
}

const DEFAULT_WAIT_TIMEOUT_MS = 20 * 60_000;
const DEFAULT_EXTENSIONS: Readonly<Record<MediaKind, string>> = {
  video: 'mp4',
  image: 'png',
  music: 'mp3',
  audio: 'mp3',
  stems: 'zip',
};

async function moveFile(from: string, to: string): Promise<void> {
  const fs = await import('node:fs/promises');
  await fs.rename(from, to);
}

/** Jobs of one media toolset: started ones by id, waiting, saving, and the job tools. */
export class MediaJobs {
  /** Jobs started through this toolset, by id, with the provider that runs them. */
  private readonly known = new Map<string, { entry: MediaEntry; ref: JobRef }>();
  private readonly waitTimeoutMs: number;

  constructor(
    private readonly entries: readonly MediaEntry[],
    private readonly options: MediaToolsetOptions,
    private readonly prefix: string,
  ) {
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  }

  /**
   * The time limit and job tools of every tool of the toolset: the wait deadline plus time for the requests and
   * the download; the job tools by name, for a job whose tool ran out of time.
   */
  get limits(): { timeoutMs: number; jobTools: readonly string[] } {
    const { prefix } = this;
    return {
      timeoutMs: timeLimitAfterWait(this.waitTimeoutMs),
      jobTools: [`${prefix}status`, `${prefix}wait`, `${prefix}download`],
    };
  }

  private later(entry: MediaEntry, id: string): string {
    const { prefix } = this;
    return (
      `The job goes on. Call ${prefix}wait or ${prefix}status later with job_id "${id}" (provider "${entry.name}"), ` +
      `then ${prefix}download once it succeeded.`
    );
  }

  /** Records a job the moment it is accepted; saves it at once when it is done (immediate) or when waiting. */
  async started(
    entry: MediaEntry,
    ref: JobRef,
    choice: MediaChoice,
    context: ToolContext,
  ): Promise<MediaJobResult | MediaCreateResult> {
    this.known.set(ref.id, { entry, ref });
    // Before any waiting: the job is paid for from here on, and a crash must not lose it.
    await context.recordJob(ref, { state: 'pending' });
    const pending: MediaJobResult = {
      provider: entry.name,
      job: ref,
      state: 'pending',
      choice,
      next: this.later(entry, ref.id),
    };
    if (!this.options.wait && entry.provider.completion !== 'immediate') return pending;
    const done = await this.waitFor(entry, ref, context);
    if (done === undefined) return { ...pending, next: `Not finished after ${this.seconds()} s. ${pending.next}` };
    return { ...(await this.save(entry, ref, undefined, context)), choice };
  }

  private seconds(): number {
    return Math.round(this.waitTimeoutMs / 1000);
  }

  /** The provider and reference of a job id: one this toolset started, one in the session, or by `provider`. */
  private async lookup(jobId: string, name: string | undefined, context: ToolContext): Promise<[MediaEntry, JobRef]> {
    const known = this.known.get(jobId);
    if (known && (name === undefined || known.entry.name === name)) return [known.entry, known.ref];
    if (name !== undefined) {
      const entry = this.entries.find((item) => item.name === name);
      if (!entry) {
        const names = this.entries.map((item) => item.name);
        throw new RequestValidationError(
          [{ path: 'provider', message: `unknown media provider "${name}"`, allowed: names }],
          'media job',
        );
      }
      return [entry, makeJobRef(entry.provider.provider, entry.provider.kind, jobId)];
    }
    for (const item of (await context.session?.read()) ?? []) {
      if (item.type !== 'job' || item.job.id !== jobId) continue;
      const entry = this.entries.find(
        (candidate) => candidate.provider.provider === item.job.provider && candidate.provider.kind === item.job.kind,
      );
      if (entry) return [entry, item.job];
    }
    throw new RequestValidationError(
      [{ path: 'provider', message: `job "${jobId}" is not known here: name its provider` }],
      'media job',
    );
  }

  /** Records a job that ended badly and throws the job-failed error (the model reads its message). */
  private async failed(entry: MediaEntry, ref: JobRef, status: JobStatus, context: ToolContext): Promise<never> {
    const state = status.state === 'pending' || status.state === 'succeeded' ? 'failed' : status.state;
    await context.recordJob(ref, { state });
    throw new JobFailedError({
      provider: entry.name,
      jobId: ref.id,
      state,
      ...(status.error?.code === undefined ? {} : { code: status.error.code }),
      ...(status.error?.message === undefined ? {} : { reason: status.error.message }),
    });
  }

  /** Waits for a terminal state: the status when it succeeded, `undefined` when the deadline passed. */
  private async waitFor(entry: MediaEntry, ref: JobRef, context: ToolContext): Promise<JobStatus | undefined> {
    let status: JobStatus;
    try {
      status = await entry.provider.wait(ref, {
        signal: context.signal,
        timeoutMs: this.waitTimeoutMs,
        ...(this.options.intervalMs === undefined ? {} : { intervalMs: this.options.intervalMs }),
        onProgress: reportProgressTo(
          context,
          (progress: JobProgress) => `${entry.name} ${ref.id}: ${progress.providerStatus ?? progress.state}`,
        ),
      });
    } catch (error) {
      if (JobTimeoutError.isInstance(error)) return undefined;
      if (JobFailedError.isInstance(error)) await context.recordJob(ref, { state: error.state });
      throw error;
    }
    if (status.state !== 'succeeded') return this.failed(entry, ref, status, context);
    return status;
  }

  /** Downloads into the output folder under a safe, unique name, records the artifact and returns it. */
  private async save(
    entry: MediaEntry,
    ref: JobRef,
    filename: string | undefined,
    context: ToolContext,
  ): Promise<MediaArtifact> {
    const { kind } = entry.provider;
    const { outputDir, maxBytes } = this.options;
    const guessed = DEFAULT_EXTENSIONS[kind];
    const base = safeFileName(filename ?? `${entry.name}-${ref.id}`, kind);
    const reserved = [await reserveFilePath(outputDir, base, guessed)];
    let artifact: MediaArtifact;
    try {
      const saved = await entry.provider.download(ref, {
        to: reserved[0] as string,
        signal: context.signal,
        ...(maxBytes === undefined ? {} : { maxBytes }),
        onProgress: reportProgressTo(context, () => `downloading ${entry.name} ${ref.id}`),
      });
      let path = saved.path ?? (reserved[0] as string);
      // The MIME type is known only now (a music job may give WAV or MP3): fix the extension if it differs.
      const extension = extensionForMimeType(saved.mimeType, guessed);
      if (extension !== guessed && path === reserved[0]) {
        const renamed = await reserveFilePath(outputDir, base, extension);
        reserved.push(renamed);
        await moveFile(path, renamed);
        path = renamed;
      }
      // Only what the contract promises goes back to the model: no raw bodies, no bytes.
      artifact = { kind: saved.kind, path, mimeType: saved.mimeType, provider: saved.provider, job: saved.job ?? ref };
      if (saved.bytes !== undefined) artifact.bytes = saved.bytes;
      if (saved.durationMs !== undefined) artifact.durationMs = saved.durationMs;
      if (saved.url !== undefined) artifact.url = saved.url;
    } catch (error) {
      await removeFilesQuietly(reserved);
      throw error;
    }
    await context.recordJob(ref, { state: 'succeeded', artifact });
    return artifact;
  }

  /** The job tools. */
  tools(): Tool[] {
    const { prefix } = this;
    const names = this.entries.map((entry) => entry.name);
    const jobInput = {
      job_id: z.string().check(
        z.minLength(1),
        z.maxLength(256),
        z.refine(
          (id) => idProblem(id) === undefined,
          'must be a job id: one path segment (not "." or "..", no "/" or "\\")',
        ),
      ),
      provider: z.optional(z.enum(names)),
    };
    const statusOf = (entry: MediaEntry, jobId: string, status: JobStatus): MediaStatusResult => {
      const result: MediaStatusResult = { provider: entry.name, job_id: jobId, state: status.state };
      if (status.progress !== undefined) result.progress = status.progress;
      if (status.providerStatus !== undefined) result.providerStatus = status.providerStatus;
      if (status.error) result.error = status.error;
      if (status.state === 'succeeded') result.next = `Call ${prefix}download to save it.`;
      if (status.state === 'pending') result.next = `Call ${prefix}wait to wait for it.`;
      return result;
    };
    return [
      defineTool({
        ...this.limits,
        name: `${prefix}status`,
        description: 'Check a media job once (any provider): pending, succeeded, failed, cancelled or expired.',
        input: z.strictObject(jobInput),
        run: async ({ job_id, provider }, context): Promise<MediaStatusResult> => {
          const [entry, ref] = await this.lookup(job_id, provider, context);
          const status = await entry.provider.status(ref, { signal: context.signal });
          if (status.state !== 'pending' && status.state !== 'succeeded') {
            await context.recordJob(ref, { state: status.state });
          }
          return statusOf(entry, job_id, status);
        },
      }),
      defineTool({
        ...this.limits,
        name: `${prefix}wait`,
        description: `Wait for a media job to finish (minutes, with progress); then call ${prefix}download.`,
        input: z.strictObject(jobInput),
        run: async ({ job_id, provider }, context): Promise<MediaStatusResult> => {
          const [entry, ref] = await this.lookup(job_id, provider, context);
          const done = await this.waitFor(entry, ref, context);
          if (done === undefined) {
            const next = `Not finished after ${this.seconds()} s. ${this.later(entry, job_id)}`;
            return { provider: entry.name, job_id, state: 'pending', next };
          }
          return statusOf(entry, job_id, done);
        },
      }),
      defineTool({
        ...this.limits,
        name: `${prefix}download`,
        description:
          'Save a finished media job into the output folder. Returns the file path, MIME type, size and duration ' +
          '(never the content). The optional filename is a hint: it is cleaned and made unique.',
        input: z.strictObject({ ...jobInput, filename: z.optional(z.string().check(z.maxLength(120))) }),
        run: async ({ job_id, provider, filename }, context): Promise<MediaArtifact> => {
          const [entry, ref] = await this.lookup(job_id, provider, context);
          return this.save(entry, ref, filename, context);
        },
      }),
    ];
  }
}
