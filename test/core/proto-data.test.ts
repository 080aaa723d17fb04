/**
 * Issue 11 item 9: `__proto__` is data, not a prototype. Copies (`cloneDeep`, the run's copies, session stores)
 * and redaction keep an own `__proto__` member as an own member: no phantom fields through a prototype, nothing
 * dropped. Black-box: an agent run whose tool input and output carry an own `__proto__`, stored in sessions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../src/core/agent/agent.js';
import { cloneDeep } from '../../src/core/prompt/prompt.js';
import { MemorySessionStore } from '../../src/core/session/memory-session.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import { FileSession, FileSessionStore } from '../../src/node/index.js';
import { scriptedModel } from '../../src/testing/index.js';

const HOSTILE = '{"__proto__":{"polluted":"yes"},"a":1}';

/** Every object in `value` that has an own `__proto__` keeps it as data, and none inherits `polluted`. */
function expectProtoKept(value: unknown): number {
  let found = 0;
  const walk = (item: unknown): void => {
    if (item === null || typeof item !== 'object') return;
    // A `polluted` field may only be an own field (of the `__proto__` member's value), never inherited.
    if ('polluted' in item) expect(Object.hasOwn(item, 'polluted')).toBe(true);
    if (Object.hasOwn(item, '__proto__')) {
      found += 1;
      expect(Object.getPrototypeOf(item)).toBe(Array.isArray(item) ? Array.prototype : Object.prototype);
      expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toEqual(JSON.parse('{"polluted":"yes"}'));
    }
    for (const key of Object.keys(item)) walk((item as Record<string, unknown>)[key]);
  };
  walk(value);
  return found;
}

describe('__proto__ is data', () => {
  it('cloneDeep keeps an own __proto__ member', () => {
    const copy = cloneDeep(JSON.parse(HOSTILE) as object);
    expect(expectProtoKept(copy)).toBe(1);
    expect(JSON.stringify(copy)).toBe(HOSTILE);
  });

  it.each(['memory', 'file'])(
    'a run with __proto__ in tool input and output keeps it everywhere (%s session)',
    async (kind) => {
      const dir = await mkdtemp(join(tmpdir(), 'proto-'));
      try {
        const store = kind === 'memory' ? new MemorySessionStore() : new FileSessionStore({ dir, fsync: false });
        const session = await store.create();
        const echo = defineTool({
          name: 'echo',
          description: 'Echoes its input as data',
          input: z.looseObject({ a: z.number() }),
          // (zod itself leaves an own `__proto__` out of a parsed input: the output is built from the raw text.)
          run: () => ({ echoed: JSON.parse(HOSTILE) as unknown, extra: JSON.parse(HOSTILE) as unknown }),
        });
        const model = scriptedModel([{ toolCalls: [{ name: 'echo', arguments: HOSTILE }] }, { text: 'done' }]);
        const result = await new Agent({ name: 'a', model, tools: [echo] }).run('go', { session });
        expect(expectProtoKept(result.steps[0]?.toolResults[0])).toBe(0); // the output is text
        expect(result.steps[0]?.toolResults[0]?.output).toBe(`{"echoed":${HOSTILE},"extra":${HOSTILE}}`);
        if (session instanceof FileSession) await session.close();
        const reopened = kind === 'memory' ? session : await store.open(session.id);
        const entries = await reopened.read();
        if (reopened instanceof FileSession) await reopened.close();
        const text = JSON.stringify(entries);
        expect(text).toContain(`"arguments":${JSON.stringify(HOSTILE)}`);
        expect(text).toContain(`"output":${JSON.stringify(`{"echoed":${HOSTILE},"extra":${HOSTILE}}`)}`);
        expectProtoKept(entries);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('session entries with an own __proto__ member keep it (stored and read back)', async () => {
    const store = new MemorySessionStore();
    const session = await store.create();
    await session.append({ type: 'note', data: JSON.parse(HOSTILE) } as never);
    const [entry] = await session.read();
    expect(expectProtoKept(entry)).toBe(1);
  });
});
