/**
 * The Anthropic Messages chat model: a core {@link ChatModel} over `POST /v1/messages`. The request mapping is in
 * `model-request.ts` (and `model-prompt.ts`), the answer's in `model-response.ts`, the stream's in `model-stream.ts`.
 * @module
 */
import type { ChatModel, ModelCallOptions, ModelRequest, ModelResponse, ModelStreamEvent } from '../../core/model.js';
import { ANTHROPIC_PROVIDER, type AnthropicClient, createAnthropicClient } from './client.js';
import { sendMessage } from './messages.js';
import { toCreateMessageParams } from './model-request.js';
import { toModelResponse } from './model-response.js';
import { streamModel } from './model-stream.js';
import type { AnthropicModelId } from './models.js';

/**
 * Options of {@link anthropic}.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicModelOptions {
  /** The client to use; default `createAnthropicClient()` (key from `ANTHROPIC_API_KEY`). */
  client?: AnthropicClient;
  /**
   * `max_tokens` when `settings.maxOutputTokens` is not set. Default 4096, plus the thinking budget when thinking
   * is on (the budget counts toward `max_tokens`).
   */
  maxTokens?: number;
}

/**
 * An Anthropic Messages model as a {@link ChatModel}: system prompt, text / image / document input, tool use and
 * results, thinking (thinking blocks come back as reasoning parts and are replayed exactly), structured output
 * through `output_config.format` (every object schema sent with `additionalProperties: false`, as the API
 * requires), and SSE streaming.
 *
 * Reasoning settings follow the model (the table in `models.ts`): models that take only adaptive thinking
 * (Claude Opus 4.7 and later, Mythos, and any id not in the table) get `thinking: { type: 'adaptive' }` when
 * `settings.reasoning` asks for reasoning (a `budgetTokens`, or an `effort` other than `none`); older models get
 * `thinking: { type: 'enabled', budget_tokens }` from `budgetTokens`. `reasoning.effort` goes to
 * `output_config.effort` (`minimal` → `low`, up to `max`).
 *
 * Sampling: on models after Claude Opus 4.6, `temperature` other than 1, `topP` below 0.99 and any `top_k`
 * (through `providerOptions`) raise `RequestValidationError` naming the setting and the model, before any
 * request. `maxOutputTokens: 0` is sent as `max_tokens: 0` (warms the prompt cache without an answer).
 *
 * System messages anywhere in the history (not only the first) are hoisted into the top-level `system`, after
 * `instructions`, joined by blank lines: the Messages API has no system turn inside `messages` (the SDK's
 * mid-conversation system role of May 2026 was removed again in Aug 2026).
 *
 * `settings.providerOptions.anthropic` is merged into the request body last (a `thinking` there overrides the
 * table). Streams yield a `usage` event at `message_start` (input tokens) and at each `message_delta` (cumulative
 * output tokens). A refusal ends with finish reason `content-filter`; its `stop_details` stay on the Anthropic
 * Message (the non-streamed body, and the Message a stream is assembled into).
 * @see https://docs.anthropic.com/en/api/messages
 * @example
 * import { anthropic } from 'hello-dave/anthropic';
 * const agent = new Agent({ name: 'assistant', model: anthropic('claude-sonnet-4-6'), instructions: 'Be brief.' });
 */
export function anthropic(modelId: AnthropicModelId, options: AnthropicModelOptions = {}): ChatModel {
  const client = options.client ?? createAnthropicClient();
  return {
    provider: ANTHROPIC_PROVIDER.provider,
    modelId,
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResponse> {
      const params = toCreateMessageParams(modelId, request, options.maxTokens);
      const response = await sendMessage(client, params, callOptions.signal ? { signal: callOptions.signal } : {});
      return toModelResponse(response.data, response.requestId);
    },
    stream(request: ModelRequest, callOptions: ModelCallOptions = {}): AsyncIterable<ModelStreamEvent> {
      return streamModel(client, toCreateMessageParams(modelId, request, options.maxTokens), callOptions);
    },
  };
}
