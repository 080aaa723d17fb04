/**
 * Parsing of a Chat Completions stream: server-sent events to chunks, the `[DONE]` sentinel, and error envelopes
 * sent as chunks thrown as typed errors.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @module
 */
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
import { kindForStatus } from '../../http/retry.js';
import { parseSse } from '../../http/sse.js';
import type { ChatCompletionChunk } from './chat-completions-wire.js';

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

/** The parsed chunks of an event stream, up to and including `done` for `[DONE]`. */
export async function* parseChatCompletionChunks(
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
