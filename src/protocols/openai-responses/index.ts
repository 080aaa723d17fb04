/**
 * The Responses wire format shared by OpenAI and xAI: request building, response and stream mapping, and a
 * ChatModel factory parameterised by a provider dialect (the strict-schema transform it uses lives in
 * `protocols/strict-json-schema.ts`, shared with Chat Completions).
 * @see https://platform.openai.com/docs/api-reference/responses
 * @module
 */
export type { ResponsesDialect } from './dialect.js';
export {
  createResponsesChatModel,
  createResponseWith,
  postResponses,
  type ResponsesChatModelConfig,
  type ResponsesModelOptions,
  responsesModel,
  streamResponsesEvents,
} from './model.js';
export {
  type BuildResponsesRequestOptions,
  type BuiltResponsesRequest,
  buildResponsesRequest,
  messagesToInput,
  type ResponsesContinuation,
  readContinuation,
} from './request.js';
export { responsesCreateBodySchema } from './request-schema.js';
export {
  imageMimeType,
  mapUsage,
  outputItemsToParts,
  type ParseResponsesOptions,
  parseResponsesResponse,
  readResponsesBody,
  responsesErrorToException,
  toolCallFromItem,
} from './response.js';
export { mapResponsesStream } from './stream.js';
export type {
  ResponsesBuiltinTool,
  ResponsesCreateBody,
  ResponsesFunctionCallItem,
  ResponsesFunctionCallOutputItem,
  ResponsesFunctionTool,
  ResponsesHostedToolChoiceType,
  ResponsesInputContentPart,
  ResponsesInputItem,
  ResponsesMessageItem,
  ResponsesOutputTextPart,
  ResponsesPromptReference,
  ResponsesRawItem,
  ResponsesRefusalPart,
  ResponsesResponse,
  ResponsesStreamEvent,
  ResponsesTextFormat,
  ResponsesTool,
  ResponsesToolChoice,
  ResponsesUsage,
} from './wire.js';
export { functionCallItemSchema, responsesResponseSchema } from './wire.js';
