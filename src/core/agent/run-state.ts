/**
 * A paused run (`RunState`): the history, the tool calls waiting for approval and the decisions made, with its
 * serialisable form, so a run can pause in one process and resume in another.
 * @module
 */
import { copyTree } from '../immutable.js';
import type { ModelResponse } from '../model.js';
import type { Message, Usage } from '../prompt/message.js';
import type { ApprovalRequest } from '../tools/define-tool.js';
import type { ApprovalDecision } from '../tools/tool-call.js';
import { checkRunStateJSON } from './run-state-schema.js';
import type { ContinuationRef, ResumeDecisions, RunnableAgent, RunStep } from './types.js';

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

  /**
   * Reads a stored state (`toJSON()` of this or an earlier release); `agent.run(state)` continues it with the agent
   * it is called on.
   * @throws {TypeError} the value is not a stored state: the message names each field that does not fit, or the
   * unknown version.
   */
  static fromJSON(json: unknown): RunState {
    checkRunStateJSON(json);
    // The checked original (copied), not zod's rebuilt copy: opaque values (reasoning data) stay exact.
    return new RunState(json as RunStateJSON);
  }
}

/** What `agent.run` accepts: a question, messages to append, or a paused run. */
export type RunInput = string | readonly Message[] | RunState;
