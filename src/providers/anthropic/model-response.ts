/**
 * An Anthropic Message as a core {@link ModelResponse}: blocks as assistant parts (thinking and unknown blocks
 * kept for exact replay), stop reason as finish reason, usage with cache reads and writes counted as input.
 * @module
 */
import type { FinishReason, ModelResponse } from '../../core/model.js';
import type { AssistantPart, ToolCallPart, Usage } from '../../core/prompt/message.js';
import { ANTHROPIC_PROVIDER } from './client.js';
import type { AnthropicContentBlock, AnthropicOtherBlock, AnthropicToolUseBlock } from './content-blocks.js';
import type { AnthropicMessage, AnthropicUsage } from './message-response.js';

const PROVIDER = ANTHROPIC_PROVIDER.provider;

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

/** Anthropic's usage as core {@link Usage}: input counts uncached, cache-written and cache-read tokens. */
export function toUsage(usage: AnthropicUsage | null | undefined): Usage {
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

/**
 * A `tool_use` block as a tool-call part; `argumentsText` is the arguments as streamed, else the block's input
 * as JSON.
 */
export function toToolCall(block: AnthropicToolUseBlock | AnthropicOtherBlock, argumentsText?: string): ToolCallPart {
  return {
    type: 'tool-call',
    id: String(block.id),
    name: String(block.name),
    arguments: argumentsText || JSON.stringify(block.input ?? {}),
  };
}

function toPart(block: AnthropicContentBlock): AssistantPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(block.text ?? '') };
    case 'tool_use':
      return toToolCall(block);
    case 'thinking':
      return { type: 'reasoning', provider: PROVIDER, text: String(block.thinking ?? ''), data: block };
    case 'redacted_thinking':
      return { type: 'reasoning', provider: PROVIDER, data: block };
    default:
      // Server tool use, tool results and block types added later: kept for exact replay.
      return { type: 'provider-item', provider: PROVIDER, data: block };
  }
}

/** The core response for a whole Message. */
export function toModelResponse(message: AnthropicMessage, requestId: string | undefined): ModelResponse {
  const raw: ModelResponse['raw'] = { id: message.id };
  if (requestId) raw.requestId = requestId;
  if (message.model) raw.model = message.model;
  return {
    message: { role: 'assistant', content: message.content.map(toPart) },
    finishReason: toFinishReason(message.stop_reason),
    usage: toUsage(message.usage),
    raw,
  };
}
