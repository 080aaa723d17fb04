/**
 * Structured output: the JSON Schema the model is asked to answer in (made once per schema) and the parsing of
 * the final answer against the agent's `output` schema.
 * @module
 */
import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { StructuredOutputError } from '../../common/errors.js';
import { toValidationIssues } from '../../common/validate.js';
import { deepFreezeShared } from '../immutable.js';
import type { JsonSchema } from '../model.js';
import { schemaToJsonSchema } from '../tools/define-tool.js';

const outputJsonSchemas = new WeakMap<$ZodType, JsonSchema>();

/**
 * An output schema's JSON Schema, made once per schema and deep-frozen (like the tool specs): every run and turn
 * hands the model the same read-only object, and a model may cache what it derives from it.
 */
export function sharedOutputJsonSchema(schema: $ZodType): JsonSchema {
  let json = outputJsonSchemas.get(schema);
  if (!json) {
    json = deepFreezeShared(schemaToJsonSchema(schema, 'input'));
    outputJsonSchemas.set(schema, json);
  }
  return json;
}

/** Parses the final answer with the output schema (JSON, optionally inside a ```json fence). */
export function parseStructuredOutput(text: string, schema: $ZodType): unknown {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(trimmed);
  let value: unknown;
  try {
    value = JSON.parse(fenced?.[1] ?? trimmed);
  } catch (error) {
    throw new StructuredOutputError(text, [`not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = safeParse(schema, value);
  if (parsed.success) return parsed.data;
  throw new StructuredOutputError(
    text,
    toValidationIssues(parsed.error.issues).map((issue) => `${issue.path || '(output)'}: ${issue.message}`),
  );
}
