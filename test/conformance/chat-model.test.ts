/**
 * The ChatModel conformance suite: every chat model of the library (OpenAI Responses, xAI, Anthropic Messages,
 * Chat Completions) behind the same Agent, over scripted answers in each provider's exact wire format (see the
 * adapters in `models/`), replayed with msw. A scenario is written once and must hold for every model.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { AbortedError, Agent, type AgentEvent, MemorySessionStore, type ToolInput } from '../../src/index.js';
import { useFixtures } from '../../src/testing/index.js';
import { server } from '../msw.js';
import { fixtureOf, type Turn, textOf } from './adapter.js';
import {
  adapters,
  bodyOf,
  eventsThrough,
  MODES,
  replay,
  runIn,
  stillPending,
  USAGE_1,
  USAGE_2,
  WEATHER,
  weatherCall,
  weatherTool,
} from './scenario.js';

const INSTRUCTIONS = 'Be brief.';

describe.each(adapters)('ChatModel conformance: $name', (adapter) => {
  const agentWith = (tools: readonly ToolInput[] = [weatherTool()], reasoning = false) =>
    new Agent({
      name: 'conformance',
      model: adapter.model({ reasoning }),
      instructions: INSTRUCTIONS,
      tools,
      ...(reasoning ? { settings: adapter.reasoningSettings } : {}),
    });

  it('answers with text (one whole answer, instructions sent)', async () => {
    const replayed = await replay(adapter, [{ text: ['Hello', ' there.'], usage: USAGE_1 }], 'run');
    const result = await agentWith([]).run('Say hello.');
    replayed.assertAllUsed();
    expect(result.status).toBe('completed');
    expect(result.text).toBe('Hello there.');
    expect(result.finishReason).toBe('stop');
    expect(result.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(replayed.requests).toHaveLength(1);
    const body = bodyOf(replayed, 1);
    expect(adapter.instructions(body)).toBe(INSTRUCTIONS);
    expect(adapter.streamed(body)).toBe(false);
  });

  it('streams text: the first delta arrives while the server still holds the rest back', async () => {
    const turn: Turn = { text: ['It is ', '18°C ', 'and cloudy.'], usage: USAGE_1 };
    const holdStreams = eventsThrough(adapter.events(turn, 1), 'It is ');
    const replayed = await replay(adapter, [turn], 'stream', { holdStreams });
    const stream = agentWith([]).stream('Weather in Paris?');
    const iterator = stream[Symbol.asyncIterator]();
    const events: AgentEvent<string>[] = [];
    while (!events.some((event) => event.type === 'text-delta')) {
      const next = await iterator.next();
      if (next.done) throw new Error('the stream ended before its first text delta');
      events.push(next.value);
    }
    expect(events.map((event) => event.type)).toEqual(['run-started', 'model-call-started', 'text-delta']);
    const pending = iterator.next();
    expect(await stillPending(pending)).toBe(true);
    expect(await stillPending(stream.result)).toBe(true);
    replayed.release();
    for (let next = await pending; !next.done; next = await iterator.next()) events.push(next.value);
    const result = await stream.result;
    replayed.assertAllUsed();
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas).toEqual(turn.text);
    expect(result.text).toBe(textOf(turn));
    expect(events.map((event) => event.type)).toEqual([
      'run-started',
      'model-call-started',
      ...deltas.map(() => 'text-delta'),
      'usage',
      'step-finished',
      'run-finished',
    ]);
    expect(adapter.streamed(bodyOf(replayed, 1))).toBe(true);
  });

  it.each(MODES)('runs one tool call and sends its result back (%s)', async (mode) => {
    // Arguments as the model wrote them (the space kept) wherever the wire carries them as text.
    const call = weatherCall(adapter, 'one', '{"city": "Paris"}');
    const argumentsText = adapter.argumentsAsText || mode === 'stream' ? call.arguments : '{"city":"Paris"}';
    const replayed = await replay(
      adapter,
      [
        { text: ['Let me check.'], calls: [call], usage: USAGE_1 },
        { text: ['18°C and cloudy in Paris.'], usage: USAGE_2 },
      ],
      mode,
    );
    const ran: string[] = [];
    const { result, events } = await runIn(mode, agentWith([weatherTool(ran)]), 'Weather in Paris?');
    replayed.assertAllUsed();
    expect(ran).toEqual(['Paris']);
    expect(result.status).toBe('completed');
    expect(result.text).toBe('18°C and cloudy in Paris.');
    expect(result.finishReason).toBe('stop');
    expect(result.steps.map((step) => step.response.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.steps[0]?.toolCalls).toMatchObject([{ type: 'tool-call', ...call, arguments: argumentsText }]);
    expect(result.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    const second = bodyOf(replayed, 2);
    expect(adapter.toolResults(second)).toEqual([{ callId: call.id, output: WEATHER.Paris }]);
    adapter.expectToolFollowUp(second, {
      first: bodyOf(replayed, 1),
      previousResponseId: result.steps[0]?.response.raw.id,
      callIds: [call.id],
    });
    if (mode === 'stream') {
      const types = events.map((event) => event.type);
      expect(types.indexOf('tool-call-started')).toBeLessThan(types.indexOf('tool-call-finished'));
    }
  });

  it.each(MODES)('runs parallel tool calls at once and sends the results back in call order (%s)', async (mode) => {
    const paris = weatherCall(adapter, 'par_a', '{"city":"Paris"}');
    const london = weatherCall(adapter, 'par_b', '{"city":"London"}');
    const replayed = await replay(
      adapter,
      [
        { calls: [paris, london], usage: USAGE_1 },
        { text: ['Paris 18°C cloudy; London 15°C rain.'], usage: USAGE_2 },
      ],
      mode,
    );
    // Both calls must be running at once: each waits until the other has started; London finishes first.
    const started: string[] = [];
    let bothStarted!: () => void;
    const both = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    let londonDone!: () => void;
    const londonFinished = new Promise<void>((resolve) => {
      londonDone = resolve;
    });
    const tool = weatherTool(started, async (city) => {
      if (started.length === 2) bothStarted();
      await both;
      if (city === 'Paris') await londonFinished;
      else londonDone();
      return WEATHER[city] ?? 'unknown';
    });
    const { result } = await runIn(mode, agentWith([tool]), 'Weather in Paris and London?');
    replayed.assertAllUsed();
    expect(started).toEqual(['Paris', 'London']);
    expect(result.steps[0]?.toolCalls.map((call) => call.id)).toEqual([paris.id, london.id]);
    expect(result.text).toBe('Paris 18°C cloudy; London 15°C rain.');
    const second = bodyOf(replayed, 2);
    expect(adapter.toolResults(second)).toEqual([
      { callId: paris.id, output: WEATHER.Paris },
      { callId: london.id, output: WEATHER.London },
    ]);
    adapter.expectToolFollowUp(second, {
      first: bodyOf(replayed, 1),
      previousResponseId: result.steps[0]?.response.raw.id,
      callIds: [paris.id, london.id],
    });
  });

  it.each(MODES)('sends invalid tool arguments back to the model as an error result and goes on (%s)', async (mode) => {
    const badSchema = weatherCall(adapter, 'bad_schema', '{"city":42}');
    const badJson = weatherCall(adapter, 'bad_json', '{"city":');
    // A whole Anthropic answer carries arguments as a JSON object: only a stream can bring broken JSON.
    const calls = adapter.argumentsAsText || mode === 'stream' ? [badJson, badSchema] : [badSchema];
    const replayed = await replay(
      adapter,
      [
        { calls, usage: USAGE_1 },
        { text: ['18°C and cloudy in Paris.'], usage: USAGE_2 },
      ],
      mode,
    );
    const ran: string[] = [];
    const { result } = await runIn(mode, agentWith([weatherTool(ran)]), 'Weather in Paris?');
    replayed.assertAllUsed();
    expect(ran).toEqual([]);
    expect(result.text).toBe('18°C and cloudy in Paris.');
    expect(result.steps[0]?.toolResults.map((part) => part.isError)).toEqual(calls.map(() => true));
    const sent = adapter.toolResults(bodyOf(replayed, 2));
    expect(sent.map((item) => item.callId)).toEqual(calls.map((call) => call.id));
    const schemaError = sent.at(-1);
    expect(schemaError?.output).toBe(
      'Invalid arguments for get_weather: city: expected string. Fix the arguments and call the tool again.',
    );
    if (calls.length === 2) expect(sent[0]?.output).toMatch(/^Invalid JSON in the arguments of get_weather: /);
    for (const item of sent) expect(item.isError).toBe(adapter.toolErrorFlag ? true : undefined);
  });

  it.each(MODES)('sends the reasoning the model needs back byte-exact on the next request (%s)', async (mode) => {
    const first: Turn = {
      reasoning: { text: 'The user wants the weather in Paris; call get_weather.', opaque: 'gAAAAABconf+opaque/Sig==' },
      calls: [weatherCall(adapter, 'think', '{"city":"Paris"}')],
      usage: USAGE_1,
    };
    const replayed = await replay(adapter, [first, { text: ['18°C and cloudy.'], usage: USAGE_2 }], mode);
    const session = await new MemorySessionStore().create();
    const agent = agentWith([weatherTool()], true);
    const { result, events } = await runIn(mode, agent, 'Weather in Paris?', { session });
    replayed.assertAllUsed();
    expect(result.text).toBe('18°C and cloudy.');
    const returned = adapter.reasoningReturned(first, 1);
    const second = bodyOf(replayed, 2);
    expect(returned).toBeTruthy();
    expect(JSON.stringify(adapter.reasoningResent(second))).toBe(JSON.stringify(returned));
    adapter.expectToolFollowUp(second, {
      first: bodyOf(replayed, 1),
      previousResponseId: result.steps[0]?.response.raw.id,
      callIds: first.calls?.map((call) => call.id) ?? [],
    });
    // The session keeps the answer exact too: opaque reasoning is never redacted or reshaped.
    const stored = (await session.read()).find(
      (entry) => entry.type === 'message' && entry.message.role === 'assistant',
    );
    expect(stored?.type === 'message' && stored.message).toEqual(result.messages[1]);
    const answer = result.messages[1];
    expect(answer?.role === 'assistant' && answer.content.some((part) => part.type === 'reasoning')).toBe(true);
    if (mode === 'stream') {
      const reasoning = events.flatMap((event) => (event.type === 'reasoning-delta' ? [event.delta] : []));
      expect(reasoning.join('')).toBe(first.reasoning?.text);
    }
  });

  it.each(MODES)('parses and types structured output (%s)', async (mode) => {
    const answer = ['{"city":"Paris",', '"temp_c":18,"sky":"cloudy"}'];
    const replayed = await replay(adapter, [{ text: answer, usage: USAGE_1 }], mode);
    const agent = new Agent({
      name: 'reporter',
      model: adapter.model(),
      instructions: INSTRUCTIONS,
      output: z.object({ city: z.string(), temp_c: z.number(), sky: z.enum(['clear', 'cloudy', 'rain']) }),
    });
    const { result } = await runIn(mode, agent, 'Paris weather as JSON.');
    replayed.assertAllUsed();
    if (result.status !== 'completed') throw new Error('expected a completed run');
    expectTypeOf(result.output).toEqualTypeOf<{ city: string; temp_c: number; sky: 'clear' | 'cloudy' | 'rain' }>();
    expect(result.output).toEqual({ city: 'Paris', temp_c: 18, sky: 'cloudy' });
    const schema = adapter.outputSchema(bodyOf(replayed, 1));
    expect(Object.keys((schema?.properties ?? {}) as object)).toEqual(['city', 'temp_c', 'sky']);
    adapter.expectOutputFormat(bodyOf(replayed, 1));
  });

  it('aborts mid-stream: AbortedError, and the run ends without waiting for the server', async () => {
    const turn: Turn = { text: ['It is ', '18°C.'], usage: USAGE_1 };
    const holdStreams = eventsThrough(adapter.events(turn, 1), 'It is ');
    const replayed = await replay(adapter, [turn], 'stream', { holdStreams });
    const controller = new AbortController();
    const stream = agentWith([]).stream('Weather in Paris?', { signal: controller.signal });
    const seen: string[] = [];
    const iterated = (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        if (event.type === 'text-delta') controller.abort();
      }
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    // The server never sends the rest: the run must end on the abort alone.
    const error = await stream.result.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AbortedError);
    const iterationError = await iterated;
    expect(iterationError === undefined || iterationError instanceof AbortedError).toBe(true);
    expect(seen).toContain('text-delta');
    expect(seen).not.toContain('run-finished');
    expect(replayed.requests).toHaveLength(1);
    replayed.release();
  });

  it('throws the typed provider error sent mid-stream, after the text before it', async () => {
    const replayed = await useFixtures(
      server,
      [fixtureOf(adapter, 'an error event after HTTP 200', { sse: adapter.errorEvents('Hel') }, 'error')],
      { baseUrl: adapter.origin },
    );
    const stream = agentWith([]).stream('Hello?');
    const deltas: string[] = [];
    const iterationError = await (async () => {
      for await (const event of stream) if (event.type === 'text-delta') deltas.push(event.delta);
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const error = await stream.result.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    replayed.assertAllUsed();
    expect(deltas).toEqual(['Hel']);
    adapter.expectStreamError(error);
    expect(iterationError).toBe(error);
    expect(replayed.requests).toHaveLength(1);
  });

  it.each(MODES)('reports usage per call and summed over the run (%s)', async (mode) => {
    const replayed = await replay(
      adapter,
      [
        { calls: [weatherCall(adapter, 'usage', '{"city":"Paris"}')], usage: USAGE_1 },
        { text: ['18°C and cloudy.'], usage: USAGE_2 },
      ],
      mode,
    );
    const { result, events } = await runIn(mode, agentWith(), 'Weather in Paris?');
    replayed.assertAllUsed();
    const core = (usage: typeof USAGE_1) => ({
      inputTokens: usage.input,
      outputTokens: usage.output,
      totalTokens: usage.input + usage.output,
      reasoningTokens: usage.reasoning,
      cachedInputTokens: usage.cached,
    });
    expect(result.steps.map((step) => step.usage)).toEqual([core(USAGE_1), core(USAGE_2)]);
    expect(result.usage).toEqual({
      inputTokens: 250,
      outputTokens: 50,
      totalTokens: 300,
      reasoningTokens: 10,
      cachedInputTokens: 100,
    });
    if (mode === 'stream') {
      const reported = events.flatMap((event) => (event.type === 'usage' ? [event] : []));
      expect(reported.length).toBeGreaterThanOrEqual(2);
    }
  });
});
