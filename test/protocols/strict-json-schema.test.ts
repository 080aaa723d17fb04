import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { restoreJsonText, toStrictJsonSchema } from '../../src/protocols/strict-json-schema.js';

describe('toStrictJsonSchema', () => {
  it('closes every object, requires every property and makes optional ones nullable', () => {
    const result = toStrictJsonSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['c', 'f'] },
        days: { type: 'integer' },
        where: {
          type: 'object',
          properties: {
            lat: { type: 'number' },
            label: { description: 'free text', anyOf: [{ type: 'string' }, { type: 'number' }] },
          },
          required: ['lat'],
        },
        tags: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, note: { const: 'x' } } },
        },
      },
      required: ['city'],
    });
    expect(result.strict).toBe(true);
    expect(result.schema).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: ['string', 'null'], enum: ['c', 'f', null] },
        days: { type: ['integer', 'null'] },
        where: {
          type: ['object', 'null'],
          properties: {
            lat: { type: 'number' },
            label: { description: 'free text', anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
          },
          required: ['lat', 'label'],
          additionalProperties: false,
        },
        tags: {
          type: ['array', 'null'],
          items: {
            type: 'object',
            properties: { name: { type: ['string', 'null'] }, note: { anyOf: [{ const: 'x' }, { type: 'null' }] } },
            required: ['name', 'note'],
            additionalProperties: false,
          },
        },
      },
      required: ['city', 'unit', 'days', 'where', 'tags'],
      additionalProperties: false,
    });
    expect(
      result.restore?.({
        city: 'Paris',
        unit: null,
        days: 2,
        where: { lat: 1, label: null },
        tags: [{ name: null, note: 'x' }],
      }),
    ).toEqual({ city: 'Paris', days: 2, where: { lat: 1 }, tags: [{ note: 'x' }] });
  });

  it('keeps nulls of properties that accepted null already', () => {
    const result = toStrictJsonSchema({
      type: 'object',
      properties: { note: { type: ['string', 'null'] } },
    });
    expect(result.schema.properties).toEqual({ note: { type: ['string', 'null'] } });
    expect(result.restore).toBeUndefined();
    expect(restoreJsonText('{"note":null}', result.restore)).toBe('{"note":null}');
  });

  it('works on zod 4 output: unions become anyOf, defs are shaped too', () => {
    const Node = z.object({ kind: z.literal('leaf'), value: z.optional(z.string()) });
    const schema = z.toJSONSchema(
      z.object({
        a: z.discriminatedUnion('kind', [Node, z.object({ kind: z.literal('pair'), n: z.number() })]),
        b: z.string().optional(),
      }),
    ) as Record<string, unknown>;
    const result = toStrictJsonSchema(schema);
    expect(result.strict).toBe(true);
    expect(JSON.stringify(result.schema)).not.toContain('oneOf');
    expect(result.schema.required).toEqual(['a', 'b']);
    expect(restoreJsonText('{"a":{"kind":"pair","n":1},"b":null}', result.restore)).toBe('{"a":{"kind":"pair","n":1}}');
  });

  it('falls back to non-strict for what strict mode cannot express', () => {
    for (const schema of [
      { type: 'object', properties: { meta: { type: 'object', additionalProperties: { type: 'string' } } } },
      { type: 'object' },
      { type: 'object', properties: { x: { allOf: [{ type: 'string' }] } } },
      { type: 'string' },
    ]) {
      const result = toStrictJsonSchema(schema);
      expect(result.strict).toBe(false);
      expect(result.schema).toEqual(schema);
      expect(result.restore).toBeUndefined();
    }
  });

  it('leaves invalid JSON text alone', () => {
    const { restore } = toStrictJsonSchema({ type: 'object', properties: { a: { type: 'string' } } });
    expect(restoreJsonText('{"a":', restore)).toBe('{"a":');
    expect(restoreJsonText('{"a":"x"}', restore)).toBe('{"a":"x"}');
  });
});
