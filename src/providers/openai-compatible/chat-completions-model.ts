/**
 * The Chat Completions chat model for OpenAI-compatible servers: maps core's ModelRequest to
 * `POST /chat/completions` and the answer (or its stream) back to a ModelResponse. The mapping lives in
 * `chat-model-request.ts`, `chat-model-response.ts` and `chat-model-stream.ts`.
 * @module
 */
import type { ChatModel, ModelCallOptions, ModelRequest, ModelResponse, ModelStreamEvent } from '../../core/model.js';
import { sendChatCompletion } from './chat-completions.js';
import { toParams } from './chat-model-request.js';
import { toModelResponse } from './chat-model-response.js';
import { streamModel } from './chat-model-stream.js';
import type { ChatCompletionsClient } from './client.js';

/**
 * Options of {@link chatCompletions}.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatCompletionsModelOptions {
  /** The client (from `createChatCompletionsClient`). */
  client: ChatCompletionsClient;
  /** Which field carries `settings.maxOutputTokens`. Default `max_tokens` (what most compatible servers read). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Ask for usage in streams (`stream_options.include_usage`). Default true; turn off for servers that reject it. */
  streamUsage?: boolean;
  /**
   * Strict mode for tools and the structured-output schema. Each schema is shaped for the Chat Completions strict
   * rules (every object `additionalProperties: false`, every property in `required`, optional properties made
   * nullable; see `toStrictJsonSchema`) and sent with `strict: true`; a schema strict mode cannot express goes
   * as given with `strict: false`. The `null`s the model then sends for optional properties are removed from tool
   * arguments and the structured answer, so the caller's own schema accepts them.
   */
  strict?: boolean;
  /**
   * Send reasoning text back as `reasoning_content` on assistant messages (some servers want it back during tool
   * loops, others reject it). Default false.
   */
  sendReasoning?: boolean;
}

/**
 * A chat model over any OpenAI-compatible `/chat/completions` endpoint (gateways, local servers): function tools
 * and tool results, tool choice, structured output through `response_format` json_schema, and SSE streaming with
 * tool-call fragments assembled by index. `settings.providerOptions['openai-compatible']` (and
 * `providerOptions[<provider name>]`) are merged into the request body last.
 * @see https://platform.openai.com/docs/api-reference/chat
 * @example
 * import { chatCompletions, createChatCompletionsClient } from 'hello-dave/openai-compatible';
 * const client = createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:11434/v1', provider: 'ollama' });
 * const agent = new Agent({ name: 'local', model: chatCompletions('llama3.2', { client }) });
 */
export function chatCompletions(modelId: string, options: ChatCompletionsModelOptions): ChatModel {
  const client = options.client;
  const provider = client.provider;
  return {
    provider,
    modelId,
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResponse> {
      const { params, restore } = toParams(modelId, request, options, provider);
      const response = await sendChatCompletion(
        client,
        params,
        callOptions.signal ? { signal: callOptions.signal } : {},
      );
      return toModelResponse(provider, response.data, response.requestId, restore);
    },
    stream(request: ModelRequest, callOptions: ModelCallOptions = {}): AsyncIterable<ModelStreamEvent> {
      return streamModel(client, toParams(modelId, request, options, provider), options, callOptions);
    },
  };
}
