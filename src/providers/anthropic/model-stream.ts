/**
 * A Messages event stream as core {@link ModelStreamEvent}s: text, thinking and tool-call deltas as they arrive,
 * each finished tool call, usage at `message_start` and every `message_delta`, and the whole response at the end,
 * its blocks rebuilt exactly as the non-streamed Message would have them.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 * @module
 */
import { ConnectionError } from '../../common/errors.js';
import type { ModelCallOptions, ModelResponse, ModelStreamEvent } from '../../core/model.js';
import { ANTHROPIC_PROVIDER, type AnthropicClient } from './client.js';
import type { AnthropicContentBlock } from './content-blocks.js';
import type { CreateMessageParams } from './message-params.js';
import type { AnthropicMessage, AnthropicUsage } from './message-response.js';
import type { AnthropicDelta, AnthropicMessageDelta, AnthropicStreamEvent } from './message-stream.js';
import { openMessageStream } from './messages.js';
import { toModelResponse, toToolCall, toUsage } from './model-response.js';

/** A block being streamed: its `content_block_start` skeleton and the pieces so far. */
interface BlockState {
  /** The block as `content_block_start` gave it. */
  start: AnthropicContentBlock;
  text: string;
  json: string;
  thinking: string;
  signature: string;
  citations: unknown[];
}

function finishBlock(state: BlockState): AnthropicContentBlock {
  const start = state.start;
  switch (start.type) {
    case 'text': {
      const block: AnthropicContentBlock = { ...start, type: 'text', text: String(start.text ?? '') + state.text };
      if (state.citations.length) block.citations = state.citations;
      return block;
    }
    case 'thinking':
      // Rebuilt exactly as the non-streamed block: the start skeleton with the thinking and signature filled in.
      return {
        ...start,
        type: 'thinking',
        thinking: String(start.thinking ?? '') + state.thinking,
        signature: String(start.signature ?? '') + state.signature,
      };
    default: {
      if ('input' in start && state.json) {
        let input: unknown;
        try {
          input = JSON.parse(state.json);
        } catch {
          // A truncated call (max_tokens): keep the raw text for the tool-call part, no object to replay.
          input = {};
        }
        return { ...start, input };
      }
      return start;
    }
  }
}

/** Builds the Message from a stream's events, one at a time, and says what each means for the core. */
export class MessageAssembly {
  #message: AnthropicMessage | undefined;
  #usage: AnthropicUsage = {};
  /** The Message fields `message_delta` gave (stop reason, stop sequence, `stop_details`, container). */
  readonly #delta: AnthropicMessageDelta = {};
  readonly #open = new Map<number, BlockState>();
  readonly #done: { index: number; block: AnthropicContentBlock }[] = [];
  /** Tool-call arguments exactly as streamed, by call id. */
  readonly #streamedArguments = new Map<string, string>();

  /** The core events for one stream event (`message_stop` is the caller's to see). */
  *accept(event: AnthropicStreamEvent): Generator<ModelStreamEvent, void, undefined> {
    switch (event.type) {
      case 'message_start':
        this.#message = event.message;
        this.#usage = { ...event.message.usage };
        if (event.message.usage) yield { type: 'usage', usage: toUsage(this.#usage) };
        break;
      case 'content_block_start':
        yield* this.#startBlock(event.index, event.content_block);
        break;
      case 'content_block_delta':
        yield* this.#addDelta(event.index, event.delta);
        break;
      case 'content_block_stop':
        yield* this.#stopBlock(event.index);
        break;
      case 'message_delta':
        yield this.#messageDelta(event.delta, event.usage);
        break;
    }
  }

  *#startBlock(index: number, start: AnthropicContentBlock): Generator<ModelStreamEvent, void, undefined> {
    this.#open.set(index, { start, text: '', json: '', thinking: '', signature: '', citations: [] });
    if (start.type === 'tool_use') {
      yield { type: 'tool-call-start', id: String(start.id), name: String(start.name) };
    } else if (start.type === 'text' && typeof start.text === 'string' && start.text) {
      yield { type: 'text-delta', delta: start.text };
    }
  }

  *#addDelta(index: number, delta: AnthropicDelta): Generator<ModelStreamEvent, void, undefined> {
    const state = this.#open.get(index);
    if (!state) return;
    switch (delta.type) {
      case 'text_delta':
        state.text += delta.text;
        if (delta.text) yield { type: 'text-delta', delta: delta.text };
        break;
      case 'input_json_delta':
        state.json += delta.partial_json;
        if (delta.partial_json && state.start.type === 'tool_use') {
          yield { type: 'tool-call-delta', id: String(state.start.id), delta: delta.partial_json };
        }
        break;
      case 'thinking_delta':
        state.thinking += delta.thinking;
        if (delta.thinking) yield { type: 'reasoning-delta', delta: delta.thinking };
        break;
      case 'signature_delta':
        state.signature += delta.signature;
        break;
      case 'citations_delta':
        state.citations.push(delta.citation);
        break;
    }
  }

  *#stopBlock(index: number): Generator<ModelStreamEvent, void, undefined> {
    const state = this.#open.get(index);
    if (!state) return;
    this.#open.delete(index);
    const block = finishBlock(state);
    this.#done.push({ index, block });
    if (block.type === 'tool_use') {
      // The arguments exactly as streamed (possibly invalid when truncated); `{}` when none came.
      const call = toToolCall(block, state.json);
      this.#streamedArguments.set(call.id, call.arguments);
      yield { type: 'tool-call', call };
    }
  }

  #messageDelta(delta: AnthropicMessageDelta, usage: AnthropicUsage | undefined): ModelStreamEvent {
    // Every field the delta sets goes onto the Message (stop_details included), the latest value winning.
    for (const [key, value] of Object.entries(delta)) if (value !== undefined) this.#delta[key] = value;
    // Usage in message_delta is cumulative: overwrite, never add.
    for (const [key, value] of Object.entries(usage ?? {})) {
      if (value !== null && value !== undefined) this.#usage[key] = value;
    }
    return { type: 'usage', usage: toUsage(this.#usage) };
  }

  /**
   * The whole Message as the non-streamed answer would have it: blocks in index order, the `message_delta` fields
   * (`stop_reason`, `stop_sequence`, `stop_details`) and the cumulative usage; undefined before `message_start`.
   */
  message(): AnthropicMessage | undefined {
    if (!this.#message) return undefined;
    const done = [...this.#done].sort((a, b) => a.index - b.index);
    return {
      ...this.#message,
      ...this.#delta,
      content: done.map((entry) => entry.block),
      stop_reason: this.#delta.stop_reason ?? null,
      usage: this.#usage,
    };
  }

  /** The whole response, built from {@link MessageAssembly.message}; undefined before `message_start`. */
  response(requestId: string | undefined): ModelResponse | undefined {
    const final = this.message();
    if (!final) return undefined;
    const response = toModelResponse(final, requestId);
    // Tool calls keep the argument text exactly as streamed, as the `tool-call` events gave it.
    for (const part of response.message.content) {
      if (part.type === 'tool-call') part.arguments = this.#streamedArguments.get(part.id) ?? part.arguments;
    }
    return response;
  }
}

/** Streams a Messages request as core events, ending with the whole `response`. */
export async function* streamModel(
  client: AnthropicClient,
  params: CreateMessageParams,
  options: ModelCallOptions,
): AsyncGenerator<ModelStreamEvent, void, undefined> {
  const opened = await openMessageStream(client, params, options.signal ? { signal: options.signal } : {});
  const assembly = new MessageAssembly();
  let stopped = false;
  for await (const event of opened.events) {
    if (event.type === 'message_stop') {
      stopped = true;
      break;
    }
    yield* assembly.accept(event);
  }
  const response = stopped ? assembly.response(opened.requestId) : undefined;
  if (!response) {
    throw new ConnectionError(
      ANTHROPIC_PROVIDER.provider,
      'the stream ended before message_stop; the answer is incomplete',
    );
  }
  yield { type: 'response', response };
}
