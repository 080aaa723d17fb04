/**
 * Runs prepared tool calls: several at once up to a limit, each with its time limit and the run's AbortSignal,
 * and every failure (invalid input, refusal, throw, timeout, bad output) turned into a result the model can read.
 * @module
 */
import { AbortedError } from '../../common/errors.js';
import { jobToolsHint } from '../../common/job-hint.js';
import type { JobRef, JobState } from '../../common/jobs.js';
import { redactSecrets } from '../../common/secrets.js';
import type { ToolCallPart, ToolResultPart } from '../prompt/message.js';
import { DEFAULT_TOOL_TIMEOUT_MS, type Tool } from './define-tool.js';
import type { ApprovalDecision, PreparedToolCall } from './tool-call.js';
import { describeIssues, errorMessage } from './tool-call.js';
import { type JobObserver, type ToolContextFields, withLazySignal } from './tool-context.js';
import { toolOutputText } from './tool-output.js';

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

/** Default number of tool calls run at once. */
export const DEFAULT_TOOL_CONCURRENCY = 4;

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

/**
 * What can stop a running call: the run's signal and the tool's time limit. The call's own signal is made only
 * when the tool reads `context.signal` (most never do); made late, it starts out aborted if the call was stopped.
 */
class CallStop {
  /** Rejects when the call must stop (`ToolTimeout`, or `AbortedError` when the run aborts), if anything can stop it. */
  readonly stopped: Promise<never> | undefined;
  readonly #runSignal: AbortSignal | undefined;
  #controller: AbortController | undefined;
  #reason: { reason: unknown } | undefined;
  #reject: ((error: unknown) => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onRunAbort = (): void => {
    this.#abort(this.#runSignal?.reason);
    this.#reject?.(new AbortedError());
  };

  constructor(runSignal: AbortSignal | undefined, limitMs: number) {
    this.#runSignal = runSignal;
    const limited = limitMs <= MAX_TIMER_MS;
    this.stopped =
      limited || runSignal
        ? new Promise<never>((_, reject) => {
            this.#reject = reject;
          })
        : undefined;
    runSignal?.addEventListener('abort', this.#onRunAbort, { once: true });
    if (limited) {
      this.#timer = setTimeout(() => {
        const error = new ToolTimeout(`timed out after ${formatLimit(limitMs)}`);
        this.#abort(error);
        this.#reject?.(error);
      }, limitMs);
    }
  }

  /** The call's own signal (the tool context's `signal`). */
  readonly signal = (): AbortSignal => {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason.reason);
    }
    return this.#controller.signal;
  };

  /** Stops the timer and the run-signal listener; a tool still running after a timeout leaves no unhandled rejection. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#runSignal?.removeEventListener('abort', this.#onRunAbort);
    this.stopped?.catch(() => undefined);
  }

  #abort(reason: unknown): void {
    this.#reason ??= { reason };
    this.#controller?.abort(reason);
  }
}

/** An outcome of `prepared` with this status and text, timed from `started` (`isError` unless `ok`). */
function outcomeOf(
  prepared: PreparedToolCall,
  started: number,
  status: ToolCallOutcome['status'],
  output: string,
  { isError = status !== 'ok', ...extra }: Partial<ToolCallOutcome> & { isError?: boolean } = {},
): ToolCallOutcome {
  const { call } = prepared;
  const result: ToolResultPart = { type: 'tool-result', callId: call.id, name: call.name, output };
  if (isError) result.isError = true;
  const done: ToolCallOutcome = { call, result, status, durationMs: Date.now() - started, ...extra };
  if (prepared.input !== undefined) done.input = prepared.input;
  return done;
}

/** What the model reads when a call that needs approval was not approved, or `undefined` when it may run. */
function refusal(
  prepared: PreparedToolCall,
  tool: Tool,
  decisions: ExecuteToolCallsOptions['decisions'],
): string | undefined {
  if (!prepared.needsApproval) return undefined;
  const decision = decisions?.get(prepared.call.id);
  if (decision?.approved) return undefined;
  const reason = decision?.reason ? `: ${redactSecrets(decision.reason)}` : '';
  return `The user refused this call of ${tool.name}${reason}. Do not call it again unless the user asks for it.`;
}

/** The outcome of a tool's return value: checked against its output schema, then made the text the model reads. */
function valueOutcome(prepared: PreparedToolCall, tool: Tool, started: number, value: unknown): ToolCallOutcome {
  if (tool.outputSchema) {
    const problems = describeIssues(tool.outputSchema, value);
    if (problems !== undefined) {
      const text = `${tool.name} returned a result that does not match its output schema: ${problems}`;
      return outcomeOf(prepared, started, 'error', text, { value });
    }
  }
  let text: string;
  try {
    text = toolOutputText(value);
  } catch (error) {
    return outcomeOf(
      prepared,
      started,
      'error',
      `${tool.name} ran, but its result cannot be sent to you as JSON: ${redactSecrets(error instanceof Error ? error.message : String(error))}. ` +
        'This is a fault of the tool, not of your call: tell the user rather than calling it again.',
      { value },
    );
  }
  return outcomeOf(prepared, started, 'ok', text, { value });
}

/** The outcome of a call that threw or timed out (a timeout after a recorded job returns the job). */
function failureOutcome(
  prepared: PreparedToolCall,
  tool: Tool,
  started: number,
  error: unknown,
  job: { ref: JobRef; state: JobState } | undefined,
  limitMs: number,
): ToolCallOutcome {
  if (!(error instanceof ToolTimeout)) {
    return outcomeOf(prepared, started, 'error', `${tool.name} failed: ${errorMessage(error)}`, { error });
  }
  if (job) return outcomeOf(prepared, started, 'timeout', jobContinuation(tool, job, limitMs), { isError: false });
  return outcomeOf(
    prepared,
    started,
    'timeout',
    `${tool.name} ${error.message} and was stopped. Try again with a smaller task, or do without it.`,
  );
}

/** Runs one prepared call to its outcome; rejects only when the run aborts or `onStart` throws. */
async function runOne(prepared: PreparedToolCall, options: ExecuteToolCallsOptions): Promise<ToolCallOutcome> {
  const { call, tool } = prepared;
  const started = Date.now();
  if (prepared.error !== undefined || !tool) {
    return outcomeOf(prepared, started, 'invalid', prepared.error ?? 'Unknown tool.');
  }
  const refused = refusal(prepared, tool, options.decisions);
  if (refused !== undefined) return outcomeOf(prepared, started, 'refused', refused);
  const runSignal = options.signal;
  if (runSignal?.aborted) throw new AbortedError();
  // Outside the tool's try: a hook that throws fails the run (it is not the tool's failure, and the tool never runs).
  await options.onStart?.(prepared);
  if (runSignal?.aborted) throw new AbortedError();
  const limitMs = tool.timeoutMs ?? options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const stop = new CallStop(runSignal, limitMs);
  // The last job this call started (through `recordJob`): a time limit after it returns the job, not an error.
  let job: { ref: JobRef; state: JobState } | undefined;
  try {
    // The job observer is an argument of `context`, not a wrapper over the context's `recordJob` (docs/performance.md).
    const fields = options.context(call, tool, (ref, state) => {
      job = { ref, state };
    });
    const context = withLazySignal(fields, stop.signal);
    const running = tool.run(prepared.input, context);
    const value = stop.stopped ? await Promise.race([running, stop.stopped]) : await running;
    return valueOutcome(prepared, tool, started, value);
  } catch (error) {
    if (AbortedError.isInstance(error) || runSignal?.aborted) throw new AbortedError();
    return failureOutcome(prepared, tool, started, error, job, limitMs);
  } finally {
    stop.dispose();
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
