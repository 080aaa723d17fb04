/**
 * The Chat Completions endpoint (`POST /chat/completions`) as plain functions: the whole answer, or its chunk
 * stream. Wire types in `chat-completions-wire.ts`, body checks in `chat-completions-schema.ts`.
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import type { HttpResponse, RequestOptions } from '../../http/types.js';
import { parseChatCompletionChunk, parseChatCompletionChunks } from './chat-completions-chunks.js';
import { parseChatCompletion, validateChatCompletionParams } from './chat-completions-schema.js';
import type { ChatCompletion, ChatCompletionChunk, CreateChatCompletionParams } from './chat-completions-wire.js';
import type { ChatCompletionsClient } from './client.js';

/**
 * Sends `POST /chat/completions` and returns the whole answer with its request id. Used by the chat model too.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export async function sendChatCompletion(
  client: ChatCompletionsClient,
  params: CreateChatCompletionParams,
  options: RequestOptions = {},
): Promise<HttpResponse<ChatCompletion>> {
  // Checked as given (a `stream: 7` or non-object params are refused, not dropped), then sent without streaming.
  validateChatCompletionParams(params);
  const body: CreateChatCompletionParams = { ...params };
  delete body.stream;
  delete body.stream_options;
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: 'chat/completions',
    json: body,
    retry: 'safe',
    // The whole answer comes after the whole generation (minutes for a reasoning model).
    generation: true,
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
    chunks: parseChatCompletionChunks(client.provider, response.body, client.options.maxSseLineLength),
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
