/**
 * `defineTool`: a typed tool from a zod schema (classic `zod` or `zod/mini`; both are zod 4 core types). The
 * input type of `run` is inferred from the schema; the model sees the schema as JSON Schema.
 *
 * The JSON Schema here is zod's own (`toJSONSchema`, input side). Shaping it for a provider (OpenAI strict
 * mode: every property required, `additionalProperties: false`, nullable optionals; Anthropic `input_schema`)
 * happens in that provider's model module, never here.
 * @module
 */
import type { $ZodType, output as ZodOutput } from 'zod/v4/core';
import { toJSONSchema } from 'zod/v4/core';
import { ToolDefinitionError } from '../../common/errors.js';
import type { JobRef, JobState, MediaArtifact } from '../../common/jobs.js';
import type { JsonSchema, ToolSpec } from '../model.js';
import type { Session } from '../session/session.js';

/** Progress a tool reports while it runs (streamed as `tool-progress` events). */
export interface ToolProgress {
  /** A short human-readable line. */
  message?: string;
  /** 0–100, where known. */
  progress?: number;
  /** Anything else worth showing. */
  data?: unknown;
}

/** A tool call waiting for a person's yes or no. */
export interface ApprovalRequest {
  /** The call id. */
  callId: string;
  /** The tool's name. */
  toolName: string;
  /** The validated input the tool would run with. */
  input: unknown;
  /** The arguments exactly as the model sent them. */
  arguments: string;
  /** The agent that wants to call it. */
  agent: string;
  /** The run. */
  runId: string;
}

/** Decides an approval request: `true` runs the tool, `false` sends a refusal back to the model. */
export type ApprovalHandler = (request: ApprovalRequest) => boolean | Promise<boolean>;

/**
 * What a tool's `run` gets besides its input. `TContext` is the type of the run's `context` option
 * (`agent.run(input, { context })`): annotate a tool's `ctx` as `ToolContext<MyContext>`, or let an
 * `Agent<MyContext>` type the tools written in its configuration.
 */
export interface ToolContext<TContext = unknown> {
  /** Aborted when the run is cancelled or the tool's time is up; pass it to every request. */
  signal: AbortSignal;
  /** The run's session, when it has one. */
  session?: Session;
  /** The run's id. */
  runId: string;
  /** The calling agent's name. */
  agent: string;
  /** The tool call's id. */
  callId: string;
  /** The tool's name. */
  toolName: string;
  /** The `context` value given to `agent.run(…, { context })`, as the run's agent types it. */
  context: TContext;
  /** Handoff depth: 0 in a top-level run, 1 in an agent asked by it, … */
  depth: number;
  /** The run's approval callback, when it has one (handoffs pass it on to sub-runs). */
  onApproval?: ApprovalHandler;
  /** Reports progress (emitted as a `tool-progress` event). */
  reportProgress(progress: ToolProgress): void;
  /**
   * Records a provider job in the session right away (a `job` entry). Media tools call it as soon as the
   * provider accepted the job and before any waiting, so nothing paid for is lost in a crash.
   */
  recordJob(job: JobRef, options?: { state?: JobState; artifact?: MediaArtifact }): Promise<void>;
}

/**
 * A progress callback for a job wait or a download that reports to a tool's context: the line `message` makes
 * of each update, plus its percent when known.
 */
export function reportProgressTo<P extends { percent?: number | undefined }>(
  context: ToolContext,
  message: (progress: P) => string,
): (progress: P) => void {
  return (progress) =>
    context.reportProgress(
      progress.percent === undefined
        ? { message: message(progress) }
        : { message: message(progress), progress: progress.percent },
    );
}

/** The definition passed to {@link defineTool}; `TContext` is the type of the run's `context` its `run` reads. */
export interface ToolDefinition<TSchema extends $ZodType, TResult, TContext = unknown> {
  /** Tool name the model calls: `^[a-zA-Z0-9_-]{1,64}$`. */
  name: string;
  /** What the tool does and when to use it, for the model. */
  description: string;
  /** Input schema (classic zod or zod/mini); an object schema. */
  input: TSchema;
  /**
   * The JSON Schema the model sees, when the input's schema comes from elsewhere (an MCP server's tool): passed
   * through as given instead of zod's. `input` still validates the arguments, so keep the two in agreement (a loose
   * `z.record(z.string(), z.unknown())` lets the source validate).
   */
  inputJsonSchema?: JsonSchema;
  /** Result schema: when given, the result is validated before it goes back to the model. */
  output?: $ZodType<TResult>;
  /** Ask before running: always, never, or decide per input. */
  needsApproval?: boolean | ((input: ZodOutput<TSchema>, context: ToolContext<TContext>) => boolean | Promise<boolean>);
  /**
   * Longest the tool may run, ms; then its signal aborts and the model reads that it timed out (or, when it had
   * started a provider job with `context.recordJob`, that job's reference: see `jobTools`). Default: the agent's
   * `toolTimeoutMs`, else 5 minutes. `Infinity` for none (as is any limit over
   * about 24.8 days, the longest timer a runtime keeps).
   */
  timeoutMs?: number;
  /**
   * The tools that go on with a job this tool starts (status, wait, download), by name. When the time limit
   * passes after the tool recorded a job, the model is told to use these with the job id instead of starting
   * another (paid) job.
   */
  jobTools?: readonly string[];
  /**
   * The agent this tool moves the conversation to (its `run` returns `transferTo(agent)`): lets a run that
   * resumes a session after a transfer go on with that agent. `handoff(agent, { mode: 'transfer' })` sets it.
   * Typed by the part of an agent tools know of (its name and tools); the run loop uses it as the agent it is.
   */
  transferTarget?: { readonly name: string; readonly tools: { readonly tools: readonly Tool[] } };
  /** Does the work. A string result goes to the model as is; anything else as JSON. */
  run(input: ZodOutput<TSchema>, context: ToolContext<TContext>): TResult | Promise<TResult>;
}

/**
 * A tool the agent can offer to a model. Make one with {@link defineTool}. `TContext` is the type of the run
 * `context` it reads (`unknown`: it reads none, or does not say).
 */
export interface Tool<TInput = unknown, TResult = unknown, TContext = unknown> {
  /** Discriminator: `'tool'` marks a tool made by {@link defineTool}. */
  readonly kind: 'tool';
  /** Tool name. */
  readonly name: string;
  /** Description for the model. */
  readonly description: string;
  /** Input schema. */
  readonly inputSchema: $ZodType;
  /** Result schema, when given. */
  readonly outputSchema?: $ZodType;
  /** Its own time limit, ms (else the agent's, else 5 minutes). */
  readonly timeoutMs?: number;
  /** The tools that go on with a job this tool starts, by name. */
  readonly jobTools?: readonly string[];
  /** `always`, `never`, or `maybe` (decided per input by {@link Tool.needsApproval}). */
  readonly approval: 'always' | 'never' | 'maybe';
  /**
   * Set on a transfer handoff tool: the agent its calls move the conversation to. A run resuming a session
   * follows these to find the agent that spoke last.
   */
  readonly transferTarget?: { readonly name: string; readonly tools: { readonly tools: readonly Tool[] } };
  /** Whether this input needs a person's approval. */
  needsApproval(input: TInput, context: ToolContext<TContext>): Promise<boolean>;
  /** Runs the tool with validated input. */
  run(input: TInput, context: ToolContext<TContext>): Promise<TResult>;
  /** JSON Schema of the input (zod's, input side, `$schema` removed; or the definition's `inputJsonSchema`). */
  jsonSchema(): JsonSchema;
  /** The tool as the model sees it (an agent reads it once per tool set: it must not change). */
  spec(): ToolSpec;
}

/** True when `value` is a {@link Tool}. */
export function isTool(value: unknown): value is Tool {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'tool' &&
    typeof (value as { run?: unknown }).run === 'function'
  );
}

/** Time limit of a tool that sets none, when the agent sets none either: 5 minutes. */
export const DEFAULT_TOOL_TIMEOUT_MS = 5 * 60_000;

/**
 * The time limit of a tool that waits for a provider job up to `waitTimeoutMs`: the wait, plus
 * {@link DEFAULT_TOOL_TIMEOUT_MS} for the requests before it and the download after it. So the wait's own
 * deadline (which returns the job as pending) comes first.
 */
export function timeLimitAfterWait(waitTimeoutMs: number): number {
  return waitTimeoutMs + DEFAULT_TOOL_TIMEOUT_MS;
}

/** Allowed tool names (the strictest common rule of the providers). */
export const TOOL_NAME_PATTERN: RegExp = /^[a-zA-Z0-9_-]{1,64}$/;

/** zod's JSON Schema of a schema, input side, without the `$schema` key. */
export function schemaToJsonSchema(schema: $ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

/**
 * Defines a tool. The type of `input` in `run` (and in `needsApproval`) is inferred from the schema; the type of
 * `ctx.context` comes from the `Agent<TContext>` whose configuration lists the tool, or from an annotation
 * (`ctx: ToolContext<MyContext>`), and is `unknown` otherwise.
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * const weather = defineTool({
 *   name: 'get_weather',
 *   description: 'Current weather for a city.',
 *   input: z.object({ city: z.string() }),
 *   run: async ({ city }, { signal }) => fetchWeather(city, signal),
 * });
 * ```
 */
export function defineTool<TSchema extends $ZodType, TResult, TContext = unknown>(
  definition: ToolDefinition<TSchema, TResult, TContext>,
): Tool<ZodOutput<TSchema>, TResult, TContext> {
  const { name, description, input, inputJsonSchema, output, needsApproval, timeoutMs, jobTools, transferTarget, run } =
    definition;
  if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
    throw new ToolDefinitionError(String(name), 'the name must match ^[a-zA-Z0-9_-]{1,64}$');
  }
  if (!input || typeof input !== 'object' || !('_zod' in input)) {
    throw new ToolDefinitionError(name, 'input must be a zod schema (zod or zod/mini)');
  }
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new ToolDefinitionError(name, 'timeoutMs must be a positive number (Infinity for no limit)');
  }
  // Models send a tool's arguments as one JSON object: any other input schema could never be met.
  const schema = inputJsonSchema ? structuredClone(inputJsonSchema) : schemaToJsonSchema(input);
  if (schema.type !== 'object') {
    const got = typeof schema.type === 'string' ? schema.type : 'a schema without type "object"';
    throw new ToolDefinitionError(
      name,
      `the input schema must be an object (got ${got}): models send tool arguments as a JSON object; wrap the value, e.g. z.object({ value: … })`,
    );
  }
  const tool: Tool<ZodOutput<TSchema>, TResult, TContext> = {
    kind: 'tool',
    name,
    description,
    inputSchema: input,
    approval: typeof needsApproval === 'function' ? 'maybe' : needsApproval ? 'always' : 'never',
    async needsApproval(value, context) {
      if (typeof needsApproval === 'function') return Boolean(await needsApproval(value, context));
      return needsApproval === true;
    },
    async run(value, context) {
      return run(value, context);
    },
    jsonSchema() {
      return structuredClone(schema);
    },
    spec() {
      return { name, description, inputSchema: this.jsonSchema() };
    },
  };
  if (output !== undefined) Object.assign(tool, { outputSchema: output });
  if (timeoutMs !== undefined) Object.assign(tool, { timeoutMs });
  if (jobTools !== undefined) Object.assign(tool, { jobTools: Object.freeze([...jobTools]) });
  if (transferTarget !== undefined) Object.assign(tool, { transferTarget });
  return tool;
}
