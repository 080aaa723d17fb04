import { describe, expect, it } from 'vitest';
import * as zc from 'zod';
import * as z from 'zod/mini';
import { RequestValidationError } from '../../src/common/errors.js';
import { validateInput } from '../../src/common/validate.js';

const schema = z.object({
  prompt: z.string().check(z.minLength(1)),
  seconds: z.optional(z.enum(['4', '8', '12'])),
  n: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(4))),
  ref: z.optional(z.object({ kind: z.union([z.literal('url'), z.literal('file')]) })),
});

function issuesOf(input: unknown) {
  try {
    validateInput(schema, input, 'test params');
  } catch (error) {
    if (RequestValidationError.isInstance(error)) return error;
  }
  throw new Error('expected a RequestValidationError');
}

describe('validateInput', () => {
  it('returns the parsed value', () => {
    expect(validateInput(schema, { prompt: 'x', seconds: '8' }, 'test')).toEqual({ prompt: 'x', seconds: '8' });
  });
  it('names the field and the allowed values of an enum', () => {
    const error = issuesOf({ prompt: 'x', seconds: '5' });
    expect(error.field).toBe('seconds');
    expect(error.allowed).toEqual(['4', '8', '12']);
    expect(error.message).toContain('seconds');
    expect(error.message).toContain('"12"');
  });
  it('reports empty strings, ranges, unions of literals and nested paths', () => {
    const error = issuesOf({ prompt: '', n: 9, ref: { kind: 'x' } });
    expect(error.issues.map((issue) => issue.path)).toEqual(['prompt', 'n', 'ref.kind']);
    expect(error.issues[0]!.message).toBe('must not be empty');
    expect(error.issues[1]!.message).toBe('must be <= 4');
    expect(error.issues[2]!.allowed).toEqual(['url', 'file']);
  });
  it('lists an optional discriminator\'s values without "undefined", and names the field of the branch the value got deepest into', () => {
    const known = z.discriminatedUnion('type', [
      z.object({ type: z.optional(z.literal('message')), role: z.enum(['user', 'assistant']) }),
      z.object({ type: z.literal('call'), name: z.string() }),
    ]);
    const item = z.union([known, z.object({ kind: z.string(), deep: z.object({ level: z.literal('x') }) })]);
    let caught: unknown;
    try {
      validateInput(z.object({ item }), { item: { type: 'other', kind: 'k', deep: { level: 'y' } } }, 'test');
    } catch (error) {
      caught = error;
    }
    const error = caught as RequestValidationError;
    expect(error.issues).toEqual([
      { path: 'item.deep.level', message: 'got a value that is not allowed', allowed: ['x'] },
    ]);
    const bad = (() => {
      try {
        validateInput(z.object({ item: known }), { item: { type: 'other' } }, 'test');
      } catch (thrown) {
        return thrown as RequestValidationError;
      }
      throw new Error('accepted');
    })();
    expect(bad.issues[0]?.allowed).toEqual(['message', 'call']);
  });
  it("names a bad field inside a union nested in a union: branches of another literal type are not the value's", () => {
    const item = z.union([
      z.object({ type: z.literal('text'), text: z.string() }),
      z.object({ type: z.literal('result'), title: z.string(), body: z.string() }),
    ]);
    const block = z.union([
      z.object({ type: z.literal('note'), text: z.string() }),
      z.object({ type: z.literal('tool'), id: z.string(), items: z.array(item) }),
      // An open member for any other type, refused for the known ones at `type`.
      z.looseObject({ type: z.string().check(z.refine((type) => !['note', 'tool'].includes(type), { abort: true })) }),
    ]);
    const input = { type: 'tool', id: 't1', items: [{ type: 'result', body: 'b' }] };
    const error = (() => {
      try {
        validateInput(z.object({ blocks: z.array(block) }), { blocks: [input] }, 'nested');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(RequestValidationError.isInstance(error) && error.issues.map((issue) => issue.path)).toEqual([
      'blocks.0.items.0.title',
    ]);
  });

  it('accepts classic zod schemas too', () => {
    const classic = zc.object({ size: zc.enum(['a', 'b']) });
    expect(() => validateInput(classic, { size: 'c' }, 'classic')).toThrow(/size.*"a", "b"/);
  });
});
