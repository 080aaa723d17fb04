/**
 * The events of a streamed Message (`POST /v1/messages` with `stream: true`): their types, their lenient check,
 * and the parse of a server-sent event stream into them.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { parseSse } from '../../http/sse.js';
import type { SseEvent } from '../../http/types.js';
import { type AnthropicContentBlock, blockSchema } from './content-blocks.js';
import { anthropicStreamError } from './errors.js';
import {
  type AnthropicMessage,
  type AnthropicStopDetails,
  type AnthropicUsage,
  malformedAnswer,
  messageSchema,
  usageSchema,
} from './message-response.js';

/**
 * A delta inside `content_block_delta`.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export type AnthropicDelta =
  | {
      /** More text. */
      type: 'text_delta';
      /** The text piece. */
      text: string;
    }
  | {
      /** More tool input JSON (concatenate; parse at `content_block_stop`). */
      type: 'input_json_delta';
      /** The JSON piece. */
      partial_json: string;
    }
  | {
      /** More thinking. */
      type: 'thinking_delta';
      /** The thinking piece. */
      thinking: string;
    }
  | {
      /** The thinking block's signature. */
      type: 'signature_delta';
      /** The signature piece. */
      signature: string;
    }
  | {
      /** A citation for the text block. */
      type: 'citations_delta';
      /** The citation. */
      citation: unknown;
    };

/**
 * The `delta` of a `message_delta` event.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export interface AnthropicMessageDelta {
  /** Why the model stopped. */
  stop_reason?: string | null;
  /** The stop sequence hit. */
  stop_sequence?: string | null;
  /** Why the model refused (`stop_reason: "refusal"`), else null. */
  stop_details?: AnthropicStopDetails | null;
  /** Other fields (`container`). */
  [key: string]: unknown;
}

/**
 * One event of a streamed Message (`ping` and unknown events are skipped; `error` events are thrown).
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export type AnthropicStreamEvent =
  | {
      /** The stream began. */
      type: 'message_start';
      /** The Message with empty content and initial usage. */
      message: AnthropicMessage;
    }
  | {
      /** A content block began. */
      type: 'content_block_start';
      /** Block position. */
      index: number;
      /** The block skeleton. */
      content_block: AnthropicContentBlock;
    }
  | {
      /** More of a content block. */
      type: 'content_block_delta';
      /** Block position. */
      index: number;
      /** The piece. */
      delta: AnthropicDelta;
    }
  | {
      /** A content block ended. */
      type: 'content_block_stop';
      /** Block position. */
      index: number;
    }
  | {
      /** Stop reason and cumulative usage. */
      type: 'message_delta';
      /** Stop reason and sequence. */
      delta: AnthropicMessageDelta;
      /** Cumulative usage. */
      usage?: AnthropicUsage;
    }
  | {
      /** The stream ended. */
      type: 'message_stop';
    };

const streamEventSchemas = {
  message_start: z.looseObject({ message: messageSchema }),
  content_block_start: z.looseObject({ index: z.number(), content_block: blockSchema }),
  content_block_delta: z.looseObject({ index: z.number(), delta: blockSchema }),
  content_block_stop: z.looseObject({ index: z.number() }),
  message_delta: z.looseObject({
    delta: z.looseObject({ stop_reason: z.optional(z.nullable(z.string())) }),
    usage: z.optional(z.nullable(usageSchema)),
  }),
  message_stop: z.looseObject({}),
} as const;

const deltaSchemas = {
  text_delta: z.looseObject({ text: z.string() }),
  input_json_delta: z.looseObject({ partial_json: z.string() }),
  thinking_delta: z.looseObject({ thinking: z.string() }),
  signature_delta: z.looseObject({ signature: z.string() }),
  citations_delta: z.looseObject({ citation: z.unknown() }),
} as const;

function isKey<T extends object>(record: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(record, key);
}

/**
 * Parses one server-sent event of a Messages stream. Returns undefined for `ping`, unknown events and unknown
 * delta types (the API adds new ones over time); throws the typed error for an `error` event.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export function parseAnthropicStreamEvent(event: SseEvent, requestId?: string): AnthropicStreamEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch (cause) {
    throw new ResponseValidationError(
      'anthropic',
      `stream event is not JSON: ${event.data.slice(0, 200)}`,
      event.data,
      {
        cause,
      },
    );
  }
  const type =
    data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string'
      ? (data as { type: string }).type
      : event.event;
  if (type === 'error') throw anthropicStreamError(data, requestId);
  if (type === undefined || !isKey(streamEventSchemas, type)) return undefined;
  const result = streamEventSchemas[type].safeParse(data);
  if (!result.success) throw malformedAnswer(`${type} event`, result.error.issues, data);
  if (type === 'content_block_delta') {
    const deltaType = (data as { delta: { type: string } }).delta.type;
    if (!isKey(deltaSchemas, deltaType)) return undefined;
    const delta = deltaSchemas[deltaType].safeParse((data as { delta: unknown }).delta);
    if (!delta.success) throw new ResponseValidationError('anthropic', `${deltaType}: malformed delta`, data);
  }
  return { ...(data as object), type } as AnthropicStreamEvent;
}

/**
 * Parses a Messages event stream, skipping what {@link parseAnthropicStreamEvent} skips and stopping at
 * `message_stop`; a stream that ends before it throws.
 */
export async function* parseMessageStream(
  body: ReadableStream<Uint8Array>,
  requestId: string | undefined,
  maxLineLength: number,
): AsyncGenerator<AnthropicStreamEvent, void, undefined> {
  for await (const event of parseSse(body, { maxLineLength, provider: 'anthropic' })) {
    const parsed = parseAnthropicStreamEvent(event, requestId);
    if (!parsed) continue;
    yield parsed;
    if (parsed.type === 'message_stop') return;
  }
  // A stream cut short (a proxy closing the connection) must not pass for a whole message.
  throw new ResponseValidationError('anthropic', 'the stream ended before message_stop', undefined);
}
