/**
 * xAI (Grok) on its Responses endpoint as a {@link ChatModel} (`xai('grok-4.3')`), through the Responses
 * mapping shared with OpenAI, plus the plain `createResponse` function and built-in tool helpers.
 *
 * Differences from OpenAI, each handled here:
 * 1. A bad API key is HTTP 400 with `{ code, error }` strings → `AuthenticationError` (see `classifyXAIAnswer`).
 * 2. `instructions` cannot be combined with `previous_response_id` → chained tool follow-ups leave them out
 *    (xAI reuses the earlier system prompt); a body that still has both is refused before sending.
 * 3. `store` defaults to true (30-day retention) — the model sends it explicitly; `background`, `metadata`,
 *    `truncation` and `context_management` are accepted but not executed → dropped from provider options.
 * 4. `max_output_tokens` counts visible output only, not reasoning → `usage.outputTokens` adds
 *    `reasoning_tokens`, so it means the same as at OpenAI (reasoning included).
 * 5. Function `strict` is ignored → tools are sent with their schema as given (no strict-mode rewrite, no
 *    `strict` flag); the agent validates arguments itself.
 * 6. Extra built-in tool `x_search` ({@link xSearch}); `web_search` rejects `search_context_size`,
 *    `user_location` and `external_web_access`, `code_interpreter` rejects `container`, `file_search` rejects
 *    `filters` and `ranking_options` → refused before sending with a `RequestValidationError`.
 * 7. Usage adds `cost_in_usd_ticks`, `num_sources_used`, `num_server_side_tools_used` → read with
 *    {@link xaiUsageDetails} from the `onResponse` hook.
 * 8. Response ids are UUID-like, not `resp_…` → nothing assumes a prefix; chaining works on any id.
 * 9. Reasoning items may have an empty `id` → replayed exactly; stream state is keyed by output index.
 * Also: streams may end with `data: [DONE]` and carry `ping` events (skipped); stream `error` events may be flat
 * (`{ message, code, status }`) and 529 there means overloaded (`ServerError`); `incomplete_details.reason` may be
 * `max_prompt_tokens` (finish reason `length`) or `max_time_limit` (`other`).
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 * @module
 */
import { RequestValidationError } from '../../common/errors.js';
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
import { createXAIClient, type XAIClient } from './client.js';

export type {
  ResponsesContinuation,
  ResponsesCreateBody,
  ResponsesResponse,
} from '../../protocols/openai-responses/index.js';

const REJECTED_TOOL_FIELDS: Record<string, readonly string[]> = {
  web_search: ['search_context_size', 'user_location', 'external_web_access'],
  code_interpreter: ['container'],
  file_search: ['filters', 'ranking_options'],
};

function checkXAIBody(body: ResponsesCreateBody): void {
  const issues: { path: string; message: string }[] = [];
  if (body.previous_response_id && body.instructions) {
    issues.push({
      path: 'instructions',
      message:
        'xAI does not accept instructions together with previous_response_id (the earlier system prompt is reused)',
    });
  }
  body.tools?.forEach((tool, index) => {
    for (const field of REJECTED_TOOL_FIELDS[tool.type] ?? []) {
      if (field in tool) {
        issues.push({ path: `tools.${index}.${field}`, message: `xAI's ${tool.type} tool rejects ${field}` });
      }
    }
  });
  if (issues.length > 0) throw new RequestValidationError(issues, 'xAI responses request');
}

/**
 * xAI's rules for the shared Responses mapping (see the module notes for the full list of differences).
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */
export const XAI_RESPONSES_DIALECT: ResponsesDialect = {
  provider: 'xai',
  instructionsWithPreviousResponse: false,
  strictTools: false,
  outputTokensIncludeReasoning: false,
  ignoredFields: ['background', 'metadata', 'truncation', 'context_management'],
  checkBody: checkXAIBody,
};

/** Grok model ids known at the time of writing; any other string (aliases such as `grok-4.3-latest`) is accepted. */
export type XAIResponsesModelId =
  | 'grok-4.7'
  | 'grok-4.6'
  | 'grok-4.5'
  | 'grok-4.3'
  | 'grok-4.20'
  | 'grok-4.20-0309-reasoning'
  | 'grok-4.20-0309-non-reasoning'
  | 'grok-4.20-multi-agent-0309'
  | 'grok-build-0.1'
  | (string & {});

/** Options of xAI's `web_search` built-in tool (OpenAI's `search_context_size`, `user_location`, `external_web_access` are rejected by xAI). */
export interface XAIWebSearchOptions {
  /** Only these domains (≤ 5) or never these; mutually exclusive. */
  filters?: { allowed_domains?: string[]; excluded_domains?: string[] };
  /** Let the model look at images on the pages. */
  enable_image_understanding?: boolean;
  /** Search images too. */
  enable_image_search?: boolean;
}

/** Options of xAI's `x_search` built-in tool (search posts on X). */
export interface XAIXSearchOptions {
  /** Only these handles (≤ 10); exclusive with `excluded_x_handles`. */
  allowed_x_handles?: string[];
  /** Never these handles (≤ 10). */
  excluded_x_handles?: string[];
  /** From date, `YYYY-MM-DD`. */
  from_date?: string;
  /** To date, `YYYY-MM-DD`. */
  to_date?: string;
  /** Look at images in posts. */
  enable_image_understanding?: boolean;
  /** Look at videos in posts. */
  enable_video_understanding?: boolean;
}

/**
 * xAI's `web_search` built-in tool.
 * @see https://docs.x.ai/docs/guides/tools/search-tools
 * @example
 * const model = xai('grok-4.3', { builtinTools: [webSearch({ filters: { allowed_domains: ['x.ai'] } })] });
 */
export function webSearch(options: XAIWebSearchOptions = {}): ResponsesBuiltinTool {
  return { type: 'web_search', ...options };
}

/**
 * xAI's `x_search` built-in tool (posts on X); its calls come back as provider items.
 * @see https://docs.x.ai/docs/guides/tools/search-tools
 * @example
 * const model = xai('grok-4.3', { builtinTools: [xSearch({ from_date: '2026-01-01' })] });
 */
export function xSearch(options: XAIXSearchOptions = {}): ResponsesBuiltinTool {
  return { type: 'x_search', ...options };
}

/**
 * xAI's `image_generation` built-in tool; generated images land in the assistant message as image media parts
 * (MIME type read from the bytes: usually JPEG or PNG).
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 * @example
 * const model = xai('grok-4.3', { builtinTools: [imageGeneration()] });
 */
export function imageGeneration(options: { action?: 'auto' | 'generate' | 'edit' } = {}): ResponsesBuiltinTool {
  return { type: 'image_generation', ...options };
}

/**
 * xAI's `code_interpreter` built-in tool (no options: `container` is rejected).
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */
export function codeInterpreter(): ResponsesBuiltinTool {
  return { type: 'code_interpreter' };
}

/** xAI's usage extras. */
export interface XAIUsageDetails {
  /** Cost in ticks: 1 US cent = 100 000 000 ticks. */
  costInUsdTicks?: number;
  /** Cost in US dollars, from the ticks. */
  costInUsd?: number;
  /** Search sources used. */
  numSourcesUsed?: number;
  /** Server-side tool calls made. */
  numServerSideToolsUsed?: number;
}

/**
 * Reads xAI's usage extras (`cost_in_usd_ticks`, `num_sources_used`, `num_server_side_tools_used`) from a
 * response object, e.g. in the model's `onResponse` hook.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 * @example
 * const model = xai('grok-4.3', { onResponse: (response) => console.log(xaiUsageDetails(response).costInUsd) });
 */
export function xaiUsageDetails(response: ResponsesResponse): XAIUsageDetails {
  const usage = response.usage as Record<string, unknown> | null | undefined;
  const out: XAIUsageDetails = {};
  if (!usage) return out;
  const number = (key: string) => (typeof usage[key] === 'number' ? (usage[key] as number) : undefined);
  const ticks = number('cost_in_usd_ticks');
  if (ticks !== undefined) {
    out.costInUsdTicks = ticks;
    out.costInUsd = ticks / 10_000_000_000;
  }
  const sources = number('num_sources_used');
  if (sources !== undefined) out.numSourcesUsed = sources;
  const tools = number('num_server_side_tools_used');
  if (tools !== undefined) out.numServerSideToolsUsed = tools;
  return out;
}

/** Options of {@link xai}. */
export type XAIResponsesModelOptions = ResponsesModelOptions<XAIClient>;

/**
 * A Grok chat model on xAI's Responses endpoint. Behaves like `openai()` from `hello-dave/openai` except for
 * the differences listed in this module's notes. `settings.maxOutputTokens` caps visible output only at xAI.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 * @example
 * import { Agent } from 'hello-dave';
 * import { xai } from 'hello-dave/xai';
 * const agent = new Agent({ name: 'assistant', model: xai('grok-4.3'), tools: [weather] });
 */
export function xai(modelId: XAIResponsesModelId, options: XAIResponsesModelOptions = {}): ChatModel {
  return responsesModel(modelId, XAI_RESPONSES_DIALECT, options, createXAIClient);
}

/**
 * `POST /responses` at xAI: creates a model response from a wire body and returns xAI's response object (wire
 * fields as sent). The body is checked before any request (including xAI's rejected tool fields and
 * `instructions` with `previous_response_id`); `stream: true` is refused here (use a model's `stream`).
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 * @example
 * const response = await createResponse(createXAIClient(), { model: 'grok-4.3', input: 'What is 101*3?' });
 */
export async function createResponse(
  client: XAIClient,
  body: ResponsesCreateBody,
  options: RequestOptions = {},
): Promise<ResponsesResponse> {
  return createResponseWith(XAI_RESPONSES_DIALECT, client, body, options);
}
