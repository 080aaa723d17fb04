/**
 * `hello-dave/anthropic`: the Anthropic client, the Messages endpoint functions and the Claude chat model.
 * @see https://docs.anthropic.com/en/api/overview
 * @module
 */
export {
  ANTHROPIC_PROVIDER,
  ANTHROPIC_VERSION,
  type AnthropicClient,
  type AnthropicClientOptions,
  createAnthropicClient,
} from './client.js';
export type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicContentBlockParam,
  AnthropicContentSource,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicOtherBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicSearchResultBlock,
  AnthropicSource,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from './content-blocks.js';
export { type AnthropicErrorBody, anthropicStreamError, classifyAnthropicAnswer } from './errors.js';
export type {
  AnthropicMessageParam,
  AnthropicOutputConfig,
  AnthropicThinkingConfig,
  AnthropicTool,
  AnthropicToolChoice,
  CreateMessageParams,
} from './message-params.js';
export type { AnthropicMessage, AnthropicStopDetails, AnthropicUsage } from './message-response.js';
export type { AnthropicDelta, AnthropicMessageDelta, AnthropicStreamEvent } from './message-stream.js';
export { createMessage, streamMessage } from './messages.js';
export { type AnthropicModelOptions, anthropic } from './messages-model.js';
export { DEFAULT_ANTHROPIC_MAX_TOKENS } from './model-request.js';
export type { AnthropicModelId } from './models.js';
