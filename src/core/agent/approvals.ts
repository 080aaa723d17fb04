/**
 * Approvals of a step's tool calls: each call that needs one is decided by a decision carried over from a pause,
 * by the run's `onApproval` callback, or by a person later: then the run pauses with a `RunState` to resume from.
 * @module
 */
import { copyTree } from '../immutable.js';
import type { ModelResponse } from '../model.js';
import type { ToolCallPart } from '../prompt/message.js';
import type { ApprovalRequest, Tool, ToolContext } from '../tools/define-tool.js';
import { checkApproval, type PreparedToolCall } from '../tools/tool-call.js';
import { withLazySignal } from '../tools/tool-context.js';
import { type ActiveRun, record, snapshot, speaker } from './active-run.js';
import type { InterruptedRunResult } from './result.js';
import { RunState, type RunStateJSON } from './run-state.js';
import { toolContext } from './tool-round.js';

/** Settles the approvals of a step's calls: the calls as decided, or the paused run when a person must decide. */
export async function settleApprovals<TOutput>(
  run: ActiveRun<TOutput>,
  parsed: readonly PreparedToolCall[],
  response: ModelResponse,
  modelMs: number,
): Promise<PreparedToolCall[] | InterruptedRunResult> {
  const prepared = await Promise.all(
    parsed.map((item) => checkApproval(item, (call, tool) => approvalContext(run, call, tool))),
  );
  const waiting: ApprovalRequest[] = [];
  for (const item of prepared) {
    if (!item.needsApproval || !item.tool) continue;
    const existing = run.decisions.get(item.call.id);
    if (existing) {
      await recordApproval(run, item.call, {
        status: existing.approved ? 'approved' : 'refused',
        by: 'resume',
        reason: existing.reason,
      });
      continue;
    }
    const request: ApprovalRequest = {
      callId: item.call.id,
      toolName: item.tool.name,
      input: copyTree(item.input),
      arguments: item.call.arguments,
      agent: run.agent.name,
      runId: run.runId,
    };
    if (run.emit) run.emit({ type: 'approval-requested', ...speaker(run), request });
    const { onApproval } = run.options;
    if (onApproval) {
      const approved = Boolean(await onApproval(copyTree(request)));
      run.decisions.set(item.call.id, { approved });
      await recordApproval(run, item.call, { status: approved ? 'approved' : 'refused', by: 'callback' });
    } else {
      waiting.push(request);
    }
  }
  if (waiting.length === 0) return prepared;
  return pause(run, waiting, response, modelMs);
}

/** The context of an approval check (`needsApproval(input, ctx)`): its `signal` is the run's. */
function approvalContext<TOutput>(run: ActiveRun<TOutput>, call: ToolCallPart, tool: Tool): ToolContext {
  let own: AbortSignal | undefined;
  return withLazySignal(toolContext(run, call, tool), () => {
    own ??= run.signal ?? new AbortController().signal;
    return own;
  });
}

/** Records an `approval` entry of a call. */
async function recordApproval<TOutput>(
  run: ActiveRun<TOutput>,
  call: ToolCallPart,
  data: { status: 'approved' | 'refused'; by: 'resume' | 'callback'; reason?: string | undefined },
): Promise<void> {
  await record(run, { type: 'approval', callId: call.id, name: call.name, data });
}

/** Pauses the run: records the waiting calls and returns the interrupted result with the state to resume from. */
async function pause<TOutput>(
  run: ActiveRun<TOutput>,
  waiting: ApprovalRequest[],
  response: ModelResponse,
  modelMs: number,
): Promise<InterruptedRunResult> {
  for (const request of waiting) {
    await record(run, {
      type: 'approval',
      callId: request.callId,
      name: request.toolName,
      data: { status: 'pending', input: request.input },
    });
  }
  const base = snapshot(run, {});
  const stateData: RunStateJSON = {
    v: 1,
    runId: run.topRunId,
    currentRunId: run.runId,
    depth: run.depth,
    agent: run.agent.name,
    messages: base.messages,
    steps: base.steps,
    usage: base.usage,
    turn: run.turn,
    toolCalled: run.toolCalled,
    pending: { response, modelDurationMs: modelMs },
    interruptions: waiting,
    decisions: Object.fromEntries(run.decisions),
    elapsedMs: base.durationMs,
  };
  if (run.parentRunId !== undefined) stateData.parentRunId = run.parentRunId;
  if (run.continuation) stateData.continuation = run.continuation;
  const result: InterruptedRunResult = {
    status: 'interrupted',
    ...base,
    finishReason: 'interrupted',
    interruptions: copyTree(waiting),
    state: new RunState(stateData, run.agent),
  };
  if (run.emit) run.emit({ type: 'run-finished', ...speaker(run), result });
  return result;
}
