/**
 * `hello-dave/openai`: the OpenAI client, its error classifier, the Responses chat model with its built-in tool
 * helpers, and the Videos (Sora) endpoints.
 * @see https://platform.openai.com/docs/api-reference
 * @module
 */
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
export * from './videos/index.js';
