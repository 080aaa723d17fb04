import type { ToolCallOutcome, ToolSet } from '../../../src/core/tools/tool-set.js';
import { executeToolCalls, parseToolCall } from '../../../src/core/tools/tool-set.js';

let counter = 0;

/**
 * Calls one tool of a set the way the run loop does (parse, validate, approval, run, every failure a tool result),
 * with an approval decision for it when given.
 */
export async function callTool(
  tools: ToolSet,
  name: string,
  args: Record<string, unknown>,
  options: { approved?: boolean } = {},
): Promise<ToolCallOutcome> {
  const id = `call_${++counter}`;
  const prepared = parseToolCall({ type: 'tool-call', id, name, arguments: JSON.stringify(args) }, tools);
  const tool = prepared.tool;
  const base = {
    runId: 'run_test',
    agent: 'tester',
    callId: id,
    toolName: name,
    context: undefined,
    depth: 0,
    reportProgress: () => undefined,
    recordJob: async () => undefined,
  };
  if (tool && prepared.input !== undefined && prepared.error === undefined) {
    prepared.needsApproval = await tool.needsApproval(prepared.input, {
      ...base,
      signal: new AbortController().signal,
    });
  }
  const decisions = new Map(options.approved === undefined ? [] : [[id, { approved: options.approved }]]);
  const [outcome] = await executeToolCalls([prepared], { decisions, context: () => ({ ...base }) });
  if (!outcome) throw new Error('no outcome');
  return outcome;
}
