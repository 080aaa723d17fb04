/**
 * The agent loop on the real Responses models (`openai()` and `xai()`), over replayed fixtures
 * (`test/fixtures/<provider>/agent-*`): every request body the loop makes is checked against its fixture, and
 * the differences between the two providers (xAI sends no `instructions` with `previous_response_id`; strict
 * tool schemas only at OpenAI) are asserted here too.
 */
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { MaxTurnsExceededError } from '../../../src/common/errors.js';
import { Agent } from '../../../src/core/agent/agent.js';
import type { AgentEvent } from '../../../src/core/agent/events.js';
import type { RunSnapshot } from '../../../src/core/agent/run.js';
import type { ChatModel } from '../../../src/core/model.js';
import type { Message } from '../../../src/core/prompt/message.js';
import { MemorySessionStore } from '../../../src/core/session/memory-session.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import { createOpenAIClient, openai } from '../../../src/providers/openai/index.js';
import { createXAIClient, xai } from '../../../src/providers/xai/index.js';
import { type CapturedRequest, type FixtureReplay, useFixtures } from '../../../src/testing/index.js';
import { handoff } from '../../../src/toolsets/index.js';
import { server } from '../../msw.js';

interface ProviderCase {
  name: 'openai' | 'xai';
  base: string;
  /** A chained request resends the instructions (OpenAI) or must leave them out (xAI). */
  instructionsWhenChained: boolean;
  model(options?: { store?: boolean }): ChatModel;
}

const providers: ProviderCase[] = [
  {
    name: 'openai',
    base: 'https://api.openai.com',
    instructionsWhenChained: true,
    model: (options = {}) =>
      openai('gpt-5.4-mini', {
        client: createOpenAIClient({
          apiKey: 'sk-test-0123456789abcdef',
          baseUrl: 'https://api.openai.com/v1',
          maxRetries: 0,
          env: {},
        }),
        ...options,
      }),
  },
  {
    name: 'xai',
    base: 'https://api.x.ai',
    instructionsWhenChained: false,
    model: (options = {}) =>
      xai('grok-4.3', {
        client: createXAIClient({
          apiKey: 'xai-test-0123456789abcdef',
          baseUrl: 'https://api.x.ai/v1',
          maxRetries: 0,
          env: {},
        }),
        ...options,
      }),
  },
];

const INSTRUCTIONS = 'You are a weather bot. Use the tools.';
const WEATHER: Record<string, { city: string; temp_c: number; sky: string }> = {
  Paris: { city: 'Paris', temp_c: 18, sky: 'cloudy' },
  Rome: { city: 'Rome', temp_c: 24, sky: 'sunny' },
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const weatherTool = (run?: (city: string) => Promise<unknown> | unknown) =>
  defineTool({
    name: 'get_weather',
    description: 'Current weather for a city',
    input: z.object({ city: z.string() }),
    run: ({ city }) => (run ? run(city) : WEATHER[city]),
  });

const timeTool = defineTool({
  name: 'get_time',
  description: 'Local time in a city',
  input: z.object({ city: z.string() }),
  run: ({ city }) => ({ city, time: '14:05' }),
});

const bookTool = (booked: string[]) =>
  defineTool({
    name: 'book_table',
    description: 'Books a table at a restaurant',
    input: z.object({ restaurant: z.string() }),
    needsApproval: true,
    run: ({ restaurant }) => {
      booked.push(restaurant);
      return `Booked a table at ${restaurant}.`;
    },
  });

/** The JSON body of the n-th request (from 1). */
function bodyOf(replay: FixtureReplay, n: number): Record<string, unknown> {
  const request: CapturedRequest | undefined = replay.requests[n - 1];
  const body = request?.body;
  if (!body || !('json' in body)) throw new Error(`request ${n} has no JSON body`);
  return body.json as Record<string, unknown>;
}

function inputTypes(body: Record<string, unknown>): unknown[] {
  return (body.input as { type?: string; role?: string }[]).map((item) => item.type ?? item.role);
}

describe.each(providers)('Agent on $name Responses (replayed fixtures)', (provider) => {
  const fixtures = (scenario: string, holdStreams = false) =>
    useFixtures(server, `test/fixtures/${provider.name}/agent-${scenario}`, { baseUrl: provider.base, holdStreams });

  it('runs a 3-step tool loop: a fresh request, then previous_response_id follow-ups with only the outputs', async () => {
    const replay = await fixtures('tool-loop');
    const agent = new Agent({
      name: 'weather',
      model: provider.model(),
      instructions: INSTRUCTIONS,
      tools: [weatherTool(), timeTool],
    });
    const result = await agent.run('Weather and local time in Paris?');
    replay.assertAllUsed();

    expect(result.status).toBe('completed');
    expect(result.text).toBe("It's 18 °C and cloudy in Paris, and the local time is 14:05.");
    expect(result.finishReason).toBe('stop');
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.name))).toEqual([
      ['get_weather'],
      ['get_time'],
      [],
    ]);
    expect(result.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    // Usage totals over the three calls. xAI counts visible output only (6 + 12 reasoning tokens in the first
    // call); the model reports output with reasoning, as OpenAI does (18 with 12 of reasoning), so both agree.
    expect(result.usage).toMatchObject({ inputTokens: 270, outputTokens: 55, totalTokens: 325, reasoningTokens: 12 });

    // 1: fresh — instructions, the whole history, the tools (strict only at OpenAI).
    const first = bodyOf(replay, 1);
    expect(first.instructions).toBe(INSTRUCTIONS);
    expect(first.previous_response_id).toBeUndefined();
    expect(inputTypes(first)).toEqual(['user']);
    const tools = first.tools as { strict?: boolean }[];
    expect(tools.map((tool) => tool.strict)).toEqual(
      provider.name === 'openai' ? [true, true] : [undefined, undefined],
    );
    // 2 and 3: chained on the previous response, sending only the function_call_output items.
    for (const [n, previous, callId] of [
      [2, 1, 'call_loop_weather'],
      [3, 2, 'call_loop_time'],
    ] as const) {
      const body = bodyOf(replay, n);
      expect(body.previous_response_id).toBe(result.steps[previous - 1]?.response.raw.id);
      expect(body.input).toEqual([expect.objectContaining({ type: 'function_call_output', call_id: callId })]);
      expect(body.instructions).toBe(provider.instructionsWhenChained ? INSTRUCTIONS : undefined);
    }
  });

  it('runs two parallel tool calls at once and answers both in one chained request, in call order', async () => {
    const replay = await fixtures('parallel-calls');
    const gates = { Paris: deferred(), Rome: deferred() };
    const started: string[] = [];
    const agent = new Agent({
      name: 'weather',
      model: provider.model(),
      instructions: INSTRUCTIONS,
      tools: [
        weatherTool(async (city) => {
          started.push(city);
          await gates[city as 'Paris' | 'Rome'].promise;
          return WEATHER[city];
        }),
      ],
    });
    const running = agent.run('Weather in Paris and Rome?');
    await vi.waitFor(() => expect(started).toEqual(['Paris', 'Rome']));
    gates.Rome.resolve();
    gates.Paris.resolve();
    const result = await running;
    replay.assertAllUsed();
    expect(result.text).toBe('Paris 18 °C and cloudy, Rome 24 °C and sunny.');
    expect(bodyOf(replay, 2).input).toEqual([
      { type: 'function_call_output', call_id: 'call_par_paris', output: JSON.stringify(WEATHER.Paris) },
      { type: 'function_call_output', call_id: 'call_par_rome', output: JSON.stringify(WEATHER.Rome) },
    ]);
  });

  it('sends bad JSON and schema errors back as function_call_output text and goes on', async () => {
    const replay = await fixtures('invalid-args');
    const ran: string[] = [];
    const agent = new Agent({
      name: 'weather',
      model: provider.model(),
      instructions: INSTRUCTIONS,
      tools: [
        weatherTool((city) => {
          ran.push(city);
          return WEATHER[city];
        }),
      ],
    });
    const result = await agent.run('Weather in Paris?');
    replay.assertAllUsed();
    expect(result.text).toBe('18 °C and cloudy in Paris.');
    expect(ran).toEqual(['Paris']);
    const [badJson, badSchema] = bodyOf(replay, 2).input as { call_id: string; output: string }[];
    expect(badJson).toMatchObject({ call_id: 'call_bad_json' });
    expect(badJson?.output).toMatch(/^Invalid JSON in the arguments of get_weather: /);
    expect(badSchema).toMatchObject({ call_id: 'call_bad_schema' });
    expect(badSchema?.output).toMatch(/^Invalid arguments for get_weather: city: /);
    expect(result.steps[0]?.toolResults.map((item) => item.isError)).toEqual([true, true]);
  });

  it('sends a throwing tool back as an error result and goes on', async () => {
    const replay = await fixtures('throwing-tool');
    const agent = new Agent({
      name: 'weather',
      model: provider.model(),
      instructions: INSTRUCTIONS,
      tools: [
        weatherTool(() => {
          throw new Error('weather service is down');
        }),
      ],
    });
    const result = await agent.run('Weather in Paris?');
    replay.assertAllUsed();
    expect(result.text).toBe('Sorry, the weather service is down right now.');
    expect(bodyOf(replay, 2).input).toEqual([
      { type: 'function_call_output', call_id: 'call_throws', output: 'get_weather failed: weather service is down' },
    ]);
  });

  it.each([
    ['granted', true],
    ['refused', false],
  ])('asks the approval callback: %s', async (scenario, approve) => {
    const replay = await fixtures(`approval-${scenario}`);
    const booked: string[] = [];
    const asked: string[] = [];
    const agent = new Agent({
      name: 'booker',
      model: provider.model(),
      instructions: 'You book restaurants.',
      tools: [bookTool(booked)],
    });
    const result = await agent.run('Book a table at Chez Nous.', {
      onApproval: (request) => {
        asked.push(`${request.toolName} ${JSON.stringify(request.input)}`);
        return approve;
      },
    });
    replay.assertAllUsed();
    expect(asked).toEqual(['book_table {"restaurant":"Chez Nous"}']);
    expect(booked).toEqual(approve ? ['Chez Nous'] : []);
    expect(result.text).toBe(approve ? 'Your table at Chez Nous is booked.' : 'Understood, I did not book the table.');
    const [output] = bodyOf(replay, 2).input as { output: string }[];
    expect(output?.output).toBe(
      approve
        ? 'Booked a table at Chez Nous.'
        : 'The user refused this call of book_table. Do not call it again unless the user asks for it.',
    );
  });

  it('at maxTurns throws MaxTurnsExceededError with the partial result', async () => {
    const replay = await fixtures('max-turns');
    const agent = new Agent({
      name: 'weather',
      model: provider.model(),
      instructions: INSTRUCTIONS,
      tools: [weatherTool()],
      maxTurns: 1,
    });
    const error = await agent.run('Weather in Paris?').catch((caught: unknown) => caught);
    replay.assertAllUsed();
    expect(MaxTurnsExceededError.isInstance(error)).toBe(true);
    if (!MaxTurnsExceededError.isInstance(error)) return;
    expect(error.maxTurns).toBe(1);
    // The loop's partial result is a run snapshot (the error's own type only promises its common fields).
    const partial = error.partial as RunSnapshot;
    expect(partial.steps).toHaveLength(1);
    expect(partial.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(partial.steps[0]?.toolResults[0]?.output).toBe(JSON.stringify(WEATHER.Paris));
    expect(replay.requests).toHaveLength(1);
  });

  it('at maxTurns with forceFinalAnswer makes one last call with tool_choice none', async () => {
    const replay = await fixtures('force-final');
    const agent = new Agent({
      name: 'weather',
      model: provider.model(),
      instructions: INSTRUCTIONS,
      tools: [weatherTool()],
      maxTurns: 1,
    });
    const result = await agent.run('Weather in Paris?', { forceFinalAnswer: true });
    replay.assertAllUsed();
    expect(result.text).toBe('18 °C and cloudy in Paris.');
    expect(result.steps).toHaveLength(2);
    expect(bodyOf(replay, 1).tool_choice).toBe('auto');
    const last = bodyOf(replay, 2);
    expect(last.tool_choice).toBe('none');
    expect(last.previous_response_id).toBe(result.steps[0]?.response.raw.id);
    expect(inputTypes(last)).toEqual(['function_call_output']);
  });

  it('streams text deltas while the server still holds back the rest of the stream', async () => {
    const replay = await fixtures('stream-held', true);
    const agent = new Agent({ name: 'streamer', model: provider.model(), instructions: 'Answer in one sentence.' });
    const stream = agent.stream('Weather in Paris?');
    const events: AgentEvent<string>[] = [];
    const beforeRelease: string[] = [];
    let released = false;
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'text-delta' && !released) {
        beforeRelease.push(event.delta);
        // The first delta arrived; the server has sent nothing else yet.
        released = true;
        replay.release();
      }
    }
    const result = await stream.result;
    replay.assertAllUsed();
    expect(beforeRelease).toEqual(["It's "]);
    expect(bodyOf(replay, 1).stream).toBe(true);
    expect(events.map((event) => event.type)).toEqual([
      'run-started',
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
    expect(text).toBe("It's 18 °C and cloudy in Paris.");
    expect(result.text).toBe(text);
    expect(result.usage).toMatchObject({ inputTokens: 20, outputTokens: 12 });
  });

  it('without store sends the whole history back with the reasoning item exactly as received', async () => {
    const replay = await fixtures('stateless-reasoning');
    const session = await new MemorySessionStore().create();
    const agent = new Agent({
      name: 'weather',
      model: provider.model({ store: false }),
      instructions: INSTRUCTIONS,
      tools: [weatherTool()],
    });
    const result = await agent.run('Weather in Paris?', { session });
    replay.assertAllUsed();
    expect(result.text).toBe('18 °C and cloudy in Paris.');
    const first = bodyOf(replay, 1);
    expect(first).toMatchObject({ store: false, include: ['reasoning.encrypted_content'] });
    const second = bodyOf(replay, 2);
    expect(second.previous_response_id).toBeUndefined();
    expect(second.instructions).toBe(INSTRUCTIONS);
    expect(inputTypes(second)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);
    const firstAnswer = replay.fixtures[0]?.response.body as { json: { output: unknown[] } } | undefined;
    const received = firstAnswer?.json.output[0];
    expect(received).toMatchObject({ type: 'reasoning', encrypted_content: 'gAAAAABo-agent-opaque==' });
    expect((second.input as unknown[])[1]).toEqual(received);
    // The session keeps it exact too (opaque data is never redacted or reshaped).
    const stored = (await session.read()).find(
      (entry) => entry.type === 'message' && entry.message.role === 'assistant',
    );
    const part = stored?.type === 'message' ? stored.message.content[0] : undefined;
    expect(part).toEqual({
      type: 'reasoning',
      provider: provider.name,
      summary: 'The user wants the weather; call get_weather.',
      data: received,
    });
  });

  it('parses structured output into the schema type', async () => {
    const replay = await fixtures('structured-output');
    const report = z.object({ city: z.string(), temp_c: z.number(), sky: z.enum(['sunny', 'cloudy', 'rain']) });
    const agent = new Agent({
      name: 'reporter',
      model: provider.model(),
      instructions: 'Report the weather.',
      output: report,
    });
    const result = await agent.run('Weather in Paris as JSON.');
    replay.assertAllUsed();
    if (result.status !== 'completed') throw new Error('expected a completed run');
    expect(result.output).toEqual({ city: 'Paris', temp_c: 18, sky: 'cloudy' });
    expectTypeOf(result.output).toEqualTypeOf<{ city: string; temp_c: number; sky: 'sunny' | 'cloudy' | 'rain' }>();
    const format = (bodyOf(replay, 1).text as { format: { type: string; name: string; strict?: boolean } }).format;
    expect(format).toMatchObject({ type: 'json_schema', name: 'output' });
    expect(format.strict).toBe(provider.name === 'openai' ? true : undefined);
  });
});

describe('Agent on xai Responses: transfer', () => {
  it('runs the agent it transfers to under its own instructions: no previous_response_id after the transfer', async () => {
    const replay = await useFixtures(server, 'test/fixtures/xai/agent-transfer', { baseUrl: 'https://api.x.ai' });
    const model = () =>
      xai('grok-4.3', {
        client: createXAIClient({
          apiKey: 'xai-test-0123456789abcdef',
          baseUrl: 'https://api.x.ai/v1',
          maxRetries: 0,
          env: {},
        }),
      });
    const billing = new Agent({ name: 'billing', model: model(), instructions: 'You handle billing.' });
    const triage = new Agent({
      name: 'triage',
      model: model(),
      instructions: 'Route the user.',
      tools: [handoff(billing, { mode: 'transfer' })],
    });
    const result = await triage.run('Refund order A1 please.');
    replay.assertAllUsed();
    expect(result.agent).toBe('billing');
    expect(result.text).toBe('Billing here: order A1 is refunded.');
    const after = bodyOf(replay, 2);
    // xAI cannot take instructions with previous_response_id; chained, billing would answer as triage.
    expect(after.previous_response_id).toBeUndefined();
    expect(after.instructions).toBe('You handle billing.');
    expect(inputTypes(after)).toEqual(['user', 'function_call', 'function_call_output']);
    const messages: Message[] = result.messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
  });
});
