/**
 * The Messages endpoint (`POST /v1/messages`) as plain functions, with its wire types (snake_case, as sent).
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { validateInput } from '../../common/validate.js';
import { parseSse } from '../../http/sse.js';
import type { HttpResponse, RequestOptions, SseEvent } from '../../http/types.js';
import type { AnthropicClient } from './client.js';
import { anthropicStreamError } from './errors.js';

/**
 * Model ids Anthropic lists (2026-08); any other string is accepted too.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicModelId =
  | 'claude-opus-5'
  | 'claude-sonnet-5'
  | 'claude-opus-4-8'
  | 'claude-opus-4-7'
  | 'claude-opus-4-6'
  | 'claude-sonnet-4-6'
  | 'claude-haiku-4-5'
  | 'claude-opus-4-5'
  | 'claude-sonnet-4-5'
  | (string & {});

/**
 * Prompt caching marker on a block, a tool or the whole request.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export interface AnthropicCacheControl {
  /** Always `ephemeral`. */
  type: 'ephemeral';
  /** Time to live; default `5m`. */
  ttl?: '5m' | '1h';
}

/**
 * Where an image or document comes from.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicSource =
  | {
      /** Inline bytes. */
      type: 'base64';
      /** MIME type (`image/png`, `application/pdf`…). */
      media_type: string;
      /** Base64 bytes. */
      data: string;
    }
  | {
      /** A public URL. */
      type: 'url';
      /** The URL. */
      url: string;
    }
  | {
      /** A file uploaded through the Files API. */
      type: 'file';
      /** `file_…` id. */
      file_id: string;
    }
  | {
      /** Plain text (documents only). */
      type: 'text';
      /** Always `text/plain`. */
      media_type: 'text/plain';
      /** The text itself (not base64). */
      data: string;
    };

/**
 * A text block.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicTextBlock {
  /** Discriminator. */
  type: 'text';
  /** The text. */
  text: string;
  /** Citations (responses). */
  citations?: unknown[] | null;
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * An image block (input).
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicImageBlock {
  /** Discriminator. */
  type: 'image';
  /** Where the image is. */
  source: AnthropicSource;
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * A document block (input): PDF, plain text, URL or stored file.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicDocumentBlock {
  /** Discriminator. */
  type: 'document';
  /** Where the document is. */
  source: AnthropicSource;
  /** Title shown to the model. */
  title?: string;
  /** Context about the document. */
  context?: string;
  /** Citation config. */
  citations?: {
    /** Let the model cite passages of this document. */
    enabled: boolean;
  };
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * A client tool call by the model.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicToolUseBlock {
  /** Discriminator. */
  type: 'tool_use';
  /** `toolu_…` id the result must name. */
  id: string;
  /** Tool name. */
  name: string;
  /** Arguments object. */
  input: unknown;
}

/**
 * The result of a client tool call (goes in the user turn).
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicToolResultBlock {
  /** Discriminator. */
  type: 'tool_result';
  /** The `tool_use` id this answers. */
  tool_use_id: string;
  /** Result text or blocks. */
  content?: string | (AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock)[];
  /** True when the tool failed. */
  is_error?: boolean;
}

/**
 * Extended thinking; replayed unmodified.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicThinkingBlock {
  /** Discriminator. */
  type: 'thinking';
  /** The thinking text (summarised on newer models). */
  thinking: string;
  /** Signature that must come back intact. */
  signature: string;
}

/**
 * Redacted thinking; replayed unmodified.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicRedactedThinkingBlock {
  /** Discriminator. */
  type: 'redacted_thinking';
  /** Encrypted thinking. */
  data: string;
}

/**
 * Any other block (server tool use and results, search results…), kept as received.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicOtherBlock {
  /** Block type. */
  type: string;
  /** Other fields. */
  [key: string]: unknown;
}

/**
 * A content block in a request.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicContentBlockParam =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicOtherBlock;

/**
 * A content block in a response.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock
  | AnthropicOtherBlock;

/**
 * One turn of the conversation.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicMessageParam {
  /** Who speaks. */
  role: 'user' | 'assistant';
  /** A string (one text block) or blocks. */
  content: string | AnthropicContentBlockParam[];
}

/**
 * A client tool definition.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview
 */
export interface AnthropicTool {
  /** Tool name. */
  name: string;
  /** What it does. */
  description?: string;
  /** JSON Schema of the input. */
  input_schema: {
    /** Must be `object`. */
    type: 'object';
    /** The rest of the schema. */
    [key: string]: unknown;
  };
  /** Guarantee schema-valid inputs. */
  strict?: boolean;
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * How the model must use tools.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview
 */
export type AnthropicToolChoice =
  | {
      /** The model decides (default when tools are given). */
      type: 'auto';
      /** At most one tool call. */
      disable_parallel_tool_use?: boolean;
    }
  | {
      /** The model must call some tool. */
      type: 'any';
      /** Exactly one tool call. */
      disable_parallel_tool_use?: boolean;
    }
  | {
      /** The model must call the named tool. */
      type: 'tool';
      /** Tool name. */
      name: string;
      /** Exactly one tool call. */
      disable_parallel_tool_use?: boolean;
    }
  | {
      /** No tool calls. */
      type: 'none';
    };

/**
 * Extended thinking config.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export type AnthropicThinkingConfig =
  | {
      /** Thinking with a token budget. */
      type: 'enabled';
      /** At least 1024 and less than `max_tokens`. */
      budget_tokens: number;
      /** Show summarised thinking (default) or omit it. */
      display?: 'summarized' | 'omitted';
    }
  | {
      /** The model decides how much to think. */
      type: 'adaptive';
      /** Show summarised thinking (default) or omit it. */
      display?: 'summarized' | 'omitted';
    }
  | {
      /** No thinking. */
      type: 'disabled';
    };

/**
 * Effort control and structured output.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicOutputConfig {
  /** How much effort the model spends. */
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** Structured JSON output: the JSON arrives as the text of a `text` block. */
  format?: {
    /** Always `json_schema`. */
    type: 'json_schema';
    /** The JSON Schema the answer must match. */
    schema: Record<string, unknown>;
  };
}

/**
 * Body of `POST /v1/messages`.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface CreateMessageParams {
  /** Model id. */
  model: AnthropicModelId;
  /** Hard cap on output tokens (thinking included). Required. */
  max_tokens: number;
  /** The conversation. */
  messages: AnthropicMessageParam[];
  /** System prompt. */
  system?: string | AnthropicTextBlock[];
  /** Tools offered (client tools, or server tools as the API defines them). */
  tools?: (AnthropicTool | AnthropicOtherBlock)[];
  /** Tool choice. */
  tool_choice?: AnthropicToolChoice;
  /** Stop sequences. */
  stop_sequences?: string[];
  /** Stream the answer as server-sent events. */
  stream?: boolean;
  /** Extended thinking. */
  thinking?: AnthropicThinkingConfig;
  /** Effort and structured output. */
  output_config?: AnthropicOutputConfig;
  /** Request metadata. */
  metadata?: {
    /** Opaque end-user id (no personal data). */
    user_id?: string;
  };
  /** Deprecated on newer models (only 1.0). */
  temperature?: number;
  /** Deprecated on newer models (≥ 0.99 only). */
  top_p?: number;
  /** Deprecated on newer models (rejected). */
  top_k?: number;
  /** Service tier. */
  service_tier?: 'auto' | 'standard_only';
  /** Top-level prompt caching: marks the last cacheable block. */
  cache_control?: AnthropicCacheControl;
  /** Code-execution container to reuse. */
  container?: string | Record<string, unknown>;
  /** Region for inference. */
  inference_geo?: string;
}

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
  /** Other fields (`stop_details`, `container`). */
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

// ---------------------------------------------------------------------------------------------------------------
// Request schema: exact where the API is strict, open for documented extra fields.

const blockSchema = z.looseObject({ type: z.string() });
const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

const toolChoiceSchema = z.union([
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.object({
    type: z.literal('tool'),
    name: z.string().check(z.minLength(1)),
    disable_parallel_tool_use: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('none') }),
]);

const thinkingSchema = z.union([
  z.object({
    type: z.literal('enabled'),
    budget_tokens: z.int().check(z.gte(1024)),
    display: z.optional(z.enum(['summarized', 'omitted'])),
  }),
  z.object({ type: z.literal('adaptive'), display: z.optional(z.enum(['summarized', 'omitted'])) }),
  z.object({ type: z.literal('disabled') }),
]);

const createMessageSchema = z.looseObject({
  model: z.string().check(z.minLength(1)),
  max_tokens: z.int().check(z.gte(0)),
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(blockSchema)]),
      }),
    )
    .check(z.minLength(1)),
  system: z.optional(z.union([z.string(), z.array(textBlockSchema)])),
  tools: z.optional(z.array(z.looseObject({ name: z.string().check(z.minLength(1)) }))),
  tool_choice: z.optional(toolChoiceSchema),
  stop_sequences: z.optional(z.array(z.string())),
  stream: z.optional(z.boolean()),
  thinking: z.optional(thinkingSchema),
  output_config: z.optional(
    z.object({
      effort: z.optional(z.enum(['low', 'medium', 'high', 'xhigh', 'max'])),
      format: z.optional(z.object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })),
    }),
  ),
  metadata: z.optional(z.object({ user_id: z.optional(z.string()) })),
  temperature: z.optional(z.number().check(z.gte(0), z.lte(1))),
  top_p: z.optional(z.number().check(z.gte(0), z.lte(1))),
  top_k: z.optional(z.int().check(z.gte(0))),
  service_tier: z.optional(z.enum(['auto', 'standard_only'])),
});

/**
 * Validates a Messages body; throws {@link RequestValidationError} naming the field.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function validateCreateMessageParams(params: CreateMessageParams): void {
  validateInput(createMessageSchema, params, 'createMessage params');
  const thinking = params.thinking;
  if (thinking?.type === 'enabled' && thinking.budget_tokens >= params.max_tokens) {
    throw new RequestValidationError(
      [
        {
          path: 'thinking.budget_tokens',
          message: `must be less than max_tokens (${params.max_tokens}); raise max_tokens or lower the budget`,
        },
      ],
      'createMessage params',
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Response schemas: require only what we read, keep everything else.

const nullableCount = z.optional(z.nullable(z.number()));
const usageSchema = z.looseObject({
  input_tokens: nullableCount,
  output_tokens: nullableCount,
  cache_creation_input_tokens: nullableCount,
  cache_read_input_tokens: nullableCount,
});
const messageSchema = z.looseObject({
  id: z.string(),
  content: z.array(blockSchema),
  stop_reason: z.optional(z.nullable(z.string())),
  usage: z.optional(z.nullable(usageSchema)),
});

/**
 * Checks a Message body's shape (leniently) and returns it unchanged, so blocks stay exact.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function parseAnthropicMessage(body: unknown, context = 'message'): AnthropicMessage {
  const result = messageSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    throw new ResponseValidationError(
      'anthropic',
      `${context}: ${where || '(body)'} ${issue?.message ?? ''}`.trim(),
      body,
    );
  }
  return body as AnthropicMessage;
}

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
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ResponseValidationError(
      'anthropic',
      `${type} event: ${issue ? issue.path.map(String).join('.') : ''} ${issue?.message ?? ''}`.trim(),
      data,
    );
  }
  if (type === 'content_block_delta') {
    const deltaType = (data as { delta: { type: string } }).delta.type;
    if (!isKey(deltaSchemas, deltaType)) return undefined;
    const delta = deltaSchemas[deltaType].safeParse((data as { delta: unknown }).delta);
    if (!delta.success) throw new ResponseValidationError('anthropic', `${deltaType}: malformed delta`, data);
  }
  return { ...(data as object), type } as AnthropicStreamEvent;
}

/**
 * Sends `POST /v1/messages` and returns the whole answer with its request id. Used by the chat model too.
 * @see https://docs.anthropic.com/en/api/messages
 */
export async function sendMessage(
  client: AnthropicClient,
  params: CreateMessageParams,
  options: RequestOptions = {},
): Promise<HttpResponse<AnthropicMessage>> {
  validateCreateMessageParams(params);
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: 'messages',
    json: params.stream ? { ...params, stream: false } : params,
    // Re-sending a message costs tokens but starts no job; the official SDK retries it (429, 5xx, 529).
    retry: 'safe',
  });
  return { ...response, data: parseAnthropicMessage(response.data) };
}

/**
 * Creates a message: `POST /v1/messages`, returning Anthropic's Message object as sent.
 * @see https://docs.anthropic.com/en/api/messages
 * @example
 * const message = await createMessage(createAnthropicClient(), {
 *   model: 'claude-sonnet-4-6',
 *   max_tokens: 512,
 *   system: 'Be brief.',
 *   messages: [{ role: 'user', content: 'Why is the sky blue?' }],
 * });
 */
export async function createMessage(
  client: AnthropicClient,
  params: CreateMessageParams,
  options?: RequestOptions,
): Promise<AnthropicMessage> {
  return (await sendMessage(client, params, options)).data;
}

/**
 * An opened Messages stream: the request id from the answer's headers and the parsed events.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export interface OpenedMessageStream {
  /** The `request-id` header of the answer. */
  requestId?: string;
  /** Parsed events, as they arrive. */
  events: AsyncGenerator<AnthropicStreamEvent, void, undefined>;
}

async function* parseEvents(
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

/**
 * Sends `POST /v1/messages` with `stream: true` and returns the event stream once the headers are in.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export async function openMessageStream(
  client: AnthropicClient,
  params: CreateMessageParams,
  options: RequestOptions = {},
): Promise<OpenedMessageStream> {
  const body: CreateMessageParams = { ...params, stream: true };
  validateCreateMessageParams(body);
  const response = await client.raw({
    ...options,
    method: 'POST',
    path: 'messages',
    json: body,
    headers: { accept: 'text/event-stream', ...options.headers },
    retry: 'safe',
  });
  const requestId = response.headers.get('request-id') ?? undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) throw new ResponseValidationError('anthropic', 'the stream has no body', undefined);
  if (!type.includes('event-stream') && type.includes('json')) {
    // An answer that is one JSON body instead of a stream: an error envelope inside HTTP 200, or nonsense.
    const text = await response.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // keep the text
    }
    if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'error') {
      throw anthropicStreamError(data, requestId);
    }
    throw new ResponseValidationError('anthropic', 'expected an event stream, got JSON', data);
  }
  const opened: OpenedMessageStream = {
    events: parseEvents(response.body, requestId, client.options.maxSseLineLength),
  };
  if (requestId) opened.requestId = requestId;
  return opened;
}

/**
 * Streams a message: `POST /v1/messages` with `stream: true`, yielding parsed events as they arrive. `ping` and
 * unknown events are skipped; an `error` event is thrown as a typed error (`overloaded_error` → ServerError).
 * @see https://docs.anthropic.com/en/api/messages-streaming
 * @example
 * for await (const event of streamMessage(client, { model: 'claude-sonnet-4-6', max_tokens: 512, messages })) {
 *   if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') console.log(event.delta.text);
 * }
 */
export async function* streamMessage(
  client: AnthropicClient,
  params: CreateMessageParams,
  options: RequestOptions = {},
): AsyncGenerator<AnthropicStreamEvent, void, undefined> {
  const opened = await openMessageStream(client, params, options);
  yield* opened.events;
}
