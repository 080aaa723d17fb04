/**
 * The Message object `POST /v1/messages` answers with (snake_case, as received) and its lenient check.
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { type AnthropicContentBlock, blockSchema } from './content-blocks.js';

/**
 * Token usage as Anthropic reports it.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicUsage {
  /** Uncached input tokens. */
  input_tokens?: number | null;
  /** Output tokens (thinking included). */
  output_tokens?: number | null;
  /** Input tokens written to the cache. */
  cache_creation_input_tokens?: number | null;
  /** Input tokens read from the cache. */
  cache_read_input_tokens?: number | null;
  /** Output token breakdown. */
  output_tokens_details?: {
    /** Tokens spent thinking. */
    thinking_tokens?: number | null;
  } | null;
  /** Other fields. */
  [key: string]: unknown;
}

/**
 * Why the model refused.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicStopDetails {
  /** `refusal`. */
  type?: string;
  /** Refusal category. */
  category?: string | null;
  /** Explanation. */
  explanation?: string | null;
}

/**
 * The Message object `POST /v1/messages` returns.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicMessage {
  /** `msg_…` */
  id: string;
  /** Always `message`. */
  type?: string;
  /** Always `assistant`. */
  role?: string;
  /** Model that answered. */
  model?: string;
  /** Output blocks. */
  content: AnthropicContentBlock[];
  /** Why it stopped (null only in `message_start` of a stream). */
  stop_reason?: string | null;
  /** The stop sequence hit. */
  stop_sequence?: string | null;
  /** Refusal details. */
  stop_details?: AnthropicStopDetails | null;
  /** Usage. */
  usage?: AnthropicUsage;
  /** Other fields. */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Response schemas: require only what we read, keep everything else.

const nullableCount = z.optional(z.nullable(z.number()));
/** Usage: the counts we read, as numbers or null. */
export const usageSchema = z.looseObject({
  input_tokens: nullableCount,
  output_tokens: nullableCount,
  cache_creation_input_tokens: nullableCount,
  cache_read_input_tokens: nullableCount,
});
/** A Message: id, blocks, stop reason and usage checked, every other field kept. */
export const messageSchema = z.looseObject({
  id: z.string(),
  content: z.array(blockSchema),
  stop_reason: z.optional(z.nullable(z.string())),
  usage: z.optional(z.nullable(usageSchema)),
});

/**
 * The error for an answer that failed its schema: `context: path message`, the path being `root` when the
 * issue is about the whole value.
 */
export function malformedAnswer(
  context: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  body: unknown,
  root = '',
): ResponseValidationError {
  const issue = issues[0];
  const where = issue ? issue.path.map(String).join('.') : '';
  return new ResponseValidationError('anthropic', `${context}: ${where || root} ${issue?.message ?? ''}`.trim(), body);
}

/**
 * Checks a Message body's shape (leniently) and returns it unchanged, so blocks stay exact.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function parseAnthropicMessage(body: unknown, context = 'message'): AnthropicMessage {
  const result = messageSchema.safeParse(body);
  if (!result.success) throw malformedAnswer(context, result.error.issues, body, '(body)');
  return body as AnthropicMessage;
}
