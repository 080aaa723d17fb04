/**
 * Reading a stored entry: the zod/mini schema of every entry type of every released version.
 * @module
 */
import * as z from 'zod/mini';
import { messageSchema, usageSchema } from '../prompt/message-schema.js';
import type { SessionEntry } from './session.js';

const base = {
  v: z.union([z.literal(1), z.literal(2)]),
  at: z.string(),
  runId: z.string(),
  parentRunId: z.optional(z.string()),
};
const jobRefSchema = z.object({ provider: z.string(), kind: z.string(), id: z.string(), createdAt: z.string() });
const entrySchema = z.union([
  z.object({
    ...base,
    type: z.literal('start'),
    sessionId: z.string(),
    agent: z.string(),
    handoff: z.optional(z.object({ mode: z.enum(['ask', 'transfer']), from: z.string(), callId: z.string() })),
  }),
  z.object({ ...base, type: z.literal('message'), message: messageSchema }),
  z.object({
    ...base,
    type: z.literal('model-call'),
    provider: z.string(),
    model: z.string(),
    responseId: z.optional(z.string()),
    usage: usageSchema,
    ms: z.number(),
    continuation: z.optional(z.unknown()),
  }),
  z.object({
    ...base,
    type: z.enum(['tool-call', 'tool-result', 'approval']),
    callId: z.string(),
    name: z.string(),
    data: z.unknown(),
  }),
  z.object({
    ...base,
    type: z.literal('job'),
    job: jobRefSchema,
    callId: z.optional(z.string()),
    jobTools: z.optional(z.array(z.string())),
    state: z.enum(['pending', 'succeeded', 'failed', 'cancelled', 'expired']),
    artifact: z.optional(z.unknown()),
  }),
]);

/**
 * Reads one stored entry of any released version; `undefined` when it is not one (unknown version, unknown
 * type, wrong shape). Unknown extra fields are kept.
 */
export function parseSessionEntry(value: unknown): SessionEntry | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const parsed = z.safeParse(entrySchema, value);
  // Return the original object: opaque fields (reasoning data, continuation) stay exact.
  return parsed.success ? (value as SessionEntry) : undefined;
}
