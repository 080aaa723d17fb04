/**
 * Handoffs: let one agent ask another (the answer comes back as the tool result; control returns) or transfer
 * the conversation to it (control moves: the run goes on with the other agent's instructions, model and
 * tools on the same history). Sub-runs are recorded in the session under the caller's run id.
 * @module
 */
import * as z from 'zod/mini';
import type { Agent } from '../core/agent/agent.js';
import { transferTo } from '../core/agent/transfer.js';
import { defineTool, TOOL_NAME_PATTERN, type Tool } from '../core/tools/define-tool.js';

/** Options of {@link handoff}. */
export interface HandoffOptions {
  /** `ask` (default): a sub-run answers and control returns. `transfer`: the other agent takes over. */
  mode?: 'ask' | 'transfer';
  /** What the tool is for, for the model (a sensible default names the agent). */
  description?: string;
  /** Tool name (default `ask_<agent>` or `transfer_to_<agent>`). */
  name?: string;
  /** Deepest chain of handoffs allowed (default 3); a deeper one gets an error result instead. */
  maxDepth?: number;
  /**
   * Time limit of an `ask` call, ms (default `Infinity`: the asked agent's tools have limits of their own, and its
   * run stops with the caller's).
   */
  timeoutMs?: number;
}

function toolName(prefix: string, agentName: string): string {
  const name = `${prefix}${agentName.replace(/[^a-zA-Z0-9_-]+/g, '_')}`.slice(0, 64);
  return TOOL_NAME_PATTERN.test(name) ? name : `${prefix}agent`;
}

const askInput = z.object({
  request: z.string().check(z.minLength(1)),
});
const transferInput = z.object({
  reason: z.optional(z.string()),
});

/**
 * A tool that hands off to `agent`. An `ask` sub-run gets the caller's run `context`, so the tool reads the same
 * context type as the agent it asks.
 * @example
 * ```ts
 * const painter = new Agent({ name: 'painter', model, tools: [generateImage] });
 * const lead = new Agent({ name: 'lead', model, tools: [handoff(painter, { mode: 'ask' })] });
 * ```
 */
export function handoff<TContext, TOutput>(
  agent: Agent<TContext, TOutput>,
  options: HandoffOptions = {},
): Tool<unknown, unknown, TContext> {
  const mode = options.mode ?? 'ask';
  const maxDepth = options.maxDepth ?? 3;
  const depthError = () =>
    new Error(`handoff depth limit (${maxDepth}) reached; answer yourself instead of handing off to ${agent.name}.`);
  if (mode === 'transfer') {
    return defineTool<typeof transferInput, unknown, TContext>({
      name: options.name ?? toolName('transfer_to_', agent.name),
      description:
        options.description ??
        `Transfer the conversation to the agent "${agent.name}", which then answers the user directly.`,
      input: transferInput,
      // Lets a run that resumes a session find the agent the conversation was moved to.
      transferTarget: agent,
      run: (_input, context) => {
        if (context.depth + 1 > maxDepth) throw depthError();
        return transferTo(agent, `Transferred to ${agent.name}; ${agent.name} continues the conversation.`);
      },
    });
  }
  // The caller's context goes on as it is: its type is the asked agent's (`TContext`), which the generic call below
  // cannot see through `run`'s optional-or-required options argument.
  const asked = agent as Agent<unknown, TOutput>;
  return defineTool<typeof askInput, string, TContext>({
    name: options.name ?? toolName('ask_', agent.name),
    description:
      options.description ??
      `Ask the agent "${agent.name}" to do something; its answer comes back as this tool's result. Give it everything it needs in "request".`,
    input: askInput,
    timeoutMs: options.timeoutMs ?? Number.POSITIVE_INFINITY,
    run: async ({ request }, context) => {
      if (context.depth + 1 > maxDepth) throw depthError();
      const result = await asked.run(request, {
        session: context.session,
        signal: context.signal,
        onApproval: context.onApproval,
        context: context.context,
        parentRunId: context.runId,
        handoff: { mode: 'ask', from: context.agent, callId: context.callId },
        depth: context.depth + 1,
      });
      if (result.status === 'interrupted') {
        const names = result.interruptions.map((item) => item.toolName).join(', ');
        throw new Error(`${agent.name} needs approval for ${names}, and this run has no approval callback.`);
      }
      return typeof result.output === 'string' ? result.output : JSON.stringify(result.output);
    },
  });
}
