/**
 * Resuming a session: the conversation rebuilt from its entries, with tool calls cut short answered (by the job
 * they had started, when they had started one).
 * @module
 */
import { jobToolsHint } from '../../common/job-hint.js';
import type { Message, ToolCallPart } from '../prompt/message.js';
import { type DanglingAnswer, Prompt } from '../prompt/prompt.js';
import type { JobEntry, SessionEntry } from './session.js';

/** What {@link restoreConversation} finds in a session. */
export interface RestoredConversation {
  /** The conversation's messages (dangling tool calls answered with an error result). */
  messages: Message[];
  /** The last model call's continuation, with the model that made it. */
  continuation?: { provider: string; model: string; value: unknown };
  /** The agent that spoke last (after a transfer, the agent the conversation moved to). */
  agent?: string;
  /** Ids of every run in the session. */
  runIds: string[];
}

/**
 * Rebuilds the conversation from a session's entries: messages of top-level runs and of the runs a
 * conversation was transferred to; the private conversations of `ask` handoff sub-runs are left out.
 */
export function restoreConversation(entries: readonly SessionEntry[]): RestoredConversation {
  const included = new Set<string>();
  const excluded = new Set<string>();
  const runIds: string[] = [];
  let agent: string | undefined;
  let continuation: RestoredConversation['continuation'];
  const prompt = new Prompt();
  // The last job entry of each tool call: a call that never finished but had started a paid job is answered with
  // that job, so a model that resumes goes on with it instead of paying for a new one.
  const jobs = new Map<string, JobEntry>();
  const interrupted = (call: ToolCallPart): DanglingAnswer => {
    const job = jobs.get(call.id);
    return job
      ? { output: interruptedJobText(call.name, job), isError: false }
      : { output: NOT_FINISHED, isError: true };
  };
  const isIncluded = (entry: SessionEntry): boolean => {
    if (included.has(entry.runId)) return true;
    if (excluded.has(entry.runId)) return false;
    // A run without a start entry (a truncated file): follow its parent, or take it when it has none.
    const ok = entry.parentRunId === undefined || included.has(entry.parentRunId);
    (ok ? included : excluded).add(entry.runId);
    return ok;
  };
  for (const entry of entries) {
    if (entry.type === 'start') {
      if (!runIds.includes(entry.runId)) runIds.push(entry.runId);
      const parentOk = entry.parentRunId === undefined || included.has(entry.parentRunId);
      const ok = parentOk && (entry.handoff === undefined || entry.handoff.mode === 'transfer');
      (ok ? included : excluded).add(entry.runId);
      if (ok) agent = entry.agent;
      // The agent a conversation was transferred to does not chain onto the previous agent's stored response.
      if (ok && entry.handoff?.mode === 'transfer') continuation = undefined;
      continue;
    }
    if (!isIncluded(entry)) continue;
    if (entry.type === 'message') {
      if (entry.message.role === 'user' || entry.message.role === 'system')
        prompt.resolveDanglingToolCalls(interrupted);
      prompt.add(entry.message);
    } else if (entry.type === 'job') {
      if (entry.callId !== undefined) jobs.set(entry.callId, entry);
    } else if (entry.type === 'model-call') {
      continuation =
        entry.continuation === undefined
          ? undefined
          : { provider: entry.provider, model: entry.model, value: entry.continuation };
    }
  }
  prompt.resolveDanglingToolCalls(interrupted);
  const restored: RestoredConversation = { messages: prompt.messages, runIds };
  if (continuation) restored.continuation = continuation;
  if (agent !== undefined) restored.agent = agent;
  return restored;
}

const NOT_FINISHED = 'The tool call did not finish: the run stopped before its result arrived.';

/**
 * What a resumed model reads for a tool call that stopped after it started a provider job: the job, its last known
 * state, and the tools to go on with it, so that it does not start (and pay for) the same job again.
 */
function interruptedJobText(toolName: string, entry: JobEntry): string {
  const how = jobToolsHint(entry.job.id, entry.jobTools);
  const next =
    entry.state === 'pending'
      ? `${toolName} stopped before its result arrived, after the provider accepted this job. The job is not lost ` +
        `and may have finished since: do not start a new one; check it ${how}.`
      : `${toolName} stopped before its result arrived; the job had ended (${entry.state}). Do not start a new one ` +
        `unless the person asks; get its result ${how}.`;
  return JSON.stringify({
    interrupted: true,
    provider: entry.job.provider,
    kind: entry.job.kind,
    job_id: entry.job.id,
    state: entry.state,
    ...(entry.artifact === undefined ? {} : { artifact: entry.artifact }),
    next,
  });
}
