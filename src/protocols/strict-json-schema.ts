/**
 * Shapes a JSON Schema for OpenAI's strict mode and undoes the shaping on what the model sends back. Shared by the
 * Responses mapping (function tools with `strict: true`, `text.format` json_schema) and the Chat Completions
 * mapping (`tools[].function.strict`, `response_format` json_schema).
 * @see https://platform.openai.com/docs/guides/function-calling#strict-mode
 * @module
 */
import { isRecord } from '../common/guards.js';
import { deepFreeze, isDeeplyFrozen } from '../core/immutable.js';
import type { JsonSchema } from '../core/model.js';

/** What {@link toStrictJsonSchema} produced. */
export interface StrictSchemaResult {
  /** The schema to send. */
  schema: JsonSchema;
  /** True when the schema was made strict-compatible; false when it could not be (send `strict: false`). */
  strict: boolean;
  /**
   * Turns a value the model produced under the strict schema back into one the original schema accepts:
   * removes the `null` the model had to send for each property that was optional. Undefined when nothing was
   * optional.
   */
  restore?: (value: unknown) => unknown;
}

type Shape = { kind: 'object'; optional: string[]; properties: Map<string, Shape> } | { kind: 'array'; items: Shape };

class NotStrictCompatible extends Error {}

const UNSUPPORTED_KEYWORDS = ['allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas'];

function acceptsNull(schema: unknown): boolean {
  if (!isRecord(schema)) return schema === true;
  const type = schema.type;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  if (schema.const === null) return true;
  const anyOf = schema.anyOf;
  return Array.isArray(anyOf) && anyOf.some(acceptsNull);
}

function makeNullable(schema: JsonSchema): JsonSchema {
  if (acceptsNull(schema)) return schema;
  const out: JsonSchema = { ...schema };
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string' && out.const === undefined) {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type) && out.const === undefined) {
    out.type = [...out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.anyOf)) {
    out.anyOf = [...out.anyOf, { type: 'null' }];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function transform(node: unknown): { schema: unknown; shape?: Shape } {
  if (!isRecord(node)) return { schema: node };
  for (const keyword of UNSUPPORTED_KEYWORDS) {
    if (keyword in node) throw new NotStrictCompatible(keyword);
  }
  const out: Record<string, unknown> = { ...node };
  let shape: Shape | undefined;
  if (Array.isArray(out.oneOf)) {
    // Strict mode knows anyOf, not oneOf; the branches of a zod union are disjoint, so nothing is lost.
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (Array.isArray(out.anyOf)) out.anyOf = out.anyOf.map((branch) => transform(branch).schema);
  for (const defsKey of ['$defs', 'definitions']) {
    const defs = out[defsKey];
    if (isRecord(defs)) {
      const next: Record<string, unknown> = {};
      for (const [name, def] of Object.entries(defs)) next[name] = transform(def).schema;
      out[defsKey] = next;
    }
  }
  const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
  if (isObject || isRecord(out.properties)) {
    if (out.additionalProperties !== undefined && out.additionalProperties !== false) {
      throw new NotStrictCompatible('additionalProperties');
    }
    if (!isRecord(out.properties)) throw new NotStrictCompatible('free-form object');
    const required = new Set(Array.isArray(out.required) ? out.required : []);
    const properties: Record<string, unknown> = {};
    const optional: string[] = [];
    const children = new Map<string, Shape>();
    for (const [key, child] of Object.entries(out.properties)) {
      const result = transform(child);
      let schema = result.schema;
      if (!required.has(key)) {
        if (!acceptsNull(child)) optional.push(key);
        schema = isRecord(schema) ? makeNullable(schema) : schema;
      }
      properties[key] = schema;
      if (result.shape) children.set(key, result.shape);
    }
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
    if (optional.length > 0 || children.size > 0) shape = { kind: 'object', optional, properties: children };
  }
  if (isRecord(out.items)) {
    const result = transform(out.items);
    out.items = result.schema;
    if (result.shape) shape = { kind: 'array', items: result.shape };
  }
  if (Array.isArray(out.prefixItems)) out.prefixItems = out.prefixItems.map((item) => transform(item).schema);
  return shape ? { schema: out, shape } : { schema: out };
}

function restoreWith(shape: Shape, value: unknown): unknown {
  if (shape.kind === 'array') {
    return Array.isArray(value) ? value.map((item) => restoreWith(shape.items, item)) : value;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const key of shape.optional) {
    if (out[key] === null) delete out[key];
  }
  for (const [key, child] of shape.properties) {
    if (out[key] !== undefined) out[key] = restoreWith(child, out[key]);
  }
  return out;
}

function withoutMetaKeys(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/**
 * Makes a JSON Schema acceptable to OpenAI's strict mode, where every object must say
 * `additionalProperties: false` and list **every** property in `required`:
 * - each object gets `additionalProperties: false` and `required` = all its properties;
 * - a property that was optional becomes nullable (`type: [t, 'null']`, `null` added to an `enum`, or
 *   `anyOf: [schema, {type: 'null'}]`) so the model can still leave it out by sending `null`;
 * - `oneOf` becomes `anyOf`; `$defs` are transformed too; the top-level `$schema` is dropped.
 *
 * A schema strict mode cannot express (a free-form object or record, `allOf`, `not`, conditionals,
 * `patternProperties`) comes back unchanged with `strict: false`, so the tool still works, best-effort.
 * Values the model produces under the strict schema go through `restore`, which removes the `null`s of the
 * originally optional properties, so the caller's own (zod) schema accepts them.
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 * @example
 * const { schema, strict, restore } = toStrictJsonSchema({
 *   type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'],
 * });
 * // schema.properties.unit = { type: ['string', 'null'] }, schema.required = ['city', 'unit']
 * restore?.({ city: 'Paris', unit: null }); // { city: 'Paris' }
 */
export function toStrictJsonSchema(schema: JsonSchema): StrictSchemaResult {
  const base = withoutMetaKeys(schema);
  try {
    if (base.type !== 'object') throw new NotStrictCompatible('the root must be an object');
    const { schema: strictSchema, shape } = transform(base);
    const result: StrictSchemaResult = { schema: strictSchema as JsonSchema, strict: true };
    if (shape) result.restore = (value) => restoreWith(shape, value);
    return result;
  } catch (error) {
    if (error instanceof NotStrictCompatible) return { schema: base, strict: false };
    throw error;
  }
}

/**
 * Applies a `restore` function to a JSON string; returns the string unchanged when it is not valid JSON or
 * nothing had to change.
 * @see https://platform.openai.com/docs/guides/function-calling#strict-mode
 */
export function restoreJsonText(text: string, restore: ((value: unknown) => unknown) | undefined): string {
  if (!restore) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const restored = restore(parsed);
  const out = JSON.stringify(restored);
  return out === JSON.stringify(parsed) ? text : out;
}

/** Strict shapes of schemas that can never change (the agent loop's frozen tool specs), by schema object. */
const strictShapes = new WeakMap<JsonSchema, StrictSchemaResult>();

/**
 * {@link toStrictJsonSchema}, cached for a deep-frozen schema: an agent sends the same frozen tool specs every
 * turn. The cached result is frozen too, as it goes into every body built from that schema.
 */
export function toStrictJsonSchemaCached(schema: JsonSchema): StrictSchemaResult {
  if (!isDeeplyFrozen(schema)) return toStrictJsonSchema(schema);
  let shaped = strictShapes.get(schema);
  if (!shaped) {
    shaped = toStrictJsonSchema(schema);
    deepFreeze(shaped.schema);
    strictShapes.set(schema, shaped);
  }
  return shaped;
}
