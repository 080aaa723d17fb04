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

/** A message input item (`type` may be omitted on the wire). */
export type ResponsesMessageItem =
  /** User, system or developer message. */
  | { type?: 'message'; role: 'user' | 'system' | 'developer'; content: string | ResponsesInputContentPart[] }
  /**
   * Earlier assistant output, replayed; `phase` (`commentary` / `final_answer`, newer OpenAI models) exactly as the
   * output message item had it.
   */
  | { type?: 'message'; role: 'assistant'; content: string | ResponsesOutputTextPart[]; phase?: TextPart['phase'] };

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

// ---------------------------------------------------------------------------------------------------------------
// Request body, exact to the types above (test/types/params-schemas.test-d.ts holds them together). Parts, items and
// tools are non-strict objects: fields the API adds to the items it returns pass, since a replayed answer sends its
// items back as they came. Open members (any other item, a built-in tool, a hosted tool_choice) refuse the known
// types with an aborting check, so a bad known member is named at its own field, not as a mismatch of the open one
// (zod reports a union's only branch that failed a check alone, as if it were the value's shape).

const nonEmpty = () => z.string().check(z.minLength(1));

/**
 * An open member of a union (`{ type, … }`, any type but the known members'): refused as a whole by an aborting
 * check on the object, so a known member with a bad field fits only its own branch and is named at that field.
 */
const otherTypeObject = (known: readonly string[], what: string) =>
  z.looseObject({ type: nonEmpty() }).check(
    z.refine((value) => !known.includes(value.type), {
      message: `is no ${what} of a known type, nor one of another type`,
      abort: true,
    }),
  );

/** A JSON Schema object (`parameters`, `text.format.schema`): any object; its keywords are the provider's to check. */
const jsonSchemaSchema = z.record(z.string(), z.unknown());

const inputContentPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input_text'), text: z.string() }),
  z.object({
    type: z.literal('input_image'),
    image_url: z.optional(nonEmpty()),
    file_id: z.optional(nonEmpty()),
    detail: z.enum(['auto', 'low', 'high', 'original']),
  }),
  z.object({
    type: z.literal('input_file'),
    file_id: z.optional(nonEmpty()),
    file_url: z.optional(nonEmpty()),
    file_data: z.optional(z.string()),
    filename: z.optional(z.string()),
  }),
]);

const outputTextPartSchema = z.object({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.optional(z.array(z.unknown())),
});

const messageItemSchema = z.discriminatedUnion('role', [
  z.object({
    type: z.optional(z.literal('message')),
    role: z.enum(['user', 'system', 'developer']),
    content: z.union([z.string(), z.array(inputContentPartSchema)]),
  }),
  z.object({
    type: z.optional(z.literal('message')),
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(outputTextPartSchema)]),
    phase: z.optional(z.string()),
  }),
]);

/** The items of a known `type` (a message may leave it out), each chosen by its `type`, then a message by `role`. */
const knownItemSchema = z.discriminatedUnion('type', [
  messageItemSchema,
  z.object({
    type: z.literal('function_call'),
    id: z.optional(nonEmpty()),
    call_id: nonEmpty(),
    name: nonEmpty(),
    arguments: z.string(),
    status: z.optional(z.string()),
  }),
  z.object({
    type: z.literal('function_call_output'),
    call_id: nonEmpty(),
    output: z.union([z.string(), z.array(inputContentPartSchema)]),
  }),
]);

const KNOWN_ITEM_TYPES: readonly unknown[] = ['message', 'function_call', 'function_call_output'];

/**
 * Any other item (reasoning, built-in tool calls, new kinds), kept as is: an object with a `type` no known item
 * has. Refused as a whole (an aborting check on the item, not on its `type` field) so that an item without `type`,
 * a message, is never read as a raw item missing one, and a bad known item is named at its own field.
 */
const rawItemSchema = z.custom<ResponsesRawItem>(
  (item) =>
    isRecord(item) && typeof item.type === 'string' && item.type.length > 0 && !KNOWN_ITEM_TYPES.includes(item.type),
  { message: 'is no known input item, nor an item of another type', abort: true },
);

const inputItemSchema = z.union([knownItemSchema, rawItemSchema]);

const toolSchema = z.union([
  z.object({
    type: z.literal('function'),
    name: nonEmpty(),
    description: z.optional(z.string()),
    parameters: jsonSchemaSchema,
    strict: z.optional(z.boolean()),
  }),
  otherTypeObject(['function'], 'tool'),
]);

/**
 * `tool_choice` in the spec's shapes. Which hosted types `{ type }` may name is the provider's rule (OpenAI's
 * `checkBody`, through `toolChoiceIssue`); here any other type passes.
 */
const toolChoiceSchema = z.union([
  z.enum(['auto', 'required', 'none']),
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('function'), name: nonEmpty() }),
    z.object({
      type: z.literal('allowed_tools'),
      mode: z.enum(['auto', 'required']),
      tools: z.array(z.looseObject({ type: nonEmpty() })).check(z.minLength(1)),
    }),
    z.object({ type: z.literal('mcp'), server_label: nonEmpty(), name: z.optional(nonEmpty()) }),
    z.object({ type: z.literal('custom'), name: nonEmpty() }),
  ]),
  // A hosted tool forced with `{ type }`: any type but the shapes above.
  z.object({ type: nonEmpty() }).check(
    z.refine((value) => !['function', 'allowed_tools', 'mcp', 'custom'].includes(value.type), {
      message: 'is no tool_choice of a known type, nor one of a hosted tool type',
      abort: true,
    }),
  ),
]);

/** @internal `prompt`: a stored prompt's id, version and variables (OpenAI's typed setting checks it too). */
export const promptReferenceSchema = z.object({
  id: nonEmpty(),
  version: z.optional(z.string()),
  variables: z.optional(z.record(z.string(), z.union([z.string(), inputContentPartSchema]))),
});

/** @internal `max_tool_calls` when given: a whole number ≥ 0. */
export const maxToolCallsSchema = z.int().check(z.gte(0));
/** @internal `top_logprobs` when given: a whole number 0–20 (xAI takes 0–8 and newer models ignore it). */
export const topLogprobsSchema = z.int().check(z.gte(0), z.lte(20));
/** @internal `truncation` when given. */
export const truncationSchema = z.enum(['auto', 'disabled']);

const textFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: nonEmpty(),
    schema: jsonSchemaSchema,
    strict: z.optional(z.boolean()),
    description: z.optional(z.string()),
  }),
]);

/**
 * Request schema of `POST /responses` for the plain endpoint functions: every field of {@link ResponsesCreateBody}
 * (types, ranges, `previous_response_id` xor `conversation`); any other field passes (provider options). The
 * provider's own rules (OpenAI: `max_output_tokens` ≥ 16, metadata limits, hosted tool_choice types) follow in
 * its dialect's `checkBody`.
 */
export const responsesCreateBodySchema = z
  .looseObject({
    model: nonEmpty(),
    input: z.optional(z.union([z.string(), z.array(inputItemSchema)])),
    instructions: z.optional(z.nullable(z.string())),
    tools: z.optional(z.array(toolSchema)),
    tool_choice: z.optional(toolChoiceSchema),
    parallel_tool_calls: z.optional(z.nullable(z.boolean())),
    previous_response_id: z.optional(z.nullable(nonEmpty())),
    store: z.optional(z.nullable(z.boolean())),
    stream: z.optional(z.nullable(z.boolean())),
    reasoning: z.optional(z.nullable(z.object({ effort: z.optional(z.string()), summary: z.optional(z.string()) }))),
    text: z.optional(z.object({ format: z.optional(textFormatSchema), verbosity: z.optional(z.string()) })),
    max_output_tokens: z.optional(z.nullable(z.int().check(z.gte(1)))),
    temperature: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(2)))),
    top_p: z.optional(z.nullable(z.number().check(z.gte(0), z.lte(1)))),
    include: z.optional(z.nullable(z.array(z.string()))),
    max_tool_calls: z.optional(z.nullable(maxToolCallsSchema)),
    metadata: z.optional(z.nullable(z.record(z.string(), z.string()))),
    prompt: z.optional(z.nullable(promptReferenceSchema)),
    top_logprobs: z.optional(z.nullable(topLogprobsSchema)),
    truncation: z.optional(z.nullable(truncationSchema)),
  })
  .check(
    z.refine((body) => !(body.previous_response_id && body.conversation), {
      message: 'previous_response_id and conversation cannot be combined',
      path: ['conversation'],
    }),
  );
