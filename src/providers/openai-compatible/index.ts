/**
 * `hello-dave/openai-compatible`: a client, the Chat Completions endpoint functions and a chat model for any
 * server that speaks OpenAI's Chat Completions format (gateways and local servers, with or without a key).
 * @see https://platform.openai.com/docs/api-reference/chat
 * @module
 */
export {
  type ChatCompletion,
  type ChatCompletionChoice,
  type ChatCompletionChunk,
  type ChatCompletionChunkChoice,
  type ChatCompletionDelta,
  type ChatCompletionMessage,
  type ChatContentPart,
  type ChatFunctionCall,
  type ChatMessageParam,
  type ChatResponseFormat,
  type ChatTool,
  type ChatToolCall,
  type ChatToolCallDelta,
  type ChatToolChoice,
  type ChatUsage,
  type CreateChatCompletionParams,
  createChatCompletion,
  streamChatCompletion,
} from './chat-completions.js';
export { type ChatCompletionsModelOptions, chatCompletions } from './chat-completions-model.js';
export {
  type ChatCompletionsClient,
  type ChatCompletionsClientOptions,
  createChatCompletionsClient,
} from './client.js';
export { type ChatCompletionsErrorBody, classifyChatCompletionsAnswer } from './errors.js';
