/**
 * The Anthropic Messages chat model: maps core's ModelRequest to `POST /v1/messages` and the answer (or its
 * stream) back to a ModelResponse. The only place Anthropic's wire format meets the Prompt.
 * @module
 */

import { ConnectionError, RequestValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import type {
  ChatModel,
  FinishReason,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from '../../core/model.js';
import type {
  AssistantPart,
  FilePart,
  ImagePart,
  MediaSource,
  Message,
  ToolCallPart,
  Usage,
  UserPart,
} from '../../core/prompt/message.js';
import { type AnthropicClient, createAnthropicClient } from './client.js';
import {
  type AnthropicContentBlock,
  type AnthropicContentBlockParam,
  type AnthropicMessage,
  type AnthropicMessageParam,
  type AnthropicModelId,
  type AnthropicToolChoice,
  type AnthropicUsage,
  type CreateMessageParams,
  openMessageStream,
  sendMessage,
} from './messages.js';
import { closeObjectSchemas } from './output-schema.js';

/** Provider name on parts and responses. */
const PROVIDER = 'anthropic';

/**
 * `max_tokens` sent when neither the settings nor the model options give one (room for the answer).
 * @see https://docs.anthropic.com/en/api/messages
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/**
 * Options of {@link anthropic}.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicModelOptions {
  /** The client to use; default `createAnthropicClient()` (key from `ANTHROPIC_API_KEY`). */
  client?: AnthropicClient;
  /**
   * `max_tokens` when `settings.maxOutputTokens` is not set. Default 4096, plus the thinking budget when thinking
   * is on (the budget counts toward `max_tokens`).
   */
  maxTokens?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Request mapping

function invalid(path: string, message: string): RequestValidationError {
  return new RequestValidationError([{ path, message }], 'anthropic request');
}

/** Splits a `data:` URL into its media type and base64 payload; undefined for other URLs. */
function parseDataUrl(url: string): { mediaType: string; data: string; base64: boolean } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] || 'text/plain', data: match[4] ?? '', base64: Boolean(match[3]) };
}

function decodeBase64Utf8(data: string): string {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new TextDecoder().decode(bytes);
}

/** A media source as inline bytes where it is a data URL, so images and PDFs from data URLs go as base64. */
function normalizeSource(source: MediaSource, path: string): MediaSource {
  if (source.kind !== 'url') return source;
  const parsed = parseDataUrl(source.url);
  if (!parsed) return source;
  if (!parsed.base64) {
    let binary = '';
    for (const byte of new TextEncoder().encode(decodeURIComponent(parsed.data))) binary += String.fromCharCode(byte);
    return { kind: 'base64', mimeType: parsed.mediaType, data: btoa(binary) };
  }
  if (!parsed.data) throw invalid(path, 'empty data URL');
  return { kind: 'base64', mimeType: parsed.mediaType, data: parsed.data };
}

function imageBlock(part: ImagePart | FilePart, path: string): AnthropicContentBlockParam {
  const source = normalizeSource(part.source, path);
  switch (source.kind) {
    case 'url':
      return { type: 'image', source: { type: 'url', url: source.url } };
    case 'file':
      return { type: 'image', source: { type: 'file', file_id: source.fileId } };
    case 'base64':
      return { type: 'image', source: { type: 'base64', media_type: source.mimeType, data: source.data } };
  }
}

function documentBlock(part: FilePart, path: string): AnthropicContentBlockParam {
  const source = normalizeSource(part.source, path);
  if (source.kind === 'base64' && source.mimeType.startsWith('image/')) return imageBlock({ ...part, source }, path);
  let block: AnthropicContentBlockParam;
  switch (source.kind) {
    case 'url':
      block = { type: 'document', source: { type: 'url', url: source.url } };
      break;
    case 'file':
      block = { type: 'document', source: { type: 'file', file_id: source.fileId } };
      break;
    case 'base64':
      if (source.mimeType === 'application/pdf') {
        block = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: source.data } };
      } else if (source.mimeType.startsWith('text/')) {
        // Plain-text documents travel as text, not base64.
        block = {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: decodeBase64Utf8(source.data) },
        };
      } else {
        throw invalid(path, `Anthropic documents accept application/pdf and text/plain, not ${source.mimeType}`);
      }
      break;
  }
  if (part.filename) block.title = part.filename;
  return block;
}

function userBlock(part: UserPart, path: string): AnthropicContentBlockParam {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return imageBlock(part, path);
    case 'file':
      return documentBlock(part, path);
    case 'audio':
      throw invalid(path, 'Anthropic Messages does not accept audio input');
  }
}

/** Tool arguments as the object `tool_use.input` needs; invalid JSON (a truncated call) becomes `{}`. */
function toolInput(call: ToolCallPart): unknown {
  if (!call.arguments.trim()) return {};
  try {
    const value: unknown = JSON.parse(call.arguments);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

function assistantBlocks(parts: readonly AssistantPart[]): AnthropicContentBlockParam[] {
  const blocks: AnthropicContentBlockParam[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        // The API rejects empty text blocks.
        if (part.text) blocks.push({ type: 'text', text: part.text });
        break;
      case 'tool-call':
        blocks.push({ type: 'tool_use', id: part.id, name: part.name, input: toolInput(part) });
        break;
      case 'reasoning':
      case 'provider-item':
        // Thinking blocks (signature intact) and server-tool blocks go back exactly as received.
        if (part.provider === PROVIDER && part.data && typeof part.data === 'object') {
          blocks.push(part.data as AnthropicContentBlockParam);
        }
        break;
      case 'media':
        // Anthropic cannot take assistant media back; the text around it stays.
        break;
    }
  }
  return blocks;
}

/** Maps the Prompt to Anthropic's turns: tool results go in a user turn, consecutive same-role turns merge. */
function toAnthropicMessages(messages: readonly Message[]): { system: string[]; messages: AnthropicMessageParam[] } {
  const system: string[] = [];
  const turns: AnthropicMessageParam[] = [];
  const push = (role: 'user' | 'assistant', content: string | AnthropicContentBlockParam[]) => {
    const last = turns[turns.length - 1];
    if (last && last.role === role) {
      const before = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
      const after = typeof content === 'string' ? [{ type: 'text' as const, text: content }] : content;
      last.content = [...before, ...after];
    } else {
      turns.push({ role, content });
    }
  };
  messages.forEach((message, index) => {
    const path = `messages.${index}.content`;
    switch (message.role) {
      case 'system':
        // Anthropic has no system role inside messages: instructions go to the top-level `system`.
        if (message.content) system.push(message.content);
        break;
      case 'user': {
        const only = message.content[0];
        if (message.content.length === 1 && only?.type === 'text') push('user', only.text);
        else if (message.content.length) {
          push(
            'user',
            message.content.map((part, at) => userBlock(part, `${path}.${at}`)),
          );
        }
        break;
      }
      case 'assistant': {
        const blocks = assistantBlocks(message.content);
        if (blocks.length) push('assistant', blocks);
        break;
      }
      case 'tool':
        push(
          'user',
          message.content.map((result) => ({
            type: 'tool_result' as const,
            tool_use_id: result.callId,
            ...(result.output ? { content: result.output } : {}),
            ...(result.isError ? { is_error: true } : {}),
          })),
        );
        break;
    }
  });
  return { system, messages: turns };
}

function toToolChoice(request: ModelRequest): AnthropicToolChoice | undefined {
  const parallel = request.settings?.parallelToolCalls;
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.toolChoice;
  if (choice === undefined) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...disable };
  if (choice === 'required') return { type: 'any', ...disable };
  return { type: 'tool', name: choice.tool, ...disable };
}

const EFFORT: Record<string, 'low' | 'medium' | 'high' | 'xhigh' | undefined> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
};

/** Builds the Messages body for a ModelRequest. */
function toCreateMessageParams(
  modelId: string,
  request: ModelRequest,
  options: AnthropicModelOptions,
): CreateMessageParams {
  const settings = request.settings ?? {};
  const mapped = toAnthropicMessages(request.messages);
  const budget = settings.reasoning?.budgetTokens;
  const maxTokens =
    settings.maxOutputTokens ??
    (options.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS) + (budget !== undefined ? budget : 0);
  const params: CreateMessageParams = { model: modelId, max_tokens: maxTokens, messages: mapped.messages };
  const system = [request.instructions, ...mapped.system].filter((text): text is string => Boolean(text));
  if (system.length) params.system = system.join('\n\n');
  if (request.tools.length) {
    params.tools = request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: { ...tool.inputSchema, type: 'object' },
    }));
    const choice = toToolChoice(request);
    if (choice) params.tool_choice = choice;
  }
  if (budget !== undefined) params.thinking = { type: 'enabled', budget_tokens: budget };
  const effort = settings.reasoning?.effort ? EFFORT[settings.reasoning.effort] : undefined;
  if (effort || request.output) {
    params.output_config = {};
    if (effort) params.output_config.effort = effort;
    // Structured output uses the documented `output_config.format` (JSON in the text block), not a forced tool.
    // Every object must say `additionalProperties: false`; zod's JSON Schema leaves it out, so it is added here.
    if (request.output) {
      params.output_config.format = { type: 'json_schema', schema: closeObjectSchemas(request.output.schema) };
    }
  }
  if (settings.temperature !== undefined) params.temperature = settings.temperature;
  if (settings.topP !== undefined) params.top_p = settings.topP;
  const extra = settings.providerOptions?.[PROVIDER];
  return extra ? ({ ...params, ...extra } as CreateMessageParams) : params;
}

// ---------------------------------------------------------------------------------------------------------------
// Response mapping

function toFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'tool_use':
      return 'tool-calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content-filter';
    default:
      // pause_turn (call again with the assistant content appended) and anything new.
      return 'other';
  }
}

function toUsage(usage: AnthropicUsage | null | undefined): Usage {
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  // Total input = uncached + written to cache + read from cache.
  const inputTokens = (usage?.input_tokens ?? 0) + cacheWrite + cacheRead;
  const outputTokens = usage?.output_tokens ?? 0;
  const out: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  if (typeof usage?.cache_read_input_tokens === 'number') out.cachedInputTokens = cacheRead;
  const thinking = usage?.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') out.reasoningTokens = thinking;
  return out;
}

function toPart(block: AnthropicContentBlock): AssistantPart | undefined {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(block.text ?? '') };
    case 'tool_use':
      return {
        type: 'tool-call',
        id: String(block.id),
        name: String(block.name),
        arguments: JSON.stringify(block.input ?? {}),
      };
    case 'thinking':
      return { type: 'reasoning', provider: PROVIDER, text: String(block.thinking ?? ''), data: block };
    case 'redacted_thinking':
      return { type: 'reasoning', provider: PROVIDER, data: block };
    default:
      // Server tool use, tool results and block types added later: kept for exact replay.
      return { type: 'provider-item', provider: PROVIDER, data: block };
  }
}

function toModelResponse(message: AnthropicMessage, requestId: string | undefined): ModelResponse {
  const content = message.content.map(toPart).filter((part): part is AssistantPart => part !== undefined);
  const raw: ModelResponse['raw'] = { id: message.id };
  if (requestId) raw.requestId = requestId;
  if (message.model) raw.model = message.model;
  return {
    message: { role: 'assistant', content },
    finishReason: toFinishReason(message.stop_reason),
    usage: toUsage(message.usage),
    raw,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Stream assembly

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

async function* streamModel(
  client: AnthropicClient,
  params: CreateMessageParams,
  options: ModelCallOptions,
): AsyncGenerator<ModelStreamEvent, void, undefined> {
  const opened = await openMessageStream(client, params, options.signal ? { signal: options.signal } : {});
  let message: AnthropicMessage | undefined;
  let usage: AnthropicUsage = {};
  let stopReason: string | null | undefined;
  const blocks = new Map<number, BlockState>();
  const done: AnthropicContentBlock[] = [];
  const doneIndex: number[] = [];
  const streamedArguments = new Map<string, string>();
  let stopped = false;

  for await (const event of opened.events) {
    switch (event.type) {
      case 'message_start':
        message = event.message;
        usage = { ...event.message.usage };
        if (event.message.usage) yield { type: 'usage', usage: toUsage(usage) };
        break;
      case 'content_block_start': {
        const start = event.content_block;
        blocks.set(event.index, { start, text: '', json: '', thinking: '', signature: '', citations: [] });
        if (start.type === 'tool_use') {
          yield { type: 'tool-call-start', id: String(start.id), name: String(start.name) };
        } else if (start.type === 'text' && typeof start.text === 'string' && start.text) {
          yield { type: 'text-delta', delta: start.text };
        }
        break;
      }
      case 'content_block_delta': {
        const state = blocks.get(event.index);
        if (!state) break;
        const delta = event.delta;
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
        break;
      }
      case 'content_block_stop': {
        const state = blocks.get(event.index);
        if (!state) break;
        blocks.delete(event.index);
        const block = finishBlock(state);
        done.push(block);
        doneIndex.push(event.index);
        if (block.type === 'tool_use') {
          const call: ToolCallPart = {
            type: 'tool-call',
            id: String(block.id),
            name: String(block.name),
            // The arguments exactly as streamed (possibly invalid when truncated); `{}` when none came.
            arguments: state.json || JSON.stringify(block.input ?? {}),
          };
          streamedArguments.set(call.id, call.arguments);
          yield { type: 'tool-call', call };
        }
        break;
      }
      case 'message_delta':
        if (event.delta.stop_reason !== undefined) stopReason = event.delta.stop_reason;
        // Usage in message_delta is cumulative: overwrite, never add.
        for (const [key, value] of Object.entries(event.usage ?? {})) {
          if (value !== null && value !== undefined) usage[key] = value;
        }
        yield { type: 'usage', usage: toUsage(usage) };
        break;
      case 'message_stop':
        stopped = true;
        break;
    }
    if (stopped) break;
  }
  if (!stopped || !message) {
    throw new ConnectionError(PROVIDER, 'the stream ended before message_stop; the answer is incomplete');
  }
  const order = doneIndex.map((index, position) => ({ index, block: done[position] as AnthropicContentBlock }));
  order.sort((a, b) => a.index - b.index);
  const final: AnthropicMessage = {
    ...message,
    content: order.map((entry) => entry.block),
    stop_reason: stopReason ?? null,
    usage,
  };
  const response = toModelResponse(final, opened.requestId);
  // Tool calls keep the argument text exactly as streamed, as the `tool-call` events gave it.
  for (const part of response.message.content) {
    if (part.type === 'tool-call') part.arguments = streamedArguments.get(part.id) ?? part.arguments;
  }
  yield { type: 'response', response };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * An Anthropic Messages model as a {@link ChatModel}: system prompt, text / image / document input, tool use and
 * results, extended thinking (`settings.reasoning.budgetTokens`; thinking blocks come back as reasoning parts and
 * are replayed exactly), structured output through `output_config.format` (every object schema sent with
 * `additionalProperties: false`, as the API requires), and SSE streaming.
 * `settings.providerOptions.anthropic` is merged into the request body last. Streams yield a `usage` event at
 * `message_start` (input tokens) and at each `message_delta` (cumulative output tokens).
 * @see https://docs.anthropic.com/en/api/messages
 * @example
 * import { anthropic } from 'hello-dave/anthropic';
 * const agent = new Agent({ name: 'assistant', model: anthropic('claude-sonnet-4-6'), instructions: 'Be brief.' });
 */
export function anthropic(modelId: AnthropicModelId, options: AnthropicModelOptions = {}): ChatModel {
  const client = options.client ?? createAnthropicClient();
  return {
    provider: PROVIDER,
    modelId,
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResponse> {
      const params = toCreateMessageParams(modelId, request, options);
      const response = await sendMessage(client, params, callOptions.signal ? { signal: callOptions.signal } : {});
      return toModelResponse(response.data, response.requestId);
    },
    stream(request: ModelRequest, callOptions: ModelCallOptions = {}): AsyncIterable<ModelStreamEvent> {
      return streamModel(client, toCreateMessageParams(modelId, request, options), callOptions);
    },
  };
}
