/**
 * Maps a Responses response object to a provider-neutral {@link ModelResponse}, and `failed` / `incomplete`
 * statuses and stream `error` events to typed errors.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @module
 */

import {
  ApiError,
  BadRequestError,
  ContentFilterError,
  QuotaExceededError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
} from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import type { FinishReason, ModelResponse } from '../../core/model.js';
import type { AssistantPart, TextPart, ToolCallPart, Usage } from '../../core/prompt/message.js';
import { restoreJsonText } from '../strict-json-schema.js';
import type { ResponsesDialect } from './dialect.js';
import type { ResponsesContinuation } from './request.js';
import {
  conformsToFunctionCallItem,
  conformsToResponsesResponse,
  functionCallItemSchema,
  type ResponsesRawItem,
  type ResponsesResponse,
  type ResponsesUsage,
  responsesResponseSchema,
} from './wire.js';

/** Options of {@link parseResponsesResponse}. */
export interface ParseResponsesOptions {
  /** Provider rules. */
  dialect: ResponsesDialect;
  /** Whether the request stored its response (then a continuation is handed back). */
  store: boolean;
  /** Per function name: removes the `null`s strict mode forced onto optional properties. */
  restoreArguments?: ReadonlyMap<string, (value: unknown) => unknown>;
  /** The same for a structured-output answer. */
  restoreOutput?: (value: unknown) => unknown;
  /** Request id from the response headers. */
  requestId?: string;
  /**
   * Throw instead of returning when the status is `incomplete`: a {@link ContentFilterError} for
   * `content_filter`, an {@link ApiError} with code `max_output_tokens` (or the provider's reason) otherwise.
   * Default false: the partial answer is returned with finish reason `length` / `content-filter`.
   */
  throwOnIncomplete?: boolean;
  /** Sees the validated response object before it is mapped (usage extras, citations, echoes). */
  onResponse?: (response: ResponsesResponse) => void;
}

/** Guesses an image's MIME type from its format name or the first bytes of its base64 text. */
export function imageMimeType(base64: string, format?: unknown): string {
  if (format === 'png' || format === 'jpeg' || format === 'webp') return `image/${format}`;
  if (format === 'jpg') return 'image/jpeg';
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('UklGR')) return 'image/webp';
  if (base64.startsWith('R0lGOD')) return 'image/gif';
  return 'image/png';
}

function joinTexts(list: unknown, type: string): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const texts: string[] = [];
  for (const entry of list) {
    if (isRecord(entry) && entry.type === type && typeof entry.text === 'string') texts.push(entry.text);
  }
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

/** Maps one function call item to a tool call part (`id` = `call_id`, `itemId` = the item's own id). */
export function toolCallFromItem(
  item: ResponsesRawItem,
  restoreArguments?: ReadonlyMap<string, (value: unknown) => unknown>,
): ToolCallPart | undefined {
  const data = conformsToFunctionCallItem(item) ? item : functionCallItemSchema.safeParse(item).data;
  if (!data) return undefined;
  const { call_id, name, id, arguments: args } = data;
  const part: ToolCallPart = {
    type: 'tool-call',
    id: call_id,
    name,
    arguments: restoreJsonText(args, restoreArguments?.get(name)),
  };
  if (id) part.itemId = id;
  return part;
}

/**
 * Maps output items to assistant parts, in order: `message` text (and refusals, marked `refusal`) → text parts
 * carrying the message's `phase` where it has one, `function_call` →
 * tool calls, `reasoning` → reasoning parts carrying the exact item, `image_generation_call` with a result →
 * an image media part (base64), every other item (web search, file search, code interpreter, unknown) → a
 * provider item kept exactly for replay.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 */
export function outputItemsToParts(
  items: readonly ResponsesRawItem[],
  provider: string,
  restoreArguments?: ReadonlyMap<string, (value: unknown) => unknown>,
): { parts: AssistantPart[]; refused: boolean } {
  const parts: AssistantPart[] = [];
  let refused = false;
  for (const item of items) {
    switch (item.type) {
      case 'message': {
        const content = Array.isArray(item.content) ? item.content : [];
        const phase = typeof item.phase === 'string' && item.phase ? item.phase : undefined;
        for (const entry of content) {
          if (!isRecord(entry)) continue;
          let part: TextPart;
          if (entry.type === 'output_text' && typeof entry.text === 'string') {
            part = { type: 'text', text: entry.text };
          } else if (entry.type === 'refusal' && typeof entry.refusal === 'string') {
            refused = true;
            part = { type: 'text', text: entry.refusal, refusal: true };
          } else {
            continue;
          }
          if (phase !== undefined) part.phase = phase;
          parts.push(part);
        }
        break;
      }
      case 'function_call': {
        const call = toolCallFromItem(item, restoreArguments);
        parts.push(call ?? { type: 'provider-item', provider, data: item });
        break;
      }
      case 'reasoning': {
        const part: AssistantPart = { type: 'reasoning', provider, data: item };
        const summary = joinTexts(item.summary, 'summary_text');
        const text = joinTexts(item.content, 'reasoning_text');
        if (summary !== undefined) part.summary = summary;
        if (text !== undefined) part.text = text;
        parts.push(part);
        break;
      }
      case 'image_generation_call': {
        if (typeof item.result === 'string' && item.result) {
          const media: AssistantPart = {
            type: 'media',
            kind: 'image',
            source: { kind: 'base64', data: item.result, mimeType: imageMimeType(item.result, item.output_format) },
          };
          if (typeof item.id === 'string' && item.id) media.itemId = item.id;
          parts.push(media);
        } else {
          parts.push({ type: 'provider-item', provider, data: item });
        }
        break;
      }
      default:
        parts.push({ type: 'provider-item', provider, data: item });
    }
  }
  return { parts, refused };
}

/** Maps wire usage to core usage; where the dialect's `output_tokens` leaves reasoning out, adds it. */
export function mapUsage(usage: ResponsesUsage | null | undefined, dialect: ResponsesDialect): Usage {
  const input = usage?.input_tokens ?? 0;
  const reasoning = usage?.output_tokens_details?.reasoning_tokens ?? undefined;
  const visible = usage?.output_tokens ?? 0;
  const output = dialect.outputTokensIncludeReasoning ? visible : visible + (reasoning ?? 0);
  const out: Usage = { inputTokens: input, outputTokens: output, totalTokens: usage?.total_tokens ?? input + output };
  if (reasoning !== undefined && reasoning !== null) out.reasoningTokens = reasoning;
  const cached = usage?.input_tokens_details?.cached_tokens;
  if (cached !== undefined && cached !== null) out.cachedInputTokens = cached;
  return out;
}

const CONTENT_CODES = /policy|moderation|safety|content_filter/i;

/**
 * Turns a Responses error object (`response.error` of a failed response, or a stream `error` event, flat or
 * nested) into the matching typed error: rate limits → {@link RateLimitError}, quota → {@link QuotaExceededError},
 * content policy → {@link ContentFilterError}, invalid input (`invalid_*`, image problems) →
 * {@link BadRequestError}, server errors and overload (529) → {@link ServerError}, anything else → {@link ApiError}.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/error
 */
export function responsesErrorToException(
  provider: string,
  error: { code?: unknown; message?: unknown; status?: unknown; type?: unknown; param?: unknown },
  context: { requestId?: string; responseId?: string; body?: unknown } = {},
): ApiError {
  const code = error.code === undefined || error.code === null ? undefined : String(error.code);
  const status = typeof error.status === 'number' ? error.status : 200;
  const base = typeof error.message === 'string' && error.message ? error.message : 'the response failed';
  const message = context.responseId ? `${base} (response ${context.responseId})` : base;
  const details = {
    provider,
    status,
    ...(code ? { code } : {}),
    ...(typeof error.type === 'string' ? { type: error.type } : {}),
    ...(typeof error.param === 'string' ? { param: error.param } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(context.body !== undefined ? { body: context.body } : {}),
  };
  const text = `${code ?? ''} ${base}`;
  if (code === 'insufficient_quota') return new QuotaExceededError(message, details);
  if (code === 'rate_limit_exceeded' || status === 429) return new RateLimitError(message, details);
  if (
    status >= 500 ||
    code === 'server_error' ||
    code === '529' ||
    code === 'service_unavailable' ||
    /overloaded/i.test(base)
  ) {
    return new ServerError(message, details);
  }
  if (CONTENT_CODES.test(code ?? '')) return new ContentFilterError(message, details);
  if ((code && /^(invalid|image_|empty_image|unsupported|failed_to_download)/.test(code)) || status === 400) {
    return new BadRequestError(message, details);
  }
  if (/content (filter|policy)/i.test(text)) return new ContentFilterError(message, details);
  return new ApiError(message, details);
}

function finishReasonOf(
  response: ResponsesResponse,
  parts: readonly AssistantPart[],
  refused: boolean,
): { reason: FinishReason; incomplete?: string } {
  if (response.status === 'incomplete') {
    const why = response.incomplete_details?.reason ?? 'unknown';
    if (why === 'content_filter') return { reason: 'content-filter', incomplete: why };
    if (why === 'max_output_tokens' || why === 'max_prompt_tokens') return { reason: 'length', incomplete: why };
    return { reason: 'other', incomplete: why };
  }
  if (parts.some((part) => part.type === 'tool-call')) return { reason: 'tool-calls' };
  if (refused) return { reason: 'content-filter' };
  return { reason: 'stop' };
}

function incompleteError(provider: string, why: string, response: ResponsesResponse, requestId?: string): ApiError {
  const details = {
    provider,
    status: 200,
    code: why,
    ...(requestId ? { requestId } : {}),
  };
  if (why === 'content_filter') {
    return new ContentFilterError(`the answer was stopped by the content filter (response ${response.id})`, details);
  }
  const hint =
    why === 'max_output_tokens'
      ? '; raise settings.maxOutputTokens (it also covers reasoning tokens at OpenAI) or lower the reasoning effort'
      : '';
  return new ApiError(`the response is incomplete: ${why} (response ${response.id})${hint}`, details);
}

/** Validates a response body leniently; a body without `id` or `output` is a {@link ResponseValidationError}. */
export function readResponsesBody(body: unknown, provider: string): ResponsesResponse {
  if (conformsToResponsesResponse(body)) return body;
  const parsed = responsesResponseSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'not a response object';
    throw new ResponseValidationError(provider, where, body);
  }
  return parsed.data;
}

/**
 * Maps a response object to a {@link ModelResponse}. `failed` → a typed error (see
 * {@link responsesErrorToException}); `cancelled`, `queued` and `in_progress` (a background response) → errors
 * too; `incomplete` → finish reason `length` (`max_output_tokens`) or `content-filter` (`content_filter`), or an
 * error with `throwOnIncomplete`. Usage includes reasoning and cached tokens. When the request was stored, the
 * response's id and function call ids come back as the continuation.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function parseResponsesResponse(body: unknown, options: ParseResponsesOptions): ModelResponse {
  const { dialect } = options;
  const provider = dialect.provider;
  const response = readResponsesBody(body, provider);
  options.onResponse?.(response);
  const context = { requestId: options.requestId, responseId: response.id };
  if (response.status === 'failed') {
    throw responsesErrorToException(provider, response.error ?? {}, { ...context, body });
  }
  if (response.status === 'cancelled') {
    throw new ApiError(`the response was cancelled (response ${response.id})`, {
      provider,
      status: 200,
      code: 'cancelled',
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
  }
  if (response.status === 'queued' || response.status === 'in_progress') {
    throw new ResponseValidationError(
      provider,
      `response ${response.id} is still ${response.status}; background responses are not supported by this model`,
      body,
    );
  }
  const { parts, refused } = outputItemsToParts(response.output, provider, options.restoreArguments);
  if (options.restoreOutput) {
    for (const part of parts) {
      if (part.type === 'text') part.text = restoreJsonText(part.text, options.restoreOutput);
    }
  }
  const finish = finishReasonOf(response, parts, refused);
  if (finish.incomplete && options.throwOnIncomplete) {
    throw incompleteError(provider, finish.incomplete, response, options.requestId);
  }
  const result: ModelResponse = {
    message: { role: 'assistant', content: parts },
    finishReason: finish.reason,
    usage: mapUsage(response.usage, dialect),
    raw: { id: response.id },
  };
  if (options.requestId) result.raw.requestId = options.requestId;
  if (typeof response.model === 'string') result.raw.model = response.model;
  if (options.store) {
    const continuation: ResponsesContinuation = {
      provider,
      responseId: response.id,
      callIds: parts.flatMap((part) => (part.type === 'tool-call' ? [part.id] : [])),
    };
    result.continuation = continuation;
  }
  return result;
}
