/**
 * Direct tests of `ToolSet` (`src/core/tools/tool-set.ts`), through the public entry point: grouping, flattening,
 * names, tool choice, the sets made from a set, lookup and the specs the model sees. How calls run (arguments,
 * approvals, errors back to the model) is tested on every model by test/conformance/.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineTool, type Tool, ToolDefinitionError, ToolSet } from '../../../src/index.js';

const tool = (name: string, description = name.toUpperCase()) =>
  defineTool({ name, description, input: z.object({ q: z.string() }), run: ({ q }) => `${name}:${q}` });

const a = tool('a');
const b = tool('b');
const c = tool('c');
const names = (set: ToolSet) => set.tools.map((item) => item.name);

describe('ToolSet', () => {
  it("defaults to the name 'tools', tool choice auto and no tools", () => {
    const empty = new ToolSet();
    expect(empty.name).toBe('tools');
    expect(empty.toolChoice).toBe('auto');
    expect(empty.size).toBe(0);
    expect(empty.tools).toEqual([]);
    expect(empty.specs()).toEqual([]);
  });

  it('flattens nested sets in order and keeps one entry for a tool given twice', () => {
    const inner = new ToolSet([b, c], { name: 'inner', toolChoice: 'none' });
    const set = new ToolSet([a, inner, b, new ToolSet([a])]);
    expect(names(set)).toEqual(['a', 'b', 'c']);
    expect(set.size).toBe(3);
    // The inner set's tool choice does not leak into the outer one.
    expect(set.toolChoice).toBe('auto');
  });

  it('refuses two different tools under one name, naming the tool', () => {
    const error = (() => {
      try {
        new ToolSet([a, new ToolSet([tool('a', 'another a')])]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(ToolDefinitionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/\ba\b.*two different tools share this name/);
  });

  it('refuses what is not a tool made by defineTool', () => {
    const fake = { name: 'fake', description: 'looks like a tool', run: () => 'x' } as unknown as Tool;
    expect(() => new ToolSet([fake])).toThrow(/not a tool \(make tools with defineTool\)/);
  });

  it('accepts a tool choice naming a tool of the set, and refuses one naming another', () => {
    expect(new ToolSet([a, b], { toolChoice: { tool: 'b' } }).toolChoice).toEqual({ tool: 'b' });
    expect(new ToolSet([a], { toolChoice: 'required' }).toolChoice).toBe('required');
    expect(() => new ToolSet([a], { toolChoice: { tool: 'b' } })).toThrow(
      /toolChoice names a tool that is not in the set/,
    );
  });

  it('with() adds tools to a new set with the same name and tool choice, the original unchanged', () => {
    const base = new ToolSet([a], { name: 'base', toolChoice: { tool: 'a' } });
    const more = base.with(b, new ToolSet([c]));
    expect(names(more)).toEqual(['a', 'b', 'c']);
    expect(more).toMatchObject({ name: 'base', toolChoice: { tool: 'a' } });
    expect(names(base)).toEqual(['a']);
    expect(() => base.with(tool('a', 'clash'))).toThrow(ToolDefinitionError);
  });

  it('withToolChoice() makes a new set with the new choice, checked against its tools', () => {
    const base = new ToolSet([a, b], { name: 'base' });
    const forced = base.withToolChoice({ tool: 'b' });
    expect(forced).toMatchObject({ name: 'base', toolChoice: { tool: 'b' } });
    expect(names(forced)).toEqual(['a', 'b']);
    expect(base.toolChoice).toBe('auto');
    expect(() => base.withToolChoice({ tool: 'zzz' })).toThrow(ToolDefinitionError);
  });

  it("compose() joins tools and sets under the default name, without the first set's tool choice", () => {
    const composed = ToolSet.compose(new ToolSet([a], { name: 'first', toolChoice: 'required' }), b, c);
    expect(names(composed)).toEqual(['a', 'b', 'c']);
    expect(composed).toMatchObject({ name: 'tools', toolChoice: 'auto' });
  });

  it('finds tools by name', () => {
    const set = new ToolSet([a, b]);
    expect(set.get('b')).toBe(b);
    expect(set.get('zzz')).toBeUndefined();
    expect(set.has('a')).toBe(true);
    expect(set.has('zzz')).toBe(false);
  });

  it('hands out a copy of its tool list', () => {
    const set = new ToolSet([a]);
    set.tools.push(b);
    expect(names(set)).toEqual(['a']);
  });

  it('gives each tool as the model sees it: name, description and JSON Schema of the input, in order', () => {
    const specs = new ToolSet([b, a]).specs();
    expect(specs.map((spec) => [spec.name, spec.description])).toEqual([
      ['b', 'B'],
      ['a', 'A'],
    ]);
    expect(specs[0]?.inputSchema).toMatchObject({
      type: 'object',
      properties: { q: { type: 'string' } },
      required: ['q'],
    });
    expect(specs[0]).toEqual(b.spec());
  });
});
