/**
 * `hello-dave/openai-compatible`: a client, the Chat Completions endpoint functions and a chat model for any
 * server that speaks OpenAI's Chat Completions format (gateways and local servers, with or without a key).
 * @see https://platform.openai.com/docs/api-reference/chat
 * @module
 */
export { createChatCompletion, streamChatCompletion } from './chat-completions.js';
export { type ChatCompletionsModelOptions, chatCompletions } from './chat-completions-model.js';
export type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionDelta,
  ChatCompletionMessage,
  ChatContentPart,
  ChatFunctionCall,
  ChatMessageParam,
  ChatResponseFormat,
  ChatTool,
  ChatToolCall,
  ChatToolCallDelta,
  ChatToolChoice,
  ChatUsage,
  CreateChatCompletionParams,
} from './chat-completions-wire.js';
export {
  type ChatCompletionsClient,
  type ChatCompletionsClientOptions,
  createChatCompletionsClient,
} from './client.js';
export { type ChatCompletionsErrorBody, classifyChatCompletionsAnswer } from './errors.js';
