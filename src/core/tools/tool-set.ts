/**
 * `ToolSet` (a named group of tools with a tool choice) and the executor the run loop uses: parse and
 * validate the model's arguments, ask for approval, run with a time limit and the run's AbortSignal, several
 * calls at once up to a limit, and turn every failure into a tool result the model can read.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { AbortedError, ToolDefinitionError } from '../../common/errors.js';
import { jobToolsHint } from '../../common/job-hint.js';
import type { JobRef, JobState } from '../../common/jobs.js';
import { redactSecrets } from '../../common/secrets.js';
import { toValidationIssues } from '../../common/validate.js';
import { copyTree, deepFreeze, deepFreezeShared } from '../immutable.js';
import type { ToolChoice, ToolSpec } from '../model.js';
import type { ToolCallPart, ToolResultPart } from '../prompt/message.js';
import { DEFAULT_TOOL_TIMEOUT_MS, isTool, type Tool, type ToolContext } from './define-tool.js';

/** Anything that can be offered as tools: a tool or a tool set. */
export type ToolInput = Tool | ToolSet;

/**
 * A group of tools with a tool choice. Sets compose: `ToolSet.compose(media, files)` or `base.with(extra)`.
 * Tool names must be unique within a set.
 * @example
 * ```ts
 * const tools = new ToolSet([weather, calendar], { name: 'assistant', toolChoice: 'auto' });
 * const agent = new Agent({ name: 'helper', model, tools: [tools] });
 * ```
 */
export class ToolSet {
  /** A name for the set (logs, docs). */
  readonly name: string;
  /** Which tool the model must (or must not) call. */
  readonly toolChoice: ToolChoice;
  readonly #tools: Map<string, Tool>;

  /** Groups tools (and the tools of other sets). Throws {@link ToolDefinitionError} on duplicate names. */
  constructor(tools: readonly ToolInput[] = [], options: { name?: string; toolChoice?: ToolChoice } = {}) {
    this.name = options.name ?? 'tools';
    this.#tools = new Map();
    for (const item of tools) {
      const list = item instanceof ToolSet ? item.tools : [item];
      for (const tool of list) {
        if (!isTool(tool)) throw new ToolDefinitionError(String(tool), 'not a tool (make tools with defineTool)');
        const existing = this.#tools.get(tool.name);
        if (existing && existing !== tool)
          throw new ToolDefinitionError(tool.name, 'two different tools share this name');
        this.#tools.set(tool.name, tool);
      }
    }
    const choice = options.toolChoice ?? 'auto';
    if (typeof choice === 'object' && !this.#tools.has(choice.tool)) {
      throw new ToolDefinitionError(choice.tool, 'toolChoice names a tool that is not in the set');
    }
    this.toolChoice = choice;
  }

  /** One set from several tools and sets (the first set's tool choice is not carried over: `auto`). */
  static compose(...items: ToolInput[]): ToolSet {
    return new ToolSet(items);
  }

  /** A new set with these tools added (same name and tool choice). */
  with(...items: ToolInput[]): ToolSet {
    return new ToolSet([this, ...items], { name: this.name, toolChoice: this.toolChoice });
  }

  /** A new set with another tool choice. */
  withToolChoice(toolChoice: ToolChoice): ToolSet {
    return new ToolSet([this], { name: this.name, toolChoice });
  }

  /** The tools, in the order they were added. */
  get tools(): Tool[] {
    return [...this.#tools.values()];
  }

  /** Number of tools. */
  get size(): number {
    return this.#tools.size;
  }

  /** The tool with this name. */
  get(name: string): Tool | undefined {
    return this.#tools.get(name);
  }

  /** True when a tool has this name. */
  has(name: string): boolean {
    return this.#tools.has(name);
  }

  /** Every tool as the model sees it. */
  specs(): ToolSpec[] {
    return this.tools.map((tool) => tool.spec());
  }
}

const sharedSpecs = new WeakMap<ToolSet, readonly ToolSpec[]>();

/**
 * For the run loop: a set's tool specs, made once per set (JSON Schema generation is not free) and deep-frozen, so
 * every run and turn can hand the model the same read-only data. Each input schema is frozen on its own as well: a
 * model may cache what it derives from one (the Responses strict shape).
 * @internal
 */
export function sharedToolSpecs(tools: ToolSet): readonly ToolSpec[] {
  let specs = sharedSpecs.get(tools);
  if (!specs) {
    const copies = copyTree(tools.specs());
    for (const spec of copies) deepFreezeShared(spec.inputSchema);
    specs = deepFreeze(copies);
    sharedSpecs.set(tools, specs);
  }
  return specs;
}

/** A tool call checked and ready to run, or already answered with an error. */
export interface PreparedToolCall {
  /** The call as the model sent it. */
  call: ToolCallPart;
  /** The tool, when the name is known. */
  tool?: Tool;
  /** Validated input, when the arguments were good. */
  input?: unknown;
  /** Why it cannot run (unknown tool, invalid JSON, schema errors): the text the model gets back. */
  error?: string;
  /** True when it needs a person's approval before it runs. */
  needsApproval: boolean;
}

/** A person's decision on one approval request. */
export interface ApprovalDecision {
  /** Run it (`true`) or refuse (`false`). */
  approved: boolean;
  /** Why it was refused; told to the model. */
  reason?: string;
}

/** How one tool call ended. */
export interface ToolCallOutcome {
  /** The call. */
  call: ToolCallPart;
  /** The result that goes back to the model. */
  result: ToolResultPart;
  /**
   * `ok`, or why it did not give a result. `timeout` with a result that is not an error: the time limit passed
   * after the tool started a provider job, and the result is that job's reference.
   */
  status: 'ok' | 'invalid' | 'refused' | 'error' | 'timeout';
  /** What the tool returned (before it became text), when it ran. */
  value?: unknown;
  /** The validated input, when there was one. */
  input?: unknown;
  /**
   * What the tool threw (`status: 'error'`), as thrown: the model reads only its redacted message, while hooks
   * (`onToolResult`) and events get the object itself (class, `cause`, fields).
   */
  error?: unknown;
  /** Time spent, ms. */
  durationMs: number;
}

/** Options of {@link executeToolCalls}. */
export interface ExecuteToolCallsOptions {
  /** How many calls run at once (default 4; 1 runs them one after another). */
  concurrency?: number;
  /** The run's signal: aborting it aborts every tool and rejects with {@link AbortedError}. */
  signal?: AbortSignal;
  /** Approval decisions by call id (calls that need approval and have none are refused). */
  decisions?: ReadonlyMap<string, ApprovalDecision>;
  /**
   * Time limit of a tool without one of its own (`defineTool({ timeoutMs })`), ms; `Infinity` for none. Default
   * {@link DEFAULT_TOOL_TIMEOUT_MS} (5 minutes).
   */
  timeoutMs?: number | undefined;
  /**
   * Builds the context of each call, without `signal`: a new, unfrozen object every time, to which the executor
   * adds the call's own signal (aborted by the run's signal and at the tool's time limit), made when the tool
   * first reads it. Its `recordJob` must call `onJob` (when given) with each job it records: a time limit that
   * passes after a job was recorded returns that job to the model instead of an error.
   */
  context(call: ToolCallPart, tool: Tool, onJob?: JobObserver): ToolContextFields;
  /** Called when a call is about to run (before its time limit starts); if it throws, the call is not run and the error rejects. */
  onStart?(prepared: PreparedToolCall): void | Promise<void>;
  /** Called when a call has its result. */
  onFinish?(outcome: ToolCallOutcome): void | Promise<void>;
}

/** Told of each job a running call records (`context.recordJob`). */
export type JobObserver = (job: JobRef, state: JobState) => void;

/** A {@link ToolContext} without its `signal`, which {@link executeToolCalls} adds. */
export type ToolContextFields = Omit<ToolContext, 'signal'>;

const SIGNAL_SOURCE = Symbol('hello-dave.signal-source');

/**
 * The one `signal` accessor of every tool context. A getter written per context (`get signal() {…}` in an object
 * literal) gives each context a hidden class of its own, which keeps the call's whole scope alive until a full
 * garbage collection and makes every property read of a context megamorphic.
 */
const signalAccessor: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [SIGNAL_SOURCE]: () => AbortSignal }): AbortSignal {
    return this[SIGNAL_SOURCE]();
  },
};

/**
 * Completes a tool context with a `signal` made by `source` when first read (an enumerable property: spreading
 * the context copies the signal). Returns the same object.
 * @internal
 */
export function withLazySignal(fields: ToolContextFields, source: () => AbortSignal): ToolContext {
  // A plain store (a defineProperty call costs more): JSON ignores symbol keys, and a spread copy may keep it.
  (fields as { [SIGNAL_SOURCE]?: () => AbortSignal })[SIGNAL_SOURCE] = source;
  Object.defineProperty(fields, 'signal', signalAccessor);
  return fields as ToolContext;
}

/** Default number of tool calls run at once. */
export const DEFAULT_TOOL_CONCURRENCY = 4;

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const prefix = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return redactSecrets(`${prefix}${error.message}`);
  }
  return redactSecrets(typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)));
}

function describeIssues(schema: $ZodType, value: unknown): string | undefined {
  const parsed = safeParse(schema, value);
  if (parsed.success) return undefined;
  return toValidationIssues(parsed.error.issues)
    .map((issue) => {
      const allowed = issue.allowed?.length
        ? ` (allowed: ${issue.allowed.map((v) => JSON.stringify(v)).join(', ')})`
        : '';
      return `${issue.path || '(input)'}: ${issue.message}${allowed}`;
    })
    .join('; ');
}

/**
 * Parses and validates one call's arguments and decides whether it needs approval. Never throws for the
 * model's mistakes: they come back as `error`, the text the model will read.
 */
export async function prepareToolCall(
  call: ToolCallPart,
  tools: ToolSet,
  context: (call: ToolCallPart, tool: Tool) => ToolContext,
): Promise<PreparedToolCall> {
  return checkApproval(parseToolCall(call, tools), context);
}

/**
 * The synchronous part of {@link prepareToolCall}: finds the tool and parses and validates the arguments
 * (`needsApproval` is not decided yet: see {@link awaitsApprovalCheck}).
 * @internal
 */
export function parseToolCall(call: ToolCallPart, tools: ToolSet): PreparedToolCall {
  const tool = tools.get(call.name);
  if (!tool) {
    const names = tools.tools.map((item) => item.name).join(', ') || '(none)';
    return { call, needsApproval: false, error: `Unknown tool "${call.name}". Available tools: ${names}.` };
  }
  let raw: unknown;
  const text = call.arguments.trim();
  try {
    raw = text === '' ? {} : JSON.parse(text);
  } catch (error) {
    return {
      call,
      tool,
      needsApproval: false,
      error: `Invalid JSON in the arguments of ${tool.name}: ${errorMessage(error)}. Send the arguments as one JSON object that matches the tool's schema.`,
    };
  }
  const parsed = safeParse(tool.inputSchema, raw);
  if (!parsed.success) {
    return {
      call,
      tool,
      needsApproval: false,
      error: `Invalid arguments for ${tool.name}: ${describeIssues(tool.inputSchema, raw)}. Fix the arguments and call the tool again.`,
    };
  }
  return { call, tool, input: parsed.data, needsApproval: false };
}

/**
 * True when a parsed call still has its approval to decide (a valid call of a tool whose approval is not `never`).
 * @internal
 */
export function awaitsApprovalCheck(prepared: PreparedToolCall): boolean {
  return prepared.error === undefined && prepared.tool !== undefined && prepared.tool.approval !== 'never';
}

/**
 * Decides whether a parsed call needs approval (asks the tool's `needsApproval` when it is `maybe`).
 * @internal
 */
export async function checkApproval(
  prepared: PreparedToolCall,
  context: (call: ToolCallPart, tool: Tool) => ToolContext,
): Promise<PreparedToolCall> {
  const { call, tool, input } = prepared;
  if (!awaitsApprovalCheck(prepared) || !tool) return prepared;
  try {
    return { ...prepared, needsApproval: await tool.needsApproval(input, context(call, tool)) };
  } catch (error) {
    return {
      call,
      tool,
      input,
      needsApproval: false,
      error: `Approval check of ${tool.name} failed: ${errorMessage(error)}`,
    };
  }
}

/** A tool result that says itself what the model should read (`toToolOutput()` is used instead of JSON). */
export interface ToolOutputConvertible {
  /** The text the model reads. */
  toToolOutput(): string;
}

/**
 * Turns a tool's return value into the text the model reads: strings as they are, values with
 * `toToolOutput()` through it, `undefined` as `OK`, anything else as JSON.
 * @throws {TypeError} the value cannot be JSON without loss: a function, symbol or BigInt, a Map, Set, WeakMap,
 * WeakSet, Promise, Error or binary data, or a circular reference, anywhere inside it (the message names where,
 * e.g. `result.items is a Map`).
 */
export function toolOutputText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'OK';
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ToolOutputConvertible>).toToolOutput === 'function'
  ) {
    return String((value as ToolOutputConvertible).toToolOutput());
  }
  return strictJson(value);
}

/** What JSON would silently turn into `{}`, drop, or print as source: named, with what to use instead. */
function unserialisable(value: unknown): string | undefined {
  switch (typeof value) {
    case 'function':
      return 'a function (return its result instead)';
    case 'symbol':
      return 'a symbol (use a string)';
    case 'bigint':
      return 'a BigInt (use a string or a number)';
    case 'object': {
      if (value === null) return undefined;
      const tag = Object.prototype.toString.call(value);
      if (tag === '[object Map]') return 'a Map (use a plain object or an array of pairs)';
      if (tag === '[object Set]') return 'a Set (use an array)';
      if (tag === '[object WeakMap]' || tag === '[object WeakSet]')
        return `a ${tag.slice(8, -1)} (it cannot be listed)`;
      if (tag === '[object Promise]') return 'a Promise (await it)';
      if (tag === '[object Error]') return 'an Error (return its message)';
      if (tag === '[object ArrayBuffer]' || ArrayBuffer.isView(value)) {
        return 'binary data (save it to a file and return the path, or encode it as text)';
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * `JSON.stringify`, but refusing what it would lose or mangle (a function, a Map printed as `{}`, a BigInt, a
 * cycle, …) at any depth, with a message naming where.
 */
function strictJson(value: unknown): string {
  // Where each object sits, for the message; holders are objects, so a WeakMap keeps nothing alive.
  const paths = new WeakMap<object, string>();
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
      const holder = this as object;
      const base = paths.get(holder);
      const path = base === undefined ? 'result' : Array.isArray(holder) ? `${base}[${key}]` : `${base}.${key}`;
      const problem = unserialisable(item);
      if (problem !== undefined) throw new TypeError(`${path} is ${problem}`);
      if (typeof item === 'object' && item !== null) paths.set(item, path);
      return item;
    });
  } catch (error) {
    if (error instanceof TypeError && /circular/i.test(error.message)) {
      throw new TypeError('result has a circular reference (an object that contains itself)');
    }
    throw error;
  }
  return text ?? 'OK';
}

class ToolTimeout extends Error {}

/** The longest delay `setTimeout` keeps (about 24.8 days); a longer limit runs unbounded. */
const MAX_TIMER_MS = 2_147_483_647;

/** A limit as people read it: `1000 ms`, `90 s`, `5 min`. */
function formatLimit(ms: number): string {
  if (ms < 10_000) return `${ms} ms`;
  if (ms < 120_000 || ms % 60_000 !== 0) return `${Math.round(ms / 1000)} s`;
  return `${ms / 60_000} min`;
}

/**
 * What the model reads when a tool's time limit passed after the tool had started a provider job (it called
 * `context.recordJob`): not an error, but the job reference and how to go on with it, so that the model does
 * not pay for the same job twice.
 */
function jobContinuation(tool: Tool, job: { ref: JobRef; state: JobState }, limitMs: number): string {
  const how = jobToolsHint(job.ref.id, tool.jobTools);
  return JSON.stringify({
    timedOut: true,
    provider: job.ref.provider,
    kind: job.ref.kind,
    job_id: job.ref.id,
    state: job.state,
    next:
      `${tool.name} reached its time limit of ${formatLimit(limitMs)} after the provider accepted this job. ` +
      `The job is not lost and may still finish: do not start a new one; continue ${how}.`,
  });
}

async function runOne(prepared: PreparedToolCall, options: ExecuteToolCallsOptions): Promise<ToolCallOutcome> {
  const { call, tool } = prepared;
  const started = Date.now();
  const outcome = (
    status: ToolCallOutcome['status'],
    output: string,
    { isError = status !== 'ok', ...extra }: Partial<ToolCallOutcome> & { isError?: boolean } = {},
  ) => {
    const result: ToolResultPart = { type: 'tool-result', callId: call.id, name: call.name, output };
    if (isError) result.isError = true;
    const done: ToolCallOutcome = { call, result, status, durationMs: Date.now() - started, ...extra };
    if (prepared.input !== undefined) done.input = prepared.input;
    return done;
  };
  if (prepared.error !== undefined || !tool) return outcome('invalid', prepared.error ?? 'Unknown tool.');
  if (prepared.needsApproval) {
    const decision = options.decisions?.get(call.id);
    if (!decision?.approved) {
      const reason = decision?.reason ? `: ${redactSecrets(decision.reason)}` : '';
      return outcome(
        'refused',
        `The user refused this call of ${tool.name}${reason}. Do not call it again unless the user asks for it.`,
      );
    }
  }
  const runSignal = options.signal;
  if (runSignal?.aborted) throw new AbortedError();
  // Outside the tool's try: a hook that throws fails the run (it is not the tool's failure, and the tool never runs).
  await options.onStart?.(prepared);
  if (runSignal?.aborted) throw new AbortedError();
  // The call's own signal is made only when the tool reads `context.signal`: most calls never do, and an
  // AbortSignal is not free. Made late, it starts out aborted if the call was stopped before.
  let controller: AbortController | undefined;
  let stopped: { reason: unknown } | undefined;
  const abortCall = (reason: unknown) => {
    stopped ??= { reason };
    controller?.abort(reason);
  };
  const callSignal = (): AbortSignal => {
    if (!controller) {
      controller = new AbortController();
      if (stopped) controller.abort(stopped.reason);
    }
    return controller.signal;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let rejectStop: ((error: unknown) => void) | undefined;
  const limitMs = tool.timeoutMs ?? options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const limited = limitMs <= MAX_TIMER_MS;
  // Raced against the tool only when something can stop it (a time limit, the run's signal).
  const stop =
    limited || runSignal
      ? new Promise<never>((_, reject) => {
          rejectStop = reject;
        })
      : undefined;
  const onRunAbort = () => {
    abortCall(runSignal?.reason);
    rejectStop?.(new AbortedError());
  };
  runSignal?.addEventListener('abort', onRunAbort, { once: true });
  if (limited) {
    timer = setTimeout(() => {
      const error = new ToolTimeout(`timed out after ${formatLimit(limitMs)}`);
      abortCall(error);
      rejectStop?.(error);
    }, limitMs);
  }
  // The last job this call started (through `recordJob`): a time limit after it returns the job, not an error.
  let job: { ref: JobRef; state: JobState } | undefined;
  try {
    // An argument, not a wrapper put over the context's recordJob: replacing a function-valued property of the
    // context per call kept every finished run reachable until a full collection.
    const context = withLazySignal(
      options.context(call, tool, (ref, state) => {
        job = { ref, state };
      }),
      callSignal,
    );
    const running = tool.run(prepared.input, context);
    const value = stop ? await Promise.race([running, stop]) : await running;
    if (tool.outputSchema) {
      const problems = describeIssues(tool.outputSchema, value);
      if (problems !== undefined) {
        return outcome('error', `${tool.name} returned a result that does not match its output schema: ${problems}`, {
          value,
        });
      }
    }
    let text: string;
    try {
      text = toolOutputText(value);
    } catch (error) {
      return outcome(
        'error',
        `${tool.name} ran, but its result cannot be sent to you as JSON: ${redactSecrets(error instanceof Error ? error.message : String(error))}. ` +
          'This is a fault of the tool, not of your call: tell the user rather than calling it again.',
        { value },
      );
    }
    return outcome('ok', text, { value });
  } catch (error) {
    if (AbortedError.isInstance(error) || runSignal?.aborted) throw new AbortedError();
    if (error instanceof ToolTimeout) {
      if (job) return outcome('timeout', jobContinuation(tool, job, limitMs), { isError: false });
      return outcome(
        'timeout',
        `${tool.name} ${error.message} and was stopped. Try again with a smaller task, or do without it.`,
      );
    }
    return outcome('error', `${tool.name} failed: ${errorMessage(error)}`, { error });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    runSignal?.removeEventListener('abort', onRunAbort);
    // A tool still running after a timeout must not leave an unhandled rejection behind.
    stop?.catch(() => undefined);
  }
}

/**
 * Runs prepared tool calls, up to `concurrency` at once, and returns their outcomes in call order. Failures
 * (invalid input, refusal, throw, timeout, bad output) become error results; only an abort of the run, or an
 * `onStart` / `onFinish` callback that throws (the run's hooks), rejects.
 */
export async function executeToolCalls(
  calls: readonly PreparedToolCall[],
  options: ExecuteToolCallsOptions,
): Promise<ToolCallOutcome[]> {
  const limit = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_TOOL_CONCURRENCY));
  const outcomes: ToolCallOutcome[] = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const index = next++;
      const prepared = calls[index];
      if (!prepared) continue;
      const outcome = await runOne(prepared, options);
      outcomes[index] = outcome;
      await options.onFinish?.(outcome);
    }
  };
  const workers = Math.min(limit, calls.length);
  if (workers === 1) await worker();
  else await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}
