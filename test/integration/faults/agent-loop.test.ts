/**
 * Fault suite, agent loop (the project's scripted model, `hello-dave/testing`): a tool that throws, arguments that
 * are not JSON or miss the schema, an unknown tool, the turn limit, an abort in the middle of a run, and
 * prototype keys in tool arguments and in a model's JSON answer. Each ends in a tool result the model reads, or
 * in the right typed error.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AbortedError, MaxTurnsExceededError } from '../../../src/common/errors.js';
import { Agent } from '../../../src/core/agent/agent.js';
import { MemorySessionStore } from '../../../src/core/session/memory-session.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/index.js';

const add = defineTool({
  name: 'add',
  description: 'Adds two numbers',
  input: z.strictObject({ a: z.number(), b: z.number() }),
  run: ({ a, b }) => ({ sum: a + b }),
});

/** The tool result the model was sent on its second call. */
function secondCallToolOutput(model: ReturnType<typeof scriptedModel>): { output: string; isError?: boolean } {
  const tool = model.requests[1]?.messages.find((message) => message.role === 'tool');
  const part = tool?.role === 'tool' ? tool.content[0] : undefined;
  if (!part) throw new Error('the model was sent no tool result');
  return part.isError === undefined ? { output: part.output } : { output: part.output, isError: part.isError };
}

const polluted = (): unknown => ({}) as Record<string, unknown> & { polluted?: unknown };

describe('agent loop faults', () => {
  it('a tool that throws: the error goes back to the model as a tool result (class and message), and the run goes on', async () => {
    class RenderFarmDown extends Error {
      override name = 'RenderFarmDown';
    }
    const broken = defineTool({
      name: 'render',
      description: 'Renders',
      input: z.object({}),
      run: () => {
        throw new RenderFarmDown('farm 7 is on fire');
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'render', arguments: {} }] }, { text: 'Sorry, it failed.' }]);
    const result = await new Agent({ name: 'a', model, tools: [broken] }).run('render it');
    expect(result.text).toBe('Sorry, it failed.');
    const sent = secondCallToolOutput(model);
    expect(sent.isError).toBe(true);
    expect(sent.output).toContain('RenderFarmDown');
    expect(sent.output).toContain('farm 7 is on fire');
  });

  it('a tool that throws a non-Error (a string, an object with a key in it): the model reads a message, never the key', async () => {
    const key = 'sk-live-faultsuite0123456789';
    const throwing = defineTool({
      name: 'odd',
      description: 'Throws odd things',
      input: z.object({ kind: z.string() }),
      run: ({ kind }) => {
        if (kind === 'string') throw `plain string failure with ${key}`;
        throw { code: 42, detail: { deeper: [{ key }] } };
      },
    });
    const model = scriptedModel([
      {
        toolCalls: [
          { name: 'odd', arguments: { kind: 'string' } },
          { name: 'odd', arguments: { kind: 'object' } },
        ],
      },
      { text: 'ok' },
    ]);
    const result = await new Agent({ name: 'a', model, tools: [throwing] }).run('go');
    const results = result.steps[0]?.toolResults ?? [];
    expect(results.map((item) => item.isError)).toEqual([true, true]);
    expect(results[0]?.output).toContain('plain string failure');
    for (const item of results) expect(item.output).not.toContain(key);
    expect(JSON.stringify(model.requests)).not.toContain(key);
  });

  it('a model that sends arguments that are not JSON: a tool error naming the problem, the tool never runs', async () => {
    let ran = 0;
    const counted = defineTool({
      name: 'add',
      description: 'Adds',
      input: z.object({ a: z.number(), b: z.number() }),
      run: ({ a, b }) => {
        ran++;
        return a + b;
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'add', arguments: '{"a": 1, "b": ' }] }, { text: 'hmm' }]);
    await new Agent({ name: 'a', model, tools: [counted] }).run('add');
    expect(ran).toBe(0);
    const sent = secondCallToolOutput(model);
    expect(sent.isError).toBe(true);
    expect(sent.output).toMatch(/JSON/i);
  });

  it('a model that sends arguments that miss the schema (wrong type, unknown field): a tool error naming the field', async () => {
    const model = scriptedModel([
      { toolCalls: [{ name: 'add', arguments: { a: 'one', b: 2, c: 3 } }] },
      { toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] },
      { text: '3' },
    ]);
    const result = await new Agent({ name: 'a', model, tools: [add] }).run('add');
    const sent = secondCallToolOutput(model);
    expect(sent.isError).toBe(true);
    expect(sent.output).toMatch(/\ba\b/);
    // The model corrects itself on the next turn.
    expect(result.steps[1]?.toolResults[0]).toMatchObject({ output: '{"sum":3}' });
    expect(result.text).toBe('3');
  });

  it('a model that calls a tool that does not exist: a tool error listing what exists, and the run goes on', async () => {
    const model = scriptedModel([{ toolCalls: [{ name: 'delete_everything', arguments: {} }] }, { text: 'ok' }]);
    const result = await new Agent({ name: 'a', model, tools: [add] }).run('go');
    const sent = secondCallToolOutput(model);
    expect(sent.isError).toBe(true);
    expect(sent.output).toContain('delete_everything');
    expect(sent.output).toMatch(/Available tools: .*\badd\b/);
    expect(result.text).toBe('ok');
  });

  it('max turns exhausted: MaxTurnsExceededError with the partial run (every step), and the session keeps what happened', async () => {
    const loop = Array.from({ length: 5 }, () => ({ toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }] }));
    const model = scriptedModel(loop);
    const session = await new MemorySessionStore().create();
    const error = await new Agent({ name: 'a', model, tools: [add], maxTurns: 3 })
      .run('loop', { session })
      .catch((caught: unknown) => caught);
    expect(MaxTurnsExceededError.isInstance(error)).toBe(true);
    const typed = error as MaxTurnsExceededError;
    expect(typed.maxTurns).toBe(3);
    expect(typed.partial.steps).toHaveLength(3);
    expect(model.calls).toBe(3);
    expect(JSON.parse(JSON.stringify(typed))).toMatchObject({ name: 'MaxTurnsExceededError', maxTurns: 3, steps: 3 });
    const results = (await session.read()).filter((entry) => entry.type === 'tool-result');
    expect(results).toHaveLength(3);
  });

  it('max turns with forceFinalAnswer: one last call without tools, and the run ends with its text', async () => {
    const model = scriptedModel([
      { toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }] },
      { toolCalls: [{ name: 'add', arguments: { a: 2, b: 2 } }] },
      { text: 'final answer' },
    ]);
    const result = await new Agent({ name: 'a', model, tools: [add], maxTurns: 2 }).run('go', {
      forceFinalAnswer: true,
    });
    expect(result.text).toBe('final answer');
    expect(model.requests[2]?.toolChoice).toBe('none');
  });

  it('abort while the model streams: the run rejects with AbortedError, promptly, and no later turn starts', async () => {
    const controller = new AbortController();
    const model = scriptedModel([{ text: 'one two three four five six seven eight' }, { text: 'never' }], {
      beforeEvent: (_event, position) => {
        if (position.index === 2) controller.abort();
      },
    });
    const agent = new Agent({ name: 'a', model, tools: [] });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const event of agent.stream('talk', { signal: controller.signal })) {
          if (event.type === 'text-delta') seen.push(event.delta);
        }
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(seen.length).toBeLessThan(8);
    expect(model.calls).toBe(1);
  });

  it('abort while a tool runs: the tool sees the signal, the run rejects with AbortedError, the model is not called again', async () => {
    const controller = new AbortController();
    let toolSawAbort = false;
    const slow = defineTool({
      name: 'slow',
      description: 'Waits for its signal',
      input: z.object({}),
      run: (_input, context) =>
        new Promise((_resolve, reject) => {
          context.signal?.addEventListener('abort', () => {
            toolSawAbort = true;
            reject(new AbortedError());
          });
          setTimeout(() => controller.abort(), 5);
        }),
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'slow', arguments: {} }] }, { text: 'never' }]);
    const session = await new MemorySessionStore().create();
    const error = await new Agent({ name: 'a', model, tools: [slow] })
      .run('wait', { signal: controller.signal, session })
      .catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(toolSawAbort).toBe(true);
    expect(model.calls).toBe(1);
    expect((await session.read()).some((entry) => entry.type === 'tool-call')).toBe(true);
  });

  it('prototype keys in tool arguments (__proto__, constructor, prototype) are data: the tool sees no prototype change, nothing is polluted', async () => {
    let seen: unknown;
    const echo = defineTool({
      name: 'echo',
      description: 'Echoes',
      input: z.looseObject({ name: z.string() }),
      run: (input) => {
        seen = input;
        return { keys: Object.keys(input).sort() };
      },
    });
    const hostile =
      '{"name":"x","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';
    const model = scriptedModel([{ toolCalls: [{ name: 'echo', arguments: hostile }] }, { text: 'ok' }]);
    await new Agent({ name: 'a', model, tools: [echo] }).run('go');
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
    expect((seen as { polluted?: unknown }).polluted).toBeUndefined();
    expect((polluted() as { polluted?: unknown }).polluted).toBeUndefined();
    expect(model.requests[1]?.messages.at(-1)).toMatchObject({ role: 'tool' });
  });

  it('a model whose structured JSON answer carries __proto__ and constructor: the output is parsed as data, nothing is polluted', async () => {
    const model = scriptedModel([
      {
        text: '{"title":"Kite","__proto__":{"polluted":"yes","title":"Hijacked"},"constructor":{"prototype":{"polluted":"yes"}}}',
      },
    ]);
    const agent = new Agent({ name: 'a', model, tools: [], output: z.looseObject({ title: z.string() }) });
    const result = await agent.run('name it');
    expect(result.output?.title).toBe('Kite');
    expect(Object.getPrototypeOf(result.output)).toBe(Object.prototype);
    expect((result.output as { polluted?: unknown }).polluted).toBeUndefined();
    expect((polluted() as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
