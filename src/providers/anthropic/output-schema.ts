/**
 * Shapes the structured-output JSON Schema for Anthropic's `output_config.format`: every object schema must say
 * `additionalProperties: false`, which zod's `toJSONSchema` (input side) leaves out.
 * @module
 */
import { isRecord } from '../../common/guards.js';
import type { JsonSchema } from '../../core/model.js';

/** Keywords whose value is one subschema (or, for `items` in older drafts, a list of them). */
const SUBSCHEMA_KEYWORDS = [
  'items',
  'additionalItems',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
];

/** Keywords whose value is a list of subschemas. */
const SUBSCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];

function isObjectSchema(schema: Record<string, unknown>): boolean {
  const type = schema.type;
  return type === 'object' || (Array.isArray(type) && type.includes('object')) || isRecord(schema.properties);
}

function closeNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeNode);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = { ...node };
  for (const keyword of SUBSCHEMA_KEYWORDS) {
    if (keyword in out) out[keyword] = closeNode(out[keyword]);
  }
  for (const keyword of SUBSCHEMA_LIST_KEYWORDS) {
    const list = out[keyword];
    if (Array.isArray(list)) out[keyword] = list.map(closeNode);
  }
  for (const keyword of SUBSCHEMA_MAP_KEYWORDS) {
    const map = out[keyword];
    if (!isRecord(map)) continue;
    const next: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(map)) next[name] = closeNode(child);
    out[keyword] = next;
  }
  if (isRecord(out.additionalProperties)) {
    // A record's value schema (`z.record`): kept, with its own objects closed; the API decides whether it accepts it.
    out.additionalProperties = closeNode(out.additionalProperties);
  } else if (isObjectSchema(out)) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * A copy of `schema` with `additionalProperties: false` on every object schema, at any depth (properties, array
 * items, `anyOf` / `oneOf` / `allOf` branches, `$defs`). Anthropic's structured output requires it on every
 * object; zod's `toJSONSchema` (input side) leaves it out. An explicit `additionalProperties: true` becomes
 * `false` too; a schema-valued one (a record) is kept, its own objects closed. The caller's schema is never
 * changed (it may be frozen).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * @example
 * closeObjectSchemas({ type: 'object', properties: { temp_c: { type: 'number' } }, required: ['temp_c'] });
 * // { type: 'object', properties: { temp_c: { type: 'number' } }, required: ['temp_c'], additionalProperties: false }
 */
export function closeObjectSchemas(schema: JsonSchema): JsonSchema {
  return closeNode(schema) as JsonSchema;
}
