import { describe, expect, expectTypeOf, it } from 'vitest';
import { z as classic } from 'zod';
import * as z from 'zod/mini';
import { ToolDefinitionError } from '../../../src/common/errors.js';
import {
  defineTool,
  isTool,
  reportProgressTo,
  type ToolContext,
  type ToolProgress,
} from '../../../src/core/tools/define-tool.js';
import { ToolSet } from '../../../src/core/tools/tool-set.js';

const noop = () => undefined;

describe('defineTool', () => {
  it('infers the input type from a zod/mini schema and from a classic zod schema', () => {
    const mini = defineTool({
      name: 'mini',
      description: 'x',
      input: z.object({ city: z.string(), days: z.optional(z.number()) }),
      run: (input) => {
        expectTypeOf(input).toEqualTypeOf<{ city: string; days?: number | undefined }>();
        return input.city.length;
      },
    });
    const full = defineTool({
      name: 'classic',
      description: 'x',
      input: classic.object({ tags: classic.array(classic.string()), n: classic.number().default(2) }),
      needsApproval: (input) => {
        expectTypeOf(input).toEqualTypeOf<{ tags: string[]; n: number }>();
        return input.n > 3;
      },
      run: (input, context) => {
        expectTypeOf(context).toEqualTypeOf<ToolContext>();
        return input.tags.join(',');
      },
    });
    expect(isTool(mini)).toBe(true);
    expect(full.approval).toBe('maybe');
    expectTypeOf(mini.run).returns.toEqualTypeOf<Promise<number>>();
  });

  it('makes JSON Schema from both flavours (input side, no $schema)', () => {
    const mini = defineTool({ name: 'a', description: 'A', input: z.object({ city: z.string() }), run: noop });
    expect(mini.spec()).toEqual({
      name: 'a',
      description: 'A',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    });
    const full = defineTool({
      name: 'b',
      description: 'B',
      input: classic.object({ n: classic.number().default(2).describe('count') }),
      run: noop,
    });
    expect(full.jsonSchema()).toMatchObject({
      type: 'object',
      properties: { n: { type: 'number', default: 2, description: 'count' } },
    });
    expect(full.jsonSchema()).not.toHaveProperty('$schema');
  });

  it('rejects bad names and non-schemas', () => {
    expect(() => defineTool({ name: 'has space', description: '', input: z.object({}), run: noop })).toThrow(
      ToolDefinitionError,
    );
    expect(() => defineTool({ name: 'ok', description: '', input: {} as never, run: noop })).toThrow(/zod schema/);
  });

  it.each([
    ['a string', z.string(), 'got string'],
    ['an array', z.array(z.string()), 'got array'],
    [
      'a union of objects',
      z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]),
      'got a schema without type',
    ],
  ])('refuses an input schema that is not an object (%s), naming the tool', (_name, input, got) => {
    const make = () => defineTool({ name: 'lookup', description: '', input, run: noop });
    expect(make).toThrow(ToolDefinitionError);
    expect(make).toThrow(/lookup/);
    expect(make).toThrow(new RegExp(`must be an object \\(${got}`));
  });

  it('accepts object schemas of every spelling: object, strict, record, refined, classic', () => {
    for (const input of [
      z.object({}),
      z.strictObject({ a: z.string() }),
      z.record(z.string(), z.unknown()),
      z.object({ a: z.string() }).check(z.refine(() => true)),
      classic.object({ a: classic.string() }),
    ]) {
      expect(defineTool({ name: 'ok', description: '', input, run: noop }).jsonSchema()).toMatchObject({
        type: 'object',
      });
    }
  });
});

describe('ToolSet', () => {
  const a = defineTool({ name: 'a', description: 'A', input: z.object({}), run: () => 'a' });
  const b = defineTool({ name: 'b', description: 'B', input: z.object({}), run: () => 'b' });
  const c = defineTool({ name: 'c', description: 'C', input: z.object({}), run: () => 'c' });

  it('groups, composes and extends sets, keeping the tool choice', () => {
    const first = new ToolSet([a, b], { name: 'first', toolChoice: { tool: 'a' } });
    const more = first.with(c);
    expect(more.tools.map((tool) => tool.name)).toEqual(['a', 'b', 'c']);
    expect(more.toolChoice).toEqual({ tool: 'a' });
    expect(more.name).toBe('first');
    const composed = ToolSet.compose(first, new ToolSet([c]), a);
    expect(composed.size).toBe(3);
    expect(composed.toolChoice).toBe('auto');
    expect(first.withToolChoice('required').toolChoice).toBe('required');
    expect(composed.specs().map((spec) => spec.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses two different tools with one name, and a tool choice outside the set', () => {
    const otherA = defineTool({ name: 'a', description: 'other', input: z.object({}), run: () => 'x' });
    expect(() => new ToolSet([a, otherA])).toThrow(/two different tools share this name/);
    expect(() => new ToolSet([a], { toolChoice: { tool: 'zzz' } })).toThrow(ToolDefinitionError);
  });
});

describe('reportProgressTo', () => {
  it('reports the line for each update, with the percent only when it is known', () => {
    const seen: ToolProgress[] = [];
    const context = { reportProgress: (progress: ToolProgress) => seen.push(progress) } as unknown as ToolContext;
    const report = reportProgressTo(
      context,
      (progress: { percent?: number; state: string }) => `job: ${progress.state}`,
    );
    report({ state: 'queued' });
    report({ state: 'running', percent: 40 });
    expect(seen).toEqual([{ message: 'job: queued' }, { message: 'job: running', progress: 40 }]);
    expect(Object.keys(seen[0] ?? {})).toEqual(['message']);
  });
});
