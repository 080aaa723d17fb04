import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { AbortedError } from '../../../src/common/errors.js';
import { Agent } from '../../../src/core/agent/agent.js';
import type { AgentEvent } from '../../../src/core/agent/events.js';
import { runAgent } from '../../../src/core/agent/run.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';

const lookup = defineTool({
  name: 'lookup',
  description: 'Looks a word up',
  input: z.object({ word: z.string() }),
  run: ({ word }, { reportProgress }) => {
    reportProgress({ message: `looking up ${word}`, progress: 50 });
    return `${word}: a greeting`;
  },
});

describe('agent.stream', () => {
  it('yields typed events in order and ends with the same result as .result', async () => {
    const model = scriptedModel([
      { reasoning: 'Need the dictionary.', toolCalls: [{ name: 'lookup', arguments: { word: 'hello' } }] },
      { text: 'Hello means a greeting.' },
    ]);
    const agent = new Agent({ name: 'streamer', model, tools: [lookup] });
    const stream = agent.stream('What does hello mean?');
    const events: AgentEvent<string>[] = [];
    for await (const event of stream) events.push(event);
    const result = await stream.result;

    expect(events.map((event) => event.type)).toEqual([
      'run-started',
      'model-call-started',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-delta',
      'usage',
      'tool-call-started',
      'tool-progress',
      'tool-call-finished',
      'step-finished',
      'model-call-started',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'step-finished',
      'run-finished',
    ]);
    const text = events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
    expect(text).toBe('Hello means a greeting.');
    expect(result.text).toBe(text);
    const last = events.at(-1);
    expect(last?.type === 'run-finished' && last.result).toBe(result);
    const finished = events.find((event) => event.type === 'tool-call-finished');
    expect(finished?.type === 'tool-call-finished' && finished.result.output).toBe('hello: a greeting');
    const progress = events.find((event) => event.type === 'tool-progress');
    expect(progress?.type === 'tool-progress' && progress.progress).toEqual({
      message: 'looking up hello',
      progress: 50,
    });
    const usage = events.filter((event) => event.type === 'usage').at(-1);
    expect(usage?.type === 'usage' && usage.total.totalTokens).toBe(30);
  });

  it('delivers text while the model still holds back the rest of its stream', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let responseSent = false;
    const model = scriptedModel([{ text: 'one two three four' }], {
      beforeEvent: async (event, { index }) => {
        if (index === 2) await held; // hold after "one " and "two "
        if (event.type === 'response') responseSent = true;
      },
    });
    const stream = new Agent({ name: 'held', model }).stream('count');
    const deltas: string[] = [];
    for await (const event of stream) {
      if (event.type !== 'text-delta') continue;
      deltas.push(event.delta);
      if (deltas.length === 2) {
        // Two deltas arrived; the model has not finished (it is held), so nothing was buffered.
        expect(responseSent).toBe(false);
        expect(deltas.join('')).toBe('one two ');
        release();
      }
    }
    expect(responseSent).toBe(true);
    expect(deltas.join('')).toBe('one two three four');
    expect((await stream.result).text).toBe('one two three four');
  });

  it('streams with delays under fake timers', async () => {
    vi.useFakeTimers();
    try {
      const model = scriptedModel([{ text: 'slow answer' }], { delayMs: 1_000 });
      const stream = new Agent({ name: 'slow', model }).stream('x');
      const seen: string[] = [];
      const reading = (async () => {
        for await (const event of stream) if (event.type === 'text-delta') seen.push(event.delta);
      })();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(seen).toEqual(['slow ']);
      await vi.advanceTimersByTimeAsync(10_000);
      await reading;
      expect(seen).toEqual(['slow ', 'answer']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects .result and ends the iteration with the error when the run fails', async () => {
    const model = scriptedModel([
      () => {
        throw new Error('model down');
      },
    ]);
    const stream = new Agent({ name: 'fails', model }).stream('x');
    const types: string[] = [];
    await expect(
      (async () => {
        for await (const event of stream) types.push(event.type);
      })(),
    ).rejects.toThrow('model down');
    await expect(stream.result).rejects.toThrow('model down');
    expect(types).toEqual(['run-started', 'model-call-started']);
  });

  it('emits approval-requested and finishes paused when no callback is given', async () => {
    const risky = defineTool({
      name: 'risky',
      description: 'x',
      input: z.object({}),
      needsApproval: true,
      run: () => 'ran',
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'risky' }] }]);
    const stream = new Agent({ name: 'a', model, tools: [risky] }).stream('x');
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.slice(-2)).toEqual(['approval-requested', 'run-finished']);
    const result = await stream.result;
    expect(result.status).toBe('interrupted');
  });
});

describe('runAgent', () => {
  it('yields the events of agent.stream and returns the same result', async () => {
    const script = () => [
      { toolCalls: [{ name: 'lookup', arguments: { word: 'hello' } }] },
      { text: 'Hello means a greeting.' },
    ];
    const streamed = new Agent({ name: 'a', model: scriptedModel(script()), tools: [lookup] }).stream('hello?');
    const expected: string[] = [];
    for await (const event of streamed) expected.push(event.type);

    const run = runAgent<string>(
      new Agent({ name: 'a', model: scriptedModel(script()), tools: [lookup] }),
      'hello?',
      {},
      true,
    );
    const types: string[] = [];
    let next = await run.next();
    while (!next.done) {
      types.push(next.value.type);
      next = await run.next();
    }
    expect(types).toEqual(expected);
    expect(next.value.status).toBe('completed');
    expect(next.value.text).toBe('Hello means a greeting.');
  });

  it('stops the run when the caller leaves the loop early: the running tool is aborted, the model not called again', async () => {
    let toolSignal: AbortSignal | undefined;
    let release: () => void = () => undefined;
    const slow = defineTool({
      name: 'slow',
      description: 'waits',
      input: z.object({}),
      run: async (_input, { signal }) => {
        toolSignal = signal;
        await new Promise<void>((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        return 'finished';
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'slow' }] }, { text: 'never asked' }]);
    const agent = new Agent({ name: 'a', model, tools: [slow] });
    for await (const event of runAgent(agent, 'go')) {
      if (event.type === 'tool-call-started') break;
    }
    await vi.waitFor(() => expect(toolSignal?.aborted).toBe(true));
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(model.calls).toBe(1);
  });

  it("rejects with AbortedError when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const stop = defineTool({
      name: 'stop',
      description: 'aborts the run',
      input: z.object({}),
      run: () => {
        controller.abort();
        return 'stopped';
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'stop' }] }, { text: 'never asked' }]);
    const run = runAgent(new Agent({ name: 'a', model, tools: [stop] }), 'go', { signal: controller.signal });
    await expect(
      (async () => {
        for await (const _event of run) {
          // drain
        }
      })(),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(model.calls).toBe(1);
  });
});
