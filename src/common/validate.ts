/**
 * Runs a request schema before any network call and turns its issues into a {@link RequestValidationError}
 * that names each field and its allowed values. Works with `zod/mini` and classic `zod` schemas alike.
 * @module
 */
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { RequestValidationError } from './errors.js';

/** One readable problem. */
export interface ValidationIssue {
  /** Dotted field path (`input_reference.image_url`, `messages.0.role`). */
  path: string;
  /** What is wrong. */
  message: string;
  /** Allowed values, for enums and literals. */
  allowed?: readonly string[];
}

/**
 * Allowed values as the error lists them: a field that may be left out (an optional discriminator, as a Responses
 * message's `type`) has `undefined` among its values, which is no value to write.
 */
function allowedValues(values: readonly unknown[]): string[] {
  return values.filter((value) => value !== undefined).map((value) => String(value));
}

function describe(issue: $ZodIssue): Omit<ValidationIssue, 'path'> {
  switch (issue.code) {
    case 'invalid_value':
      return {
        message: `got a value that is not allowed`,
        allowed: allowedValues(issue.values),
      };
    case 'invalid_type':
      return {
        message: issue.message && issue.message !== 'Invalid input' ? issue.message : `expected ${issue.expected}`,
      };
    case 'too_small':
      return {
        message:
          issue.origin === 'string'
            ? Number(issue.minimum) === 1
              ? 'must not be empty'
              : `must be at least ${issue.minimum} characters`
            : issue.origin === 'array'
              ? `must have at least ${issue.minimum} items`
              : `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`,
      };
    case 'too_big':
      return {
        message:
          issue.origin === 'string'
            ? `must be at most ${issue.maximum} characters`
            : issue.origin === 'array'
              ? `must have at most ${issue.maximum} items`
              : `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`,
      };
    case 'unrecognized_keys':
      return { message: `unknown field(s) ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}` };
    case 'invalid_format':
      return { message: `must be a valid ${issue.format}` };
    case 'not_multiple_of':
      return { message: `must be a multiple of ${issue.divisor}` };
    case 'invalid_union': {
      // A discriminated union whose discriminator matches no option: its values are the allowed ones.
      const options = (issue as { options?: readonly unknown[] }).options;
      if (issue.errors.length === 0 && options?.length) {
        return { message: 'got a value that is not allowed', allowed: allowedValues(options) };
      }
      const allowed: string[] = [];
      for (const branch of issue.errors) {
        for (const inner of branch) {
          if (inner.code === 'invalid_value' && inner.path.length === 0) allowed.push(...allowedValues(inner.values));
        }
      }
      if (allowed.length) return { message: 'got a value that is not allowed', allowed };
      return {
        message:
          issue.message && issue.message !== 'Invalid input' ? issue.message : 'matches none of the allowed shapes',
      };
    }
    default:
      return { message: issue.message || 'invalid' };
  }
}

const pathKey = (issue: $ZodIssue): string => issue.path.map(String).join('.');

/**
 * The union branches the value has the shape of: every issue a branch raised lies inside the value (none at the
 * value itself: not a wrong type, an unknown field or another literal). Where some of them accept every field's
 * literal and value (`type`), the branches that refuse one (another block's `type`) are dropped.
 */
function fittingBranches(issue: $ZodIssue): readonly (readonly $ZodIssue[])[] {
  if (issue.code !== 'invalid_union') return [];
  const fitting = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  const sameKind = fitting.filter(
    (branch) => !branch.some((inner) => inner.code === 'invalid_value' && inner.path.length === 1),
  );
  return sameKind.length > 0 ? sameKind : fitting;
}

/** How far the value got into an issue's place: its path, and for a nested union the best of its branches. */
function issueReach(issue: $ZodIssue): number {
  const nested = fittingBranches(issue);
  return issue.path.length + (nested.length > 0 ? Math.max(...nested.map(reach)) : 0);
}

/** How deep a branch's shallowest issue lies: how far the value got into that branch. */
function reach(branch: readonly $ZodIssue[]): number {
  return Math.min(...branch.map(issueReach));
}

/**
 * A union's issues read as the field at fault: the one branch the value fits (so `{ image: { url: 5 } }` against
 * `{ url } | { file_id }` names `image.url`); when every remaining branch refuses the same field's value
 * (`tool_choice.type`), that field with the values the branches allow; else the one branch the value got deepest
 * into (a client tool whose `input_schema.type` is wrong, not the server-tool branch that misses `type`);
 * undefined when the value fits no branch.
 */
function unionIssues(issue: $ZodIssue, prefix: readonly PropertyKey[]): ValidationIssue[] | undefined {
  const branches = fittingBranches(issue);
  const at = [...prefix, ...issue.path];
  if (branches.length === 1 && branches[0]) return toValidationIssues(branches[0], at);
  if (branches.length < 2) return undefined;
  return sameFieldIssue(branches, at) ?? deepestBranchIssues(branches, at);
}

/** The deepest-reaching branch's issues, when one branch reaches deeper than all others. */
function deepestBranchIssues(
  branches: readonly (readonly $ZodIssue[])[],
  at: readonly PropertyKey[],
): ValidationIssue[] | undefined {
  const depths = branches.map(reach);
  const deepest = Math.max(...depths);
  const winners = branches.filter((_, index) => depths[index] === deepest);
  return winners.length === 1 && winners[0] ? toValidationIssues(winners[0], at) : undefined;
}

/** When every branch refuses the same field's value: that field, with the values the branches allow. */
function sameFieldIssue(
  branches: readonly (readonly $ZodIssue[])[],
  at: readonly PropertyKey[],
): ValidationIssue[] | undefined {
  const first = branches[0]?.find((inner) => inner.code === 'invalid_value');
  if (!first) return undefined;
  const key = pathKey(first);
  const allowed: string[] = [];
  for (const branch of branches) {
    const same = branch.find((inner) => inner.code === 'invalid_value' && pathKey(inner) === key);
    if (same?.code !== 'invalid_value') return undefined;
    for (const value of allowedValues(same.values)) if (!allowed.includes(value)) allowed.push(value);
  }
  const path = [...at, ...first.path].map(String).join('.');
  return [{ path, message: 'got a value that is not allowed', allowed }];
}

/** Flattens zod issues into readable ones. */
export function toValidationIssues(
  issues: readonly $ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): ValidationIssue[] {
  return issues.flatMap((issue) => {
    const fromUnion = unionIssues(issue, prefix);
    if (fromUnion) return fromUnion;
    const path = [...prefix, ...issue.path].map(String).join('.');
    return [{ path, ...describe(issue) }];
  });
}

/**
 * Parses `input` with `schema`; throws {@link RequestValidationError} naming the fields (and allowed values)
 * when it does not fit. `context` names what was validated, e.g. `createVideo params`.
 */
export function validateInput<T extends $ZodType>(
  schema: T,
  input: unknown,
  context: string,
): import('zod/v4/core').output<T> {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  throw new RequestValidationError(toValidationIssues(result.error.issues), context);
}
