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
export { type AnthropicErrorBody, anthropicStreamError, classifyAnthropicAnswer } from './errors.js';
export {
  type AnthropicCacheControl,
  type AnthropicContentBlock,
  type AnthropicContentBlockParam,
  type AnthropicDelta,
  type AnthropicDocumentBlock,
  type AnthropicImageBlock,
  type AnthropicMessage,
  type AnthropicMessageDelta,
  type AnthropicMessageParam,
  type AnthropicModelId,
  type AnthropicOtherBlock,
  type AnthropicOutputConfig,
  type AnthropicRedactedThinkingBlock,
  type AnthropicSource,
  type AnthropicStopDetails,
  type AnthropicStreamEvent,
  type AnthropicTextBlock,
  type AnthropicThinkingBlock,
  type AnthropicThinkingConfig,
  type AnthropicTool,
  type AnthropicToolChoice,
  type AnthropicToolResultBlock,
  type AnthropicToolUseBlock,
  type AnthropicUsage,
  type CreateMessageParams,
  createMessage,
  streamMessage,
} from './messages.js';
export { type AnthropicModelOptions, anthropic, DEFAULT_ANTHROPIC_MAX_TOKENS } from './messages-model.js';
