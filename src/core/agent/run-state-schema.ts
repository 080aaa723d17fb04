/**
 * Reading a stored `RunState`: the zod/mini schema of each format version this release reads, and an error that
 * names the field that does not fit.
 * @module
 */
import * as z from 'zod/mini';
import { toValidationIssues, type ValidationIssue } from '../../common/validate.js';
import type { FinishReason } from '../model.js';
import {
  messageSchema,
  toolCallPartSchema,
  toolResultPartSchema,
  usageSchema as usage,
} from '../prompt/message-schema.js';

/** The format version `RunState.toJSON` writes. */
export const RUN_STATE_VERSION = 1;

/** Every finish reason, so the schema's list cannot drift from the type (a missing or extra key fails to compile). */
const finishReasons: Record<FinishReason, true> = {
  stop: true,
  'tool-calls': true,
  length: true,
  'content-filter': true,
  other: true,
};

const response = z.object({
  message: z.intersection(messageSchema, z.object({ role: z.literal('assistant') })),
  finishReason: z.enum(Object.keys(finishReasons) as [FinishReason, ...FinishReason[]]),
  usage,
  continuation: z.optional(z.unknown()),
  raw: z.object({ id: z.optional(z.string()), requestId: z.optional(z.string()), model: z.optional(z.string()) }),
});
const step = z.object({
  turn: z.number(),
  agent: z.string(),
  runId: z.string(),
  response,
  toolCalls: z.array(toolCallPartSchema),
  toolResults: z.array(toolResultPartSchema),
  usage,
  modelDurationMs: z.number(),
  durationMs: z.number(),
});
const approvalRequest = z.object({
  callId: z.string(),
  toolName: z.string(),
  input: z.unknown(),
  arguments: z.string(),
  agent: z.string(),
  runId: z.string(),
});

/** Version 1 (the first release's format, unchanged since). */
const version1 = z.object({
  v: z.literal(1),
  runId: z.string(),
  currentRunId: z.string(),
  parentRunId: z.optional(z.string()),
  depth: z.number(),
  agent: z.string(),
  messages: z.array(messageSchema),
  steps: z.array(step),
  usage,
  turn: z.number(),
  toolCalled: z.boolean(),
  continuation: z.optional(z.object({ provider: z.string(), model: z.string(), value: z.unknown() })),
  pending: z.object({ response, modelDurationMs: z.number() }),
  interruptions: z.array(approvalRequest),
  decisions: z.record(z.string(), z.object({ approved: z.boolean(), reason: z.optional(z.string()) })),
  elapsedMs: z.number(),
});

/**
 * The schema of each version this release reads. A new version adds its schema here, and `RunState.fromJSON`
 * upgrades the older ones to it, so states stored by earlier releases keep loading.
 */
const versions: Readonly<Record<number, z.ZodMiniType>> = { 1: version1 };

/**
 * Checks that `value` is a stored `RunState` of a version this release reads. Throws a `TypeError` naming the
 * fields that do not fit (`pending.response.finishReason: got a value that is not allowed (allowed: …)`).
 */
export function checkRunStateJSON(value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('Not a RunState JSON: expected an object (what state.toJSON() returns)');
  }
  const v = (value as { v?: unknown }).v;
  const schema = typeof v === 'number' ? versions[v] : undefined;
  if (!schema) throw new TypeError(`Not a RunState JSON: v: ${versionProblem(v)}`);
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return;
  const issues = toValidationIssues(parsed.error.issues);
  const shown = issues.slice(0, 5).map(describeIssue).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  throw new TypeError(`Not a RunState JSON (v: ${v}): ${shown}${more}`);
}

/** What is wrong with a version field this release cannot read. */
function versionProblem(v: unknown): string {
  const known = Object.keys(versions).join(', ');
  if (v === undefined) return `missing (this release reads version ${known})`;
  if (typeof v === 'number' && v > RUN_STATE_VERSION) {
    return `version ${v} is newer than this release reads (${known}): update hello-dave`;
  }
  return `${JSON.stringify(v)} is not a version this release reads (${known})`;
}

/** One issue as `path: message (allowed: …)`. */
function describeIssue(issue: ValidationIssue): string {
  const allowed = issue.allowed?.length ? ` (allowed: ${issue.allowed.join(', ')})` : '';
  return `${issue.path || '(root)'}: ${issue.message}${allowed}`;
}
