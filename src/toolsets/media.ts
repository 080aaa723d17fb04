/**
 * The cross-provider media toolset: one creation tool per configured kind (`media_image`, `media_video`,
 * `media_music`, `media_audio`, `media_stems`) over any number of {@link MediaProvider}s, plus the job tools
 * `media_status`, `media_wait` and `media_download`, which take a job id from any provider. It imports no
 * provider: it gets provider instances (or {@link defaultMediaProviders} picks them from the keys present).
 *
 * Per kind, providers are tried in the order given; the next one is tried only when the request provably never
 * reached the provider or was refused without starting a job (see {@link fallbackReason}). A budget caps the
 * paid jobs (and seconds of media) per run. Job references are written to the session as soon as a provider
 * accepts a job, before any waiting. Results are small records (paths, MIME types, durations), never the bytes.
 * @module
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { RequestValidationError, ToolDefinitionError } from '../common/errors.js';
import type { JobRef, JobState, MediaArtifact, MediaKind } from '../common/jobs.js';
import type { MediaProvider } from '../common/media-provider.js';
import { defineTool, type Tool } from '../core/tools/define-tool.js';
import { ToolSet } from '../core/tools/tool-set.js';
import { type MediaBudget, MediaBudgetTracker, requestedSeconds } from './media-budget.js';
import { fallbackReason } from './media-fallback.js';
import { type MediaEntry, MediaJobs } from './media-jobs.js';

/** The fields every creation tool takes (besides a per-provider field for providers with their own schema). */
export interface MediaCommonInput {
  /** What to make. */
  prompt: string;
  /** Model id, when the model wants a particular one. */
  model?: string;
  /** Provider-specific settings, passed through to `start`. */
  options?: Record<string, unknown>;
}

/** A provider with how the toolset should use it. */
export interface MediaProviderEntry {
  /** The provider. */
  provider: MediaProvider;
  /** Name the model sees (default: the provider's name, or `<provider>-<kind>` when several share it). */
  name?: string;
  /** Turns the common input into the provider's `start` input (default `{ ...options, prompt, model }`). */
  input?: (common: MediaCommonInput) => unknown;
  /** Why this provider is configured (e.g. "default video provider: MINIMAX_API_KEY is set"); reported on results. */
  reason?: string;
}

/** Options of {@link createMediaToolset}. */
export interface MediaToolsetOptions {
  /**
   * The providers, each a {@link MediaProvider} or a {@link MediaProviderEntry}. Per kind, the order is the
   * fallback order; one creation tool is made per kind present. Adding a provider is one more item.
   */
  providers: readonly (MediaProvider | MediaProviderEntry)[];
  /** Folder downloads are saved into. */
  outputDir: string;
  /**
   * `false` (default): a job provider's creation tool returns the job at once (an immediate provider's media is
   * saved at once anyway). `true`: it waits for the result and saves it.
   */
  wait?: boolean;
  /** Deadline of one wait, ms (default 20 minutes): past it the job goes on and the result says so. */
  waitTimeoutMs?: number;
  /** First poll interval when waiting, ms (default: the provider's). */
  intervalMs?: number;
  /** Refuse downloads larger than this many bytes (default: the provider's). */
  maxBytes?: number;
  /**
   * The model's input for a provider, by provider name (its output is the provider's own `start` input): that
   * provider gets its own field in its kind's creation tool, named after it.
   */
  inputSchemas?: Readonly<Record<string, $ZodType>>;
  /** Paid jobs (and seconds of media) one run may start; refusals go back to the model as tool results. */
  budget?: MediaBudget;
  /** Prefix of every tool name. Default `media_`. */
  namePrefix?: string;
}

/** How a creation call chose its provider, reported on its result. */
export interface MediaChoice {
  /** The provider that made (or is making) it. */
  provider: string;
  /** `model`: the model named it; `default`: the first configured for the kind; `fallback`: an earlier one failed. */
  by: 'model' | 'default' | 'fallback';
  /** Why that provider is configured, when known (e.g. which key made it a default). */
  reason?: string;
  /** Providers tried before it, and why each was skipped. */
  skipped?: { provider: string; reason: string }[];
}

/** What a creation tool returns while the job runs. */
export interface MediaJobResult {
  /** The provider name to pass to the job tools. */
  provider: string;
  /** The job reference (its `id` is the `job_id` of the job tools). */
  job: JobRef;
  /** `pending`. */
  state: JobState;
  /** How the provider was chosen. */
  choice: MediaChoice;
  /** What the model should do next. */
  next: string;
}

/** What a creation tool returns once the media is saved: the artifact and how its provider was chosen. */
export type MediaCreateResult = MediaArtifact & { choice: MediaChoice };

/** A creation refused by the budget (a tool result, not an error). */
export interface MediaBudgetRefusal {
  /** `refused`. */
  state: 'refused';
  /** Why. */
  reason: string;
}

const KINDS: readonly MediaKind[] = ['image', 'video', 'music', 'audio', 'stems'];
const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const COMMON_FIELDS = new Set(['provider', 'prompt', 'model', 'options']);
const KIND_WORDS: Readonly<Record<MediaKind, string>> = {
  image: 'a picture',
  video: 'a video',
  music: 'a piece of music',
  audio: 'audio (sound or speech)',
  stems: 'stems (separated tracks) of a song (the prompt is the song: its https URL, unless a provider says otherwise)',
};

const isEntry = (item: MediaProvider | MediaProviderEntry): item is MediaProviderEntry =>
  'provider' in item && typeof item.provider === 'object';

/** Names every provider and checks names and input schemas. */
function entriesOf(options: MediaToolsetOptions, toolName: string): MediaEntry[] {
  if (options.providers.length === 0) throw new ToolDefinitionError(toolName, 'give at least one media provider');
  const items = options.providers.map((item) => (isEntry(item) ? item : { provider: item }));
  const counts = new Map<string, number>();
  for (const { provider } of items) counts.set(provider.provider, (counts.get(provider.provider) ?? 0) + 1);
  const schemas = options.inputSchemas ?? {};
  const entries: MediaEntry[] = [];
  for (const item of items) {
    const { provider } = item;
    const name =
      item.name ??
      ((counts.get(provider.provider) ?? 0) > 1 ? `${provider.provider}-${provider.kind}` : provider.provider);
    if (!NAME_PATTERN.test(name)) {
      throw new ToolDefinitionError(toolName, `provider name "${name}" must match ^[a-zA-Z0-9_-]{1,64}$`);
    }
    if (entries.some((entry) => entry.name === name)) {
      throw new ToolDefinitionError(toolName, `two media providers are both named "${name}"`);
    }
    const schema = schemas[name];
    if (schema !== undefined && COMMON_FIELDS.has(name)) {
      throw new ToolDefinitionError(toolName, `a provider with its own input schema cannot be named "${name}"`);
    }
    entries.push({ ...item, name, ...(schema === undefined ? {} : { schema }) });
  }
  for (const key of Object.keys(schemas)) {
    if (!entries.some((entry) => entry.name === key)) {
      const names = entries.map((entry) => entry.name).join(', ');
      throw new ToolDefinitionError(toolName, `inputSchemas names "${key}", which is not a provider (${names})`);
    }
  }
  return entries;
}

/** Input of a creation tool as validated. */
interface CreateInput {
  provider?: string | undefined;
  prompt?: string | undefined;
  model?: string | undefined;
  options?: Record<string, unknown> | undefined;
  [providerField: string]: unknown;
}

function createSchema(entries: readonly MediaEntry[]): $ZodType<CreateInput> {
  const custom = entries.filter((entry) => entry.schema !== undefined);
  const prompt = z.string().check(z.minLength(1), z.maxLength(32_000));
  const shape: Record<string, $ZodType> = { provider: z.optional(z.enum(entries.map((entry) => entry.name))) };
  if (custom.length < entries.length) {
    shape.prompt = custom.length === 0 ? prompt : z.optional(prompt);
    shape.model = z.optional(z.string().check(z.minLength(1), z.maxLength(200)));
    shape.options = z.optional(z.record(z.string(), z.unknown()));
  }
  for (const entry of custom) if (entry.schema) shape[entry.name] = z.optional(entry.schema);
  return z.strictObject(shape) as unknown as $ZodType<CreateInput>;
}

/** The start input for one provider, or why it cannot take this call. */
function startInputOf(entry: MediaEntry, input: CreateInput): { value: unknown } | { skip: string } {
  if (entry.schema !== undefined) {
    const value = input[entry.name];
    return value === undefined ? { skip: `no "${entry.name}" input given` } : { value };
  }
  if (input.prompt === undefined) return { skip: 'no prompt given' };
  const common: MediaCommonInput = { prompt: input.prompt };
  if (input.model !== undefined) common.model = input.model;
  if (input.options !== undefined) common.options = input.options;
  if (entry.input) return { value: entry.input(common) };
  return {
    value: { ...input.options, prompt: input.prompt, ...(input.model === undefined ? {} : { model: input.model }) },
  };
}

/** The providers to try, in order: the one the model named first, then the rest of the kind. */
function candidates(entries: readonly MediaEntry[], named: string | undefined): MediaEntry[] {
  if (named === undefined) return [...entries];
  const first = entries.find((entry) => entry.name === named);
  if (!first) throw new RequestValidationError([{ path: 'provider', message: `unknown provider "${named}"` }], 'media');
  return [first, ...entries.filter((entry) => entry !== first)];
}

/**
 * Makes the cross-provider media toolset. Creation tools (one per kind present): `<prefix><kind>` with
 * `prompt`, optional `provider` (default: the first configured), `model` and `options` (or a provider's own
 * field, see `inputSchemas`). Job tools: `<prefix>status`, `<prefix>wait`, `<prefix>download` with `job_id`
 * (and `provider` when the id is not one this toolset or the session knows). Moderation refusals and failed
 * jobs come back to the model as tool errors; a budget refusal as a `refused` result.
 * @see MediaProvider
 * @example
 * ```ts
 * import { createMediaToolset, defaultMediaProviders } from 'hello-dave/toolsets';
 * const media = createMediaToolset({
 *   providers: defaultMediaProviders(),        // from the keys present: MiniMax H3 video, xAI images, …
 *   outputDir: './out',
 *   wait: true,
 *   budget: { maxJobs: 5 },
 * });
 * const agent = new Agent({ name: 'director', model, tools: [media] });
 * ```
 */
export function createMediaToolset(options: MediaToolsetOptions): ToolSet {
  const prefix = options.namePrefix ?? 'media_';
  const entries = entriesOf(options, `${prefix}*`);
  const budget = new MediaBudgetTracker(options.budget);
  const jobs = new MediaJobs(entries, options, prefix);

  function creationTool(kind: MediaKind, kindEntries: MediaEntry[]): Tool {
    const list = kindEntries.map((entry) => entry.name).join(', ');
    const custom = kindEntries.filter((entry) => entry.schema !== undefined).map((entry) => `"${entry.name}"`);
    const customNote = custom.length
      ? ` For ${custom.join(', ')}, put the input in the field named after the provider.`
      : '';
    return defineTool({
      ...jobs.limits,
      name: `${prefix}${kind}`,
      description:
        `Make ${KIND_WORDS[kind]} from a prompt. Providers: ${list} (default ${kindEntries[0]?.name}; others are ` +
        `tried only when one is unavailable). model and options (provider-specific settings) are optional.${customNote} ` +
        (options.wait
          ? 'Waits and saves the result, returning its file path.'
          : `Returns the job (or the file when ready at once); then call ${prefix}wait and ${prefix}download.`),
      input: createSchema(kindEntries),
      async run(input, context): Promise<MediaJobResult | MediaCreateResult | MediaBudgetRefusal> {
        const skipped: { provider: string; reason: string }[] = [];
        let lastError: unknown;
        for (const entry of candidates(kindEntries, input.provider)) {
          const start = startInputOf(entry, input);
          if ('skip' in start) {
            // The provider the model named must get its input; a default one is skipped for the next.
            if (entry.name === input.provider) throw missingInput(entry, start.skip);
            skipped.push({ provider: entry.name, reason: start.skip });
            continue;
          }
          const seconds = requestedSeconds(start.value);
          const refusal = await budget.refusal(context, seconds);
          if (refusal !== undefined) return { state: 'refused', reason: `${refusal}. Do not start more media jobs.` };
          let ref: JobRef;
          try {
            ref = await entry.provider.start(start.value, { signal: context.signal });
          } catch (error) {
            const reason = fallbackReason(error);
            if (reason === undefined) throw error;
            skipped.push({ provider: entry.name, reason });
            lastError = error;
            continue;
          }
          budget.note(context, ref, seconds);
          const choice: MediaChoice = {
            provider: entry.name,
            by: skipped.length > 0 ? 'fallback' : input.provider !== undefined ? 'model' : 'default',
            ...(entry.reason === undefined ? {} : { reason: entry.reason }),
            ...(skipped.length > 0 ? { skipped } : {}),
          };
          return jobs.started(entry, ref, choice, context);
        }
        throw noProvider(kind, skipped, lastError);
      },
    });
  }

  const tools: Tool[] = [];
  for (const kind of KINDS) {
    const kindEntries = entries.filter((entry) => entry.provider.kind === kind);
    if (kindEntries.length > 0) tools.push(creationTool(kind, kindEntries));
  }
  tools.push(...jobs.tools());
  return new ToolSet(tools, { name: 'media' });
}

function missingInput(entry: MediaEntry, why: string): RequestValidationError {
  const path = entry.schema === undefined ? 'prompt' : entry.name;
  return new RequestValidationError([{ path, message: `required when provider is "${entry.name}" (${why})` }], 'media');
}

function noProvider(
  kind: MediaKind,
  skipped: readonly { provider: string; reason: string }[],
  cause: unknown,
): RequestValidationError {
  const tried = skipped.map((item) => `${item.provider}: ${item.reason}`).join('; ');
  return new RequestValidationError(
    [{ path: 'provider', message: `no ${kind} provider could take this request (${tried})` }],
    `media ${kind}`,
    cause === undefined ? {} : { cause },
  );
}
