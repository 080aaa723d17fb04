/**
 * A model's tool call before it runs: find the tool, parse and validate the arguments, and decide whether it
 * needs a person's approval. The model's mistakes never throw: they become the text the model reads back.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { redactSecrets } from '../../common/secrets.js';
import { toValidationIssues } from '../../common/validate.js';
import type { ToolCallPart } from '../prompt/message.js';
import type { Tool, ToolContext } from './define-tool.js';

/** The tools a call is looked up in (a `ToolSet`). */
export interface ToolLookup {
  /** The tool with this name. */
  get(name: string): Tool | undefined;
  /** Every tool, for the message naming them. */
  readonly tools: readonly Tool[];
}

/** A tool call checked and ready to run, or already answered with an error. */
export interface PreparedToolCall {
  /** The call as the model sent it. */
  call: ToolCallPart;
  /** The tool, when the name is known. */
  tool?: Tool;
  /** Validated input, when the arguments were good. */
  input?: unknown;
  /** Why it cannot run (unknown tool, invalid JSON, schema errors): the text the model gets back. */
  error?: string;
  /** True when it needs a person's approval before it runs. */
  needsApproval: boolean;
}

/** A person's decision on one approval request. */
export interface ApprovalDecision {
  /** Run it (`true`) or refuse (`false`). */
  approved: boolean;
  /** Why it was refused; told to the model. */
  reason?: string;
}

/**
 * What an error says, for the model: its class name (unless plain `Error`) and message, secrets redacted.
 * @internal
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const prefix = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return redactSecrets(`${prefix}${error.message}`);
  }
  return redactSecrets(typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)));
}

/**
 * The schema errors of a value as one line (`path: message (allowed: …)`), or `undefined` when it matches.
 * @internal
 */
export function describeIssues(schema: $ZodType, value: unknown): string | undefined {
  const parsed = safeParse(schema, value);
  if (parsed.success) return undefined;
  return toValidationIssues(parsed.error.issues)
    .map((issue) => {
      const allowed = issue.allowed?.length
        ? ` (allowed: ${issue.allowed.map((v) => JSON.stringify(v)).join(', ')})`
        : '';
      return `${issue.path || '(input)'}: ${issue.message}${allowed}`;
    })
    .join('; ');
}

/**
 * Parses and validates one call's arguments and decides whether it needs approval. Never throws for the
 * model's mistakes: they come back as `error`, the text the model will read.
 */
export async function prepareToolCall(
  call: ToolCallPart,
  tools: ToolLookup,
  context: (call: ToolCallPart, tool: Tool) => ToolContext,
): Promise<PreparedToolCall> {
  return checkApproval(parseToolCall(call, tools), context);
}

/**
 * The synchronous part of {@link prepareToolCall}: finds the tool and parses and validates the arguments
 * (`needsApproval` is not decided yet: see {@link awaitsApprovalCheck}).
 * @internal
 */
export function parseToolCall(call: ToolCallPart, tools: ToolLookup): PreparedToolCall {
  const tool = tools.get(call.name);
  if (!tool) {
    const names = tools.tools.map((item) => item.name).join(', ') || '(none)';
    return { call, needsApproval: false, error: `Unknown tool "${call.name}". Available tools: ${names}.` };
  }
  let raw: unknown;
  const text = call.arguments.trim();
  try {
    raw = text === '' ? {} : JSON.parse(text);
  } catch (error) {
    return {
      call,
      tool,
      needsApproval: false,
      error: `Invalid JSON in the arguments of ${tool.name}: ${errorMessage(error)}. Send the arguments as one JSON object that matches the tool's schema.`,
    };
  }
  const parsed = safeParse(tool.inputSchema, raw);
  if (!parsed.success) {
    return {
      call,
      tool,
      needsApproval: false,
      error: `Invalid arguments for ${tool.name}: ${describeIssues(tool.inputSchema, raw)}. Fix the arguments and call the tool again.`,
    };
  }
  return { call, tool, input: parsed.data, needsApproval: false };
}

/**
 * True when a parsed call still has its approval to decide (a valid call of a tool whose approval is not `never`).
 * @internal
 */
export function awaitsApprovalCheck(prepared: PreparedToolCall): boolean {
  return prepared.error === undefined && prepared.tool !== undefined && prepared.tool.approval !== 'never';
}

/**
 * Decides whether a parsed call needs approval (asks the tool's `needsApproval` when it is `maybe`).
 * @internal
 */
export async function checkApproval(
  prepared: PreparedToolCall,
  context: (call: ToolCallPart, tool: Tool) => ToolContext,
): Promise<PreparedToolCall> {
  const { call, tool, input } = prepared;
  if (!awaitsApprovalCheck(prepared) || !tool) return prepared;
  try {
    return { ...prepared, needsApproval: await tool.needsApproval(input, context(call, tool)) };
  } catch (error) {
    return {
      call,
      tool,
      input,
      needsApproval: false,
      error: `Approval check of ${tool.name} failed: ${errorMessage(error)}`,
    };
  }
}
