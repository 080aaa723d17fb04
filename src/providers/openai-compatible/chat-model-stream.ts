/**
 * Stream assembly of the Chat Completions chat model: the chunk stream to core's ModelStreamEvents (text and
 * reasoning deltas, tool calls assembled from their fragments by index, usage) and the final ModelResponse.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @module
 */
import { ConnectionError } from '../../common/errors.js';
import type { ModelCallOptions, ModelResponse, ModelStreamEvent } from '../../core/model.js';
import type { ToolCallPart } from '../../core/prompt/message.js';
import { restoreJsonText } from '../../protocols/strict-json-schema.js';
import { openChatCompletionStream } from './chat-completions.js';
import type { ChatCompletionsModelOptions } from './chat-completions-model.js';
import type {
  ChatCompletionChunk,
  ChatCompletionDelta,
  ChatToolCallDelta,
  ChatUsage,
  CreateChatCompletionParams,
} from './chat-completions-wire.js';
import type { BuiltParams, Restore } from './chat-model-request.js';
import { type Assembled, raw, toFinishReason, toMessage, toUsage } from './chat-model-response.js';
import type { ChatCompletionsClient } from './client.js';

/** A tool call being assembled from its fragments. */
interface CallState {
  id: string;
  name: string;
  arguments: string;
  started: boolean;
}

/** What a stream has brought so far. */
interface StreamState {
  assembled: Assembled;
  /** Tool calls by their fragment index. */
  calls: Map<number, CallState>;
  /** The assembled calls went out (at the first finish reason, or at the end). */
  callsEmitted: boolean;
  finishReason?: string | null | undefined;
  usage?: ChatUsage | undefined;
  id?: string | undefined;
  model?: string | undefined;
}

/** Emits the assembled tool calls once, in index order, with the strict-mode `null`s removed. */
function* emitCalls(state: StreamState, restore: Restore): Generator<ModelStreamEvent, void, undefined> {
  if (state.callsEmitted) return;
  state.callsEmitted = true;
  for (const index of [...state.calls.keys()].sort((a, b) => a - b)) {
    const call = state.calls.get(index) as CallState;
    const part: ToolCallPart = {
      type: 'tool-call',
      id: call.id,
      name: call.name,
      arguments: restoreJsonText(call.arguments, restore.arguments.get(call.name)),
    };
    state.assembled.calls.push(part);
    yield { type: 'tool-call', call: part };
  }
}

/** Adds tool-call fragments to their calls: a start once the name is known, then argument deltas. */
function* toolCallFragments(
  fragments: ChatToolCallDelta[],
  calls: Map<number, CallState>,
): Generator<ModelStreamEvent, void, undefined> {
  for (const [position, fragment] of fragments.entries()) {
    // Fragments of one call share an index; a server that leaves it out sends each call whole.
    const index = fragment.index ?? position;
    let call = calls.get(index);
    if (!call) {
      call = { id: fragment.id || `call_${index}`, name: '', arguments: '', started: false };
      calls.set(index, call);
    }
    const piece = fragment.function?.arguments ?? '';
    if (fragment.function?.name) call.name += fragment.function.name;
    call.arguments += piece;
    if (call.started) {
      if (piece) yield { type: 'tool-call-delta', id: call.id, delta: piece };
    } else if (call.name) {
      call.started = true;
      yield { type: 'tool-call-start', id: call.id, name: call.name };
      if (call.arguments) yield { type: 'tool-call-delta', id: call.id, delta: call.arguments };
    }
  }
}

/** Adds what one delta brings (reasoning, text, refusal, tool-call fragments) and emits its events. */
function* deltaEvents(delta: ChatCompletionDelta, state: StreamState): Generator<ModelStreamEvent, void, undefined> {
  const reasoning = delta.reasoning_content ?? delta.reasoning;
  if (reasoning) {
    state.assembled.reasoning += reasoning;
    yield { type: 'reasoning-delta', delta: reasoning };
  }
  if (delta.content) {
    state.assembled.text += delta.content;
    yield { type: 'text-delta', delta: delta.content };
  }
  if (delta.refusal) {
    state.assembled.refusal += delta.refusal;
    yield { type: 'refusal-delta', delta: delta.refusal };
  }
  yield* toolCallFragments(delta.tool_calls ?? [], state.calls);
}

/** Takes one chunk (its first choice, finish reason and usage) into the state and emits its events. */
function* chunkEvents(
  chunk: ChatCompletionChunk,
  state: StreamState,
  restore: Restore,
): Generator<ModelStreamEvent, void, undefined> {
  state.id ??= chunk.id;
  state.model ??= chunk.model;
  const choice = chunk.choices?.find((item) => (item.index ?? 0) === 0);
  if (choice?.delta) yield* deltaEvents(choice.delta, state);
  if (choice?.finish_reason) {
    state.finishReason = choice.finish_reason;
    yield* emitCalls(state, restore);
  }
  if (chunk.usage) {
    state.usage = chunk.usage;
    yield { type: 'usage', usage: toUsage(chunk.usage) };
  }
}

/**
 * Streams one request: opens the completion stream (asking for usage unless `streamUsage` is false), emits the
 * events of each chunk, and ends with the assembled ModelResponse. A stream that ends with neither `[DONE]` nor a
 * finish reason throws a ConnectionError.
 */
export async function* streamModel(
  client: ChatCompletionsClient,
  { params, restore }: BuiltParams,
  options: ChatCompletionsModelOptions,
  callOptions: ModelCallOptions,
): AsyncGenerator<ModelStreamEvent, void, undefined> {
  const body: CreateChatCompletionParams = { ...params };
  if (options.streamUsage !== false) body.stream_options = { include_usage: true, ...body.stream_options };
  const opened = await openChatCompletionStream(client, body, callOptions.signal ? { signal: callOptions.signal } : {});
  const state: StreamState = {
    assembled: { reasoning: '', text: '', refusal: '', calls: [] },
    calls: new Map(),
    callsEmitted: false,
  };
  let done = false;
  for await (const chunk of opened.chunks) {
    if (chunk === 'done') {
      done = true;
      break;
    }
    yield* chunkEvents(chunk, state, restore);
  }
  // Some servers end the stream without `[DONE]`; a finish reason shows the answer is complete all the same.
  if (!done && !state.finishReason) {
    throw new ConnectionError(
      client.provider,
      'the stream ended before a finish reason or [DONE]; the answer is incomplete',
    );
  }
  yield* emitCalls(state, restore);
  const { assembled } = state;
  const response: ModelResponse = {
    message: toMessage(client.provider, assembled, restore),
    finishReason: assembled.refusal ? 'content-filter' : toFinishReason(state.finishReason, assembled.calls.length > 0),
    usage: toUsage(state.usage),
    raw: raw(state.id, state.model, opened.requestId),
  };
  yield { type: 'response', response };
}
