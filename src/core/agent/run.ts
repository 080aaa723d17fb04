/**
 * The agent loop: ask the model, run the tool calls it asks for (validated, concurrently, with limits and
 * approvals), append the results, and repeat until the model answers without tools or the turn limit is
 * reached, emitting events and session entries as it goes. It knows nothing of any provider: it talks to a
 * {@link ChatModel} only.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import {
  AbortedError,
  MaxTurnsExceededError,
  ResponseValidationError,
  StructuredOutputError,
} from '../../common/errors.js';
import { toValidationIssues } from '../../common/validate.js';
import { copyTree, deepFreezeShared, defineLazy } from '../immutable.js';
import type {
  ChatModel,
  FinishReason,
  JsonSchema,
  ModelRequest,
  ModelResponse,
  ModelSettings,
  ToolChoice,
} from '../model.js';
import type { AssistantPart, Message, ToolCallPart, ToolResultPart, Usage } from '../prompt/message.js';
import { historyView, messageText, Prompt, prunedHistoryView, toolCallsOf } from '../prompt/prompt.js';
import {
  type HandoffInfo,
  prepareEntry,
  randomId,
  restoreConversation,
  type Session,
  type SessionEntryInput,
} from '../session/session.js';
import {
  type ApprovalHandler,
  type ApprovalRequest,
  schemaToJsonSchema,
  type Tool,
  type ToolContext,
} from '../tools/define-tool.js';
import {
  type ApprovalDecision,
  awaitsApprovalCheck,
  checkApproval,
  type ExecuteToolCallsOptions,
  executeToolCalls,
  type JobObserver,
  type PreparedToolCall,
  parseToolCall,
  sharedToolSpecs,
  type ToolCallOutcome,
  type ToolContextFields,
  type ToolOutputConvertible,
  type ToolSet,
  withLazySignal,
} from '../tools/tool-set.js';
import type { AgentEvent } from './events.js';

/** What instruction functions get. */
export interface InstructionsContext {
  /** The agent's name. */
  agent: string;
  /** The run. */
  runId: string;
  /** The run's `context` option. */
  context: unknown;
}

/** Hooks around each model call and tool call; a hook that throws fails the run. */
export interface AgentHooks {
  /** Before each model call (the request may be inspected, not changed). */
  onModelCall?(event: { agent: string; runId: string; turn: number; request: ModelRequest }): void | Promise<void>;
  /** After each model call. */
  onModelResult?(event: {
    agent: string;
    runId: string;
    turn: number;
    response: ModelResponse;
    durationMs: number;
  }): void | Promise<void>;
  /** Before a tool call runs (after validation and approval). */
  onToolCall?(event: { agent: string; runId: string; call: ToolCallPart; input: unknown }): void | Promise<void>;
  /** After a tool call has its result (including failures and refusals). */
  onToolResult?(event: { agent: string; runId: string; outcome: ToolCallOutcome }): void | Promise<void>;
}

/** What the loop needs of an agent; `Agent` implements it. */
export interface RunnableAgent {
  /** Name. */
  readonly name: string;
  /** The model. */
  readonly model: ChatModel;
  /** Its tools. */
  readonly tools: ToolSet;
  /** Tool choice (`required` and a named tool apply until the run's first tool call, then `auto`). */
  readonly toolChoice: ToolChoice;
  /** Model calls allowed per run. */
  readonly maxTurns: number;
  /** Model settings. */
  readonly settings?: ModelSettings;
  /** Structured output schema. */
  readonly outputSchema?: $ZodType;
  /** Tool calls run at once. */
  readonly toolConcurrency: number;
  /** Time limit of tools without their own, ms (undefined: 5 minutes; `Infinity`: none). */
  readonly toolTimeoutMs?: number;
  /** Send the model a history without resolved tool rounds except the last. */
  readonly pruneToolRounds: boolean;
  /** Hooks. */
  readonly hooks: AgentHooks;
  /** The system instructions for one run. */
  resolveInstructions(context: InstructionsContext): Promise<string | undefined>;
}

/** One step of a run: a model call and the tool calls it asked for. */
export interface RunStep {
  /** Turn number, from 1. */
  turn: number;
  /** The agent that made the call. */
  agent: string;
  /** The (sub-)run it belongs to. */
  runId: string;
  /** The model's answer. */
  response: ModelResponse;
  /** Tool calls it asked for. */
  toolCalls: ToolCallPart[];
  /** Their results, in call order. */
  toolResults: ToolResultPart[];
  /** Tokens of the model call. */
  usage: Usage;
  /** Model call duration, ms. */
  modelDurationMs: number;
  /** Model call plus tool calls, ms. */
  durationMs: number;
}

/** Why a run ended: the model's reason, or `interrupted` (paused for approval). */
export type RunFinishReason = FinishReason | 'interrupted';

/** The fields every run result has (and what a {@link MaxTurnsExceededError} carries as `partial`). */
export interface RunSnapshot {
  /** The run's id (the top-level run, also after a transfer). */
  runId: string;
  /** The agent that spoke last. */
  agent: string;
  /** Text of the last assistant message. */
  text: string;
  /** The whole history (a copy). */
  messages: Message[];
  /** Every step. */
  steps: RunStep[];
  /** Token totals. */
  usage: Usage;
  /** Why it ended. */
  finishReason: RunFinishReason;
  /** Wall time, ms. */
  durationMs: number;
}

/** A run that finished: `output` is the text, or the parsed structured output when the agent has a schema. */
export interface CompletedRunResult<TOutput> extends RunSnapshot {
  /** Discriminator. */
  status: 'completed';
  /** The final answer: text, or the agent's `output` schema's type. */
  output: TOutput;
  /** Never set on a completed run. */
  interruptions?: undefined;
  /** Never set on a completed run. */
  state?: undefined;
}

/** A run paused because tool calls need approval and no `onApproval` callback was given. */
export interface InterruptedRunResult extends RunSnapshot {
  /** Discriminator. */
  status: 'interrupted';
  /** Not available until the run completes. */
  output?: undefined;
  /** The calls waiting for a decision. */
  interruptions: ApprovalRequest[];
  /** Decide with `state.resume({ approve, reject })` and pass the new state to `agent.run`. */
  state: RunState;
}

/** What a run returns. */
export type RunResult<TOutput> = CompletedRunResult<TOutput> | InterruptedRunResult;

/** Options of one run. */
export interface RunOptions {
  /**
   * Record the run here; an existing session's conversation is continued. After a transfer it goes on with the
   * agent the conversation was moved to, when this agent reaches it through its transfer handoffs.
   */
  session?: Session;
  /** Cancels the run (model calls and tools); the run rejects with `AbortedError`. */
  signal?: AbortSignal;
  /** Decides approval requests. Without it, a run that needs approval pauses (`result.status === 'interrupted'`). */
  onApproval?: ApprovalHandler;
  /** Overrides the agent's `maxTurns`. */
  maxTurns?: number;
  /** At the turn limit, make one last model call with tool choice `none` instead of throwing. */
  forceFinalAnswer?: boolean;
  /** Any value, handed to tools (`ctx.context`) and instruction functions. */
  context?: unknown;
  /** Overrides the agent's `toolConcurrency`. */
  toolConcurrency?: number;
  /** Makes this a sub-run of that run (handoffs): it starts a fresh conversation and records under it. */
  parentRunId?: string;
  /** How a handoff started this sub-run (recorded in its `start` entry). */
  handoff?: HandoffInfo;
  /** Handoff depth of this run (0 for a top-level run). */
  depth?: number;
}

/** Decisions for a paused run. */
export interface ResumeDecisions {
  /** Call ids to run, or `'all'`. */
  approve?: readonly string[] | 'all';
  /** Call ids to refuse (optionally with a reason told to the model), or `'all'`. */
  reject?: readonly (string | { callId: string; reason?: string })[] | 'all';
}

/** A model's continuation, with the model it belongs to. */
export interface ContinuationRef {
  /** Provider name. */
  provider: string;
  /** Model id. */
  model: string;
  /** The opaque value. */
  value: unknown;
}

/** The serialisable form of a {@link RunState}. */
export interface RunStateJSON {
  /** Format version. */
  v: 1;
  /** Top-level run id. */
  runId: string;
  /** The (sub-)run in progress. */
  currentRunId: string;
  /** Its parent run. */
  parentRunId?: string;
  /** Handoff depth. */
  depth: number;
  /** The agent that was speaking. */
  agent: string;
  /** History, including the assistant message whose calls wait. */
  messages: Message[];
  /** Completed steps. */
  steps: RunStep[];
  /** Token totals. */
  usage: Usage;
  /** Turns used. */
  turn: number;
  /** Whether a tool call already ran (tool choice falls back to `auto`). */
  toolCalled: boolean;
  /** The model continuation. */
  continuation?: ContinuationRef;
  /** The model answer whose tool calls wait. */
  pending: { response: ModelResponse; modelDurationMs: number };
  /** The calls waiting for a decision. */
  interruptions: ApprovalRequest[];
  /** Decisions made so far, by call id. */
  decisions: Record<string, ApprovalDecision>;
  /** Wall time spent before the pause, ms. */
  elapsedMs: number;
}

/**
 * A paused run: the history, the tool calls waiting for approval, and the decisions made. Serialisable
 * (`toJSON` / `RunState.fromJSON`), so a run can pause in one process and resume in another.
 * @example
 * ```ts
 * let result = await agent.run('Delete the draft');
 * if (result.status === 'interrupted') {
 *   result = await agent.run(result.state.resume({ approve: result.interruptions.map((i) => i.callId) }));
 * }
 * ```
 */
export class RunState {
  readonly #data: RunStateJSON;
  readonly #agent: RunnableAgent | undefined;

  /** Wraps state data (made by the loop; use {@link RunState.fromJSON} to read stored state). */
  constructor(data: RunStateJSON, agent?: RunnableAgent) {
    this.#data = copyTree(data);
    this.#agent = agent;
  }

  /** The top-level run id. */
  get runId(): string {
    return this.#data.runId;
  }

  /** The agent that was speaking when the run paused. */
  get agentName(): string {
    return this.#data.agent;
  }

  /** The calls waiting for a decision. */
  get interruptions(): ApprovalRequest[] {
    return copyTree(this.#data.interruptions);
  }

  /** The agent object that was speaking, when this state was not read from JSON. */
  get agent(): RunnableAgent | undefined {
    return this.#agent;
  }

  /** A new state with these decisions added; calls left undecided are asked again when the run goes on. */
  resume(decisions: ResumeDecisions): RunState {
    const data = copyTree(this.#data);
    const ids = data.interruptions.map((request) => request.callId);
    const approve = decisions.approve === 'all' ? ids : (decisions.approve ?? []);
    for (const callId of approve) data.decisions[callId] = { approved: true };
    const reject = decisions.reject === 'all' ? ids : (decisions.reject ?? []);
    for (const item of reject) {
      const decision: ApprovalDecision = { approved: false };
      if (typeof item !== 'string' && item.reason !== undefined) decision.reason = item.reason;
      data.decisions[typeof item === 'string' ? item : item.callId] = decision;
    }
    return new RunState(data, this.#agent);
  }

  /** The serialisable form (a copy). */
  toJSON(): RunStateJSON {
    return copyTree(this.#data);
  }

  /** Reads a stored state; `agent.run(state)` continues it with the agent it is called on. */
  static fromJSON(json: RunStateJSON): RunState {
    if (json?.v !== 1 || typeof json.runId !== 'string' || !Array.isArray(json.messages)) {
      throw new TypeError('Not a RunState JSON (v: 1)');
    }
    return new RunState(json);
  }
}

/** What `agent.run` accepts: a question, messages to append, or a paused run. */
export type RunInput = string | readonly Message[] | RunState;

const TRANSFER = 'hello-dave.transfer';

/** A tool's signal to move the conversation to another agent (see {@link transferTo}). */
export interface Transfer extends ToolOutputConvertible {
  /** Discriminator. */
  readonly kind: typeof TRANSFER;
  /** The agent that takes over. */
  readonly agent: RunnableAgent;
  /** What the model is told as the tool result. */
  readonly message: string;
}

/**
 * Returned from a tool's `run`, moves the conversation to `agent`: the run continues with that agent's
 * instructions, model, tools and settings on the same history. Used by the `transfer` handoff.
 */
export function transferTo(agent: RunnableAgent, message = `Transferred to ${agent.name}.`): Transfer {
  return { kind: TRANSFER, agent, message, toToolOutput: () => message };
}

/** True when a tool returned a {@link transferTo} signal. */
export function isTransfer(value: unknown): value is Transfer {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === TRANSFER;
}

/** Zero usage. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

/** Sums two usages (optional counters are summed when either side has them). */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  if (a.reasoningTokens !== undefined || b.reasoningTokens !== undefined) {
    out.reasoningTokens = (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0);
  }
  if (a.cachedInputTokens !== undefined || b.cachedInputTokens !== undefined) {
    out.cachedInputTokens = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  }
  return out;
}

/** The agent named `name` that `from` can transfer to, directly or through other transfers (breadth first). */
function findTransferTarget(from: RunnableAgent, name: string): RunnableAgent | undefined {
  const seen = new Set<RunnableAgent>([from]);
  const queue: RunnableAgent[] = [from];
  for (let index = 0; index < queue.length; index++) {
    for (const tool of queue[index]?.tools.tools ?? []) {
      const target = tool.transferTarget;
      if (!target || seen.has(target)) continue;
      if (target.name === name) return target;
      seen.add(target);
      queue.push(target);
    }
  }
  return undefined;
}

/**
 * An assistant message's parts without its tool calls and without the reasoning parts that led straight to a
 * call (reasoning is paired with the part after it; left alone it is rejected when the history is sent back).
 */
function withoutToolCalls(parts: readonly AssistantPart[]): AssistantPart[] {
  const out: AssistantPart[] = [];
  let reasoning: AssistantPart[] = [];
  for (const part of parts) {
    if (part.type === 'reasoning') {
      reasoning.push(part);
    } else if (part.type === 'tool-call') {
      reasoning = [];
    } else {
      out.push(...reasoning, part);
      reasoning = [];
    }
  }
  // Reasoning after the last kept part preceded only dropped calls.
  return out;
}

const outputJsonSchemas = new WeakMap<$ZodType, JsonSchema>();

/**
 * An output schema's JSON Schema, made once per schema and deep-frozen (like the tool specs): every run and turn
 * hands the model the same read-only object, and a model may cache what it derives from it.
 */
function sharedOutputJsonSchema(schema: $ZodType): JsonSchema {
  let json = outputJsonSchemas.get(schema);
  if (!json) {
    json = deepFreezeShared(schemaToJsonSchema(schema, 'input'));
    outputJsonSchemas.set(schema, json);
  }
  return json;
}

/** Parses the final answer with the output schema (JSON, optionally inside a ```json fence). */
export function parseStructuredOutput(text: string, schema: $ZodType): unknown {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  let value: unknown;
  try {
    value = JSON.parse(fenced?.[1] ?? trimmed);
  } catch (error) {
    throw new StructuredOutputError(text, [`not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = safeParse(schema, value);
  if (parsed.success) return parsed.data;
  throw new StructuredOutputError(
    text,
    toValidationIssues(parsed.error.issues).map((issue) => `${issue.path || '(output)'}: ${issue.message}`),
  );
}

type EntryBody = SessionEntryInput extends infer E
  ? E extends SessionEntryInput
    ? Omit<E, 'runId' | 'parentRunId'>
    : never
  : never;

/** A one-consumer async queue: the loop pushes events, the stream's reader takes them as they come. */
class Channel<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  push(item: T): void {
    if (this.#closed) return;
    this.#items.push(item);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    while (true) {
      const item = this.#items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}

/** Where the loop sends its events. */
export type EventSink<TOutput> = (event: AgentEvent<TOutput>) => void;

/**
 * Runs an agent as an async generator: yields events as they happen and returns the result. With `streaming`, the
 * model is called through `stream()` and its text arrives as `text-delta` events while it is generated. The run
 * starts at the first `next()`; leaving the loop early (`break`) stops the run (as if its signal had aborted).
 */
export async function* runAgent<TOutput>(
  start: RunnableAgent,
  input: RunInput,
  options: RunOptions = {},
  streaming = false,
): AsyncGenerator<AgentEvent<TOutput>, RunResult<TOutput>, undefined> {
  const stop = new AbortController();
  const outer = options.signal;
  const forward = () => stop.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  const stream = new AgentStream<TOutput>((emit) =>
    runLoop<TOutput>(start, input, { ...options, signal: stop.signal }, streaming, emit),
  );
  let finished = false;
  try {
    yield* stream;
    const result = await stream.result;
    finished = true;
    return result;
  } finally {
    outer?.removeEventListener('abort', forward);
    if (!finished) stop.abort();
  }
}

/**
 * The agent loop behind `agent.run`, `agent.stream` and {@link runAgent}. Events go to `emit`; without it the
 * loop makes none (`agent.run` drops them). Hooks, session entries and the result are the same either way.
 *
 * A plain async function on purpose: generator functions declared inside it would be new closures every run,
 * each with a hidden class of its own that keeps the run's whole state alive until a full garbage collection.
 * @internal
 */
export async function runLoop<TOutput>(
  start: RunnableAgent,
  input: RunInput,
  options: RunOptions,
  streaming: boolean,
  emit?: EventSink<TOutput>,
): Promise<RunResult<TOutput>> {
  const resumed = input instanceof RunState ? input.toJSON() : undefined;
  // A paused run goes on with the agent it is resumed on, unless it had been transferred to another one.
  const pausedAgent = input instanceof RunState ? input.agent : undefined;
  let agent: RunnableAgent = pausedAgent && pausedAgent.name !== start.name ? pausedAgent : start;
  const started = Date.now() - (resumed?.elapsedMs ?? 0);
  const topRunId = resumed?.runId ?? `run_${randomId(20)}`;
  let runId = resumed?.currentRunId ?? topRunId;
  let parentRunId = resumed ? resumed.parentRunId : options.parentRunId;
  let depth = resumed?.depth ?? options.depth ?? 0;
  const { session, signal } = options;
  const outputSchema = start.outputSchema;
  const prompt = new Prompt();
  let steps: RunStep[] = [];
  let usage = emptyUsage();
  let turn = 0;
  let toolCalled = false;
  let continuation: ContinuationRef | undefined;
  const decisions = new Map<string, ApprovalDecision>(Object.entries(resumed?.decisions ?? {}));
  let pending = resumed?.pending;
  let lastFinish: RunFinishReason = 'other';

  const record = async (entry: EntryBody): Promise<void> => {
    if (!session) return;
    const full = { ...entry, runId, ...(parentRunId === undefined ? {} : { parentRunId }) } as SessionEntryInput;
    // Redacted here too, so a store of the user's own never sees a secret either.
    await session.append(prepareEntry(full));
  };
  const checkAbort = () => {
    if (signal?.aborted) throw new AbortedError();
  };
  // Only when the run ends, with the result's other fields. The history and the steps are the caller's own
  // copies, made when first read: the loop never changes them again, and many callers read only the text.
  const snapshot = <T extends object>(fields: T): RunSnapshot & T => {
    const finalSteps = steps;
    const history = historyView(prompt);
    const result: Omit<RunSnapshot, 'messages' | 'steps'> & Partial<RunSnapshot> = {
      runId: topRunId,
      agent: agent.name,
      text: prompt.lastAssistantText(),
      usage: { ...usage },
      finishReason: lastFinish,
      durationMs: Date.now() - started,
      ...fields,
    };
    defineLazy(result, 'messages', () => copyTree(history) as Message[]);
    defineLazy(result, 'steps', () => copyTree(finalSteps));
    return result as RunSnapshot & T;
  };

  checkAbort();
  if (resumed) {
    prompt.add(...resumed.messages);
    steps = resumed.steps;
    usage = resumed.usage;
    turn = resumed.turn;
    toolCalled = resumed.toolCalled;
    continuation = resumed.continuation;
    lastFinish = resumed.pending.response.finishReason;
  } else {
    if (session && options.parentRunId === undefined) {
      const restored = restoreConversation(await session.read());
      prompt.add(...restored.messages);
      continuation = restored.continuation;
      // After a transfer the conversation goes on with the agent it was moved to, when this agent can reach it.
      if (restored.agent !== undefined && restored.agent !== agent.name) {
        agent = findTransferTarget(agent, restored.agent) ?? agent;
      }
    }
    if (session) {
      await record(
        options.handoff
          ? { type: 'start', sessionId: session.id, agent: agent.name, handoff: options.handoff }
          : { type: 'start', sessionId: session.id, agent: agent.name },
      );
    }
  }
  if (emit) {
    emit(
      parentRunId === undefined
        ? { type: 'run-started', runId, agent: agent.name }
        : { type: 'run-started', runId, agent: agent.name, parentRunId },
    );
  }
  if (!resumed) {
    const added: Message[] =
      typeof input === 'string'
        ? [{ role: 'user', content: [{ type: 'text', text: input }] }]
        : [...(input as readonly Message[])];
    if (added.length > 0) prompt.resolveDanglingToolCalls();
    for (const message of added) {
      prompt.add(message);
      await record({ type: 'message', message });
    }
  }

  let instructions = await agent.resolveInstructions({ agent: agent.name, runId, context: options.context });
  // The run's output contract is its first agent's, also after a transfer.
  const outputJson = outputSchema ? sharedOutputJsonSchema(outputSchema) : undefined;

  const buildRequest = (final: boolean): ModelRequest => {
    const messages = agent.pruneToolRounds ? prunedHistoryView(prompt, { keepLast: true }) : historyView(prompt);
    const request: ModelRequest = { messages, tools: sharedToolSpecs(agent.tools) };
    if (instructions !== undefined) request.instructions = instructions;
    if (final) request.toolChoice = 'none';
    else if (agent.tools.size > 0) {
      const choice = agent.toolChoice;
      request.toolChoice = toolCalled && (choice === 'required' || typeof choice === 'object') ? 'auto' : choice;
    }
    if (outputJson) request.output = { name: 'output', schema: outputJson };
    if (agent.settings) request.settings = copyTree(agent.settings);
    if (continuation && continuation.provider === agent.model.provider && continuation.model === agent.model.modelId) {
      request.continuation = continuation.value;
    }
    return request;
  };

  const self = () => ({ runId, agent: agent.name });

  const callOptions = () => (signal ? { signal } : {});

  const streamModel = async (request: ModelRequest): Promise<ModelResponse> => {
    let response: ModelResponse | undefined;
    for await (const event of agent.model.stream(request, callOptions())) {
      if (event.type === 'response') response = event.response;
      else if (!emit) continue;
      else if (event.type === 'text-delta') emit({ type: 'text-delta', ...self(), delta: event.delta });
      else if (event.type === 'reasoning-delta') emit({ type: 'reasoning-delta', ...self(), delta: event.delta });
    }
    if (!response) {
      throw new ResponseValidationError(agent.model.provider, 'the model stream ended without a response', undefined);
    }
    return response;
  };

  const modelTurn = async (final: boolean): Promise<{ response: ModelResponse; ms: number }> => {
    checkAbort();
    turn++;
    const request = buildRequest(final);
    if (emit) emit({ type: 'model-call-started', ...self(), turn });
    const hooks = agent.hooks;
    if (hooks.onModelCall) await hooks.onModelCall({ ...self(), turn, request });
    const t0 = Date.now();
    let response = streaming ? await streamModel(request) : await agent.model.generate(request, callOptions());
    const ms = Date.now() - t0;
    if (final && toolCallsOf(response.message).length > 0) {
      // The model was told not to call tools; calls it made anyway are dropped so the history stays valid, with
      // the reasoning that led to them (an OpenAI reasoning item must be followed by its item). Its continuation
      // goes too: the provider would wait for results of those calls on the next request.
      const { continuation: _dropped, ...rest } = response;
      response = {
        ...rest,
        finishReason: response.finishReason === 'tool-calls' ? 'stop' : response.finishReason,
        message: { role: 'assistant', content: withoutToolCalls(response.message.content) },
      };
    }
    if (hooks.onModelResult) await hooks.onModelResult({ ...self(), turn, response, durationMs: ms });
    // A forced answer that was nothing but dropped calls leaves no message: an empty one is not valid history.
    const keep = !final || response.message.content.length > 0;
    if (keep) prompt.addAssistant(response.message);
    usage = addUsage(usage, response.usage);
    lastFinish = response.finishReason;
    continuation =
      response.continuation === undefined
        ? undefined
        : { provider: agent.model.provider, model: agent.model.modelId, value: response.continuation };
    if (session) {
      if (keep) await record({ type: 'message', message: response.message });
      const modelEntry: EntryBody = {
        type: 'model-call',
        provider: agent.model.provider,
        model: agent.model.modelId,
        usage: response.usage,
        ms,
      };
      if (response.raw.id !== undefined) modelEntry.responseId = response.raw.id;
      if (response.continuation !== undefined) modelEntry.continuation = response.continuation;
      await record(modelEntry);
    }
    if (emit) emit({ type: 'usage', ...self(), usage: { ...response.usage }, total: { ...usage } });
    return { response, ms };
  };

  const finishStep = (response: ModelResponse, modelMs: number, stepMs: number, results: ToolResultPart[]): void => {
    const step: RunStep = {
      turn,
      agent: agent.name,
      runId,
      response,
      toolCalls: toolCallsOf(response.message),
      toolResults: results,
      usage: response.usage,
      modelDurationMs: modelMs,
      durationMs: stepMs,
    };
    // The first step starts a new array: pushing an object into the empty one made optimized code of the loop
    // (compiled while it held objects) throw itself away at the start of every later run.
    if (steps.length === 0) steps = [step];
    else steps.push(step);
    if (emit) emit({ type: 'step-finished', ...self(), step: copyTree(step) });
  };

  const complete = (response: ModelResponse): RunResult<TOutput> => {
    const text = messageText(response.message);
    const output = outputSchema ? parseStructuredOutput(text, outputSchema) : text;
    const result: CompletedRunResult<TOutput> = snapshot({
      status: 'completed' as const,
      text,
      // The output is the text (no schema: TOutput is string) or what the agent's schema parsed.
      output: output as TOutput,
    });
    if (emit) emit({ type: 'run-finished', ...self(), result });
    return result;
  };

  // A running call gets its own signal from executeToolCalls (made if the tool reads it); an approval check
  // gets the run's.
  const contextFor = (call: ToolCallPart, tool: Tool, onJob?: JobObserver): ToolContextFields => {
    const context: ToolContextFields = {
      runId,
      agent: agent.name,
      callId: call.id,
      toolName: tool.name,
      context: options.context,
      depth,
      reportProgress: (progress) => {
        emit?.({ type: 'tool-progress', ...self(), callId: call.id, toolName: tool.name, progress });
      },
      recordJob: async (job, extra = {}) => {
        const entry: EntryBody = { type: 'job', job, callId: call.id, state: extra.state ?? 'pending' };
        if (tool.jobTools?.length) entry.jobTools = tool.jobTools;
        onJob?.(job, entry.state);
        if (extra.artifact) entry.artifact = extra.artifact;
        await record(entry);
      },
    };
    if (session) context.session = session;
    if (options.onApproval) context.onApproval = options.onApproval;
    return context;
  };
  const approvalContext = (call: ToolCallPart, tool: Tool): ToolContext => {
    let own: AbortSignal | undefined;
    return withLazySignal(contextFor(call, tool), () => {
      own ??= signal ?? new AbortController().signal;
      return own;
    });
  };
  // Paths most runs never take (a forced final answer, approvals, session records, a transfer) are helpers of their
  // own, and the step loop is a function of its own: the loop is what runs hot, and a smaller function with fewer
  // awaits is compiled for much less CPU (TurboFan took 127–181 ms for the whole loop inline, 46–75 ms for this one).
  const finalAnswer = async (stepStarted: number): Promise<RunResult<TOutput>> => {
    const final = await modelTurn(true);
    finishStep(final.response, final.ms, Date.now() - stepStarted, []);
    return complete(final.response);
  };

  /** Settles the approvals of a step's calls: the calls as decided, or the paused run when a person must decide. */
  const settleApprovals = async (
    parsed: PreparedToolCall[],
    response: ModelResponse,
    modelMs: number,
  ): Promise<PreparedToolCall[] | InterruptedRunResult> => {
    const prepared = await Promise.all(parsed.map((item) => checkApproval(item, approvalContext)));
    const waiting: ApprovalRequest[] = [];
    for (const item of prepared) {
      if (!item.needsApproval || !item.tool) continue;
      const existing = decisions.get(item.call.id);
      if (existing) {
        await record({
          type: 'approval',
          callId: item.call.id,
          name: item.call.name,
          data: { status: existing.approved ? 'approved' : 'refused', by: 'resume', reason: existing.reason },
        });
        continue;
      }
      const request: ApprovalRequest = {
        callId: item.call.id,
        toolName: item.tool.name,
        input: copyTree(item.input),
        arguments: item.call.arguments,
        agent: agent.name,
        runId,
      };
      if (emit) emit({ type: 'approval-requested', ...self(), request });
      if (options.onApproval) {
        const approved = Boolean(await options.onApproval(copyTree(request)));
        decisions.set(item.call.id, { approved });
        await record({
          type: 'approval',
          callId: item.call.id,
          name: item.call.name,
          data: { status: approved ? 'approved' : 'refused', by: 'callback' },
        });
      } else {
        waiting.push(request);
      }
    }
    if (waiting.length === 0) return prepared;
    for (const request of waiting) {
      await record({
        type: 'approval',
        callId: request.callId,
        name: request.toolName,
        data: { status: 'pending', input: request.input },
      });
    }
    const base = snapshot({});
    const stateData: RunStateJSON = {
      v: 1,
      runId: topRunId,
      currentRunId: runId,
      depth,
      agent: agent.name,
      messages: base.messages,
      steps: base.steps,
      usage: base.usage,
      turn,
      toolCalled,
      pending: { response, modelDurationMs: modelMs },
      interruptions: waiting,
      decisions: Object.fromEntries(decisions),
      elapsedMs: base.durationMs,
    };
    if (parentRunId !== undefined) stateData.parentRunId = parentRunId;
    if (continuation) stateData.continuation = continuation;
    const result: InterruptedRunResult = {
      status: 'interrupted',
      ...base,
      finishReason: 'interrupted',
      interruptions: copyTree(waiting),
      state: new RunState(stateData, agent),
    };
    if (emit) emit({ type: 'run-finished', ...self(), result });
    return result;
  };

  const recordToolCalls = async (prepared: readonly PreparedToolCall[]): Promise<void> => {
    for (const item of prepared) {
      await record({
        type: 'tool-call',
        callId: item.call.id,
        name: item.call.name,
        data: { arguments: item.call.arguments },
      });
    }
  };

  /** Moves the conversation to the agent a tool transferred it to. */
  const transferRun = async (to: RunnableAgent, callId: string): Promise<void> => {
    const from = agent.name;
    agent = to;
    parentRunId = runId;
    runId = `run_${randomId(20)}`;
    depth += 1;
    toolCalled = false;
    // The new agent starts without the old one's stored response: chained onto it, a provider that cannot take
    // instructions with `previous_response_id` (xAI) would answer under the old agent's system prompt. The
    // next request sends the new instructions and the whole history.
    continuation = undefined;
    if (session) {
      await record({
        type: 'start',
        sessionId: session.id,
        agent: agent.name,
        handoff: { mode: 'transfer', from, callId },
      });
    }
    if (emit) {
      emit({ type: 'handoff', ...self(), from, to: agent.name });
      emit({ type: 'run-started', runId, agent: agent.name, parentRunId });
    }
    instructions = await agent.resolveInstructions({ agent: agent.name, runId, context: options.context });
  };

  const loop = async (): Promise<RunResult<TOutput>> => {
    while (true) {
      let response: ModelResponse;
      let modelMs: number;
      const stepStarted = Date.now();
      // A resumed step's model call happened before the pause; its time still counts for the step.
      let carriedMs = 0;
      if (pending) {
        response = pending.response;
        carriedMs = pending.modelDurationMs;
        modelMs = pending.modelDurationMs;
        pending = undefined;
      } else {
        const limit = options.maxTurns ?? agent.maxTurns;
        if (turn >= limit) {
          if (!options.forceFinalAnswer) throw new MaxTurnsExceededError(limit, snapshot({}));
          return finalAnswer(stepStarted);
        }
        const turnResult = await modelTurn(false);
        response = turnResult.response;
        modelMs = turnResult.ms;
      }

      const calls = toolCallsOf(response.message);
      if (calls.length === 0) {
        finishStep(response, modelMs, Date.now() - stepStarted + carriedMs, []);
        return complete(response);
      }

      // A plain loop, not map + some: `some` on the array `map` made deoptimized the loop once it was compiled.
      let prepared: PreparedToolCall[] = [];
      let approvals = false;
      for (let index = 0; index < calls.length; index++) {
        const item = parseToolCall(calls[index] as ToolCallPart, agent.tools);
        prepared.push(item);
        if (awaitsApprovalCheck(item)) approvals = true;
      }
      if (approvals) {
        const settled = await settleApprovals(prepared, response, modelMs);
        if (!Array.isArray(settled)) return settled;
        prepared = settled;
      }
      if (session) await recordToolCalls(prepared);
      const speaker = self();
      const hooks = agent.hooks;
      // Callbacks only where something listens (events, hooks, a session): each one is an await per call.
      const onStart: ExecuteToolCallsOptions['onStart'] =
        emit || hooks.onToolCall
          ? async (item) => {
              if (emit) {
                emit({ type: 'tool-call-started', ...speaker, call: copyTree(item.call), input: copyTree(item.input) });
              }
              await hooks.onToolCall?.({ ...speaker, call: copyTree(item.call), input: item.input });
            }
          : undefined;
      const onFinish: ExecuteToolCallsOptions['onFinish'] =
        emit || hooks.onToolResult || session
          ? async (outcome) => {
              await hooks.onToolResult?.({ ...speaker, outcome });
              await record({
                type: 'tool-result',
                callId: outcome.call.id,
                name: outcome.call.name,
                data: {
                  output: outcome.result.output,
                  isError: outcome.result.isError === true,
                  status: outcome.status,
                  ms: outcome.durationMs,
                },
              });
              if (emit) {
                emit({
                  type: 'tool-call-finished',
                  ...speaker,
                  call: copyTree(outcome.call),
                  result: copyTree(outcome.result),
                  status: outcome.status,
                  ...(outcome.error === undefined ? {} : { error: outcome.error }),
                  durationMs: outcome.durationMs,
                });
              }
            }
          : undefined;
      // One object literal with every field, even when undefined: a closure stored into a field added later gave
      // every step's options object a hidden class of its own, which kept the run alive (see retention.test.ts).
      const execute: ExecuteToolCallsOptions = {
        concurrency: options.toolConcurrency ?? agent.toolConcurrency,
        decisions,
        timeoutMs: agent.toolTimeoutMs,
        context: contextFor,
        signal,
        onStart,
        onFinish,
      };
      const outcomes = await executeToolCalls(prepared, execute);
      const results = outcomes.map((outcome) => outcome.result);
      const toolMessage: Message = { role: 'tool', content: results };
      prompt.add(toolMessage);
      if (session) await record({ type: 'message', message: toolMessage });
      toolCalled = true;
      for (const call of calls) decisions.delete(call.id);
      finishStep(response, modelMs, Date.now() - stepStarted + carriedMs, results);

      const transfer = outcomes.find((outcome) => outcome.status === 'ok' && isTransfer(outcome.value));
      if (transfer && isTransfer(transfer.value)) await transferRun(transfer.value.agent, transfer.call.id);
    }
  };
  return loop();
}

/**
 * The events of a streamed run, as an async iterable (one consumer), and its result. The run starts at once
 * and goes on even if nobody reads the events; cancel it with the `signal` option.
 */
export class AgentStream<TOutput> implements AsyncIterable<AgentEvent<TOutput>> {
  /** Resolves with the run's result once the run ends (rejects with its error). */
  readonly result: Promise<RunResult<TOutput>>;
  readonly #events = new Channel<AgentEvent<TOutput>>();
  #iterated = false;
  #error: { error: unknown } | undefined;

  /**
   * Starts the run: `start` runs the agent loop, sending its events to the `emit` it is given (used by
   * `agent.stream`).
   * @internal
   */
  constructor(start: (emit: EventSink<TOutput>) => Promise<RunResult<TOutput>>) {
    const events = this.#events;
    this.result = (async () => {
      try {
        return await start((event) => events.push(event));
      } catch (error) {
        this.#error = { error };
        throw error;
      } finally {
        events.close();
      }
    })();
    // The error also ends the iteration; an unread result promise must not count as unhandled.
    this.result.catch(() => undefined);
  }

  /** Iterates the events; throws the run's error after the last event when the run failed. */
  async *[Symbol.asyncIterator](): AsyncGenerator<AgentEvent<TOutput>, void, undefined> {
    if (this.#iterated) throw new TypeError('An agent stream can be iterated only once.');
    this.#iterated = true;
    yield* this.#events;
    if (this.#error) throw this.#error.error;
  }
}
