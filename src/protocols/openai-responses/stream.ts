/**
 * Maps a Responses server-sent event stream to provider-neutral {@link ModelStreamEvent}s, yielding each as it
 * arrives.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 * @module
 */

import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import type { ModelStreamEvent } from '../../core/model.js';
import type { SseEvent } from '../../http/types.js';
import {
  type ParseResponsesOptions,
  parseResponsesResponse,
  responsesErrorToException,
  toolCallFromItem,
} from './response.js';
import type { ResponsesRawItem, ResponsesStreamEvent } from './wire.js';

function parseEvent(event: SseEvent, provider: string): ResponsesStreamEvent | undefined {
  const data = event.data.trim();
  // xAI may end with `data: [DONE]`; both providers may send `ping`.
  if (!data || data === '[DONE]' || event.event === 'ping') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new ResponseValidationError(provider, `stream event ${event.event ?? 'message'} is not JSON`, data);
  }
  if (!isRecord(parsed)) return undefined;
  const type = typeof parsed.type === 'string' ? parsed.type : event.event;
  if (!type) return undefined;
  return { ...parsed, type };
}

/**
 * Reads a Responses event stream and yields: `text-delta` (`response.output_text.delta`), `refusal-delta`
 * (`response.refusal.delta`: a refusal is never part of the text deltas), `reasoning-delta`
 * (`response.reasoning_summary_text.delta`, `response.reasoning_text.delta`), `tool-call-start`
 * (`response.output_item.added` of a function call), `tool-call-delta` (`response.function_call_arguments.delta`),
 * `tool-call` (`response.output_item.done` of a function call, the exact final item), then `usage` and `response`
 * at `response.completed` / `response.incomplete`. `response.failed` and `error` events (flat or nested, also with
 * a truthy top-level `error` key) throw typed errors; a stream that ends without a terminal event throws a
 * {@link ResponseValidationError}. `ping`, `[DONE]` and unknown event types are skipped. Calls are tracked by
 * `output_index`, never by item id (xAI may send empty ids).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export async function* mapResponsesStream(
  events: AsyncIterable<SseEvent>,
  options: ParseResponsesOptions,
): AsyncGenerator<ModelStreamEvent, void, undefined> {
  const provider = options.dialect.provider;
  const calls = new Map<number, string>();
  const callsByItemId = new Map<string, string>();
  const doneItems = new Map<number, ResponsesRawItem>();
  for await (const raw of events) {
    const event = parseEvent(raw, provider);
    if (!event) continue;
    const outputIndex = typeof event.output_index === 'number' ? event.output_index : -1;
    switch (event.type) {
      case 'response.output_text.delta':
        if (typeof event.delta === 'string' && event.delta) yield { type: 'text-delta', delta: event.delta };
        break;
      case 'response.refusal.delta':
        if (typeof event.delta === 'string' && event.delta) yield { type: 'refusal-delta', delta: event.delta };
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        if (typeof event.delta === 'string' && event.delta) yield { type: 'reasoning-delta', delta: event.delta };
        break;
      case 'response.output_item.added': {
        const item = event.item;
        if (isRecord(item) && item.type === 'function_call' && typeof item.call_id === 'string') {
          calls.set(outputIndex, item.call_id);
          if (typeof item.id === 'string' && item.id) callsByItemId.set(item.id, item.call_id);
          yield { type: 'tool-call-start', id: item.call_id, name: typeof item.name === 'string' ? item.name : '' };
        }
        break;
      }
      case 'response.function_call_arguments.delta': {
        const id =
          calls.get(outputIndex) ?? (typeof event.item_id === 'string' ? callsByItemId.get(event.item_id) : undefined);
        if (id && typeof event.delta === 'string' && event.delta)
          yield { type: 'tool-call-delta', id, delta: event.delta };
        break;
      }
      case 'response.output_item.done': {
        const item = event.item;
        if (!isRecord(item) || typeof item.type !== 'string') break;
        const exact: ResponsesRawItem = { ...item, type: item.type };
        doneItems.set(outputIndex >= 0 ? outputIndex : doneItems.size, exact);
        if (exact.type === 'function_call') {
          const call = toolCallFromItem(exact, options.restoreArguments);
          if (call) yield { type: 'tool-call', call };
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        const response = isRecord(event.response) ? { ...event.response } : {};
        if (typeof response.status !== 'string') response.status = event.type.slice('response.'.length);
        // The terminal event carries the whole output; fall back to the items seen when a provider leaves it out.
        if (!Array.isArray(response.output) || (response.output.length === 0 && doneItems.size > 0)) {
          response.output = [...doneItems.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
        }
        const parsed = parseResponsesResponse(response, options);
        yield { type: 'usage', usage: parsed.usage };
        yield { type: 'response', response: parsed };
        return;
      }
      case 'error': {
        const error = isRecord(event.error) ? event.error : event;
        throw responsesErrorToException(provider, error, {
          ...(options.requestId ? { requestId: options.requestId } : {}),
          body: event,
        });
      }
      default:
        if (event.error && !event.type.startsWith('response.')) {
          const error = isRecord(event.error) ? event.error : { message: String(event.error) };
          throw responsesErrorToException(provider, error, { body: event });
        }
    }
  }
  throw new ResponseValidationError(provider, 'the stream ended before response.completed', undefined);
}
