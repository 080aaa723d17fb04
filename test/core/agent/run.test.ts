import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { AbortedError, MaxTurnsExceededError, StructuredOutputError } from '../../../src/common/errors.js';
import { Agent } from '../../../src/core/agent/agent.js';
import { RunState, type RunStep } from '../../../src/core/agent/run.js';
import type { ChatModel, ModelRequest } from '../../../src/core/model.js';
import type {
  AssistantMessage,
  Message,
  ToolMessage,
  ToolResultPart,
  UserMessage,
} from '../../../src/core/prompt/message.js';
import { MemorySessionStore } from '../../../src/core/session/memory-session.js';
import { defineTool, type ToolContext } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';
import { handoff } from '../../../src/toolsets/handoff.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const weather = defineTool({
  name: 'get_weather',
  description: 'Weather for a city',
  input: z.object({ city: z.string() }),
  run: ({ city }) => ({ city, sky: city === 'Paris' ? 'sunny' : 'rain' }),
});

function lastToolResults(messages: readonly { role: string }[]): ToolResultPart[] {
  const message = [...messages].reverse().find((item) => item.role === 'tool') as ToolMessage | undefined;
  return message?.content ?? [];
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the agent loop', () => {
  it('runs a 3-step tool loop and returns text, messages, steps and usage totals', async () => {
    const model = scriptedModel([
      {
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }],
        continuation: { previousResponseId: 'resp_a' },
      },
      {
        toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }],
        continuation: { previousResponseId: 'resp_b' },
      },
      { text: 'Paris is sunny, Rome is rainy.', usage: { inputTokens: 30, outputTokens: 7, totalTokens: 37 } },
    ]);
    const agent = new Agent({ name: 'weather', model, instructions: 'Answer briefly.', tools: [weather] });
    const result = await agent.run('Weather in Paris and Rome?');

    expect(result.status).toBe('completed');
    expect(result.text).toBe('Paris is sunny, Rome is rainy.');
    expect(result.output).toBe('Paris is sunny, Rome is rainy.');
    expect(result.finishReason).toBe('stop');
    expect(result.steps).toHaveLength(3);
    expect(result.steps[0]?.toolResults[0]?.output).toBe('{"city":"Paris","sky":"sunny"}');
    expect(result.steps[1]?.toolCalls[0]?.arguments).toBe('{"city":"Rome"}');
    expect(result.usage).toEqual({ inputTokens: 50, outputTokens: 17, totalTokens: 67 });
    expect(result.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(result.runId).toMatch(/^run_/);

    expect(model.requests).toHaveLength(3);
    expect(model.requests[0]?.instructions).toBe('Answer briefly.');
    expect(model.requests[0]?.tools.map((tool) => tool.name)).toEqual(['get_weather']);
    expect(model.requests[0]?.toolChoice).toBe('auto');
    expect(model.requests[0]?.continuation).toBeUndefined();
    // The continuation of each response goes back on the next request of the run.
    expect(model.requests[1]?.continuation).toEqual({ previousResponseId: 'resp_a' });
    expect(model.requests[2]?.continuation).toEqual({ previousResponseId: 'resp_b' });
    expect(model.requests[2]?.messages).toHaveLength(5);
  });

  it('runs two tool calls of one turn concurrently, keeping results in call order', async () => {
    const gates = { a: deferred(), b: deferred() };
    const started: string[] = [];
    const slow = defineTool({
      name: 'slow',
      description: 'waits for its gate',
      input: z.object({ key: z.enum(['a', 'b']) }),
      run: async ({ key }) => {
        started.push(key);
        await gates[key].promise;
        return `done ${key}`;
      },
    });
    const model = scriptedModel([
      {
        toolCalls: [
          { name: 'slow', arguments: { key: 'a' } },
          { name: 'slow', arguments: { key: 'b' } },
        ],
      },
      { text: 'both done' },
    ]);
    const agent = new Agent({ name: 'parallel', model, tools: [slow] });
    const running = agent.run('go');
    await vi.waitFor(() => expect(started).toEqual(['a', 'b']));
    // Both are running at once; finish b first: the results still come back in call order.
    gates.b.resolve();
    gates.a.resolve();
    const result = await running;
    expect(lastToolResults(result.messages).map((item) => item.output)).toEqual(['done a', 'done b']);
  });

  it('runs them one after another with toolConcurrency 1', async () => {
    const gates = { a: deferred(), b: deferred() };
    const started: string[] = [];
    const slow = defineTool({
      name: 'slow',
      description: 'waits for its gate',
      input: z.object({ key: z.enum(['a', 'b']) }),
      run: async ({ key }) => {
        started.push(key);
        await gates[key].promise;
        return key;
      },
    });
    const model = scriptedModel([
      {
        toolCalls: [
          { name: 'slow', arguments: { key: 'a' } },
          { name: 'slow', arguments: { key: 'b' } },
        ],
      },
      { text: 'ok' },
    ]);
    const agent = new Agent({ name: 'sequential', model, tools: [slow], toolConcurrency: 1 });
    const running = agent.run('go');
    await vi.waitFor(() => expect(started).toEqual(['a']));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toEqual(['a']);
    gates.a.resolve();
    await vi.waitFor(() => expect(started).toEqual(['a', 'b']));
    gates.b.resolve();
    await running;
  });

  it('sends invalid JSON and schema errors back to the model and goes on', async () => {
    const run = vi.fn(({ city }: { city: string }) => `weather of ${city}`);
    const tool = defineTool({ name: 'get_weather', description: 'w', input: z.object({ city: z.string() }), run });
    const model = scriptedModel([
      {
        toolCalls: [
          { name: 'get_weather', arguments: '{"city": "Par' },
          { name: 'get_weather', arguments: { city: 42 } },
          { name: 'get_wether', arguments: { city: 'Paris' } },
        ],
      },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { text: 'Fixed it.' },
    ]);
    const agent = new Agent({ name: 'recover', model, tools: [tool] });
    const result = await agent.run('Weather?');
    const first = result.steps[0]?.toolResults ?? [];
    expect(first.every((item) => item.isError)).toBe(true);
    expect(first[0]?.output).toMatch(
      /^Invalid JSON in the arguments of get_weather: .+Send the arguments as one JSON object/,
    );
    expect(first[1]?.output).toBe(
      'Invalid arguments for get_weather: city: expected string. Fix the arguments and call the tool again.',
    );
    expect(first[2]?.output).toBe('Unknown tool "get_wether". Available tools: get_weather.');
    expect(run).toHaveBeenCalledTimes(1);
    expect(result.steps[1]?.toolResults[0]).toEqual({
      type: 'tool-result',
      callId: 'call_1_0',
      name: 'get_weather',
      output: 'weather of Paris',
    });
    expect(result.text).toBe('Fixed it.');
  });

  it('turns a throwing tool into an error result without secrets', async () => {
    const broken = defineTool({
      name: 'broken',
      description: 'throws',
      input: z.object({}),
      run: () => {
        throw new RangeError('upstream said no for key sk-abcdefghijklmnop1234');
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'broken' }] }, { text: 'Sorry.' }]);
    const result = await new Agent({ name: 'a', model, tools: [broken] }).run('go');
    expect(result.steps[0]?.toolResults[0]).toEqual({
      type: 'tool-result',
      callId: 'call_0_0',
      name: 'broken',
      output: 'broken failed: RangeError: upstream said no for key <redacted>',
      isError: true,
    });
    expect(model.requests[1]?.messages.at(-1)?.role).toBe('tool');
  });

  it('stops a tool at its time limit and tells the model', async () => {
    vi.useFakeTimers();
    let aborted = false;
    const hang = defineTool({
      name: 'hang',
      description: 'never ends',
      input: z.object({}),
      timeoutMs: 1_000,
      run: (_input, { signal }) =>
        new Promise<string>(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'hang' }] }, { text: 'gave up' }]);
    const running = new Agent({ name: 'a', model, tools: [hang] }).run('go');
    await vi.advanceTimersByTimeAsync(1_000);
    const result = await running;
    expect(aborted).toBe(true);
    expect(result.steps[0]?.toolResults[0]?.output).toMatch(/^hang timed out after 1000 ms and was stopped/);
    expect(result.steps[0]?.toolResults[0]?.isError).toBe(true);
  });

  it("makes a call's signal only when the tool reads it, already aborted if the call was stopped before", async () => {
    vi.useFakeTimers();
    const made = vi.fn();
    const Original = globalThis.AbortController;
    class CountingController extends Original {
      constructor() {
        super();
        made();
      }
    }
    vi.stubGlobal('AbortController', CountingController);
    try {
      let seen: AbortSignal | undefined;
      const late = defineTool({
        name: 'late',
        description: 'reads its signal only after its time is up',
        input: z.object({}),
        timeoutMs: 1_000,
        run: async (_input, context) => {
          await new Promise((resolve) => setTimeout(resolve, 2_000));
          seen = context.signal;
          return 'too late';
        },
      });
      const quiet = defineTool({ name: 'quiet', description: 'x', input: z.object({}), run: () => 'ok' });
      const model = scriptedModel([{ toolCalls: [{ name: 'quiet' }, { name: 'late' }] }, { text: 'done' }]);
      const running = new Agent({ name: 'a', model, tools: [quiet, late] }).run('go');
      await vi.advanceTimersByTimeAsync(1_000);
      const result = await running;
      expect(result.steps[0]?.toolResults.map((item) => item.isError === true)).toEqual([false, true]);
      // Neither call read its signal while running: none was made.
      expect(made).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(made).toHaveBeenCalledTimes(1);
      expect(seen?.aborted).toBe(true);
      expect(String(seen?.reason)).toMatch(/timed out after 1000 ms/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('gives every tool context the same signal accessor, and a spread context carries the signal', async () => {
    const contexts: ToolContext[] = [];
    const spread: AbortSignal[] = [];
    const keep = defineTool({
      name: 'keep',
      description: 'keeps its context',
      input: z.object({}),
      run: (_input, context) => {
        contexts.push(context);
        spread.push({ ...context }.signal);
        return 'ok';
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'keep' }, { name: 'keep' }] }, { text: 'done' }]);
    await new Agent({ name: 'a', model, tools: [keep] }).run('go');
    expect(contexts).toHaveLength(2);
    const [first, second] = contexts.map((context) => Object.getOwnPropertyDescriptor(context, 'signal'));
    // One getter for all: a getter made per context would give each its own hidden class (see retention.test.ts).
    expect(first?.get).toBeTypeOf('function');
    expect(first?.get).toBe(second?.get);
    expect(first?.enumerable).toBe(true);
    expect(spread.every((signal) => signal instanceof AbortSignal && !signal.aborted)).toBe(true);
    expect(spread[0]).not.toBe(spread[1]);
  });

  it('validates tool results against the output schema', async () => {
    const liar = defineTool({
      name: 'liar',
      description: 'x',
      input: z.object({}),
      output: z.object({ n: z.number() }),
      run: () => ({ n: 'one' }) as unknown as { n: number },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'liar' }] }, { text: 'ok' }]);
    const result = await new Agent({ name: 'a', model, tools: [liar] }).run('go');
    expect(result.steps[0]?.toolResults[0]?.output).toBe(
      'liar returned a result that does not match its output schema: n: expected number',
    );
  });

  it('aborts the run (model and tools) through its signal', async () => {
    const controller = new AbortController();
    const gate = deferred();
    const wait = defineTool({
      name: 'wait',
      description: 'x',
      input: z.object({}),
      run: async () => {
        controller.abort();
        await gate.promise;
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'wait' }] }, { text: 'never' }]);
    await expect(
      new Agent({ name: 'a', model, tools: [wait] }).run('go', { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(model.calls).toBe(1);
  });
});

describe('approvals', () => {
  const calls: string[] = [];
  const deleteFile = defineTool({
    name: 'delete_file',
    description: 'Deletes a file',
    input: z.object({ path: z.string() }),
    needsApproval: ({ path }) => !path.startsWith('/tmp/'),
    run: ({ path }) => {
      calls.push(path);
      return `deleted ${path}`;
    },
  });
  const script = () =>
    scriptedModel([
      {
        toolCalls: [
          { name: 'delete_file', arguments: { path: '/home/me/a.txt' }, id: 'c_home' },
          { name: 'delete_file', arguments: { path: '/tmp/b.txt' }, id: 'c_tmp' },
        ],
      },
      { text: 'Done.' },
    ]);

  it('asks the onApproval callback; a grant runs the tool', async () => {
    calls.length = 0;
    const onApproval = vi.fn(() => true);
    const result = await new Agent({ name: 'a', model: script(), tools: [deleteFile] }).run('clean up', { onApproval });
    expect(onApproval).toHaveBeenCalledTimes(1);
    expect(onApproval).toHaveBeenCalledWith(
      expect.objectContaining({
        callId: 'c_home',
        toolName: 'delete_file',
        input: { path: '/home/me/a.txt' },
        agent: 'a',
      }),
    );
    expect(calls).toEqual(['/home/me/a.txt', '/tmp/b.txt']);
    expect(result.status).toBe('completed');
  });

  it('sends a refusal back to the model as the tool result', async () => {
    calls.length = 0;
    const model = script();
    const result = await new Agent({ name: 'a', model, tools: [deleteFile] }).run('clean up', {
      onApproval: async () => false,
    });
    expect(calls).toEqual(['/tmp/b.txt']);
    const results = result.steps[0]?.toolResults ?? [];
    expect(results[0]).toMatchObject({ callId: 'c_home', isError: true });
    expect(results[0]?.output).toMatch(/The user refused this call of delete_file/);
    expect(model.requests[1]?.messages.at(-1)).toMatchObject({ role: 'tool' });
  });

  it('pauses without a callback and resumes from the (serialised) state', async () => {
    calls.length = 0;
    const model = script();
    const agent = new Agent({ name: 'a', model, tools: [deleteFile] });
    const paused = await agent.run('clean up');
    expect(paused.status).toBe('interrupted');
    if (paused.status !== 'interrupted') throw new Error('expected a pause');
    expect(paused.finishReason).toBe('interrupted');
    expect(paused.interruptions.map((item) => item.callId)).toEqual(['c_home']);
    expect(calls).toEqual([]); // nothing of that turn ran yet
    expect(model.calls).toBe(1);

    // The state survives JSON (a pause in one process, the decision in another).
    const stored = RunState.fromJSON(JSON.parse(JSON.stringify(paused.state)));
    const result = await agent.run(stored.resume({ reject: [{ callId: 'c_home', reason: 'keep my files' }] }));
    expect(result.status).toBe('completed');
    expect(calls).toEqual(['/tmp/b.txt']);
    expect(result.runId).toBe(paused.runId);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolResults[0]?.output).toMatch(/refused this call of delete_file: keep my files/);

    // Approving instead runs it.
    calls.length = 0;
    const fresh = new Agent({ name: 'a', model: scriptedModel([{ text: 'Done.' }]), tools: [deleteFile] });
    const again = await fresh.run(paused.state.resume({ approve: 'all' }));
    expect(again.status).toBe('completed');
    expect(calls).toEqual(['/home/me/a.txt', '/tmp/b.txt']);
  });
});

describe('maxTurns', () => {
  const loopTool = defineTool({ name: 'again', description: 'x', input: z.object({}), run: () => 'again' });
  const endless = () =>
    scriptedModel([
      { toolCalls: [{ name: 'again' }] },
      { toolCalls: [{ name: 'again' }] },
      { toolCalls: [{ name: 'again' }] },
      { text: 'Final answer without tools.', toolCalls: [{ name: 'again' }] },
    ]);

  it('throws MaxTurnsExceededError carrying the partial result', async () => {
    const agent = new Agent({ name: 'a', model: endless(), tools: [loopTool], maxTurns: 2 });
    const error = await agent.run('go').catch((caught: unknown) => caught);
    expect(MaxTurnsExceededError.isInstance(error)).toBe(true);
    if (!MaxTurnsExceededError.isInstance(error)) return;
    expect(error.maxTurns).toBe(2);
    expect(error.partial.steps).toHaveLength(2);
    expect(error.partial.messages.at(-1)).toMatchObject({ role: 'tool' });
    expect(error.partial.usage.totalTokens).toBe(30);
  });

  it('with forceFinalAnswer makes one last call with tool choice none', async () => {
    const model = endless();
    const agent = new Agent({ name: 'a', model, tools: [loopTool], maxTurns: 3 });
    const result = await agent.run('go', { forceFinalAnswer: true });
    expect(result.text).toBe('Final answer without tools.');
    expect(model.requests[3]?.toolChoice).toBe('none');
    expect(result.steps).toHaveLength(4);
    // Calls the model made anyway are dropped: the history stays valid.
    expect(result.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Final answer without tools.' }],
    });
    expect(result.steps[3]?.toolCalls).toEqual([]);
    expect(result.finishReason).toBe('stop');
  });

  it('a forced final answer drops the calls with the reasoning that led to them, and stores no empty message', async () => {
    const reasoningOf = (id: string) => ({
      type: 'reasoning' as const,
      provider: 'openai',
      data: { type: 'reasoning', id, summary: [] },
    });
    const model = scriptedModel([
      { toolCalls: [{ name: 'again' }] },
      {
        message: {
          role: 'assistant',
          content: [
            reasoningOf('rs_text'),
            { type: 'text', text: 'Here is what I have.' },
            reasoningOf('rs_call'),
            { type: 'tool-call', id: 'call_late', name: 'again', arguments: '{}' },
          ],
        },
      },
    ]);
    const session = await new MemorySessionStore().create();
    const agent = new Agent({ name: 'a', model, tools: [loopTool], maxTurns: 1 });
    const result = await agent.run('go', { forceFinalAnswer: true, session });
    // The reasoning before the text stays with it; the one before the dropped call goes with the call.
    expect(result.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [reasoningOf('rs_text'), { type: 'text', text: 'Here is what I have.' }],
    });

    const onlyCalls = scriptedModel([
      { toolCalls: [{ name: 'again' }] },
      {
        message: {
          role: 'assistant',
          content: [reasoningOf('rs_only'), { type: 'tool-call', id: 'call_x', name: 'again', arguments: '{}' }],
        },
      },
    ]);
    const empty = await new Agent({ name: 'a', model: onlyCalls, tools: [loopTool], maxTurns: 1 }).run('go', {
      forceFinalAnswer: true,
      session,
    });
    if (empty.status !== 'completed') throw new Error('expected completion');
    expect(empty.text).toBe('');
    expect(empty.steps).toHaveLength(2);
    // Nothing was left of the answer: no empty assistant message in the history or the session.
    expect(empty.messages.at(-1)?.role).toBe('tool');
    const entries = await session.read();
    const messages = entries.filter((entry) => entry.type === 'message' && entry.runId === empty.runId);
    expect(messages.map((entry) => (entry.type === 'message' ? entry.message.role : ''))).toEqual([
      'user',
      'assistant',
      'tool',
    ]);
  });

  it('the run option overrides the agent', async () => {
    const agent = new Agent({ name: 'a', model: endless(), tools: [loopTool], maxTurns: 10 });
    await expect(agent.run('go', { maxTurns: 1 })).rejects.toThrow(/limit of 1 turns/);
  });
});

describe('structured output', () => {
  const schema = z.object({ city: z.string(), celsius: z.number() });

  it('sends the JSON Schema and returns the parsed, typed output', async () => {
    const model = scriptedModel([{ text: '```json\n{"city":"Paris","celsius":21}\n```' }]);
    const agent = new Agent({ name: 'typed', model, output: schema });
    const result = await agent.run('Weather?');
    expect(model.requests[0]?.output).toEqual({
      name: 'output',
      schema: {
        type: 'object',
        properties: { city: { type: 'string' }, celsius: { type: 'number' } },
        required: ['city', 'celsius'],
      },
    });
    if (result.status !== 'completed') throw new Error('expected completion');
    expect(result.output).toEqual({ city: 'Paris', celsius: 21 });
    expectTypeOf(result.output).toEqualTypeOf<{ city: string; celsius: number }>();
  });

  it('makes the JSON Schema once per schema and sends the same frozen object every run', async () => {
    const seen: ModelRequest[] = [];
    const model: ChatModel = {
      provider: 'fake',
      modelId: 'fake-1',
      async generate(request) {
        seen.push(request);
        return {
          message: { role: 'assistant', content: [{ type: 'text', text: '{"city":"Rome","celsius":18}' }] },
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          finishReason: 'stop',
          raw: {},
        };
      },
      stream() {
        throw new Error('not used');
      },
    };
    await new Agent({ name: 'typed', model, output: schema }).run('Weather?');
    await new Agent({ name: 'other', model, output: schema }).run('Weather?');
    expect(seen[1]?.output?.schema).toBe(seen[0]?.output?.schema);
    expect(Object.isFrozen(seen[0]?.output?.schema)).toBe(true);
    expect(Object.isFrozen(seen[0]?.output?.schema.properties)).toBe(true);
  });

  it('throws StructuredOutputError when the answer does not fit', async () => {
    const agent = new Agent({ name: 'typed', model: scriptedModel([{ text: '{"city":"Paris"}' }]), output: schema });
    await expect(agent.run('Weather?')).rejects.toThrow(StructuredOutputError);
    await expect(
      new Agent({ name: 'typed', model: scriptedModel([{ text: 'not json' }]), output: schema }).run('x'),
    ).rejects.toThrow(/not JSON/);
  });
});

describe('hooks, tool choice and pruning', () => {
  it('calls hooks around each model call and tool call', async () => {
    const log: string[] = [];
    const model = scriptedModel([
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { text: 'ok' },
    ]);
    const agent = new Agent({
      name: 'hooked',
      model,
      tools: [weather],
      hooks: {
        onModelCall: ({ turn, request }) => {
          log.push(`model ${turn} (${request.messages.length} messages)`);
        },
        onModelResult: ({ turn, response }) => {
          log.push(`result ${turn} ${response.finishReason}`);
        },
        onToolCall: ({ call, input }) => {
          log.push(`tool ${call.name} ${JSON.stringify(input)}`);
        },
        onToolResult: ({ outcome }) => {
          log.push(`tool result ${outcome.status}`);
        },
      },
    });
    await agent.run('Weather?');
    expect(log).toEqual([
      'model 1 (1 messages)',
      'result 1 tool-calls',
      'tool get_weather {"city":"Paris"}',
      'tool result ok',
      'model 2 (3 messages)',
      'result 2 stop',
    ]);
  });

  it('hands onToolResult and the tool-call-finished event the thrown error object, the model only its text', async () => {
    class LookupError extends Error {
      readonly code = 'E_LOOKUP';
    }
    const thrown = new LookupError('the index is offline');
    const failing = defineTool({
      name: 'lookup',
      description: 'fails',
      input: z.object({}),
      run: () => {
        throw thrown;
      },
    });
    const seen: unknown[] = [];
    const model = scriptedModel([{ toolCalls: [{ name: 'lookup' }] }, { text: 'sorry' }]);
    const agent = new Agent({
      name: 'errors',
      model,
      tools: [failing],
      hooks: { onToolResult: ({ outcome }) => void seen.push(outcome.error) },
    });
    const events: unknown[] = [];
    const stream = agent.stream('Look it up');
    for await (const event of stream) if (event.type === 'tool-call-finished') events.push(event.error);
    expect(seen).toEqual([thrown]);
    expect(seen[0]).toBe(thrown);
    expect(events[0]).toBe(thrown);
    const toolMessage = model.requests[1]?.messages.find((message) => message.role === 'tool');
    expect(JSON.stringify(toolMessage)).toContain('lookup failed: the index is offline');
  });

  it('fails the run when the onToolCall hook throws, without running the tool', async () => {
    let ran = 0;
    const counted = defineTool({
      name: 'counted',
      description: 'counts its runs',
      input: z.object({}),
      run: () => {
        ran += 1;
        return 'ran';
      },
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'counted' }] }, { text: 'never' }]);
    const agent = new Agent({
      name: 'strict-hook',
      model,
      tools: [counted],
      hooks: {
        onToolCall: () => {
          throw new Error('policy: no tools today');
        },
      },
    });
    await expect(agent.run('go')).rejects.toThrow('policy: no tools today');
    expect(ran).toBe(0);
    expect(model.calls).toBe(1);
    // The same through stream(): the error ends the run, not a tool result.
    const stream = new Agent({
      name: 'strict-hook',
      model: scriptedModel([{ toolCalls: [{ name: 'counted' }] }, { text: 'never' }]),
      tools: [counted],
      hooks: {
        onToolCall: async () => {
          throw new Error('async policy');
        },
      },
    }).stream('go');
    await expect(stream.result).rejects.toThrow('async policy');
    expect(ran).toBe(0);
  });

  it('applies a required tool choice until the first tool call, then auto', async () => {
    const model = scriptedModel([
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { text: 'ok' },
    ]);
    await new Agent({ name: 'a', model, tools: [weather], toolChoice: 'required' }).run('x');
    expect(model.requests.map((request) => request.toolChoice)).toEqual(['required', 'auto']);
  });

  it('with pruneToolRounds sends the model a pruned history but keeps the full one', async () => {
    const model = scriptedModel([
      { reasoning: 'first', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
      { reasoning: 'second', toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] },
      { text: 'done' },
    ]);
    const result = await new Agent({ name: 'a', model, tools: [weather], pruneToolRounds: true }).run('x');
    expect(model.requests[2]?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(JSON.stringify(model.requests[2]?.messages)).toContain('Rome');
    expect(JSON.stringify(model.requests[2]?.messages)).not.toContain('Paris');
    expect(result.messages).toHaveLength(6);
  });

  it('resolves instructions from a function with the run context', async () => {
    const model = scriptedModel([{ text: 'hi' }]);
    const agent = new Agent({ name: 'a', model, instructions: ({ context }) => `Speak to ${String(context)}.` });
    await agent.run('x', { context: 'Dave' });
    expect(model.requests[0]?.instructions).toBe('Speak to Dave.');
    const steps: RunStep[] = (await agent.clone({ model: scriptedModel([{ text: 'yo' }]) }).run('x')).steps;
    expect(steps[0]?.agent).toBe('a');
  });

  it("hands the typed run context to every tool call and to an asked agent's tools, as the same object", async () => {
    interface Account {
      userId: string;
    }
    const seen: Array<{ tool: string; context: Account }> = [];
    const whoami = (name: string) =>
      defineTool({
        name,
        description: 'Who is asking.',
        input: z.object({}),
        run: (_input, ctx: ToolContext<Account>) => {
          seen.push({ tool: name, context: ctx.context });
          return ctx.context.userId;
        },
      });
    const helper = new Agent({
      name: 'helper',
      model: scriptedModel([{ toolCalls: [{ name: 'helper_whoami', arguments: {} }] }, { text: 'helped' }]),
      tools: [whoami('helper_whoami')],
    });
    const model = scriptedModel([
      {
        toolCalls: [
          { name: 'whoami', arguments: {} },
          { name: 'ask_helper', arguments: { request: 'who?' } },
        ],
      },
      { text: 'done' },
    ]);
    const account: Account = { userId: 'u-42' };
    const agent = new Agent({ name: 'lead', model, tools: [whoami('whoami'), handoff(helper)], toolConcurrency: 1 });
    await agent.run('x', { context: account });
    expect(seen.map((entry) => entry.tool)).toEqual(['whoami', 'helper_whoami']);
    for (const entry of seen) expect(entry.context).toBe(account);
    expect(JSON.stringify(model.requests[1]?.messages)).toContain('u-42');
    // The context is the app's, never the model's.
    expect(JSON.stringify(model.requests[0])).not.toContain('u-42');
  });
});

describe('sharing the history with the model instead of copying it every turn', () => {
  function recordingModel(turns: number): ChatModel & { seen: ModelRequest[] } {
    const seen: ModelRequest[] = [];
    return {
      provider: 'recording',
      modelId: 'm',
      seen,
      async generate(request) {
        seen.push(request);
        const turn = seen.length;
        const message: AssistantMessage =
          turn < turns
            ? {
                role: 'assistant',
                content: [
                  { type: 'tool-call', id: `call_${turn}`, name: 'get_weather', arguments: '{"city":"Paris"}' },
                ],
              }
            : { role: 'assistant', content: [{ type: 'text', text: `done after ${turn}` }] };
        return {
          message,
          finishReason: turn < turns ? 'tool-calls' : 'stop',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          raw: {},
        };
      },
      // biome-ignore lint/correctness/useYield: never streamed in these tests
      async *stream() {
        throw new Error('not streamed');
      },
    };
  }

  it('hands each turn a frozen snapshot that later turns do not change', async () => {
    const model = recordingModel(3);
    const result = await new Agent({ name: 'a', model, tools: [weather] }).run('Weather?');
    expect(result.text).toBe('done after 3');
    expect(model.seen.map((request) => request.messages.length)).toEqual([1, 3, 5]);
    for (const request of model.seen) {
      expect(Object.isFrozen(request.messages)).toBe(true);
      for (const message of request.messages) {
        expect(Object.isFrozen(message)).toBe(true);
        expect(Object.isFrozen(message.content)).toBe(true);
      }
    }
    // Messages are shared between turns, not copied.
    expect(model.seen[2]?.messages[0]).toBe(model.seen[0]?.messages[0]);
  });

  it('does not let a model change the history it was given', async () => {
    const model = recordingModel(2);
    const generate = model.generate.bind(model);
    model.generate = async (request, options) => {
      expect(() => {
        (request.messages as Message[]).push({ role: 'user', content: [{ type: 'text', text: 'injected' }] });
      }).toThrow(TypeError);
      expect(() => {
        ((request.messages[0] as UserMessage).content[0] as { text: string }).text = 'changed';
      }).toThrow(TypeError);
      return generate(request, options);
    };
    const result = await new Agent({ name: 'a', model, tools: [weather] }).run('Weather?');
    expect(result.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'Weather?' }] });
    expect(model.seen[1]?.messages).toHaveLength(3);
  });

  it('returns messages and steps that are copies: changing them changes nothing the loop or the model holds', async () => {
    const model = recordingModel(2);
    const result = await new Agent({ name: 'a', model, tools: [weather] }).run('Weather?');
    expect(Object.isFrozen(result.messages)).toBe(false);
    expect(Object.isFrozen(result.messages[0])).toBe(false);
    ((result.messages[0] as UserMessage).content[0] as { text: string }).text = 'changed';
    result.messages.push({ role: 'user', content: [{ type: 'text', text: 'more' }] });
    (result.steps[0]?.toolCalls[0] as { arguments: string }).arguments = '{}';
    const first = model.seen[0]?.messages[0] as UserMessage;
    expect(first.content[0]).toEqual({ type: 'text', text: 'Weather?' });
    expect(model.seen[1]?.messages).toHaveLength(3);
    expect(model.seen[1]?.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
  });

  it('makes the copies of messages and steps when they are first read, and they behave as plain data', async () => {
    const model = recordingModel(2);
    const result = await new Agent({ name: 'a', model, tools: [weather] }).run('Weather?');
    // Enumerable like any field: spread, JSON and structuredClone see them.
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['messages', 'steps', 'text', 'usage']));
    const json = JSON.parse(JSON.stringify(result));
    expect(json.messages).toHaveLength(4);
    expect(json.steps).toHaveLength(2);
    expect({ ...result }.messages).toBe(result.messages);
    expect(structuredClone(result).steps[0]?.toolCalls[0]?.name).toBe('get_weather');
    // One copy, kept: reading twice gives the same array, which the caller may change and replace.
    const messages = result.messages;
    expect(result.messages).toBe(messages);
    expect(Object.getOwnPropertyDescriptor(result, 'messages')).toMatchObject({ value: messages, writable: true });
    result.steps = [];
    expect(result.steps).toEqual([]);
    // The lazy fields of every result share one accessor per name (no closure-made hidden class per result).
    const other = await new Agent({ name: 'a', model: recordingModel(2), tools: [weather] }).run('Weather?');
    const fresh = await new Agent({ name: 'a', model: recordingModel(2), tools: [weather] }).run('Weather?');
    expect(Object.getOwnPropertyDescriptor(other, 'steps')?.get).toBe(
      Object.getOwnPropertyDescriptor(fresh, 'steps')?.get,
    );
    expect(other.steps).not.toBe(fresh.steps);
    expect(other.steps.map((step) => step.toolCalls.map((call) => call.name))).toEqual([['get_weather'], []]);
    expect(fresh.messages).toEqual(other.messages);
  });

  it('copies an assistant message into the history: a model changing its answer later changes nothing', async () => {
    const answers: AssistantMessage[] = [];
    const model = recordingModel(2);
    const generate = model.generate.bind(model);
    model.generate = async (request, options) => {
      const response = await generate(request, options);
      answers.push(response.message);
      return response;
    };
    await new Agent({ name: 'a', model, tools: [weather] }).run('Weather?');
    expect(Object.isFrozen(answers[0])).toBe(false);
    (answers[0]?.content[0] as { arguments: string }).arguments = '{"city":"Rome"}';
    expect(model.seen[1]?.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    });
  });

  it('makes the tool specs once per tool set and sends the same frozen specs every turn and run', async () => {
    const spec = vi.spyOn(weather, 'spec');
    try {
      const model = recordingModel(3);
      const agent = new Agent({ name: 'a', model, tools: [weather] });
      await agent.run('Weather?');
      expect(spec).toHaveBeenCalledTimes(1);
      expect(model.seen[2]?.tools).toBe(model.seen[0]?.tools);
      expect(Object.isFrozen(model.seen[0]?.tools)).toBe(true);
      expect(Object.isFrozen(model.seen[0]?.tools[0]?.inputSchema)).toBe(true);
      expect(model.seen[0]?.tools).toEqual([weather.spec()]);
      // The next run of the agent sends them too; another set (another agent) has its own.
      await agent.run('Again?');
      expect(model.seen[3]?.tools).toBe(model.seen[0]?.tools);
      expect(spec).toHaveBeenCalledTimes(2);
      const other = recordingModel(1);
      await new Agent({ name: 'b', model: other, tools: [weather] }).run('Weather?');
      expect(other.seen[0]?.tools).not.toBe(model.seen[0]?.tools);
      expect(other.seen[0]?.tools).toEqual(model.seen[0]?.tools);
    } finally {
      spec.mockRestore();
    }
  });

  it('gives the same result from run() (which makes no events) and stream()', async () => {
    const script = () =>
      scriptedModel([{ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] }, { text: 'sunny' }]);
    const ran = await new Agent({ name: 'a', model: script(), tools: [weather] }).run('Weather?');
    const stream = new Agent({ name: 'a', model: script(), tools: [weather] }).stream('Weather?');
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const streamed = await stream.result;
    const strip = ({ runId: _r, durationMs: _d, steps, ...rest }: typeof ran) => ({
      ...rest,
      steps: steps.map(({ runId: _s, durationMs: _sd, modelDurationMs: _m, ...step }) => step),
    });
    expect(strip(streamed)).toEqual(strip(ran));
    expect(types).toContain('step-finished');
    expect(types.at(-1)).toBe('run-finished');
  });

  it('with pruneToolRounds sends a frozen pruned view and keeps the full history', async () => {
    const model = recordingModel(4);
    const result = await new Agent({ name: 'a', model, tools: [weather], pruneToolRounds: true }).run('Weather?');
    expect(model.seen.map((request) => request.messages.length)).toEqual([1, 3, 3, 3]);
    expect(Object.isFrozen(model.seen[3]?.messages)).toBe(true);
    expect(result.messages).toHaveLength(8);
  });
});
