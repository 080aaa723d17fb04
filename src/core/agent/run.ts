/**
 * The agent loop: ask the model, run the tool calls it asks for (validated, concurrently, with limits and
 * approvals), append the results, and repeat until the model answers without tools or the turn limit is
 * reached, emitting events and session entries as it goes. It knows nothing of any provider: it talks to a
 * `ChatModel` only.
 *
 * Each step works on one `ActiveRun` (`active-run.ts`): `open-run.ts` makes it, `model-turn.ts` calls the model,
 * `approvals.ts` and `tool-round.ts` settle and run the tool calls, `transfer.ts` moves it to another agent.
 * @module
 */
import { MaxTurnsExceededError } from '../../common/errors.js';
import { copyTree } from '../immutable.js';
import type { ModelResponse } from '../model.js';
import type { ToolCallPart, ToolResultPart } from '../prompt/message.js';
import { messageText, toolCallsOf } from '../prompt/prompt.js';
import type { ToolCallOutcome } from '../tools/execute-tool-calls.js';
import { awaitsApprovalCheck, type PreparedToolCall, parseToolCall } from '../tools/tool-call.js';
import { type ActiveRun, snapshot, speaker } from './active-run.js';
import { settleApprovals } from './approvals.js';
import type { AgentEvent } from './events.js';
import { modelTurn } from './model-turn.js';
import { openRun } from './open-run.js';
import type { CompletedRunResult, InterruptedRunResult, RunResult } from './result.js';
import type { RunInput } from './run-state.js';
import { AgentStream, type EventSink } from './stream.js';
import { parseStructuredOutput } from './structured-output.js';
import { addToolResults, recordToolCalls, runToolCalls } from './tool-round.js';
import { isTransfer, type Transfer, transferRun } from './transfer.js';
import type { RunnableAgent, RunOptions, RunStep } from './types.js';

// Kept for the tests that import these from here, as before the split.
export type { RunResult } from './result.js';
export { RunState } from './run-state.js';
export type { RunSnapshot, RunStep } from './types.js';

/** The model answer a step works on, and the model time it counts (a resumed step's call came before the pause). */
interface StepAnswer {
  /** The answer. */
  response: ModelResponse;
  /** Duration of its model call, ms. */
  modelMs: number;
  /** Model time spent before a pause, added to the step's duration. */
  carriedMs: number;
}

/**
 * The agent loop behind `agent.run`, `agent.stream` and {@link runAgent}. Events go to `emit`; without it the
 * loop makes none (`agent.run` drops them). Hooks, session entries and the result are the same either way.
 * @internal
 */
export async function runLoop<TOutput>(
  start: RunnableAgent,
  input: RunInput,
  options: RunOptions,
  streaming: boolean,
  emit?: EventSink<TOutput>,
): Promise<RunResult<TOutput>> {
  const run = await openRun(start, input, options, streaming, emit);
  while (true) {
    const stepStarted = Date.now();
    if (!run.pending && run.turn >= turnLimit(run)) return finalAnswer(run, stepStarted);
    const answer = run.pending ? takePending(run) : await nextAnswer(run);
    const calls = toolCallsOf(answer.response.message);
    if (calls.length === 0) {
      finishStep(run, answer, stepStarted, []);
      return complete(run, answer.response);
    }
    const prepared = await prepareCalls(run, calls, answer);
    if (!Array.isArray(prepared)) return prepared;
    const outcomes = await runToolCalls(run, prepared);
    const results = await addToolResults(run, calls, outcomes);
    finishStep(run, answer, stepStarted, results);
    const transfer = transferIn(outcomes);
    if (transfer) await transferRun(run, transfer.signal.agent, transfer.callId);
  }
}

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

/** Model calls this run may make. */
function turnLimit<TOutput>(run: ActiveRun<TOutput>): number {
  return run.options.maxTurns ?? run.agent.maxTurns;
}

/** At the turn limit: one last model call without tools (`forceFinalAnswer`), else {@link MaxTurnsExceededError}. */
async function finalAnswer<TOutput>(run: ActiveRun<TOutput>, stepStarted: number): Promise<RunResult<TOutput>> {
  if (!run.options.forceFinalAnswer) throw new MaxTurnsExceededError(turnLimit(run), snapshot(run, {}));
  const final = await modelTurn(run, true);
  finishStep(run, { response: final.response, modelMs: final.ms, carriedMs: 0 }, stepStarted, []);
  return complete(run, final.response);
}

/** A paused run's model answer, taken once by its first step. */
function takePending<TOutput>(run: ActiveRun<TOutput>): StepAnswer {
  const pending = run.pending as NonNullable<ActiveRun<TOutput>['pending']>;
  run.pending = undefined;
  return { response: pending.response, modelMs: pending.modelDurationMs, carriedMs: pending.modelDurationMs };
}

/** The next model answer. */
async function nextAnswer<TOutput>(run: ActiveRun<TOutput>): Promise<StepAnswer> {
  const turn = await modelTurn(run, false);
  return { response: turn.response, modelMs: turn.ms, carriedMs: 0 };
}

/**
 * Parses and validates a step's calls and settles their approvals: the calls ready to run (recorded in the
 * session), or the paused run when a person must decide.
 */
async function prepareCalls<TOutput>(
  run: ActiveRun<TOutput>,
  calls: readonly ToolCallPart[],
  answer: StepAnswer,
): Promise<PreparedToolCall[] | InterruptedRunResult> {
  // A plain loop (docs/performance.md).
  let prepared: PreparedToolCall[] = [];
  let approvals = false;
  for (let index = 0; index < calls.length; index++) {
    const item = parseToolCall(calls[index] as ToolCallPart, run.agent.tools);
    prepared.push(item);
    if (awaitsApprovalCheck(item)) approvals = true;
  }
  if (approvals) {
    const settled = await settleApprovals(run, prepared, answer.response, answer.modelMs);
    if (!Array.isArray(settled)) return settled;
    prepared = settled;
  }
  if (run.session) await recordToolCalls(run, prepared);
  return prepared;
}

/** Adds the step to the run's steps and emits `step-finished`. */
function finishStep<TOutput>(
  run: ActiveRun<TOutput>,
  answer: StepAnswer,
  stepStarted: number,
  results: ToolResultPart[],
): void {
  const { response } = answer;
  const step: RunStep = {
    turn: run.turn,
    agent: run.agent.name,
    runId: run.runId,
    response,
    toolCalls: toolCallsOf(response.message),
    toolResults: results,
    usage: response.usage,
    modelDurationMs: answer.modelMs,
    durationMs: Date.now() - stepStarted + answer.carriedMs,
  };
  // The first step starts a new array rather than growing the empty one (docs/performance.md).
  if (run.steps.length === 0) run.steps = [step];
  else run.steps.push(step);
  if (run.emit) run.emit({ type: 'step-finished', ...speaker(run), step: copyTree(step) });
}

/** The completed result of the model's last answer (parsed with the output schema, when the run has one). */
function complete<TOutput>(run: ActiveRun<TOutput>, response: ModelResponse): RunResult<TOutput> {
  const text = messageText(response.message);
  const output = run.outputSchema ? parseStructuredOutput(text, run.outputSchema) : text;
  const result: CompletedRunResult<TOutput> = snapshot(run, {
    status: 'completed' as const,
    text,
    // The output is the text (no schema: TOutput is string) or what the agent's schema parsed.
    output: output as TOutput,
  });
  if (run.emit) run.emit({ type: 'run-finished', ...speaker(run), result });
  return result;
}

/** The transfer a tool of this step returned, if any (the first). */
function transferIn(outcomes: readonly ToolCallOutcome[]): { signal: Transfer; callId: string } | undefined {
  for (const outcome of outcomes) {
    if (outcome.status === 'ok' && isTransfer(outcome.value)) return { signal: outcome.value, callId: outcome.call.id };
  }
  return undefined;
}
