/**
 * A run in progress (`ActiveRun`): the one object every step of the loop reads and changes, and the small
 * operations every step uses on it: session records, the speaker of events, the fields of a result.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import { AbortedError } from '../../common/errors.js';
import { copyTree, defineLazy } from '../immutable.js';
import type { JsonSchema } from '../model.js';
import type { Message, Usage } from '../prompt/message.js';
import { historyView, Prompt } from '../prompt/prompt.js';
import { prepareEntry, randomId, type Session, type SessionEntryInput } from '../session/session.js';
import type { ApprovalDecision } from '../tools/tool-call.js';
import type { RunState, RunStateJSON } from './run-state.js';
import type { EventSink } from './stream.js';
import type { ContinuationRef, RunFinishReason, RunnableAgent, RunOptions, RunSnapshot, RunStep } from './types.js';
import { emptyUsage } from './usage.js';

/** A session entry as the loop writes it: {@link record} adds the run ids. */
export type EntryBody = SessionEntryInput extends infer E
  ? E extends SessionEntryInput
    ? Omit<E, 'runId' | 'parentRunId'>
    : never
  : never;

/** The state of a run in progress. */
export interface ActiveRun<TOutput> {
  /** The run's options. */
  readonly options: RunOptions;
  /** Where the run is recorded. */
  readonly session: Session | undefined;
  /** Cancels the run. */
  readonly signal: AbortSignal | undefined;
  /** Whether the model is called through `stream()`. */
  readonly streaming: boolean;
  /** Where events go; without it the loop makes none. */
  readonly emit: EventSink<TOutput> | undefined;
  /** The top-level run's id (the result's `runId`, also after a transfer). */
  readonly topRunId: string;
  /** When the run started (earlier by the time spent before a pause), ms since the epoch. */
  readonly started: number;
  /** The run's output contract: its first agent's schema, also after a transfer. */
  readonly outputSchema: $ZodType | undefined;
  /** The history. */
  readonly prompt: Prompt;
  /** Approval decisions by call id, for the calls of the current step. */
  readonly decisions: Map<string, ApprovalDecision>;
  /** The output schema's JSON Schema, sent with every model call. */
  outputJson: JsonSchema | undefined;
  /** The speaking agent's system instructions. */
  instructions: string | undefined;
  /** The agent speaking (another one after a transfer). */
  agent: RunnableAgent;
  /** The (sub-)run in progress: the top-level run, or the sub-run of the agent transferred to. */
  runId: string;
  /** Its parent run. */
  parentRunId: string | undefined;
  /** Handoff depth. */
  depth: number;
  /** The steps so far. */
  steps: RunStep[];
  /** Token totals. */
  usage: Usage;
  /** Model calls made. */
  turn: number;
  /** Whether a tool call ran (tool choice `required` or a named tool falls back to `auto`). */
  toolCalled: boolean;
  /** The model's continuation of its last answer, when it gave one. */
  continuation: ContinuationRef | undefined;
  /** A paused run's model answer whose tool calls wait, until the first step takes it. */
  pending: RunStateJSON['pending'] | undefined;
  /** Why the last model call ended. */
  lastFinish: RunFinishReason;
}

/**
 * A new run's state: fresh, or with the ids, agent and timing of the paused run `paused` (its history and counters
 * are restored by the caller). A paused run goes on with the agent it is resumed on, unless it had been transferred.
 */
export function newRun<TOutput>(
  start: RunnableAgent,
  paused: RunState | undefined,
  resumed: RunStateJSON | undefined,
  options: RunOptions,
  streaming: boolean,
  emit: EventSink<TOutput> | undefined,
): ActiveRun<TOutput> {
  const pausedAgent = paused?.agent;
  const topRunId = resumed?.runId ?? `run_${randomId(20)}`;
  return {
    options,
    session: options.session,
    signal: options.signal,
    streaming,
    emit,
    topRunId,
    started: Date.now() - (resumed?.elapsedMs ?? 0),
    outputSchema: start.outputSchema,
    prompt: new Prompt(),
    decisions: new Map<string, ApprovalDecision>(Object.entries(resumed?.decisions ?? {})),
    outputJson: undefined,
    instructions: undefined,
    agent: pausedAgent && pausedAgent.name !== start.name ? pausedAgent : start,
    runId: resumed?.currentRunId ?? topRunId,
    parentRunId: resumed ? resumed.parentRunId : options.parentRunId,
    depth: resumed?.depth ?? options.depth ?? 0,
    steps: [],
    usage: emptyUsage(),
    turn: 0,
    toolCalled: false,
    continuation: undefined,
    pending: resumed?.pending,
    lastFinish: 'other',
  };
}

/** Appends an entry to the run's session (if it has one), with the run ids, redacted. */
export async function record<TOutput>(run: ActiveRun<TOutput>, entry: EntryBody): Promise<void> {
  const { session, runId, parentRunId } = run;
  if (!session) return;
  const full = { ...entry, runId, ...(parentRunId === undefined ? {} : { parentRunId }) } as SessionEntryInput;
  // Redacted here too, so a store of the user's own never sees a secret either.
  await session.append(prepareEntry(full));
}

/** The run and agent every event names. */
export function speaker<TOutput>(run: ActiveRun<TOutput>): { runId: string; agent: string } {
  return { runId: run.runId, agent: run.agent.name };
}

/** Throws {@link AbortedError} when the run's signal has aborted. */
export function checkAbort<TOutput>(run: ActiveRun<TOutput>): void {
  if (run.signal?.aborted) throw new AbortedError();
}

/** The options of a model call: the run's signal, when it has one. */
export function callOptions<TOutput>(run: ActiveRun<TOutput>): { signal?: AbortSignal } {
  return run.signal ? { signal: run.signal } : {};
}

/**
 * The fields every result has, with `fields` added; only when the run ends. The history and the steps are the
 * caller's own copies, made when first read: the loop never changes them again, and many callers read only the text.
 */
export function snapshot<TOutput, T extends object>(run: ActiveRun<TOutput>, fields: T): RunSnapshot & T {
  const finalSteps = run.steps;
  const history = historyView(run.prompt);
  const result: Omit<RunSnapshot, 'messages' | 'steps'> & Partial<RunSnapshot> = {
    runId: run.topRunId,
    agent: run.agent.name,
    text: run.prompt.lastAssistantText(),
    usage: { ...run.usage },
    finishReason: run.lastFinish,
    durationMs: Date.now() - run.started,
    ...fields,
  };
  defineLazy(result, 'messages', () => copyTree(history) as Message[]);
  defineLazy(result, 'steps', () => copyTree(finalSteps));
  return result as RunSnapshot & T;
}
