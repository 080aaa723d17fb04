/**
 * What a run returns: completed (with its output) or interrupted (with the calls waiting for approval and the
 * state to resume from).
 * @module
 */
import type { ApprovalRequest } from '../tools/define-tool.js';
import type { RunState } from './run-state.js';
import type { RunSnapshot } from './types.js';

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
