/**
 * The tool side of a step: the context each call gets, the calls run through the executor with the run's hooks,
 * events and session entries around them, and their results added to the history.
 * @module
 */
import { copyTree } from '../immutable.js';
import type { Message, ToolCallPart, ToolResultPart } from '../prompt/message.js';
import type { Tool } from '../tools/define-tool.js';
import { type ExecuteToolCallsOptions, executeToolCalls, type ToolCallOutcome } from '../tools/execute-tool-calls.js';
import type { PreparedToolCall } from '../tools/tool-call.js';
import type { JobObserver, ToolContextFields } from '../tools/tool-context.js';
import { type ActiveRun, type EntryBody, record, speaker } from './active-run.js';

/**
 * The context of one tool call, without its `signal`: a call running in the executor gets its own, an approval
 * check the run's. `onJob` is told of each job the call records.
 */
export function toolContext<TOutput>(
  run: ActiveRun<TOutput>,
  call: ToolCallPart,
  tool: Tool,
  onJob?: JobObserver,
): ToolContextFields {
  const { options, session } = run;
  const context: ToolContextFields = {
    runId: run.runId,
    agent: run.agent.name,
    callId: call.id,
    toolName: tool.name,
    context: options.context,
    depth: run.depth,
    reportProgress: (progress) => {
      run.emit?.({ type: 'tool-progress', ...speaker(run), callId: call.id, toolName: tool.name, progress });
    },
    recordJob: async (job, extra = {}) => {
      const entry: EntryBody = { type: 'job', job, callId: call.id, state: extra.state ?? 'pending' };
      if (tool.jobTools?.length) entry.jobTools = tool.jobTools;
      onJob?.(job, entry.state);
      if (extra.artifact) entry.artifact = extra.artifact;
      await record(run, entry);
    },
  };
  if (session) context.session = session;
  if (options.onApproval) context.onApproval = options.onApproval;
  return context;
}

/** Records the calls about to run (`tool-call` entries). */
export async function recordToolCalls<TOutput>(
  run: ActiveRun<TOutput>,
  prepared: readonly PreparedToolCall[],
): Promise<void> {
  for (const item of prepared) {
    await record(run, {
      type: 'tool-call',
      callId: item.call.id,
      name: item.call.name,
      data: { arguments: item.call.arguments },
    });
  }
}

/** Runs a step's prepared calls with the run's limits, signal and approval decisions; outcomes in call order. */
export async function runToolCalls<TOutput>(
  run: ActiveRun<TOutput>,
  prepared: readonly PreparedToolCall[],
): Promise<ToolCallOutcome[]> {
  const { agent, options } = run;
  // Every field in the literal, also the undefined ones (docs/performance.md).
  const execute: ExecuteToolCallsOptions = {
    concurrency: options.toolConcurrency ?? agent.toolConcurrency,
    decisions: run.decisions,
    timeoutMs: agent.toolTimeoutMs,
    context: (call, tool, onJob) => toolContext(run, call, tool, onJob),
    signal: run.signal,
    onStart: startCallback(run),
    onFinish: finishCallback(run),
  };
  return executeToolCalls(prepared, execute);
}

/**
 * Adds the step's tool results to the history (one `tool` message) and the session, and closes the step's
 * approvals. Returns the results, in call order.
 */
export async function addToolResults<TOutput>(
  run: ActiveRun<TOutput>,
  calls: readonly ToolCallPart[],
  outcomes: readonly ToolCallOutcome[],
): Promise<ToolResultPart[]> {
  const results = outcomes.map((outcome) => outcome.result);
  const toolMessage: Message = { role: 'tool', content: results };
  run.prompt.add(toolMessage);
  if (run.session) await record(run, { type: 'message', message: toolMessage });
  run.toolCalled = true;
  for (const call of calls) run.decisions.delete(call.id);
  return results;
}

// The callbacks exist only where something listens (events, hooks, a session): each one is an await per call.

/** Before a call runs: the `tool-call-started` event and the `onToolCall` hook. */
function startCallback<TOutput>(run: ActiveRun<TOutput>): ExecuteToolCallsOptions['onStart'] {
  const { emit } = run;
  const hooks = run.agent.hooks;
  if (!emit && !hooks.onToolCall) return undefined;
  const who = speaker(run);
  return async (item) => {
    if (emit) emit({ type: 'tool-call-started', ...who, call: copyTree(item.call), input: copyTree(item.input) });
    await hooks.onToolCall?.({ ...who, call: copyTree(item.call), input: item.input });
  };
}

/** After a call has its result: the `onToolResult` hook, the `tool-result` entry, the `tool-call-finished` event. */
function finishCallback<TOutput>(run: ActiveRun<TOutput>): ExecuteToolCallsOptions['onFinish'] {
  const { emit, session } = run;
  const hooks = run.agent.hooks;
  if (!emit && !hooks.onToolResult && !session) return undefined;
  const who = speaker(run);
  return async (outcome) => {
    await hooks.onToolResult?.({ ...who, outcome });
    await record(run, {
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
        ...who,
        call: copyTree(outcome.call),
        result: copyTree(outcome.result),
        status: outcome.status,
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        durationMs: outcome.durationMs,
      });
    }
  };
}
