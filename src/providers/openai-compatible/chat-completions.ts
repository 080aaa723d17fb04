/**
 * The Chat Completions endpoint (`POST /chat/completions`) as plain functions, with its wire types (snake_case,
 * as OpenAI documents them and compatible servers accept them).
 * @module
 */
import * as z from 'zod/mini';
import {
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
} from '../../common/errors.js';
import { validateInput } from '../../common/validate.js';
import { kindForStatus } from '../../http/retry.js';
import { parseSse } from '../../http/sse.js';
import type { HttpResponse, RequestOptions } from '../../http/types.js';
import type { ChatCompletionsClient } from './client.js';

/**
 * A content part of a user message.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatContentPart =
  | {
      /** Text. */
      type: 'text';
      /** The text. */
      text: string;
    }
  | {
      /** An image. */
      type: 'image_url';
      /** Where the image is. */
      image_url: {
        /** An https URL or a `data:` URL. */
        url: string;
        /** Detail hint. */
        detail?: 'auto' | 'low' | 'high';
      };
    }
  | {
      /** Audio. */
      type: 'input_audio';
      /** The audio. */
      input_audio: {
        /** Base64 bytes. */
        data: string;
        /** Encoding. */
        format: 'wav' | 'mp3';
      };
    }
  | {
      /** A file (PDF). */
      type: 'file';
      /** The file. */
      file: {
        /** An uploaded file's id. */
        file_id?: string;
        /** A `data:` URL with the bytes. */
        file_data?: string;
        /** File name. */
        filename?: string;
      };
    };

/**
 * A function name and its arguments.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatFunctionCall {
  /** Function name. */
  name: string;
  /** Arguments as a JSON string (possibly invalid). */
  arguments: string;
}

/**
 * A tool call in an assistant message.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatToolCall {
  /** Call id the tool message must name. */
  id: string;
  /** Always `function`. */
  type: 'function';
  /** Name and arguments. */
  function: ChatFunctionCall;
}

/**
 * One message of the conversation.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatMessageParam =
  | {
      /** Instructions (`developer` on newer OpenAI models). */
      role: 'system' | 'developer';
      /** The instructions. */
      content: string;
    }
  | {
      /** What a person said. */
      role: 'user';
      /** Text, or content parts. */
      content: string | ChatContentPart[];
    }
  | {
      /** What the model said. */
      role: 'assistant';
      /** Text; null when the turn holds only tool calls. */
      content?: string | null;
      /** Tool calls. */
      tool_calls?: ChatToolCall[];
      /** Reasoning text some servers (DeepSeek, vLLM) return and some want back. */
      reasoning_content?: string;
    }
  | {
      /** A tool's result. */
      role: 'tool';
      /** The call this answers. */
      tool_call_id: string;
      /** The result text. */
      content: string;
    };

/**
 * A function tool.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatTool {
  /** Always `function`. */
  type: 'function';
  /** The function. */
  function: {
    /** Function name. */
    name: string;
    /** What it does. */
    description?: string;
    /** JSON Schema of the arguments. */
    parameters?: Record<string, unknown>;
    /** Strict schema adherence (the schema must follow strict rules). */
    strict?: boolean;
  };
}

/**
 * Which tool the model must (or must not) call.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export type ChatToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | {
      /** Always `function`. */
      type: 'function';
      /** The function to call. */
      function: {
        /** Its name. */
        name: string;
      };
    };

/**
 * Output format.
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export type ChatResponseFormat =
  | {
      /** Plain text (default). */
      type: 'text';
    }
  | {
      /** Any JSON object. */
      type: 'json_object';
    }
  | {
      /** JSON matching a schema. */
      type: 'json_schema';
      /** The schema. */
      json_schema: {
        /** Schema name (`^[a-zA-Z0-9_-]{1,64}$`). */
        name: string;
        /** What the output is for. */
        description?: string;
        /** The JSON Schema. */
        schema?: Record<string, unknown>;
        /** Strict schema adherence. */
        strict?: boolean;
      };
    };

/**
 * Body of `POST /chat/completions`. Gateways accept fields of their own (`top_k`, `min_p`…): extra fields pass
 * through unchanged.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface CreateChatCompletionParams {
  /** Model id as the server names it. */
  model: string;
  /** The conversation. */
  messages: ChatMessageParam[];
  /** Function tools. */
  tools?: ChatTool[];
  /** Tool choice. */
  tool_choice?: ChatToolChoice;
  /** Allow several tool calls in one turn. */
  parallel_tool_calls?: boolean;
  /** Structured output. */
  response_format?: ChatResponseFormat;
  /** Output token limit (the field most compatible servers read). */
  max_tokens?: number;
  /** Output token limit (OpenAI's newer name). */
  max_completion_tokens?: number;
  /** Sampling temperature (0–2). */
  temperature?: number;
  /** Nucleus sampling. */
  top_p?: number;
  /** Stop sequences. */
  stop?: string | string[];
  /** Seed for reproducible sampling. */
  seed?: number;
  /** Reasoning effort, where the server supports it. */
  reasoning_effort?: string;
  /** Stream the answer as server-sent events. */
  stream?: boolean;
  /** Streaming options: `include_usage` adds a last chunk with usage. */
  stream_options?: {
    /** Add a last chunk (with empty `choices`) that carries usage. */
    include_usage?: boolean;
  };
  /** End-user id. */
  user?: string;
  /** Server-specific fields. */
  [key: string]: unknown;
}

/**
 * Token usage.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatUsage {
  /** Input tokens. */
  prompt_tokens?: number | null;
  /** Output tokens. */
  completion_tokens?: number | null;
  /** Both. */
  total_tokens?: number | null;
  /** Input breakdown. */
  prompt_tokens_details?: {
    /** Input tokens served from cache. */
    cached_tokens?: number | null;
  } | null;
  /** Output breakdown. */
  completion_tokens_details?: {
    /** Reasoning tokens. */
    reasoning_tokens?: number | null;
  } | null;
}

/**
 * The assistant message of a choice.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatCompletionMessage {
  /** Always `assistant`. */
  role?: string;
  /** Text (null with tool calls only). */
  content?: string | null;
  /** A refusal instead of content. */
  refusal?: string | null;
  /** Tool calls. */
  tool_calls?: ChatToolCall[] | null;
  /** Reasoning text (DeepSeek, vLLM). */
  reasoning_content?: string | null;
  /** Reasoning text (OpenRouter, some others). */
  reasoning?: string | null;
}

/**
 * One choice of a completion.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatCompletionChoice {
  /** Choice position. */
  index?: number;
  /** The assistant message. */
  message: ChatCompletionMessage;
  /** `stop`, `length`, `tool_calls`, `content_filter` (null while streaming). */
  finish_reason?: string | null;
}

/**
 * The object `POST /chat/completions` returns.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export interface ChatCompletion {
  /** `chatcmpl-…` */
  id?: string;
  /** Model that answered. */
  model?: string;
  /** Choices (one unless `n` > 1). */
  choices: ChatCompletionChoice[];
  /** Usage. */
  usage?: ChatUsage | null;
}

/**
 * A tool-call fragment in a stream chunk.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatToolCallDelta {
  /** Which call this fragment belongs to. */
  index?: number;
  /** Call id (first fragment). */
  id?: string | null;
  /** Always `function` (first fragment). */
  type?: string | null;
  /** Name (first fragment) and a piece of the arguments. */
  function?: {
    /** Function name (first fragment). */
    name?: string | null;
    /** A piece of the arguments JSON. */
    arguments?: string | null;
  } | null;
}

/**
 * What a stream chunk adds to the message.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export interface ChatCompletionDelta {
  /** `assistant` (first chunk). */
  role?: string | null;
  /** A piece of text. */
  content?: string | null;
  /** A piece of a refusal. */
  refusal?: string | null;
  /** A piece of reasoning text (DeepSeek, vLLM). */
  reasoning_content?: string | null;
  /** A piece of reasoning text (OpenRouter, some others). */
  reasoning?: string | null;
  /** Tool-call fragments, by index. */
  tool_calls?: ChatToolCallDelta[] | null;
}

/**
 * One choice of a stream chunk.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export interface ChatCompletionChunkChoice {
  /** Choice position. */
  index?: number;
  /** What this chunk adds. */
  delta?: ChatCompletionDelta | null;
  /** Set on the last content chunk. */
  finish_reason?: string | null;
}

/**
 * One chunk of a streamed completion.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export interface ChatCompletionChunk {
  /** `chatcmpl-…` */
  id?: string;
  /** Model. */
  model?: string;
  /** Choice deltas; empty (or null) in the last usage-only chunk. */
  choices?: ChatCompletionChunkChoice[] | null;
  /** Usage (with `stream_options.include_usage`). */
  usage?: ChatUsage | null;
}

// ---------------------------------------------------------------------------------------------------------------

const messageSchema = z.union([
  z.object({ role: z.enum(['system', 'developer']), content: z.string() }),
  z.object({
    role: z.literal('user'),
    content: z.union([
      z.string(),
      z.array(z.looseObject({ type: z.enum(['text', 'image_url', 'input_audio', 'file']) })),
    ]),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.optional(z.nullable(z.string())),
    tool_calls: z.optional(
      z.array(
        z.object({
          id: z.string().check(z.minLength(1)),
          type: z.literal('function'),
          function: z.object({ name: z.string().check(z.minLength(1)), arguments: z.string() }),
        }),
      ),
    ),
    reasoning_content: z.optional(z.string()),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string().check(z.minLength(1)), content: z.string() }),
]);

const createSchema = z.looseObject({
  model: z.string().check(z.minLength(1)),
  messages: z.array(messageSchema).check(z.minLength(1)),
  tools: z.optional(
    z.array(
      z.object({
        type: z.literal('function'),
        function: z.object({
          name: z.string().check(z.minLength(1)),
          description: z.optional(z.string()),
          parameters: z.optional(z.record(z.string(), z.unknown())),
          strict: z.optional(z.boolean()),
        }),
      }),
    ),
  ),
  tool_choice: z.optional(
    z.union([
      z.enum(['auto', 'none', 'required']),
      z.object({ type: z.literal('function'), function: z.object({ name: z.string().check(z.minLength(1)) }) }),
    ]),
  ),
  parallel_tool_calls: z.optional(z.boolean()),
  max_tokens: z.optional(z.int().check(z.gte(1))),
  max_completion_tokens: z.optional(z.int().check(z.gte(1))),
  temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
  top_p: z.optional(z.number().check(z.gte(0), z.lte(1))),
  stream: z.optional(z.boolean()),
});

/**
 * Validates a Chat Completions body; throws a RequestValidationError naming the field.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function validateChatCompletionParams(params: CreateChatCompletionParams): void {
  validateInput(createSchema, params, 'createChatCompletion params');
}

const completionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({
          content: z.optional(z.nullable(z.string())),
          tool_calls: z.optional(
            z.nullable(
              z.array(
                z.looseObject({
                  id: z.optional(z.nullable(z.string())),
                  function: z.looseObject({ name: z.string(), arguments: z.optional(z.nullable(z.string())) }),
                }),
              ),
            ),
          ),
        }),
      }),
    )
    .check(z.minLength(1)),
});

/**
 * Checks a completion's shape (leniently) and returns it unchanged.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function parseChatCompletion(provider: string, body: unknown): ChatCompletion {
  const result = completionSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    throw new ResponseValidationError(
      provider,
      `chat completion: ${where || '(body)'} ${issue?.message ?? ''}`.trim(),
      body,
    );
  }
  return body as ChatCompletion;
}

/** An error envelope sent as a stream chunk (`data: {"error": {…}}`), as some gateways do mid-stream. */
function chunkError(provider: string, data: Record<string, unknown>): ApiError {
  const error = data.error;
  const envelope =
    error && typeof error === 'object' ? (error as { message?: unknown; code?: unknown; type?: unknown }) : {};
  const message = typeof error === 'string' ? error : typeof envelope.message === 'string' ? envelope.message : 'error';
  const details: ApiErrorDetails = { provider, status: 200, body: data };
  if (typeof envelope.code === 'number' || typeof envelope.code === 'string') details.code = String(envelope.code);
  if (typeof envelope.type === 'string') details.type = envelope.type;
  // A numeric code (OpenRouter) names the HTTP status the error would have had; the error keeps status 200.
  const status =
    typeof envelope.code === 'number' && envelope.code >= 400 && envelope.code <= 599 ? envelope.code : 500;
  const text = `${message} (in the stream after HTTP 200)`;
  switch (kindForStatus(status)) {
    case 'bad-request':
      return new BadRequestError(text, details);
    case 'authentication':
      return new AuthenticationError(text, details);
    case 'permission':
      return new PermissionDeniedError(text, details);
    case 'not-found':
      return new NotFoundError(text, details);
    case 'rate-limit':
      return new RateLimitError(text, details);
    case 'server':
      return new ServerError(text, details);
    default:
      return new ApiError(text, details);
  }
}

/**
 * Parses one `data:` payload of a stream: a chunk, `done` for `[DONE]`, or a thrown error for an error chunk.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function parseChatCompletionChunk(provider: string, data: string): ChatCompletionChunk | 'done' {
  const text = data.trim();
  if (text === '[DONE]') return 'done';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ResponseValidationError(provider, `stream chunk is not JSON: ${text.slice(0, 200)}`, data, { cause });
  }
  if (!value || typeof value !== 'object')
    throw new ResponseValidationError(provider, 'stream chunk is not an object', value);
  const record = value as Record<string, unknown>;
  if (record.error !== undefined && record.error !== null && record.choices === undefined)
    throw chunkError(provider, record);
  return value as ChatCompletionChunk;
}

/**
 * Sends `POST /chat/completions` and returns the whole answer with its request id. Used by the chat model too.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export async function sendChatCompletion(
  client: ChatCompletionsClient,
  params: CreateChatCompletionParams,
  options: RequestOptions = {},
): Promise<HttpResponse<ChatCompletion>> {
  const body: CreateChatCompletionParams = { ...params };
  delete body.stream;
  delete body.stream_options;
  validateChatCompletionParams(body);
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: 'chat/completions',
    json: body,
    retry: 'safe',
  });
  return { ...response, data: parseChatCompletion(client.provider, response.data) };
}

/**
 * Creates a chat completion: `POST /chat/completions`, returning the server's completion object as sent.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @example
 * const client = createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:11434/v1' });
 * const completion = await createChatCompletion(client, {
 *   model: 'llama3.2',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 */
export async function createChatCompletion(
  client: ChatCompletionsClient,
  params: CreateChatCompletionParams,
  options?: RequestOptions,
): Promise<ChatCompletion> {
  return (await sendChatCompletion(client, params, options)).data;
}

/**
 * An opened completion stream: the request id and the parsed chunks (ends at `[DONE]`).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface OpenedChatCompletionStream {
  /** The request id header of the answer, when the server sends one. */
  requestId?: string;
  /** Chunks as they arrive; `done` marks the `[DONE]` sentinel (the last item). */
  chunks: AsyncGenerator<ChatCompletionChunk | 'done', void, undefined>;
}

async function* parseChunks(
  provider: string,
  body: ReadableStream<Uint8Array>,
  maxLineLength: number,
): AsyncGenerator<ChatCompletionChunk | 'done', void, undefined> {
  for await (const event of parseSse(body, { maxLineLength, provider })) {
    if (!event.data.trim()) continue;
    const chunk = parseChatCompletionChunk(provider, event.data);
    yield chunk;
    if (chunk === 'done') return;
  }
}

/**
 * Sends `POST /chat/completions` with `stream: true` and returns the chunk stream once the headers are in.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export async function openChatCompletionStream(
  client: ChatCompletionsClient,
  params: CreateChatCompletionParams,
  options: RequestOptions = {},
): Promise<OpenedChatCompletionStream> {
  const body: CreateChatCompletionParams = { ...params, stream: true };
  validateChatCompletionParams(body);
  const response = await client.raw({
    ...options,
    method: 'POST',
    path: 'chat/completions',
    json: body,
    headers: { accept: 'text/event-stream', ...options.headers },
    retry: 'safe',
  });
  const requestId = response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined;
  if (!response.body) throw new ResponseValidationError(client.provider, 'the stream has no body', undefined);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('event-stream') && type.includes('json')) {
    // One JSON body instead of a stream: an error envelope inside HTTP 200 (or a server that ignores `stream`).
    const text = await response.text();
    const chunk = parseChatCompletionChunk(client.provider, text);
    throw new ResponseValidationError(client.provider, 'expected an event stream, got one JSON body', chunk);
  }
  const opened: OpenedChatCompletionStream = {
    chunks: parseChunks(client.provider, response.body, client.options.maxSseLineLength),
  };
  if (requestId) opened.requestId = requestId;
  return opened;
}

/**
 * Streams a chat completion: yields the parsed chunks as they arrive and ends at `[DONE]`. An error chunk is
 * thrown as a typed error.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @example
 * for await (const chunk of streamChatCompletion(client, { model: 'llama3.2', messages })) {
 *   const text = chunk.choices?.[0]?.delta?.content;
 *   if (text) console.log(text);
 * }
 */
export async function* streamChatCompletion(
  client: ChatCompletionsClient,
  params: CreateChatCompletionParams,
  options?: RequestOptions,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const opened = await openChatCompletionStream(client, params, options);
  for await (const chunk of opened.chunks) {
    if (chunk !== 'done') yield chunk;
  }
}
