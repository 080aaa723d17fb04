/**
 * The zod/mini schemas of stored messages: one {@link Message} (read from histories and sessions), its tool-call
 * and tool-result parts, a `Usage`, and the JSON form of a `Prompt`.
 * @module
 */
import * as z from 'zod/mini';
import type { Message } from './message.js';

const mediaSource = z.union([
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('base64'), data: z.string(), mimeType: z.string() }),
  z.object({ kind: z.literal('file'), fileId: z.string() }),
]);
const textPart = z.object({
  type: z.literal('text'),
  text: z.string(),
  phase: z.optional(z.string()),
  refusal: z.optional(z.literal(true)),
});
const userPart = z.union([
  textPart,
  z.object({
    type: z.literal('image'),
    source: mediaSource,
    detail: z.optional(z.enum(['auto', 'low', 'high', 'original'])),
  }),
  z.object({ type: z.literal('audio'), source: mediaSource }),
  z.object({ type: z.literal('file'), source: mediaSource, filename: z.optional(z.string()) }),
]);
/** Schema of a `ToolCallPart` (zod/mini). */
export const toolCallPartSchema = z.object({
  type: z.literal('tool-call'),
  id: z.string(),
  name: z.string(),
  arguments: z.string(),
  itemId: z.optional(z.string()),
});
const assistantPart = z.union([
  textPart,
  toolCallPartSchema,
  z.object({
    type: z.literal('reasoning'),
    provider: z.string(),
    summary: z.optional(z.string()),
    text: z.optional(z.string()),
    data: z.unknown(),
  }),
  z.object({
    type: z.literal('media'),
    kind: z.enum(['image', 'video', 'audio']),
    source: mediaSource,
    itemId: z.optional(z.string()),
  }),
  z.object({ type: z.literal('provider-item'), provider: z.string(), data: z.unknown() }),
]);
/** Schema of a `ToolResultPart` (zod/mini). */
export const toolResultPartSchema = z.object({
  type: z.literal('tool-result'),
  callId: z.string(),
  name: z.string(),
  output: z.string(),
  isError: z.optional(z.boolean()),
});

/** Schema of one {@link Message} (zod/mini), used to read stored histories and sessions. */
export const messageSchema = z.union([
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.array(userPart) }),
  z.object({ role: z.literal('assistant'), content: z.array(assistantPart) }),
  z.object({ role: z.literal('tool'), content: z.array(toolResultPartSchema) }),
]);

/** Schema of a `Usage` (zod/mini), used to read stored sessions and run states. */
export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number(),
  reasoningTokens: z.optional(z.number()),
  cachedInputTokens: z.optional(z.number()),
});

/** Schema of a `PromptJSON` (zod/mini), used by `Prompt.fromJSON`. */
export const promptJsonSchema = z.object({
  v: z.literal(1),
  instructions: z.optional(z.string()),
  messages: z.array(messageSchema),
});
