/**
 * The typed events `agent.stream()` yields, in the order they happen. Every event names its run and agent.
 * @module
 */
import type { ToolCallPart, ToolResultPart, Usage } from '../prompt/message.js';
import type { ApprovalRequest, ToolProgress } from '../tools/define-tool.js';
import type { ToolCallOutcome } from '../tools/execute-tool-calls.js';
import type { RunResult } from './result.js';
import type { RunStep } from './types.js';

/** Fields every event carries. */
export interface AgentEventBase {
  /** The run (after a transfer: the sub-run of the agent that now speaks). */
  runId: string;
  /** The agent speaking. */
  agent: string;
}

/** The run began (also after a transfer, for the new agent). */
export interface RunStartedEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'run-started';
  /** The run that started this one, for sub-runs. */
  parentRunId?: string;
}

/** A model call is about to be made. */
export interface ModelCallStartedEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'model-call-started';
  /** Turn number, from 1. */
  turn: number;
}

/** A piece of answer text, as the model streams it. */
export interface TextDeltaEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'text-delta';
  /** The new text. */
  delta: string;
}

/** A piece of reasoning summary or thinking text. */
export interface ReasoningDeltaEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'reasoning-delta';
  /** The new text. */
  delta: string;
}

/**
 * A piece of a refusal, as the model streams it (OpenAI Responses): the model declines instead of answering. Not
 * repeated as `text-delta`s; the step's message and `result.text` hold the whole refusal.
 */
export interface RefusalDeltaEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'refusal-delta';
  /** The new text. */
  delta: string;
}

/** A tool call began running (after validation and approval). */
export interface ToolCallStartedEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'tool-call-started';
  /** The call. */
  call: ToolCallPart;
  /** The validated input. */
  input: unknown;
}

/** A running tool reported progress. */
export interface ToolProgressEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'tool-progress';
  /** The call id. */
  callId: string;
  /** The tool name. */
  toolName: string;
  /** What it reported. */
  progress: ToolProgress;
}

/** A tool call has its result (also invalid, refused, failed and timed-out calls). */
export interface ToolCallFinishedEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'tool-call-finished';
  /** The call. */
  call: ToolCallPart;
  /** The result that goes back to the model. */
  result: ToolResultPart;
  /** How it ended. */
  status: ToolCallOutcome['status'];
  /** What the tool threw (`status: 'error'`), the object itself; never stored in sessions. */
  error?: unknown;
  /** Time spent, ms. */
  durationMs: number;
}

/** A tool call needs a person's approval (the run asks `onApproval`, or pauses). */
export interface ApprovalRequestedEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'approval-requested';
  /** The request. */
  request: ApprovalRequest;
}

/** Token usage of the model call that just finished, and the run's total so far. */
export interface UsageEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'usage';
  /** This call. */
  usage: Usage;
  /** The run so far. */
  total: Usage;
}

/** A step (one model call and the tool calls it asked for) is complete. */
export interface StepFinishedEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'step-finished';
  /** The step. */
  step: RunStep;
}

/** The conversation moved to another agent (a transfer handoff). */
export interface HandoffEvent extends AgentEventBase {
  /** Discriminator. */
  type: 'handoff';
  /** The agent that handed off. */
  from: string;
  /** The agent that continues. */
  to: string;
}

/** The run ended (completed or paused for approval); the last event. */
export interface RunFinishedEvent<TOutput> extends AgentEventBase {
  /** Discriminator. */
  type: 'run-finished';
  /** The result, the same object `stream.result` resolves to. */
  result: RunResult<TOutput>;
}

/** Any event of a run. */
export type AgentEvent<TOutput = unknown> =
  | RunStartedEvent
  | ModelCallStartedEvent
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | RefusalDeltaEvent
  | ToolCallStartedEvent
  | ToolProgressEvent
  | ToolCallFinishedEvent
  | ApprovalRequestedEvent
  | UsageEvent
  | StepFinishedEvent
  | HandoffEvent
  | RunFinishedEvent<TOutput>;
