/**
 * Tool time limits (a default of 5 minutes, per tool and per agent, `Infinity`; a limit that passes after a
 * paid job started returns the job) and tool results that are not JSON: all through `Agent.run`, with a fake
 * clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { ToolDefinitionError } from '../../../src/common/errors.js';
import { makeJobRef } from '../../../src/common/jobs.js';
import { Agent } from '../../../src/core/agent/agent.js';
import { MemorySessionStore } from '../../../src/core/session/memory-session.js';
import { defineTool, type Tool } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A tool that never finishes on its own; `aborted` says whether its signal fired. */
function hangingTool(options: { timeoutMs?: number } = {}) {
  const state = { aborted: false };
  const tool = defineTool({
    name: 'hang',
    description: 'never ends',
    input: z.object({}),
    ...options,
    run: (_input, { signal }) =>
      new Promise<string>(() => {
        signal.addEventListener('abort', () => {
          state.aborted = true;
        });
      }),
  });
  return { tool, state };
}

/** Runs `tools` for one call of `name`, then a final answer; returns the running promise. */
function runOnce(tools: Tool[], name: string, config: { toolTimeoutMs?: number } = {}) {
  const model = scriptedModel([{ toolCalls: [{ name }] }, { text: 'done' }]);
  return new Agent({ name: 'a', model, tools, ...config }).run('go');
}

/** True once `promise` has settled (after the microtasks the fake clock let run). */
function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  return () => done;
}

describe('tool time limits', () => {
  it('a tool with no limit of its own is stopped after 5 minutes, and the model is told (not a crash)', async () => {
    vi.useFakeTimers();
    const { tool, state } = hangingTool();
    const running = runOnce([tool], 'hang');
    const isDone = settled(running);
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await running;
    expect(state.aborted).toBe(true);
    expect(result.text).toBe('done');
    const output = result.steps[0]?.toolResults[0];
    expect(output?.isError).toBe(true);
    expect(output?.output).toMatch(/^hang timed out after 5 min and was stopped/);
  });

  it("the agent's toolTimeoutMs sets the limit of tools without their own", async () => {
    vi.useFakeTimers();
    const { tool } = hangingTool();
    const running = runOnce([tool], 'hang', { toolTimeoutMs: 2_000 });
    await vi.advanceTimersByTimeAsync(2_000);
    const result = await running;
    expect(result.steps[0]?.toolResults[0]?.output).toMatch(/^hang timed out after 2000 ms/);
  });

  it("a tool's own timeoutMs wins over the agent's", async () => {
    vi.useFakeTimers();
    const { tool } = hangingTool({ timeoutMs: 10_000 });
    const running = runOnce([tool], 'hang', { toolTimeoutMs: 2_000 });
    const isDone = settled(running);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await running).steps[0]?.toolResults[0]?.output).toMatch(/^hang timed out after 10 s/);
  });

  it('Infinity means no limit, per agent and per tool', async () => {
    vi.useFakeTimers();
    const slow = (timeoutMs?: number) =>
      defineTool({
        name: 'slow',
        description: 'takes an hour',
        input: z.object({}),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        run: () => new Promise<string>((resolve) => setTimeout(() => resolve('finally'), 3_600_000)),
      });
    const byAgent = runOnce([slow()], 'slow', { toolTimeoutMs: Number.POSITIVE_INFINITY });
    const byTool = runOnce([slow(Number.POSITIVE_INFINITY)], 'slow');
    await vi.advanceTimersByTimeAsync(3_600_000);
    for (const result of await Promise.all([byAgent, byTool])) {
      expect(result.steps[0]?.toolResults[0]).toMatchObject({ output: 'finally' });
      expect(result.steps[0]?.toolResults[0]?.isError).toBeUndefined();
    }
  });

  it('refuses a limit that is not positive', () => {
    expect(() =>
      defineTool({ name: 't', description: 'x', input: z.object({}), timeoutMs: 0, run: () => 'ok' }),
    ).toThrow(ToolDefinitionError);
    const model = scriptedModel([]);
    expect(() => new Agent({ name: 'a', model, toolTimeoutMs: -1 })).toThrow(/toolTimeoutMs must be a positive/);
  });

  it('a limit that passes after the tool started a paid job returns the job reference, not an error', async () => {
    vi.useFakeTimers();
    const job = makeJobRef('acme', 'video', 'job_42', { createdAt: '2026-01-01T00:00:00Z' });
    const starter = defineTool({
      name: 'make_video',
      description: 'starts a paid job, then waits forever',
      input: z.object({}),
      timeoutMs: 60_000,
      jobTools: ['video_status', 'video_download'],
      run: async (_input, context) => {
        await context.recordJob(job, { state: 'pending' });
        return new Promise<string>(() => undefined);
      },
    });
    const store = new MemorySessionStore();
    const session = await store.create();
    const model = scriptedModel([{ toolCalls: [{ name: 'make_video' }] }, { text: 'will check later' }]);
    const running = new Agent({ name: 'a', model, tools: [starter] }).run('go', { session });
    await vi.advanceTimersByTimeAsync(60_000);
    const result = await running;
    const output = result.steps[0]?.toolResults[0];
    expect(output?.isError).toBeUndefined();
    const parsed = JSON.parse(output?.output ?? '{}') as Record<string, unknown>;
    expect(parsed).toMatchObject({
      timedOut: true,
      provider: 'acme',
      kind: 'video',
      job_id: 'job_42',
      state: 'pending',
    });
    expect(parsed.next).toContain('do not start a new one');
    expect(parsed.next).toContain('video_status, video_download');
    expect(parsed.next).toContain('60 s');
    // The job is in the session too.
    const entries = await session.read();
    expect(entries.some((entry) => entry.type === 'job' && entry.job.id === 'job_42')).toBe(true);
  });

  it('without named job tools, the job reference points at the toolset job tools', async () => {
    vi.useFakeTimers();
    const starter = defineTool({
      name: 'make',
      description: 'x',
      input: z.object({}),
      run: async (_input, context) => {
        await context.recordJob(makeJobRef('acme', 'music', 'm1'));
        return new Promise<string>(() => undefined);
      },
    });
    const running = runOnce([starter], 'make');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    const output = (await running).steps[0]?.toolResults[0]?.output ?? '';
    expect(JSON.parse(output)).toMatchObject({ job_id: 'm1', provider: 'acme' });
    expect(output).toContain('job tools (status, wait, download) and the job id \\"m1\\"');
  });
});

describe('tool results that are not JSON', () => {
  async function outputOf(value: unknown) {
    const tool = defineTool({
      name: 'odd',
      description: 'returns an odd value',
      input: z.object({}),
      run: () => value,
    });
    const result = await runOnce([tool], 'odd');
    expect(result.text).toBe('done');
    return result.steps[0]?.toolResults[0];
  }

  it('a function: a clear error, never its source', async () => {
    const output = await outputOf(function secretSauce() {
      return 'the source of this function';
    });
    expect(output?.isError).toBe(true);
    expect(output?.output).toContain('odd ran, but its result cannot be sent to you as JSON: result is a function');
    expect(output?.output).not.toContain('source of this function');
  });

  it('a Map, nested: names where it is, instead of sending "{}"', async () => {
    const output = await outputOf({ items: [{ tags: new Map([['a', 1]]) }] });
    expect(output?.isError).toBe(true);
    expect(output?.output).toContain('result.items[0].tags is a Map (use a plain object or an array of pairs)');
  });

  it('a Set, a BigInt, a circular object', async () => {
    expect((await outputOf({ ids: new Set([1]) }))?.output).toContain('result.ids is a Set');
    expect((await outputOf({ size: 10n }))?.output).toContain('result.size is a BigInt');
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const circular = await outputOf(loop);
    expect(circular?.isError).toBe(true);
    expect(circular?.output).toContain('circular reference');
  });

  it('plain data, dates and toJSON values still go as JSON', async () => {
    const output = await outputOf({ when: new Date(0), n: 1, list: ['a', null], custom: { toJSON: () => 'x' } });
    expect(output?.isError).toBeUndefined();
    expect(JSON.parse(output?.output ?? '')).toEqual({
      when: '1970-01-01T00:00:00.000Z',
      n: 1,
      list: ['a', null],
      custom: 'x',
    });
  });
});
