/**
 * OpenAI's own Responses settings, typed and checked against the spec before any request: `max_tool_calls`,
 * `metadata`, a reusable `prompt`, `top_logprobs` and `truncation`, plus the check of every finished request body
 * (`max_output_tokens` ≥ 16, those fields when given as provider options, `tool_choice` in the spec's shapes).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError } from '../../common/errors.js';
import { toValidationIssues, type ValidationIssue } from '../../common/validate.js';
import {
  maxToolCallsSchema,
  promptReferenceSchema,
  topLogprobsSchema,
  truncationSchema,
} from '../../protocols/openai-responses/request-schema.js';
import { toolChoiceIssue } from '../../protocols/openai-responses/tool-choice.js';
import type {
  ResponsesCreateBody,
  ResponsesHostedToolChoiceType,
  ResponsesPromptReference,
} from '../../protocols/openai-responses/wire.js';

/** The hosted tool types OpenAI's `tool_choice: { type }` may name (spec of 2026-08; `web_search` is not one). */
export const OPENAI_TOOL_CHOICE_TYPES: readonly ResponsesHostedToolChoiceType[] = Object.freeze([
  'file_search',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'image_generation',
  'code_interpreter',
  'computer',
  'computer_use',
  'computer_use_preview',
  'apply_patch',
  'shell',
  'programmatic_tool_calling',
]);

/**
 * Typed settings of an OpenAI Responses model, checked when given (a {@link RequestValidationError} naming the
 * setting). Pass them to `openai(id, { … })` for every request, or per call as
 * `settings.providerOptions.openai = openaiProviderOptions({ … })`.
 */
export interface OpenAIResponsesSettings {
  /**
   * Cap on the **built-in** tool calls (web search, file search, …) across one response (`max_tool_calls`); function
   * calls are not counted. A whole number ≥ 0 (the spec sets no upper bound).
   */
  maxToolCalls?: number;
  /**
   * Up to 16 string pairs stored with the response (`metadata`): keys ≤ 64 characters, values ≤ 512. Echoed on
   * the response object (read it with `onResponse`).
   */
  metadata?: Record<string, string>;
  /**
   * A reusable prompt stored at OpenAI (`prompt`): `{ id, version?, variables? }`. Its instructions and messages
   * come before the request's own; `variables` fill its `{{placeholders}}` with text or an input text / image / file
   * part.
   */
  prompt?: ResponsesPromptReference;
  /**
   * How many most likely tokens to return per position, 0–20 (`top_logprobs`). They come back only with
   * `include: ['message.output_text.logprobs']`, on the response object's output text parts (`onResponse`).
   */
  topLogprobs?: number;
  /**
   * What happens when the input exceeds the context window (`truncation`): `auto` drops items from the start of
   * the conversation, `disabled` (OpenAI's default) answers HTTP 400. Deprecated in the 2026 spec in favour of
   * context management, still accepted.
   */
  truncation?: 'auto' | 'disabled';
}

const metadataSchema = z
  .record(z.string().check(z.maxLength(64)), z.string().check(z.maxLength(512)))
  .check(z.refine((value) => Object.keys(value).length <= 16, { message: 'must have at most 16 pairs' }));

/** Each typed setting: its wire name and the schema of a given (non-null) value. */
const SETTINGS = [
  { setting: 'maxToolCalls', wire: 'max_tool_calls', schema: maxToolCallsSchema },
  { setting: 'metadata', wire: 'metadata', schema: metadataSchema },
  { setting: 'prompt', wire: 'prompt', schema: promptReferenceSchema },
  { setting: 'topLogprobs', wire: 'top_logprobs', schema: topLogprobsSchema },
  { setting: 'truncation', wire: 'truncation', schema: truncationSchema },
] as const;

/** Issues of the typed fields present in `record`, named by `key` (`setting` or `wire`). */
function fieldIssues(record: Readonly<Record<string, unknown>>, key: 'setting' | 'wire'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of SETTINGS) {
    const value = record[field[key]];
    if (value === undefined || (key === 'wire' && value === null)) continue;
    const parsed = field.schema.safeParse(value);
    if (!parsed.success) issues.push(...toValidationIssues(parsed.error.issues, [field[key]]));
  }
  return issues;
}

/**
 * The typed settings in the wire form of the request body (`max_tool_calls`, `metadata`, `prompt`,
 * `top_logprobs`, `truncation`), checked first: a {@link RequestValidationError} names each bad setting.
 * @example
 * const answer = await model.generate({
 *   messages,
 *   tools: [],
 *   settings: { providerOptions: { openai: openaiProviderOptions({ metadata: { ticket: 'T-42' }, maxToolCalls: 2 }) } },
 * });
 */
export function openaiProviderOptions(settings: OpenAIResponsesSettings): Record<string, unknown> {
  const record = settings as Readonly<Record<string, unknown>>;
  const issues = fieldIssues(record, 'setting');
  if (issues.length > 0) throw new RequestValidationError(issues, 'OpenAI responses settings');
  const out: Record<string, unknown> = {};
  for (const field of SETTINGS) if (record[field.setting] !== undefined) out[field.wire] = record[field.setting];
  return out;
}

/**
 * OpenAI's last check of a finished body, before any request: `max_output_tokens` a whole number ≥ 16 (it covers
 * reasoning tokens too), the typed fields within the spec's ranges however they were given, and `tool_choice` in
 * one of the spec's shapes. Throws one {@link RequestValidationError} listing every problem.
 */
export function checkOpenAIResponsesBody(body: ResponsesCreateBody): void {
  const issues = fieldIssues(body, 'wire');
  const max = body.max_output_tokens;
  if (max !== undefined && max !== null && !(Number.isInteger(max) && max >= 16)) {
    issues.unshift({
      path: 'max_output_tokens',
      message: `must be a whole number >= 16, got ${String(max)} (settings.maxOutputTokens; OpenAI counts reasoning tokens in it too)`,
    });
  }
  const choice = toolChoiceIssue(body.tool_choice, OPENAI_TOOL_CHOICE_TYPES);
  if (choice) issues.push(choice);
  if (issues.length > 0) throw new RequestValidationError(issues, 'OpenAI responses request');
}
