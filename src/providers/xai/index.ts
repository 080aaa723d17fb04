/**
 * `hello-dave/xai`: the xAI client, its error classifier, Grok on the Responses endpoint with its built-in
 * tool helpers, Grok Imagine image and video clients, their media providers and the xAI media toolset.
 * @see https://docs.x.ai/docs/api-reference
 * @module
 */
export { createXAIClient, XAI_PROVIDER, type XAIClient, type XAIClientOptions } from './client.js';
export { classifyXAIAnswer, type XAIErrorBody } from './errors.js';
export * from './images.js';
export * from './media.js';
export { type XAIMediaUsage, type XAIResultError, xaiJobId } from './media-shared.js';
export * from './media-tools.js';
export {
  codeInterpreter,
  createResponse,
  imageGeneration,
  type ResponsesContinuation,
  type ResponsesCreateBody,
  type ResponsesResponse,
  webSearch,
  XAI_RESPONSES_DIALECT,
  type XAIResponsesModelId,
  type XAIResponsesModelOptions,
  type XAIUsageDetails,
  type XAIWebSearchOptions,
  type XAIXSearchOptions,
  xai,
  xaiUsageDetails,
  xSearch,
} from './responses-model.js';
export * from './videos.js';
