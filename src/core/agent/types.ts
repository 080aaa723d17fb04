/**
 * The types the agent loop shares with agents, events and callers: what the loop needs of an agent, its hooks,
 * a run's options, its steps and the fields every result has. Types only.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import type { ChatModel, FinishReason, ModelRequest, ModelResponse, ModelSettings, ToolChoice } from '../model.js';
import type { Message, ToolCallPart, ToolResultPart, Usage } from '../prompt/message.js';
import type { HandoffInfo, Session } from '../session/session.js';
import type { ApprovalHandler } from '../tools/define-tool.js';
import type { ToolCallOutcome } from '../tools/execute-tool-calls.js';
import type { ToolSet } from '../tools/tool-set.js';

/** What instruction functions get; `TContext` is the type of the run's `context` option. */
export interface InstructionsContext<TContext = unknown> {
  /** The agent's name. */
  agent: string;
  /** The run. */
  runId: string;
  /** The run's `context` option. */
  context: TContext;
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

/** Options of one run; `TContext` is the type of its `context` (the agent's). */
export interface RunOptions<TContext = unknown> {
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
  /**
   * A value handed to tools (`ctx.context`) and instruction functions, never sent to the model. Required when the
   * agent's context type is (an `Agent<MyContext>`, or tools typed with `ToolContext<MyContext>`).
   */
  context?: TContext;
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

/**
 * The options argument of an agent's `run` and `stream`: optional, unless the agent's context type needs a value
 * (an `Agent<{ userId: string }>`): then it must be given, with `context`.
 */
export type RunOptionsArgument<TContext> = undefined extends TContext
  ? [options?: RunOptions<TContext>]
  : [options: RunOptions<TContext> & { context: TContext }];
