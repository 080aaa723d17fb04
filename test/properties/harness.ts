/**
 * Property-based bad-input harness (issue 18, item 3; not a test file: vitest runs only `*.test.ts`).
 *
 * An endpoint is described once: its request schema, one or more valid examples and how to call it through its
 * client. The harness walks the zod schema alongside each example and derives, for every field it reaches, every
 * kind of break that applies (wrong type, out of range, bad format, unknown enum value, missing required, unknown
 * field); the endpoint adds the breaks a schema walk cannot see (mutually exclusive pairs, fields required only
 * with others). Then, through the client method with a fetch spy:
 *   - each valid example is sent (so a break, not the example, is what gets refused);
 *   - every derived break is refused before anything is sent, with a RequestValidationError naming the field's
 *     path (and, for enums, the allowed values);
 *   - 1,000 seeded random combinations (1–3 breaks, derived or a random value from fast-check) are refused the
 *     same way, and no issue names a field that was not touched.
 * A field added to a schema is covered by the walk; a nested object or array no example fills fails the coverage
 * test until an example fills it (or the endpoint says why it cannot).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { RequestValidationError } from '../../src/common/errors.js';

/** Seed of every property run; override with `FC_SEED` to replay another. fast-check prints it on failure. */
export const SEED = Number(process.env.FC_SEED ?? 20_260_918);
/** Random combinations per endpoint. */
export const RUNS = Number(process.env.FC_RUNS ?? 1000);

/** Kinds of break, as the issue names them. */
export type BreakKind =
  | 'wrong type'
  | 'out of range'
  | 'bad format'
  | 'unknown enum value'
  | 'missing required'
  | 'unknown field'
  | 'mutually exclusive'
  | 'required with another'
  | 'random value';

type Key = string | number;

/** One change to an example: set a value at a path, or remove the field. */
export interface Patch {
  path: readonly Key[];
  value?: unknown;
  remove?: true;
}

/** One way to break a valid example. */
export interface Break {
  kind: BreakKind;
  /** Dotted path of the field broken (`''` for the params themselves). */
  field: string;
  /** Which example it applies to. */
  example: number;
  /** What was done, for failure messages. */
  label: string;
  patches: readonly Patch[];
  /** Issue paths that name this field (the field, or the union it lies in when the branch is ambiguous). */
  names: readonly string[];
  /** For enums: values the error must list. */
  allowed?: readonly string[];
  /** Text the message must contain (an unknown field's key). */
  mentions?: string;
}

/** A hand-written break: a combination the schema walk cannot derive. */
export interface RuleBreak {
  kind: 'mutually exclusive' | 'required with another' | 'out of range' | 'bad format';
  label: string;
  /** Example to start from (default 0). */
  example?: number;
  /** Fields to set (`undefined` removes). Dotted keys reach nested fields. */
  set: Record<string, unknown>;
  /** Issue paths of which at least one must be named. */
  names: readonly string[];
}

/** A client endpoint under test. */
export interface Endpoint<C> {
  /** Function and route, e.g. `createVideo (POST /v1/videos)`. */
  name: string;
  /** The request schema the endpoint checks before sending. */
  schema: $ZodType;
  /** Valid params; each is sent once by the baseline test. Fill every field across them. */
  examples: readonly Record<string, unknown>[];
  /** Calls the endpoint through the client (consume a stream if the method returns one). */
  call: (client: C, params: never) => Promise<unknown>;
  /** Breaks the walk cannot derive. */
  rules?: readonly RuleBreak[];
  /** Fields the call fills with a default when left out or null (those two values are not breaks there). */
  defaulted?: readonly string[];
  /** Derived breaks the endpoint accepts on purpose, by label, with the reason (e.g. a documented default). */
  accepted?: Readonly<Record<string, string>>;
  /** Nested fields no example can fill, with the reason (`path: why`). */
  unfilled?: Readonly<Record<string, string>>;
}

/** A fetch that records every request and never answers with data. */
export interface FetchSpy {
  fetch: typeof globalThis.fetch;
  calls: string[];
}

/** A fetch spy: records the URL and rejects (so a sent request ends the call quickly, visibly). */
export function fetchSpy(): FetchSpy {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    throw new TypeError('fetch spy: request captured (no network in these tests)');
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading zod schemas (zod/mini and classic share `_zod.def`).

interface Def {
  type: string;
  innerType?: $ZodType;
  in?: $ZodType;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  options?: readonly $ZodType[];
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  format?: string;
  check?: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
}

interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
}

function defOf(schema: $ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function accepts(schema: $ZodType, value: unknown): boolean {
  return safeParse(schema, value).success;
}

/** The schema inside optional / nullable / default / pipe wrappers, and whether it may be left out or null. */
function unwrap(schema: $ZodType): { base: $ZodType; optional: boolean; nullable: boolean } {
  let base = schema;
  let optional = false;
  let nullable = false;
  for (;;) {
    const def = defOf(base);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'prefault') && def.innerType) {
      optional = true;
      base = def.innerType;
    } else if (def.type === 'nullable' && def.innerType) {
      nullable = true;
      base = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      base = def.in;
    } else if ((def.type === 'readonly' || def.type === 'nonoptional') && def.innerType) {
      base = def.innerType;
    } else return { base, optional, nullable };
  }
}

type Category = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null' | 'any';

function categoryOfValue(value: unknown): Category {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : type === 'object' ? 'object' : 'any';
}

/** The JS kinds of value a schema takes (`any` when it cannot be told: custom checks, unknown). */
function categories(schema: $ZodType): Set<Category> {
  const { base, nullable } = unwrap(schema);
  const def = defOf(base);
  const out = new Set<Category>(nullable ? ['null'] : []);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      out.add(def.type);
      break;
    case 'int':
      out.add('number');
      break;
    case 'array':
    case 'tuple':
      out.add('array');
      break;
    case 'object':
    case 'record':
      out.add('object');
      break;
    case 'enum':
      for (const value of Object.values(def.entries ?? {})) out.add(categoryOfValue(value));
      break;
    case 'literal':
      for (const value of def.values ?? []) out.add(categoryOfValue(value));
      break;
    case 'union':
      for (const option of def.options ?? []) for (const category of categories(option)) out.add(category);
      break;
    default:
      out.add('any');
  }
  return out;
}

/** Enum and literal values a schema takes directly (through unions), as the error lists them. */
function enumValues(schema: $ZodType): unknown[] {
  const { base } = unwrap(schema);
  const def = defOf(base);
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  if (def.type === 'literal') return [...(def.values ?? [])];
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => enumValues(option));
  return [];
}

function checksOf(schema: $ZodType): CheckDef[] {
  const def = defOf(schema);
  const own = (def.checks ?? []).map((check) => check._zod.def);
  // `z.int()`, `z.url()`: the format is a check on the schema itself.
  if (def.check) own.push({ check: def.check, ...(def.format ? { format: def.format } : {}) });
  return own;
}

// ---------------------------------------------------------------------------------------------------------------
// Deriving breaks.

const WRONG_TYPES: readonly [Category | 'nan', unknown][] = [
  ['number', 7],
  ['string', 'wrong-type'],
  ['boolean', true],
  ['array', []],
  ['object', {}],
  ['null', null],
  ['nan', Number.NaN],
];

const UNKNOWN_VALUE = 'not-a-real-value';
const UNKNOWN_KEY = 'not_a_field';
const BAD_STRINGS = ['not a url at all', '   ', '..', 'a/b', 'ftp://example.com/x', 'http://example.com/x'];

/** A field reached by the walk, with the schema that checks it; random values are drawn against it. */
export interface Field {
  path: readonly Key[];
  dotted: string;
  schema: $ZodType;
  example: number;
  names: readonly string[];
}

/** Everything derived from one endpoint. */
export interface Plan {
  breaks: Break[];
  fields: Field[];
  /** Nested object / array fields that no example filled (their insides were not walked). */
  unfilled: string[];
}

const dotted = (path: readonly Key[]): string => path.map(String).join('.');

function numberBreaks(base: $ZodType, current: unknown): [string, number][] {
  const checks = checksOf(base);
  const isInt = checks.some((check) => check.check === 'number_format' && /int/.test(check.format ?? ''));
  const step = isInt ? 1 : 0.001;
  const out: [string, number][] = [];
  let low: number | undefined;
  for (const check of checks) {
    if (check.check === 'greater_than' && check.value !== undefined) {
      low = check.value;
      out.push([`below ${check.value}`, check.inclusive ? check.value - step : check.value]);
    }
    if (check.check === 'less_than' && check.value !== undefined) {
      out.push([`above ${check.value}`, check.inclusive ? check.value + step : check.value]);
    }
    if (check.check === 'multiple_of' && check.value !== undefined) {
      out.push([`not a multiple of ${check.value}`, (low ?? 0) + check.value / 2 + check.value * 2]);
    }
  }
  if (isInt) out.push(['not a whole number', (typeof current === 'number' ? current : (low ?? 1)) + 0.5]);
  if (isInt) out.push(['beyond the safe integers', 2 ** 60]);
  return out;
}

function lengthBreaks(base: $ZodType, current: unknown, filler: () => unknown): [string, unknown][] {
  const out: [string, unknown][] = [];
  const isArray = defOf(base).type === 'array';
  for (const check of checksOf(base)) {
    if (check.check === 'min_length' && check.minimum !== undefined && check.minimum >= 1) {
      const value = isArray
        ? (Array.isArray(current) ? current : []).slice(0, check.minimum - 1)
        : 'x'.repeat(check.minimum - 1);
      out.push([`shorter than ${check.minimum}`, value]);
    }
    if (check.check === 'max_length' && check.maximum !== undefined) {
      if (isArray) {
        const item = Array.isArray(current) && current.length ? current[0] : filler();
        if (item !== undefined) out.push([`longer than ${check.maximum}`, Array(check.maximum + 1).fill(item)]);
      } else {
        const start = typeof current === 'string' ? current : '';
        out.push([`longer than ${check.maximum}`, start + 'x'.repeat(Math.max(1, check.maximum + 1 - start.length))]);
      }
    }
  }
  return out;
}

/** Derives the breaks of one endpoint from its schema and examples (plus its rule breaks). */
export function planOf<C>(endpoint: Endpoint<C>): Plan {
  const breaks: Break[] = [];
  const fields: Field[] = [];
  const unfilled = new Set<string>();
  const filled = new Set<string>();

  const add = (b: Omit<Break, 'names'> & { names?: readonly string[] }, names: readonly string[]) =>
    breaks.push({ ...b, names: b.names ?? names });

  /** Breaks of one field (schema `schema` at `path`, current value `current`, `present` when set). */
  const walkField = (
    schema: $ZodType,
    path: readonly Key[],
    current: unknown,
    present: boolean,
    example: number,
    unions: readonly string[],
    inArray: boolean,
  ): void => {
    const field = dotted(path);
    const names = [field, ...unions];
    const { base, optional } = unwrap(schema);
    const def = defOf(base);
    const cats = categories(schema);
    const set = (value: unknown): Patch[] => [{ path, value }];
    const common = { field, example };
    let derived = 0;
    const push = (b: Omit<Break, 'names' | 'field' | 'example'>) => {
      derived += 1;
      add({ ...common, ...b }, names);
    };

    for (const [category, value] of WRONG_TYPES) {
      if (category !== 'nan' && !cats.has('any') && cats.has(category)) continue;
      if (category === 'nan' && !cats.has('number')) continue;
      if (accepts(schema, value)) continue;
      push({ kind: 'wrong type', label: `${field} = ${String(JSON.stringify(value) ?? value)}`, patches: set(value) });
    }
    if (def.type === 'number' || def.type === 'int') {
      for (const [label, value] of numberBreaks(base, current)) {
        if (!accepts(schema, value)) push({ kind: 'out of range', label: `${field} ${label}`, patches: set(value) });
      }
    }
    if (def.type === 'string' || def.type === 'array') {
      const filler = () => (def.element ? (enumValues(def.element)[0] ?? undefined) : undefined);
      for (const [label, value] of lengthBreaks(base, current, filler)) {
        if (!accepts(schema, value)) push({ kind: 'out of range', label: `${field} ${label}`, patches: set(value) });
      }
    }
    if (def.type === 'string' && checksOf(base).some((c) => c.check === 'string_format' || c.check === 'custom')) {
      const bad = BAD_STRINGS.find((value) => value.length > 0 && !accepts(schema, value));
      if (bad !== undefined)
        push({ kind: 'bad format', label: `${field} = ${JSON.stringify(bad)}`, patches: set(bad) });
    }
    const values = enumValues(schema);
    if (values.length) {
      const numeric = values.every((value) => typeof value === 'number');
      const value = numeric ? Math.max(...(values as number[])) + 1 : UNKNOWN_VALUE;
      if (!accepts(schema, value)) {
        push({
          kind: 'unknown enum value',
          label: `${field} = ${JSON.stringify(value)}`,
          patches: set(value),
          allowed: values.map(String),
        });
      }
    }
    if (!optional && present && !inArray) {
      push({ kind: 'missing required', label: `${field} left out`, patches: [{ path, remove: true }] });
    }
    if (derived > 0) fields.push({ path, dotted: field, schema, example, names });
    if (!present) {
      if (['object', 'array', 'union', 'record', 'tuple'].includes(def.type) && hasInside(base)) unfilled.add(field);
      return;
    }
    filled.add(field);
    walkInside(base, path, current, example, unions);
  };

  /** The fields inside an object, array or union value. */
  const walkInside = (
    base: $ZodType,
    path: readonly Key[],
    current: unknown,
    example: number,
    unions: readonly string[],
  ): void => {
    const def = defOf(base);
    if (def.type === 'object' && def.shape && typeof current === 'object' && current !== null) {
      const record = current as Record<string, unknown>;
      const strict = def.catchall !== undefined && defOf(def.catchall).type === 'never';
      if (strict) {
        breaks.push({
          kind: 'unknown field',
          field: dotted(path),
          example,
          label: `${dotted(path) || 'params'}.${UNKNOWN_KEY} added`,
          patches: [{ path: [...path, UNKNOWN_KEY], value: 1 }],
          names: [dotted(path), ...unions],
          mentions: UNKNOWN_KEY,
        });
      }
      for (const [key, schema] of Object.entries(def.shape)) {
        walkField(schema, [...path, key], record[key], key in record, example, unions, false);
      }
    } else if (def.type === 'array' && def.element && Array.isArray(current) && current.length > 0) {
      // Every item: items of a list may take different branches (a text part, an image part, …).
      for (const [index, item] of current.entries()) {
        walkField(def.element, [...path, index], item, true, example, unions, true);
      }
    } else if (def.type === 'tuple' && Array.isArray(current)) {
      const items = (def as { items?: readonly $ZodType[] }).items ?? [];
      for (const [index, item] of items.entries()) {
        walkField(item, [...path, index], current[index], true, example, unions, true);
      }
      if (current.length > 0) {
        for (const [label, value] of [
          [`one item fewer than ${items.length}`, current.slice(0, -1)],
          [`one item more than ${items.length}`, [...current, current[0]]],
        ] as const) {
          breaks.push({
            kind: 'out of range',
            field: dotted(path),
            example,
            label: `${dotted(path)} ${label}`,
            patches: [{ path, value }],
            names: [dotted(path), ...unions],
          });
        }
      }
    } else if (def.type === 'union' && def.options) {
      const branch = def.options.find((option) => accepts(option, current));
      if (branch) {
        const { base: inner } = unwrap(branch);
        // Inside a union, an ambiguous value (one several branches could be) is named at the union itself.
        walkInside(inner, path, current, example, [...unions, dotted(path)]);
      }
    }
  };

  endpoint.examples.forEach((example, index) => {
    for (const [label, value] of [
      ['params = null', null],
      ['params = "text"', 'text'],
      ['params = []', []],
    ] as const) {
      add({ kind: 'wrong type', field: '', example: index, label, patches: [{ path: [], value }] }, ['']);
    }
    walkInside(unwrap(endpoint.schema).base, [], example, index, []);
  });

  for (const rule of endpoint.rules ?? []) {
    const patches = Object.entries(rule.set).map(([key, value]): Patch => {
      const path = key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      return value === undefined ? { path, remove: true } : { path, value };
    });
    breaks.push({
      kind: rule.kind,
      field: rule.names[0] ?? '',
      example: rule.example ?? 0,
      label: rule.label,
      patches,
      names: rule.names,
    });
  }
  const accepted = endpoint.accepted ?? {};
  const unused = Object.keys(accepted).filter((label) => !breaks.some((b) => b.label === label));
  if (unused.length)
    throw new Error(`${endpoint.name}: accepted breaks that the walk no longer derives: ${unused.join(', ')}`);
  const defaulted = new Set(endpoint.defaulted ?? []);
  const kept = breaks.filter(
    (b) =>
      !(b.label in accepted) &&
      !(defaulted.has(b.field) && (b.kind === 'missing required' || b.label === `${b.field} = null`)),
  );
  breaks.length = 0;
  breaks.push(...kept);
  for (const field of filled) unfilled.delete(field);
  for (const field of Object.keys(endpoint.unfilled ?? {})) unfilled.delete(field);
  return { breaks, fields, unfilled: [...unfilled] };
}

function hasInside(base: $ZodType): boolean {
  const def = defOf(base);
  if (def.type === 'object') return Object.keys(def.shape ?? {}).length > 0;
  if (def.type === 'array') return true;
  if (def.type === 'union') return (def.options ?? []).some((option) => hasInside(unwrap(option).base));
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Applying breaks.

/** A copy of plain objects and arrays (files and other objects are kept by reference). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copy(inner)]));
  }
  return value;
}

function applyPatch(root: unknown, patch: Patch): unknown {
  if (patch.path.length === 0) return patch.remove ? undefined : patch.value;
  let node = root as Record<Key, unknown>;
  for (const key of patch.path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') {
      // The way to the field was itself broken by another patch: rebuild it.
      node[key] = {};
    }
    node = node[key] as Record<Key, unknown>;
  }
  const last = patch.path[patch.path.length - 1] as Key;
  if (patch.remove) delete node[last];
  else Object.defineProperty(node, last, { value: patch.value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** The example with the breaks applied (each break's patches in order). */
export function applyBreaks(example: unknown, list: readonly Pick<Break, 'patches'>[]): unknown {
  let out = copy(example);
  for (const b of list) for (const patch of b.patches) out = applyPatch(out, patch);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Calling and checking.

/** The outcome of one call: what was sent and what was thrown. */
interface Outcome {
  sent: number;
  error: unknown;
}

async function attempt<C>(client: C, spy: FetchSpy, endpoint: Endpoint<C>, params: unknown): Promise<Outcome> {
  const before = spy.calls.length;
  let error: unknown;
  try {
    await endpoint.call(client, params as never);
  } catch (caught) {
    error = caught;
  }
  return { sent: spy.calls.length - before, error };
}

/** Why the outcome does not hold for these breaks, or undefined when it does. */
function problem(outcome: Outcome, list: readonly Break[], schema: $ZodType): string | undefined {
  if (outcome.sent > 0) return `sent ${outcome.sent} request(s)`;
  const { error } = outcome;
  if (!RequestValidationError.isInstance(error)) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}, not a RequestValidationError`;
  }
  const paths = error.issues.map((issue) => issue.path);
  // The field's path, or a path inside it (a random object put in the field is refused at its own bad part).
  const names = (b: Break, path: string) =>
    b.names.some((name) => path === name || (name !== '' && isWithin(path, name)));
  const named = list.filter((b) => paths.some((path) => names(b, path)));
  if (named.length === 0)
    return `no issue names ${list.map((b) => b.field || '(params)').join(' / ')}: ${error.message}`;
  for (const b of named) {
    if (list.length === 1 && b.mentions && !error.message.includes(b.mentions)) {
      return `message does not mention ${b.mentions}: ${error.message}`;
    }
    if (list.length === 1 && b.allowed) {
      const issue = error.issues.find((entry) => names(b, entry.path) && entry.allowed);
      const missing = b.allowed.filter((value) => !issue?.allowed?.includes(value));
      if (!issue || missing.length)
        return `allowed values not listed (missing ${missing.join(', ')}): ${error.message}`;
      if (!b.allowed.every((value) => error.message.includes(JSON.stringify(value)))) {
        return `message does not list the allowed values: ${error.message}`;
      }
    }
  }
  // Every issue names a real field of the schema (a rule on another field may fire too: it names its field).
  const unreal = error.issues.filter((issue) => !isSchemaPath(schema, issue.path));
  if (unreal.length)
    return `issue path not in the schema: ${unreal.map((issue) => issue.path).join(', ')}: ${error.message}`;
  return undefined;
}

/** `dotted` is a field path the schema has (`''` is the params themselves). */
function isSchemaPath(schema: $ZodType, path: string): boolean {
  if (path === '') return true;
  const [head, ...rest] = path.split('.');
  const { base } = unwrap(schema);
  const def = defOf(base);
  const next = rest.join('.');
  if (def.type === 'object' && def.shape && head !== undefined) {
    const field = def.shape[head];
    if (field) return isSchemaPath(field, next);
    return def.catchall !== undefined && defOf(def.catchall).type !== 'never';
  }
  if ((def.type === 'array' || def.type === 'record') && /^\d+$/.test(head ?? '') && def.element) {
    return isSchemaPath(def.element, next);
  }
  const items = (def as { items?: readonly $ZodType[] }).items;
  if (def.type === 'tuple' && items && /^\d+$/.test(head ?? '')) {
    const item = items[Number(head)];
    return item !== undefined && isSchemaPath(item, next);
  }
  if (def.type === 'record') return true;
  if (def.type === 'union') return (def.options ?? []).some((option) => isSchemaPath(option, path));
  return false;
}

/** `path` is `parent` or lies inside it. */
function isWithin(path: string, parent: string): boolean {
  return path === parent || parent === '' || path.startsWith(`${parent}.`);
}

/** Random values for random-value breaks: anything fast-check makes, shallow enough to stay quick. */
const anything = fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: true });

/** Breaks on distinct fields (none inside another), so each can be named. */
function disjoint(list: readonly Break[]): Break[] {
  const kept: Break[] = [];
  for (const b of list) {
    const paths = b.patches.map((patch) => dotted(patch.path));
    const clash = kept.some((k) =>
      k.patches.some((patch) =>
        paths.some((p) => {
          const q = dotted(patch.path);
          return p === q || patch.path.length === 0 || isWithin(p, q) || isWithin(q, p) || p === '';
        }),
      ),
    );
    if (!clash) kept.push(b);
  }
  return kept;
}

/** Counts for the report. */
export interface Tally {
  endpoint: string;
  fields: number;
  breaks: number;
  kinds: Partial<Record<BreakKind, number>>;
  runs: number;
}

/** Registers the tests of one provider's endpoints. */
export function describeEndpoints<C>(
  provider: string,
  makeClient: (fetch: typeof globalThis.fetch) => C,
  endpoints: readonly Endpoint<C>[],
): void {
  describe(`${provider}: bad input is refused before sending`, () => {
    for (const endpoint of endpoints) {
      describe(endpoint.name, () => {
        const plan = planOf(endpoint);
        const spy = fetchSpy();
        const client = makeClient(spy.fetch);

        it('sends each valid example (the baseline the breaks start from)', async () => {
          for (const [index, example] of endpoint.examples.entries()) {
            const outcome = await attempt(client, spy, endpoint, copy(example));
            expect(
              RequestValidationError.isInstance(outcome.error) ? `example ${index}: ${outcome.error.message}` : '',
            ).toBe('');
            expect(outcome.sent, `example ${index} was not sent`).toBeGreaterThan(0);
          }
        });

        it('walks every field: each nested object or list is filled by an example', () => {
          expect(plan.unfilled).toEqual([]);
        });

        it(`refuses every field × every break, naming the field (${plan.breaks.length} breaks)`, async () => {
          const failures: string[] = [];
          for (const b of plan.breaks) {
            const params = applyBreaks(endpoint.examples[b.example], [b]);
            const why = problem(await attempt(client, spy, endpoint, params), [b], endpoint.schema);
            if (why) failures.push(`[${b.kind}] ${b.label}: ${why}`);
          }
          expect(failures).toEqual([]);
          const kinds = new Set(plan.breaks.map((b) => b.kind));
          expect(kinds.has('wrong type')).toBe(true);
        });

        it(`refuses ${RUNS} seeded random combinations of breaks`, async () => {
          const byExample = endpoint.examples.map((_, index) => ({
            breaks: plan.breaks.filter((b) => b.example === index && b.field !== ''),
            fields: plan.fields.filter((f) => f.example === index),
          }));
          const before = spy.calls.length;
          const usable = byExample.map((_entry, index) => index).filter((index) => byExample[index]?.breaks.length);
          const randomBreak = (index: number) =>
            fc.constantFrom(...(byExample[index]?.fields ?? [])).chain((field) =>
              anything
                .filter((value) => !accepts(field.schema, value))
                // Not a value the whole schema takes another way (an item of another type, through an open branch).
                .filter(
                  (value) =>
                    !accepts(
                      endpoint.schema,
                      applyBreaks(endpoint.examples[index], [{ patches: [{ path: field.path, value }] }]),
                    ),
                )
                .filter((value) => !(value == null && endpoint.defaulted?.includes(field.dotted)))
                .map(
                  (value): Break => ({
                    kind: 'random value',
                    field: field.dotted,
                    example: index,
                    label: `${field.dotted} = ${safeShow(value)}`,
                    patches: [{ path: field.path, value }],
                    names: field.names,
                  }),
                ),
            );
          const combination = fc.constantFrom(...usable).chain((index) =>
            fc
              .array(fc.oneof(fc.constantFrom(...(byExample[index]?.breaks ?? [])), randomBreak(index)), {
                minLength: 1,
                maxLength: 3,
              })
              .map((list) => ({ index, list: disjoint(list) })),
          );
          await fc.assert(
            fc.asyncProperty(combination, async ({ index, list }) => {
              const params = applyBreaks(endpoint.examples[index], list);
              const why = problem(await attempt(client, spy, endpoint, params), list, endpoint.schema);
              if (why) throw new Error(`${list.map((b) => `[${b.kind}] ${b.label}`).join(' + ')}: ${why}`);
            }),
            { seed: SEED, numRuns: RUNS },
          );
          expect(spy.calls.length).toBe(before);
        });

        if (process.env.PROPERTIES_REPORT) {
          const kinds: Partial<Record<BreakKind, number>> = {};
          for (const b of plan.breaks) kinds[b.kind] = (kinds[b.kind] ?? 0) + 1;
          const tally: Tally = {
            endpoint: endpoint.name,
            fields: new Set(plan.breaks.map((b) => b.field)).size,
            breaks: plan.breaks.length,
            kinds,
            runs: RUNS,
          };
          it('reports its counts', async () => {
            const { appendFile } = await import('node:fs/promises');
            await appendFile(String(process.env.PROPERTIES_REPORT), `${JSON.stringify({ provider, ...tally })}\n`);
          });
        }
      });
    }
  });
}

function safeShow(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
