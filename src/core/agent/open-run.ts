/**
 * How a run begins: fresh, resumed from a paused run's state, or going on with a session's conversation; then
 * its start is recorded and announced, the new input added, and the speaking agent's instructions resolved.
 * @module
 */
import type { Message } from '../prompt/message.js';
import { restoreConversation } from '../session/session.js';
import { type ActiveRun, checkAbort, newRun, record } from './active-run.js';
import { type RunInput, RunState, type RunStateJSON } from './run-state.js';
import type { EventSink } from './stream.js';
import { sharedOutputJsonSchema } from './structured-output.js';
import { findTransferTarget } from './transfer.js';
import type { RunnableAgent, RunOptions } from './types.js';

/** The state of a run ready for its first step. */
export async function openRun<TOutput>(
  start: RunnableAgent,
  input: RunInput,
  options: RunOptions,
  streaming: boolean,
  emit: EventSink<TOutput> | undefined,
): Promise<ActiveRun<TOutput>> {
  const paused = input instanceof RunState ? input : undefined;
  const resumed = paused?.toJSON();
  const run = newRun(start, paused, resumed, options, streaming, emit);
  checkAbort(run);
  if (resumed) restorePaused(run, resumed);
  else await openConversation(run);
  if (run.emit) {
    run.emit(
      run.parentRunId === undefined
        ? { type: 'run-started', runId: run.runId, agent: run.agent.name }
        : { type: 'run-started', runId: run.runId, agent: run.agent.name, parentRunId: run.parentRunId },
    );
  }
  if (!resumed) await addInput(run, input as string | readonly Message[]);
  run.instructions = await run.agent.resolveInstructions({
    agent: run.agent.name,
    runId: run.runId,
    context: options.context,
  });
  if (run.outputSchema) run.outputJson = sharedOutputJsonSchema(run.outputSchema);
  return run;
}

/** Puts back a paused run's history, steps and counters; its first step takes the pending model answer. */
function restorePaused<TOutput>(run: ActiveRun<TOutput>, resumed: RunStateJSON): void {
  run.prompt.add(...resumed.messages);
  run.steps = resumed.steps;
  run.usage = resumed.usage;
  run.turn = resumed.turn;
  run.toolCalled = resumed.toolCalled;
  run.continuation = resumed.continuation;
  run.lastFinish = resumed.pending.response.finishReason;
}

/**
 * With a session, a top-level run goes on with the conversation stored there (after a transfer, with the agent it
 * was moved to, when this agent can reach it); the run's `start` entry is recorded.
 */
async function openConversation<TOutput>(run: ActiveRun<TOutput>): Promise<void> {
  const { session, options } = run;
  if (!session) return;
  if (options.parentRunId === undefined) {
    const restored = restoreConversation(await session.read());
    run.prompt.add(...restored.messages);
    run.continuation = restored.continuation;
    if (restored.agent !== undefined && restored.agent !== run.agent.name) {
      run.agent = findTransferTarget(run.agent, restored.agent) ?? run.agent;
    }
  }
  await record(
    run,
    options.handoff
      ? { type: 'start', sessionId: session.id, agent: run.agent.name, handoff: options.handoff }
      : { type: 'start', sessionId: session.id, agent: run.agent.name },
  );
}

/** Adds the run's new messages (a question becomes a user message) to the history and the session. */
async function addInput<TOutput>(run: ActiveRun<TOutput>, input: string | readonly Message[]): Promise<void> {
  const added: Message[] =
    typeof input === 'string' ? [{ role: 'user', content: [{ type: 'text', text: input }] }] : [...input];
  if (added.length > 0) run.prompt.resolveDanglingToolCalls();
  for (const message of added) {
    run.prompt.add(message);
    await record(run, { type: 'message', message });
  }
}
