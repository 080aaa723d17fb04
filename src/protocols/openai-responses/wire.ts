/**
 * Wire types of the Responses format (`POST /responses`), as OpenAI and xAI send and accept them: request body,
 * input items, tools, the response object, its output items and stream events. Field names are the wire's own
 * (snake_case). Response schemas are lenient: they require only what the mapping reads and keep unknown fields.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 * @module
 */
import * as z from 'zod/mini';
import { isRecord } from '../../common/guards.js';
import type { JsonSchema } from '../../core/model.js';
import type { ImagePart, TextPart } from '../../core/prompt/message.js';

/** Any item kept or replayed exactly as the provider sent it (reasoning, built-in tool calls, unknown types). */
export interface ResponsesRawItem {
  /** Item type (`reasoning`, `web_search_call`, …). */
  type: string;
  /** Every other field, untouched. */
  [key: string]: unknown;
}

/** A content part of a user, system or developer message, or of a tool output. */
export type ResponsesInputContentPart =
  /** Text. */
  | { type: 'input_text'; text: string }
  /** An image by URL (https or data URL) or stored file id; send `detail` explicitly (`original`: OpenAI, full size). */
  | { type: 'input_image'; image_url?: string; file_id?: string; detail: NonNullable<ImagePart['detail']> }
  /** A file by id, URL, or base64 data URL with a filename. */
  | { type: 'input_file'; file_id?: string; file_url?: string; file_data?: string; filename?: string };

/** Text the assistant said earlier, replayed. */
export interface ResponsesOutputTextPart {
  /** Discriminator. */
  type: 'output_text';
  /** The text. */
  text: string;
  /** Citations; replayed empty. */
  annotations?: unknown[];
}

/** A refusal the assistant gave earlier instead of an answer, replayed as the refusal it was. */
export interface ResponsesRefusalPart {
  /** Discriminator. */
  type: 'refusal';
  /** The refusal's text. */
  refusal: string;
}

/** A message input item (`type` may be omitted on the wire). */
export type ResponsesMessageItem =
  /** User, system or developer message. */
  | { type?: 'message'; role: 'user' | 'system' | 'developer'; content: string | ResponsesInputContentPart[] }
  /**
   * Earlier assistant output, replayed; `phase` (`commentary` / `final_answer`, newer OpenAI models) exactly as the
   * output message item had it.
   */
  | {
      type?: 'message';
      role: 'assistant';
      content: string | (ResponsesOutputTextPart | ResponsesRefusalPart)[];
      phase?: TextPart['phase'];
    };

/** A function call of the model, replayed (`call_id` is what the output must name; `id` is the item id `fc_…`). */
export interface ResponsesFunctionCallItem {
  /** Discriminator. */
  type: 'function_call';
  /** Item id (`fc_…`); sent only when the call's reasoning item is replayed too. */
  id?: string;
  /** Call id (`call_…`). */
  call_id: string;
  /** Function name. */
  name: string;
  /** Arguments as a JSON string. */
  arguments: string;
  /** Item status. */
  status?: string;
}

/** A tool result sent back to the model. */
export interface ResponsesFunctionCallOutputItem {
  /** Discriminator. */
  type: 'function_call_output';
  /** The `call_id` of the function call it answers. */
  call_id: string;
  /** What the model reads. */
  output: string | ResponsesInputContentPart[];
}

/** One element of the request's `input` array. */
export type ResponsesInputItem =
  | ResponsesMessageItem
  | ResponsesFunctionCallItem
  | ResponsesFunctionCallOutputItem
  | ResponsesRawItem;

/** A function tool (flat shape, not Chat Completions' nested `function`). */
export interface ResponsesFunctionTool {
  /** Discriminator. */
  type: 'function';
  /** Function name. */
  name: string;
  /** What it does. */
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
  /** Strict mode: arguments always match the schema (OpenAI). xAI ignores it. */
  strict?: boolean;
}

/** A built-in (hosted) tool such as `web_search`, `image_generation`, xAI's `x_search`. */
export interface ResponsesBuiltinTool {
  /** Tool type. */
  type: string;
  /** Its options, as the provider names them. */
  [key: string]: unknown;
}

/** Any tool of the request. */
export type ResponsesTool = ResponsesFunctionTool | ResponsesBuiltinTool;

/**
 * `tool_choice` of a hosted tool type, forced with `{ type }`: the list of OpenAI's spec (2026-08), where
 * `web_search` is absent (it is forced through `allowed_tools`); other providers' own types are open strings.
 */
export type ResponsesHostedToolChoiceType =
  | 'file_search'
  | 'web_search_preview'
  | 'web_search_preview_2025_03_11'
  | 'image_generation'
  | 'code_interpreter'
  | 'computer'
  | 'computer_use'
  | 'computer_use_preview'
  | 'apply_patch'
  | 'shell'
  | 'programmatic_tool_calling'
  | (string & {});

/** `tool_choice` values: the shapes of OpenAI's spec. */
export type ResponsesToolChoice =
  | 'auto'
  | 'required'
  | 'none'
  /** Force one function. */
  | { type: 'function'; name: string }
  /** Restrict the model to these tools (`{ type: 'function', name }`, `{ type: 'web_search' }`, …); `required`: call one. */
  | { type: 'allowed_tools'; mode: 'auto' | 'required'; tools: { type: string; [key: string]: unknown }[] }
  /** Force a tool of an MCP server (any of its tools without `name`). */
  | { type: 'mcp'; server_label: string; name?: string }
  /** Force a custom (free-form) tool. */
  | { type: 'custom'; name: string }
  /** Force a hosted tool. */
  | { type: ResponsesHostedToolChoiceType };

/** A reusable prompt stored at OpenAI (`prompt`): its id, optional version, and values of its variables. */
export interface ResponsesPromptReference {
  /** Prompt id (`pmpt_…`). */
  id: string;
  /** Version; default the prompt's current one. */
  version?: string;
  /** Values of the prompt's `{{variables}}`: text, or an input text / image / file part. */
  variables?: Record<string, string | ResponsesInputContentPart>;
}

/** `text.format`: plain text, JSON mode, or a JSON Schema (structured output). */
export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JsonSchema; strict?: boolean; description?: string };

/** The body of `POST /responses` (the fields the mapping sets; provider options may add any other). */
export interface ResponsesCreateBody {
  /** Model id. */
  model: string;
  /** A string (one user message) or input items. */
  input?: string | ResponsesInputItem[];
  /** System / developer instructions. */
  instructions?: string | null;
  /** Tools offered. */
  tools?: ResponsesTool[];
  /** Tool choice. */
  tool_choice?: ResponsesToolChoice;
  /** Allow several tool calls per turn. */
  parallel_tool_calls?: boolean | null;
  /** Chain onto a stored response. */
  previous_response_id?: string | null;
  /** Store the response (needed for chaining). */
  store?: boolean | null;
  /** Stream as server-sent events. */
  stream?: boolean | null;
  /** Reasoning effort and summary. */
  reasoning?: { effort?: string; summary?: string } | null;
  /** Output format. */
  text?: { format?: ResponsesTextFormat; verbosity?: string };
  /** Output token cap. */
  max_output_tokens?: number | null;
  /** Sampling temperature. */
  temperature?: number | null;
  /** Nucleus sampling. */
  top_p?: number | null;
  /** Extra output to include (`reasoning.encrypted_content`). */
  include?: string[] | null;
  /** Cap on built-in tool calls across the response. */
  max_tool_calls?: number | null;
  /** Up to 16 string pairs (keys ≤ 64 characters, values ≤ 512). */
  metadata?: Record<string, string> | null;
  /** A reusable stored prompt. */
  prompt?: ResponsesPromptReference | null;
  /** Most likely tokens returned per position (0–20; with `include: ['message.output_text.logprobs']`). */
  top_logprobs?: number | null;
  /** `auto` drops items from the start of an input too long for the context; `disabled` (default) answers 400. */
  truncation?: 'auto' | 'disabled' | null;
  /** Any other field (provider options). */
  [key: string]: unknown;
}

/** Schema of the Responses `usage` object (lenient). */
export const usageSchema = z.looseObject({
  input_tokens: z.optional(z.nullable(z.number())),
  output_tokens: z.optional(z.nullable(z.number())),
  total_tokens: z.optional(z.nullable(z.number())),
  input_tokens_details: z.optional(z.nullable(z.looseObject({ cached_tokens: z.optional(z.nullable(z.number())) }))),
  output_tokens_details: z.optional(
    z.nullable(z.looseObject({ reasoning_tokens: z.optional(z.nullable(z.number())) })),
  ),
});

const errorSchema = z.looseObject({
  code: z.optional(z.nullable(z.union([z.string(), z.number()]))),
  message: z.optional(z.nullable(z.string())),
});

/** Lenient schema of the response object: requires `id` and `output`, keeps everything else. */
export const responsesResponseSchema = z.looseObject({
  id: z.string(),
  status: z.optional(z.nullable(z.string())),
  model: z.optional(z.nullable(z.string())),
  output: z.array(z.looseObject({ type: z.string() })),
  usage: z.optional(z.nullable(usageSchema)),
  error: z.optional(z.nullable(errorSchema)),
  incomplete_details: z.optional(z.nullable(z.looseObject({ reason: z.optional(z.nullable(z.string())) }))),
});

type Check = (value: unknown) => boolean;
const nullish =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null || check(value);
const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const fields =
  (checks: Record<string, Check>): Check =>
  (value) => {
    if (!isRecord(value)) return false;
    for (const key in checks) if (!(checks[key] as Check)(value[key])) return false;
    return true;
  };
const usageConforms = fields({
  input_tokens: nullish(isNumber),
  output_tokens: nullish(isNumber),
  total_tokens: nullish(isNumber),
  input_tokens_details: nullish(fields({ cached_tokens: nullish(isNumber) })),
  output_tokens_details: nullish(fields({ reasoning_tokens: nullish(isNumber) })),
});
const responseConforms = fields({
  id: isString,
  status: nullish(isString),
  model: nullish(isString),
  output: (value) => Array.isArray(value) && value.every((item) => isRecord(item) && typeof item.type === 'string'),
  usage: nullish(usageConforms),
  error: nullish(fields({ code: nullish((value) => isString(value) || isNumber(value)), message: nullish(isString) })),
  incomplete_details: nullish(fields({ reason: nullish(isString) })),
});
const functionCallConforms = fields({
  type: (value) => value === 'function_call',
  id: nullish(isString),
  call_id: isString,
  name: isString,
  arguments: isString,
});

/**
 * True when `value` passes {@link responsesResponseSchema} as it is. The check on every model call, without the
 * copy a loose zod object makes of the whole body; it accepts nothing the schema rejects (a test holds the two
 * together), and a body it refuses goes through the schema for the exact issue.
 * @internal
 */
export function conformsToResponsesResponse(value: unknown): value is ResponsesResponse {
  return responseConforms(value);
}

/** True when `value` passes {@link functionCallItemSchema} as it is (see {@link conformsToResponsesResponse}). @internal */
export function conformsToFunctionCallItem(value: unknown): value is z.infer<typeof functionCallItemSchema> {
  return functionCallConforms(value);
}

/** The response object of `POST /responses` (what the mapping reads; every other field is kept). */
export type ResponsesResponse = z.infer<typeof responsesResponseSchema>;

/** The `usage` object of a response. */
export type ResponsesUsage = z.infer<typeof usageSchema>;

/** Lenient schema of a function call output item. */
export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  id: z.optional(z.nullable(z.string())),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
});

/** One parsed server-sent event of a Responses stream (`type` plus the event's own fields). */
export interface ResponsesStreamEvent {
  /** Event type (`response.output_text.delta`, …). */
  type: string;
  /** Order number. */
  sequence_number?: number;
  /** Every other field. */
  [key: string]: unknown;
}
