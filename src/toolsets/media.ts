/**
 * The cross-provider media toolset: one set of tools (`media_create`, `media_status`, `media_wait`,
 * `media_download`) over any number of {@link MediaProvider}s — Sora, MiniMax video, and every later video,
 * image or music provider. It imports no provider: it gets provider instances. Job references are written to
 * the session (`recordJob`) as soon as a provider accepts a job, before any waiting, so a crash loses no paid
 * job. Results are small (job ids, states, file paths), never the bytes.
 * @module
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { JobFailedError, JobTimeoutError, RequestValidationError, ToolDefinitionError } from '../common/errors.js';
import { extensionForMimeType, removeFilesQuietly, reserveFilePath, safeFileName } from '../common/files.js';
import type { JobRef, JobState, JobStatus, MediaArtifact, MediaKind } from '../common/jobs.js';
import { makeJobRef } from '../common/jobs.js';
import type { JobProgress, MediaProvider } from '../common/media-provider.js';
import { defineTool, reportProgressTo, type Tool, type ToolContext } from '../core/tools/define-tool.js';
import { ToolSet } from '../core/tools/tool-set.js';

/** Options of {@link createMediaToolset}. */
export interface MediaToolsetOptions {
  /**
   * The providers the model may choose from, by name: each provider's `provider` (`openai`, `minimax`), or
   * `<provider>-<kind>` (`minimax-video`, `minimax-music`) when several share a provider name.
   */
  providers: readonly MediaProvider[];
  /** Folder `media_download` (and a waiting `media_create`) saves into. */
  outputDir: string;
  /**
   * `false` (default): `media_create` returns the job at once; the model waits, checks and downloads later.
   * `true`: it waits for the result and downloads it, returning the {@link MediaArtifact}.
   */
  wait?: boolean;
  /**
   * Deadline of one wait, ms (default 20 minutes). A wait that passes it is not an error for the model: the
   * job goes on, and the result says to call `media_wait` or `media_status` again later with the job id.
   */
  waitTimeoutMs?: number;
  /** First poll interval when waiting, ms (default: the provider's). */
  intervalMs?: number;
  /** Refuse downloads larger than this many bytes (default: the provider's). */
  maxBytes?: number;
  /**
   * The model's input for a provider, by provider name (a zod or zod/mini schema whose output is the
   * provider's own `start` input). A provider listed here gets its own field of `media_create`, named after
   * it; the others share the common input `{ prompt, model?, options? }` (`options` is passed through to
   * `start` as is).
   */
  inputSchemas?: Readonly<Record<string, $ZodType>>;
  /** Prefix of every tool name. Default `media_`. */
  namePrefix?: string;
}

/** What `media_create` returns when it does not wait (or its wait passed the deadline). */
export interface MediaJobResult {
  /** The provider name to pass to the other media tools. */
  provider: string;
  /** The job reference (its `id` is what the other tools take as `job_id`). */
  job: JobRef;
  /** Normalised state. */
  state: JobState;
  /** The provider's own status word, when known. */
  providerStatus?: string;
  /** 0–100, when known. */
  progress?: number;
  /** What the model should do next. */
  next: string;
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

/** Input of `media_create` as validated (the common fields, plus one field per provider with its own schema). */
interface CreateInput {
  provider: string;
  prompt?: string | undefined;
  model?: string | undefined;
  options?: Record<string, unknown> | undefined;
  [providerField: string]: unknown;
}

interface Entry {
  name: string;
  provider: MediaProvider;
  schema?: $ZodType;
}

const DEFAULT_WAIT_TIMEOUT_MS = 20 * 60_000;
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const COMMON_FIELDS = new Set(['provider', 'prompt', 'model', 'options']);
const DEFAULT_EXTENSIONS: Readonly<Record<MediaKind, string>> = {
  video: 'mp4',
  image: 'png',
  music: 'mp3',
  audio: 'mp3',
  stems: 'zip',
};

function percentOf(value: number | undefined): { progress?: number } {
  return value === undefined ? {} : { progress: value };
}

/** Names every provider and checks the names and the input schemas. */
function entriesOf(options: MediaToolsetOptions, createName: string): Entry[] {
  if (options.providers.length === 0) throw new ToolDefinitionError(createName, 'give at least one media provider');
  const counts = new Map<string, number>();
  for (const provider of options.providers) counts.set(provider.provider, (counts.get(provider.provider) ?? 0) + 1);
  const entries: Entry[] = [];
  const schemas = options.inputSchemas ?? {};
  for (const provider of options.providers) {
    const name = (counts.get(provider.provider) ?? 0) > 1 ? `${provider.provider}-${provider.kind}` : provider.provider;
    if (!NAME_PATTERN.test(name)) {
      throw new ToolDefinitionError(createName, `provider name "${name}" must match ^[a-zA-Z0-9_-]{1,64}$`);
    }
    if (entries.some((entry) => entry.name === name)) {
      throw new ToolDefinitionError(createName, `two media providers are both named "${name}"`);
    }
    const schema = schemas[name];
    if (schema !== undefined && COMMON_FIELDS.has(name)) {
      throw new ToolDefinitionError(createName, `a provider with its own input schema cannot be named "${name}"`);
    }
    entries.push(schema === undefined ? { name, provider } : { name, provider, schema });
  }
  for (const key of Object.keys(schemas)) {
    if (!entries.some((entry) => entry.name === key)) {
      const names = entries.map((entry) => entry.name).join(', ');
      throw new ToolDefinitionError(createName, `inputSchemas names "${key}", which is not a provider (${names})`);
    }
  }
  return entries;
}

/** The `media_create` input schema: one object (providers require that), with a field per custom provider. */
function createSchema(entries: readonly Entry[], names: readonly string[]): $ZodType<CreateInput> {
  const custom = entries.filter((entry) => entry.schema !== undefined);
  const prompt = z.string().check(z.minLength(1), z.maxLength(32_000));
  const shape: Record<string, $ZodType> = { provider: z.enum(names) };
  if (custom.length < entries.length) {
    shape.prompt = custom.length === 0 ? prompt : z.optional(prompt);
    shape.model = z.optional(z.string().check(z.minLength(1), z.maxLength(200)));
    shape.options = z.optional(z.record(z.string(), z.unknown()));
  }
  for (const entry of custom) if (entry.schema) shape[entry.name] = z.optional(entry.schema);
  return z.strictObject(shape) as unknown as $ZodType<CreateInput>;
}

function invalid(path: string, message: string, allowed?: readonly string[]): RequestValidationError {
  return new RequestValidationError([{ path, message, ...(allowed ? { allowed } : {}) }], 'media tool input');
}

async function moveFile(from: string, to: string): Promise<void> {
  const fs = await import('node:fs/promises');
  await fs.rename(from, to);
}

/**
 * Makes the cross-provider media toolset: `media_create` (the model picks a provider by name), `media_status`,
 * `media_wait` (progress through `reportProgress`) and `media_download` (into `outputDir`, under a safe and
 * unique file name; returns a {@link MediaArtifact}, never the bytes). Each job is recorded in the session as
 * soon as the provider accepts it. Failures come back to the model as tool results: a failed job with the
 * provider's code and reason; a wait past its deadline as a pending job with the tools to call later.
 * @see MediaProvider
 * @example
 * ```ts
 * import { createMediaToolset } from 'hello-dave/toolsets';
 * const media = createMediaToolset({
 *   providers: [soraVideoProvider(createOpenAIClient()), minimaxVideoProvider(createMiniMaxClient())],
 *   outputDir: './out',
 *   wait: true,
 * });
 * const agent = new Agent({ name: 'director', model, tools: [media] });
 * ```
 */
export function createMediaToolset(options: MediaToolsetOptions): ToolSet {
  const prefix = options.namePrefix ?? 'media_';
  const toolName = (verb: string) => `${prefix}${verb}`;
  const entries = entriesOf(options, toolName('create'));
  const names = entries.map((entry) => entry.name);
  const waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  /** Jobs started through this toolset, so later calls keep their model and creation time. */
  const started = new Map<string, JobRef>();

  const entryOf = (name: string): Entry => {
    const entry = entries.find((item) => item.name === name);
    if (!entry) throw invalid('provider', `unknown media provider "${name}"`, names);
    return entry;
  };
  const refOf = (entry: Entry, id: string): JobRef =>
    started.get(`${entry.name}\u0000${id}`) ?? makeJobRef(entry.provider.provider, entry.provider.kind, id);
  const later = (entry: Entry, id: string) =>
    `The job goes on. Call ${toolName('wait')} or ${toolName('status')} later with provider "${entry.name}" and ` +
    `job_id "${id}", then ${toolName('download')} once it succeeded.`;

  /** Records a job that ended badly and throws the job-failed error (the model reads its message). */
  async function failed(entry: Entry, ref: JobRef, status: JobStatus, context: ToolContext): Promise<never> {
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
  async function waitFor(entry: Entry, ref: JobRef, context: ToolContext): Promise<JobStatus | undefined> {
    let status: JobStatus;
    try {
      status = await entry.provider.wait(ref, {
        signal: context.signal,
        timeoutMs: waitTimeoutMs,
        ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
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
    if (status.state !== 'succeeded') return failed(entry, ref, status, context);
    return status;
  }

  /** Downloads into the output folder under a safe, unique name, records the artifact and returns it. */
  async function save(
    entry: Entry,
    ref: JobRef,
    filename: string | undefined,
    context: ToolContext,
  ): Promise<MediaArtifact> {
    const { kind } = entry.provider;
    const guessed = DEFAULT_EXTENSIONS[kind];
    const base = safeFileName(filename ?? `${entry.name}-${ref.id}`, kind);
    const reserved = [await reserveFilePath(options.outputDir, base, guessed)];
    let artifact: MediaArtifact;
    try {
      const saved = await entry.provider.download(ref, {
        to: reserved[0] as string,
        signal: context.signal,
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
        onProgress: reportProgressTo(context, () => `downloading ${entry.name} ${ref.id}`),
      });
      let path = saved.path ?? (reserved[0] as string);
      // The MIME type is known only now (a music job may give WAV or MP3): fix the extension if it differs.
      const extension = extensionForMimeType(saved.mimeType, guessed);
      if (extension !== guessed && path === reserved[0]) {
        const renamed = await reserveFilePath(options.outputDir, base, extension);
        reserved.push(renamed);
        await moveFile(path, renamed);
        path = renamed;
      }
      // Only what the contract promises goes back to the model: no raw bodies, no bytes.
      artifact = {
        kind: saved.kind,
        path,
        mimeType: saved.mimeType,
        provider: saved.provider,
        job: saved.job ?? ref,
      };
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

  const providerList = entries.map((entry) => `${entry.name} (${entry.provider.kind})`).join(', ');
  const provider = z.enum(names);
  const jobId = z.string().check(z.minLength(1), z.maxLength(256));
  const custom = entries.filter((entry) => entry.schema !== undefined).map((entry) => entry.name);
  const customNote = custom.length
    ? ` For ${custom.map((name) => `"${name}"`).join(', ')}, put the input in the field named after the provider` +
      `${custom.length < entries.length ? '; for the others use prompt, model and options' : ''}.`
    : ' Give a prompt; model and options (provider-specific settings) are optional.';

  const tools: Tool[] = [
    defineTool({
      name: toolName('create'),
      description:
        `Start making media with a provider: ${providerList}.${customNote} ` +
        (options.wait
          ? `Waits for the result and saves it, returning its file path (or, if it takes too long, the job to wait for later with ${toolName('wait')}).`
          : `Returns the job at once; then call ${toolName('wait')} and ${toolName('download')}.`),
      input: createSchema(entries, names),
      async run(input, context): Promise<MediaJobResult | MediaArtifact> {
        const entry = entryOf(input.provider);
        let startInput: unknown;
        if (entry.schema !== undefined) {
          startInput = input[entry.name];
          if (startInput === undefined) {
            throw invalid(entry.name, `required when provider is "${entry.name}" (the input for that provider)`);
          }
        } else {
          if (input.prompt === undefined) throw invalid('prompt', `required when provider is "${entry.name}"`);
          startInput = {
            ...input.options,
            prompt: input.prompt,
            ...(input.model === undefined ? {} : { model: input.model }),
          };
        }
        const ref = await entry.provider.start(startInput, { signal: context.signal });
        started.set(`${entry.name}\u0000${ref.id}`, ref);
        // Before any waiting: the job is paid for from here on, and a crash must not lose it.
        await context.recordJob(ref, { state: 'pending' });
        const pending: MediaJobResult = {
          provider: entry.name,
          job: ref,
          state: 'pending',
          next: later(entry, ref.id),
        };
        if (!options.wait) return pending;
        const done = await waitFor(entry, ref, context);
        if (done === undefined) {
          return { ...pending, next: `Not finished after ${Math.round(waitTimeoutMs / 1000)} s. ${pending.next}` };
        }
        return save(entry, ref, undefined, context);
      },
    }),
    defineTool({
      name: toolName('status'),
      description: 'Check a media job once: pending, succeeded, failed, cancelled or expired, with progress.',
      input: z.strictObject({ provider, job_id: jobId }),
      async run({ provider: name, job_id }, context): Promise<MediaStatusResult> {
        const entry = entryOf(name);
        const ref = refOf(entry, job_id);
        const status = await entry.provider.status(ref, { signal: context.signal });
        if (status.state !== 'pending' && status.state !== 'succeeded')
          await context.recordJob(ref, { state: status.state });
        const result: MediaStatusResult = {
          provider: entry.name,
          job_id,
          state: status.state,
          ...percentOf(status.progress),
        };
        if (status.providerStatus !== undefined) result.providerStatus = status.providerStatus;
        if (status.error) result.error = status.error;
        if (status.state === 'succeeded') result.next = `Call ${toolName('download')} to save it.`;
        if (status.state === 'pending') result.next = `Call ${toolName('wait')} to wait for it.`;
        return result;
      },
    }),
    defineTool({
      name: toolName('wait'),
      description: `Wait for a media job to finish (minutes, with progress); then call ${toolName('download')}.`,
      input: z.strictObject({ provider, job_id: jobId }),
      async run({ provider: name, job_id }, context): Promise<MediaStatusResult> {
        const entry = entryOf(name);
        const ref = refOf(entry, job_id);
        const done = await waitFor(entry, ref, context);
        if (done === undefined) {
          return {
            provider: entry.name,
            job_id,
            state: 'pending',
            next: `Not finished after ${Math.round(waitTimeoutMs / 1000)} s. ${later(entry, job_id)}`,
          };
        }
        const result: MediaStatusResult = {
          provider: entry.name,
          job_id,
          state: 'succeeded',
          ...percentOf(done.progress),
        };
        if (done.providerStatus !== undefined) result.providerStatus = done.providerStatus;
        result.next = `Call ${toolName('download')} to save it.`;
        return result;
      },
    }),
    defineTool({
      name: toolName('download'),
      description:
        'Save a finished media job into the output folder. Returns the file path, MIME type and size (never the content). ' +
        'The optional filename is a hint: it is cleaned and made unique.',
      input: z.strictObject({
        provider,
        job_id: jobId,
        filename: z.optional(z.string().check(z.maxLength(120))),
      }),
      async run({ provider: name, job_id, filename }, context): Promise<MediaArtifact> {
        const entry = entryOf(name);
        return save(entry, refOf(entry, job_id), filename, context);
      },
    }),
  ];
  return new ToolSet(tools, { name: 'media' });
}
