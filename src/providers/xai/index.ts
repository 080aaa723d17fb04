/**
 * `hello-dave/xai`: the xAI client, its error classifier, and Grok on the Responses endpoint with its built-in
 * tool helpers.
 * @see https://docs.x.ai/docs/api-reference
 * @module
 */
export { createXAIClient, XAI_PROVIDER, type XAIClient, type XAIClientOptions } from './client.js';
export { classifyXAIAnswer, type XAIErrorBody } from './errors.js';
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
