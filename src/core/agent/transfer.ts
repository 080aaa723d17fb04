/**
 * Transfers: a tool's signal that moves the conversation to another agent (`transferTo`), finding the agent a
 * resumed session had been transferred to, and moving a run in progress to the new agent.
 * @module
 */
import { randomId } from '../session/session.js';
import type { Tool } from '../tools/define-tool.js';
import type { ToolOutputConvertible } from '../tools/tool-output.js';
import { type ActiveRun, record, speaker } from './active-run.js';
import type { RunnableAgent } from './types.js';

const TRANSFER = 'hello-dave.transfer';

/** A tool's signal to move the conversation to another agent (see {@link transferTo}). */
export interface Transfer extends ToolOutputConvertible {
  /** Discriminator. */
  readonly kind: typeof TRANSFER;
  /** The agent that takes over. */
  readonly agent: RunnableAgent;
  /** What the model is told as the tool result. */
  readonly message: string;
}

/**
 * Returned from a tool's `run`, moves the conversation to `agent`: the run continues with that agent's
 * instructions, model, tools and settings on the same history. Used by the `transfer` handoff.
 */
export function transferTo(agent: RunnableAgent, message = `Transferred to ${agent.name}.`): Transfer {
  return { kind: TRANSFER, agent, message, toToolOutput: () => message };
}

/** True when a tool returned a {@link transferTo} signal. */
export function isTransfer(value: unknown): value is Transfer {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === TRANSFER;
}

/** An agent as a tool's `transferTarget` knows it. */
type Target = NonNullable<Tool['transferTarget']>;

/** True when a tool's transfer target is a whole agent the loop can run (a `transferTarget` is typed by less). */
function isRunnableAgent(value: Target): value is Target & RunnableAgent {
  const agent = value as Partial<RunnableAgent>;
  return typeof agent.resolveInstructions === 'function' && agent.model !== undefined;
}

/** The agent named `name` that `from` can transfer to, directly or through other transfers (breadth first). */
export function findTransferTarget(from: RunnableAgent, name: string): RunnableAgent | undefined {
  const seen = new Set<Target>([from]);
  const queue: Target[] = [from];
  for (let index = 0; index < queue.length; index++) {
    for (const tool of queue[index]?.tools.tools ?? []) {
      const target = tool.transferTarget;
      if (!target || seen.has(target)) continue;
      if (target.name === name) return isRunnableAgent(target) ? target : undefined;
      seen.add(target);
      queue.push(target);
    }
  }
  return undefined;
}

/** Moves the run to the agent a tool transferred the conversation to: a sub-run of its own, on the same history. */
export async function transferRun<TOutput>(run: ActiveRun<TOutput>, to: RunnableAgent, callId: string): Promise<void> {
  const from = run.agent.name;
  run.agent = to;
  run.parentRunId = run.runId;
  run.runId = `run_${randomId(20)}`;
  run.depth += 1;
  run.toolCalled = false;
  // The new agent starts without the old one's stored response: chained onto it, a provider that cannot take
  // instructions with `previous_response_id` (xAI) would answer under the old agent's system prompt. The
  // next request sends the new instructions and the whole history.
  run.continuation = undefined;
  if (run.session) {
    await record(run, {
      type: 'start',
      sessionId: run.session.id,
      agent: to.name,
      handoff: { mode: 'transfer', from, callId },
    });
  }
  if (run.emit) {
    run.emit({ type: 'handoff', ...speaker(run), from, to: to.name });
    run.emit({ type: 'run-started', runId: run.runId, agent: to.name, parentRunId: run.parentRunId });
  }
  run.instructions = await to.resolveInstructions({ agent: to.name, runId: run.runId, context: run.options.context });
}
