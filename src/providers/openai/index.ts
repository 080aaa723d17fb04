/**
 * `hello-dave/openai`: the OpenAI client, its error classifier, the Responses chat model with its built-in tool
 * helpers, and the Videos (Sora) endpoints.
 * @see https://platform.openai.com/docs/api-reference
 * @module
 */

export type {
  ResponsesBuiltinTool,
  ResponsesDialect,
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesFunctionTool,
  ResponsesHostedToolChoiceType,
  ResponsesInputContentPart,
  ResponsesInputItem,
  ResponsesMessageItem,
  ResponsesModelOptions,
  ResponsesOutputTextPart,
  ResponsesPromptReference,
  ResponsesRawItem,
  ResponsesRefusalPart,
  ResponsesStreamEvent,
  ResponsesTextFormat,
  ResponsesTool,
  ResponsesToolChoice,
  ResponsesUsage,
} from '../../protocols/openai-responses/index.js';
export { responsesResponseSchema, usageSchema as responsesUsageSchema } from '../../protocols/openai-responses/wire.js';
export { createOpenAIClient, OPENAI_PROVIDER, type OpenAIClient, type OpenAIClientOptions } from './client.js';
export { classifyOpenAIAnswer, type OpenAIErrorBody } from './errors.js';
export {
  createResponse,
  imageGeneration,
  OPENAI_RESPONSES_DIALECT,
  type OpenAIImageGenerationOptions,
  type OpenAIResponsesModelId,
  type OpenAIResponsesModelOptions,
  type OpenAIWebSearchOptions,
  openai,
  type ResponsesContinuation,
  type ResponsesCreateBody,
  type ResponsesResponse,
  webSearch,
} from './responses-model.js';
export {
  OPENAI_TOOL_CHOICE_TYPES,
  type OpenAIResponsesSettings,
  openaiProviderOptions,
} from './responses-settings.js';
export * from './videos/index.js';
