/**
 * The Messages endpoint (`POST /v1/messages`) as plain functions: the whole answer or its event stream.
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import type { HttpResponse, RequestOptions } from '../../http/types.js';
import type { AnthropicClient } from './client.js';
import { anthropicStreamError } from './errors.js';
import { type CreateMessageParams, validateCreateMessageParams } from './message-params.js';
import { type AnthropicMessage, parseAnthropicMessage } from './message-response.js';
import { type AnthropicStreamEvent, parseMessageStream } from './message-stream.js';

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
    // The whole answer comes after the whole generation (minutes with extended thinking).
    generation: true,
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
    events: parseMessageStream(response.body, requestId, client.options.maxSseLineLength),
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
