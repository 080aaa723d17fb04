import type { ChatModel } from '../../core/model.js';
import type { RequestOptions } from '../../http/types.js';
import type { ResponsesDialect } from '../../protocols/openai-responses/dialect.js';
import {
  createResponseWith,
  type ResponsesModelOptions,
  responsesModel,
} from '../../protocols/openai-responses/model.js';
import type {
  ResponsesBuiltinTool,
  ResponsesCreateBody,
  ResponsesResponse,
} from '../../protocols/openai-responses/wire.js';
import { createOpenAIClient, type OpenAIClient } from './client.js';
import {
  checkOpenAIResponsesBody,
  OPENAI_TOOL_CHOICE_TYPES,
  type OpenAIResponsesSettings,
  openaiProviderOptions,
} from './responses-settings.js';

export type {
  ResponsesContinuation,
  ResponsesCreateBody,
  ResponsesResponse,
} from '../../protocols/openai-responses/index.js';

/**
 * OpenAI's rules for the shared Responses mapping: instructions are resent on chained requests (they are not
 * carried over), function tools use strict mode, `output_tokens` already includes reasoning tokens, `tool_choice`
 * takes only the spec's shapes, and every body is checked before sending (`max_output_tokens` ≥ 16, the typed
 * settings' ranges; see `checkOpenAIResponsesBody`).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const OPENAI_RESPONSES_DIALECT: ResponsesDialect = {
  provider: 'openai',
  instructionsWithPreviousResponse: true,
  strictTools: true,
  outputTokensIncludeReasoning: true,
  toolChoiceTypes: OPENAI_TOOL_CHOICE_TYPES,
  checkBody: checkOpenAIResponsesBody,
};

/** Model ids known to work on the Responses endpoint; any other string is accepted too. */
export type OpenAIResponsesModelId =
  | 'gpt-5.6-sol'
  | 'gpt-5.6-terra'
  | 'gpt-5.6-luna'
  | 'gpt-5.5'
  | 'gpt-5.5-pro'
  | 'gpt-5.4'
  | 'gpt-5.4-mini'
  | 'gpt-5.4-nano'
  | 'gpt-5.2'
  | 'gpt-5.1'
  | 'gpt-5'
  | 'gpt-5-mini'
  | 'gpt-5-nano'
  | 'gpt-4.1'
  | 'gpt-4.1-mini'
  | 'o3'
  | 'o4-mini'
  | (string & {});

/** Options of OpenAI's `web_search` built-in tool. */
export interface OpenAIWebSearchOptions {
  /** Only search these domains. */
  filters?: { allowed_domains?: string[] };
  /** Approximate user location for local results. */
  user_location?: { type: 'approximate'; country?: string; city?: string; region?: string; timezone?: string };
  /** How much search context to use (default `medium`). */
  search_context_size?: 'low' | 'medium' | 'high';
  /** Allow live web access (default true). */
  external_web_access?: boolean;
}

/** Options of OpenAI's `image_generation` built-in tool. */
export interface OpenAIImageGenerationOptions {
  /** Image model (`gpt-image-1` by default). */
  model?: 'gpt-image-1' | 'gpt-image-1-mini' | 'gpt-image-1.5' | 'gpt-image-2' | (string & {});
  /** Quality. */
  quality?: 'low' | 'medium' | 'high' | 'auto';
  /** Size (`WxH`; gpt-image-2 takes any). */
  size?: '1024x1024' | '1024x1536' | '1536x1024' | 'auto' | (string & {});
  /** Output format (png by default). */
  output_format?: 'png' | 'webp' | 'jpeg';
  /** Compression 0–100 (webp / jpeg). */
  output_compression?: number;
  /** Background. */
  background?: 'transparent' | 'opaque' | 'auto';
  /** Moderation strictness. */
  moderation?: 'auto' | 'low';
  /** Partial images streamed (0–3). */
  partial_images?: number;
  /** Generate, edit, or let the model decide. */
  action?: 'generate' | 'edit' | 'auto';
}

/**
 * The `web_search` built-in tool: the model searches the web; calls come back as provider items and citations
 * as annotations.
 * @see https://platform.openai.com/docs/guides/tools-web-search
 * @example
 * const model = openai('gpt-5.4', { builtinTools: [webSearch({ search_context_size: 'low' })] });
 */
export function webSearch(options: OpenAIWebSearchOptions = {}): ResponsesBuiltinTool {
  return { type: 'web_search', ...options };
}

/**
 * The `image_generation` built-in tool: generated images land in the assistant message as image media parts
 * (base64, PNG unless `output_format` says otherwise).
 * @see https://platform.openai.com/docs/guides/tools-image-generation
 * @example
 * const model = openai('gpt-5.4', { builtinTools: [imageGeneration({ size: '1024x1024', quality: 'low' })] });
 */
export function imageGeneration(options: OpenAIImageGenerationOptions = {}): ResponsesBuiltinTool {
  return { type: 'image_generation', ...options };
}

/**
 * Options of {@link openai}: the shared Responses model options plus OpenAI's typed settings (`maxToolCalls`,
 * `metadata`, `prompt`, `topLogprobs`, `truncation`), sent with every request and checked when the model is made.
 */
export type OpenAIResponsesModelOptions = ResponsesModelOptions<OpenAIClient> & OpenAIResponsesSettings;

/**
 * An OpenAI chat model on the Responses API. Fresh requests send instructions and the full history; tool
 * follow-ups of a stored response send only the `function_call_output` items with `previous_response_id`;
 * reasoning items are replayed exactly, and assistant text keeps its message `phase` (`commentary` /
 * `final_answer`) for the next turn; tools are shaped for strict mode; a `{ tool }` choice becomes the spec's
 * shape for it (function, custom, MCP, hosted type, or `allowed_tools` for `web_search`); `ModelRequest.output`
 * becomes `text.format` json_schema; `settings.providerOptions.openai` is merged into the body. The typed settings
 * (`maxToolCalls`, `metadata`, `prompt`, `topLogprobs`, `truncation`) are checked here, and every request body
 * before it is sent (`max_output_tokens` ≥ 16) — a `RequestValidationError` names the field.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @example
 * import { Agent } from 'hello-dave';
 * import { openai } from 'hello-dave/openai';
 * const agent = new Agent({ name: 'assistant', model: openai('gpt-5.4-mini'), tools: [weather] });
 * const tagged = openai('gpt-5.4', { metadata: { team: 'support' }, maxToolCalls: 3, truncation: 'auto' });
 */
export function openai(modelId: OpenAIResponsesModelId, options: OpenAIResponsesModelOptions = {}): ChatModel {
  const { maxToolCalls, metadata, prompt, topLogprobs, truncation, ...modelOptions } = options;
  const bodyFields = openaiProviderOptions({ maxToolCalls, metadata, prompt, topLogprobs, truncation });
  return responsesModel(modelId, OPENAI_RESPONSES_DIALECT, modelOptions, createOpenAIClient, bodyFields);
}

/**
 * `POST /responses`: creates a model response from a wire body and returns OpenAI's response object (wire
 * fields as sent). The body is checked before any request; `stream: true` is refused here (use a model's
 * `stream`). A `failed` status is returned as is, not thrown.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @example
 * const response = await createResponse(createOpenAIClient(), { model: 'gpt-5.4', input: 'Why is the sky blue?' });
 */
export async function createResponse(
  client: OpenAIClient,
  body: ResponsesCreateBody,
  options: RequestOptions = {},
): Promise<ResponsesResponse> {
  return createResponseWith(OPENAI_RESPONSES_DIALECT, client, body, options);
}
