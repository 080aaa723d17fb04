/**
 * The request schema of `POST /responses`, exact to `ResponsesCreateBody` and its parts (`wire.ts`): checked
 * before the plain endpoint functions send a body; OpenAI's typed settings reuse its field schemas.
 * @module
 */
import * as z from 'zod/mini';
import { isRecord } from '../../common/guards.js';
import type { ResponsesRawItem } from './wire.js';

// ---------------------------------------------------------------------------------------------------------------
// Request body, exact to the types of wire.ts (test/types/params-schemas.test-d.ts holds them together). Parts, items and
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

const outputContentPartSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('output_text'),
    text: z.string(),
    annotations: z.optional(z.array(z.unknown())),
  }),
  z.object({ type: z.literal('refusal'), refusal: z.string() }),
]);

const messageItemSchema = z.discriminatedUnion('role', [
  z.object({
    type: z.optional(z.literal('message')),
    role: z.enum(['user', 'system', 'developer']),
    content: z.union([z.string(), z.array(inputContentPartSchema)]),
  }),
  z.object({
    type: z.optional(z.literal('message')),
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(outputContentPartSchema)]),
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
