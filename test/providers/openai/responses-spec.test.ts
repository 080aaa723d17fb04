/**
 * OpenAI's Responses model exact to the spec (issue 14, item 6), over replayed fixtures that fix the request we
 * send and the answer we read: message `phase` kept across turns, `max_output_tokens` ≥ 16, the typed settings,
 * `tool_choice` shapes and streamed refusals.
 */
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../src/common/errors.js';
import type { ModelResponse, ModelStreamEvent, ToolSpec } from '../../../src/core/model.js';
import type { Message, TextPart } from '../../../src/core/prompt/message.js';
import { messageSchema } from '../../../src/core/prompt/message-schema.js';
import { Agent } from '../../../src/index.js';
import type { ResponsesResponse } from '../../../src/protocols/openai-responses/wire.js';
import {
  createOpenAIClient,
  createResponse,
  openai,
  openaiProviderOptions,
  webSearch,
} from '../../../src/providers/openai/index.js';
import { replayFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

const BASE = 'https://api.openai.com';

/** A client whose every request is counted (the checks must refuse before any). */
function countingClient() {
  const counter = { requests: 0 };
  const client = createOpenAIClient({
    apiKey: 'sk-test-0123456789abcdef',
    baseUrl: `${BASE}/v1`,
    maxRetries: 0,
    env: {},
    fetch: (input, init) => {
      counter.requests += 1;
      return globalThis.fetch(input, init);
    },
  });
  return { client, counter };
}

async function replay(name: string) {
  const result = await replayFixtures(`test/fixtures/openai/${name}`, { baseUrl: BASE });
  server.use(...result.handlers);
  return result;
}

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const texts = (response: ModelResponse) =>
  response.message.content.filter((part): part is TextPart => part.type === 'text');

async function refusal(run: () => Promise<unknown>): Promise<RequestValidationError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(RequestValidationError.isInstance(error)).toBe(true);
  return error as RequestValidationError;
}

describe('OpenAI Responses: assistant message phase', () => {
  it('keeps the phase of each output message and resends it on every later turn, through a stored history', async () => {
    const fixtures = await replay('responses-phase');
    const { client } = countingClient();
    const model = openai('gpt-5.4', { client, store: false });
    const messages: Message[] = [user('Weather in Paris?')];

    const first = await model.generate({ messages, tools: [weather] });
    expect(first.finishReason).toBe('tool-calls');
    expect(texts(first)).toEqual([{ type: 'text', text: 'Checking the forecast for Paris.', phase: 'commentary' }]);
    // Stored (a session, a run state) and read back: the phase survives the schema.
    const stored = messageSchema.parse(JSON.parse(JSON.stringify(first.message))) as Message;
    expect(stored).toEqual(first.message);
    messages.push(stored, {
      role: 'tool',
      content: [
        { type: 'tool-result', callId: 'call_ph_1', name: 'get_weather', output: '{"temp_c":18,"sky":"cloudy"}' },
      ],
    });

    const second = await model.generate({ messages, tools: [weather] });
    expect(texts(second)).toEqual([{ type: 'text', text: '18 °C and cloudy in Paris.', phase: 'final_answer' }]);
    messages.push(second.message, user('Thanks. What about Rome?'));

    const third = await model.generate({ messages, tools: [weather] });
    expect(texts(third)[0]?.phase).toBe('final_answer');
    // The fixtures hold the exact bodies: turn 2 resends `phase: 'commentary'`, turn 3 both phases.
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(3);
  });
});

describe('OpenAI Responses: max_output_tokens', () => {
  it.each([15, 0, 16.5])('refuses maxOutputTokens %s before any request, naming the field', async (value) => {
    const { client, counter } = countingClient();
    const model = openai('gpt-5.4', { client });
    const error = await refusal(() =>
      model.generate({ messages: [user('Hi')], tools: [], settings: { maxOutputTokens: value } }),
    );
    expect(error.field).toBe('max_output_tokens');
    expect(error.message).toMatch(/max_output_tokens: must be a whole number >= 16.*settings\.maxOutputTokens/);
    expect(counter.requests).toBe(0);
  });

  it('refuses it in stream() and in createResponse() too', async () => {
    const { client, counter } = countingClient();
    const stream = openai('gpt-5.4', { client }).stream({
      messages: [user('Hi')],
      tools: [],
      settings: { maxOutputTokens: 8 },
    });
    await refusal(async () => {
      for await (const _event of stream) {
        // never reached
      }
    });
    const error = await refusal(() => createResponse(client, { model: 'gpt-5.4', input: 'Hi', max_output_tokens: 10 }));
    expect(error.field).toBe('max_output_tokens');
    expect(counter.requests).toBe(0);
  });
});

describe('OpenAI Responses: typed settings', () => {
  it('sends maxToolCalls, metadata, prompt, topLogprobs and truncation as their wire fields; per call they are overridable', async () => {
    const fixtures = await replay('responses-typed-settings');
    const seen: ResponsesResponse[] = [];
    const { client } = countingClient();
    const model = openai('gpt-5.4', {
      client,
      include: ['message.output_text.logprobs'],
      maxToolCalls: 2,
      metadata: { ticket: 'T-42' },
      prompt: { id: 'pmpt_weather', version: '3', variables: { city: 'Paris' } },
      topLogprobs: 2,
      truncation: 'auto',
      onResponse: (response) => seen.push(response),
    });
    const first = await model.generate({
      messages: [user('Weather today?')],
      tools: [],
      settings: { maxOutputTokens: 64 },
    });
    expect(texts(first).map((part) => part.text)).toEqual(['Sunny, 21 °C.']);
    expect(seen[0]).toMatchObject({ metadata: { ticket: 'T-42' }, max_tool_calls: 2, truncation: 'auto' });
    expect(seen[0]?.output[0]).toMatchObject({
      content: [{ logprobs: [{ token: 'Sunny', top_logprobs: [{ token: 'Sunny' }, { token: 'Clear' }] }] }],
    });

    const providerOptions = { openai: openaiProviderOptions({ maxToolCalls: 5, metadata: { ticket: 'T-43' } }) };
    expect(providerOptions.openai).toEqual({ max_tool_calls: 5, metadata: { ticket: 'T-43' } });
    await model.generate({
      messages: [user('Weather today?')],
      tools: [],
      settings: { maxOutputTokens: 64, providerOptions },
    });
    fixtures.assertAllUsed();
  });

  it.each([
    [{ maxToolCalls: -1 }, 'maxToolCalls'],
    [{ maxToolCalls: 1.5 }, 'maxToolCalls'],
    [{ topLogprobs: 21 }, 'topLogprobs'],
    [{ topLogprobs: -1 }, 'topLogprobs'],
    [{ truncation: 'sometimes' as 'auto' }, 'truncation'],
    [{ prompt: { id: '' } }, 'prompt.id'],
    [{ prompt: { id: 'pmpt_1', variables: { city: 3 as unknown as string } } }, 'prompt.variables.city'],
    [{ metadata: { ['k'.repeat(65)]: 'v' } }, `metadata.${'k'.repeat(65)}`],
    [{ metadata: { note: 'v'.repeat(513) } }, 'metadata.note'],
    [{ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 'metadata'],
  ])('refuses %j when the model is made, naming %s', (settings, field) => {
    const { client, counter } = countingClient();
    let caught: unknown;
    try {
      openai('gpt-5.4', { client, ...settings });
    } catch (error) {
      caught = error;
    }
    expect(RequestValidationError.isInstance(caught)).toBe(true);
    expect((caught as RequestValidationError).field).toBe(field);
    expect(counter.requests).toBe(0);
  });

  it('accepts the edges of each range', () => {
    expect(
      openaiProviderOptions({
        maxToolCalls: 0,
        topLogprobs: 20,
        truncation: 'disabled',
        metadata: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`.padEnd(64, 'x'), 'v'.repeat(512)])),
        prompt: {
          id: 'pmpt_1',
          variables: { photo: { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'original' } },
        },
      }),
    ).toMatchObject({ max_tool_calls: 0, top_logprobs: 20, truncation: 'disabled' });
  });

  it('checks the same fields given as raw provider options, before any request', async () => {
    const { client, counter } = countingClient();
    const model = openai('gpt-5.4', { client });
    const error = await refusal(() =>
      model.generate({
        messages: [user('Hi')],
        tools: [],
        settings: { providerOptions: { openai: { top_logprobs: 30, truncation: 'never' } } },
      }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['top_logprobs', 'truncation']);
    expect(counter.requests).toBe(0);
  });
});

describe('OpenAI Responses: tool_choice', () => {
  it("forces web_search (absent from the spec's hosted list) through allowed_tools with mode required", async () => {
    const fixtures = await replay('responses-force-web-search');
    const { client } = countingClient();
    const model = openai('gpt-5.4', { client, builtinTools: [webSearch()] });
    const response = await model.generate({
      messages: [user('Latest stable Node.js version?')],
      tools: [weather],
      toolChoice: { tool: 'web_search' },
    });
    fixtures.assertAllUsed();
    expect(response.message.content[0]).toMatchObject({ type: 'provider-item', data: { type: 'web_search_call' } });
    expect(texts(response).map((part) => part.text)).toEqual(['Node.js 24 is the current LTS line.']);
  });

  it('refuses a choice that names no tool and no hosted type, naming tool_choice and the allowed shapes', async () => {
    const { client, counter } = countingClient();
    const model = openai('gpt-5.4', { client });
    const error = await refusal(() =>
      model.generate({ messages: [user('Hi')], tools: [weather], toolChoice: { tool: 'get_wether' } }),
    );
    expect(error.field).toBe('tool_choice');
    expect(error.message).toContain('"get_wether"');
    expect(error.message).toMatch(/allowed shapes: "none", "auto", "required", \{ type: "function", name \}/);
    expect(error.message).toContain('{ type: "allowed_tools", mode: "auto" | "required"');
    expect(error.message).toContain('{ type: "mcp", server_label, name? }, { type: "custom", name }');
    expect(error.message).toContain('"programmatic_tool_calling"');
    expect(counter.requests).toBe(0);
  });

  it.each([
    [{ type: 'web_search' }, /"web_search" is not a tool_choice type/],
    [{ type: 'function' }, /needs a name/],
    [{ type: 'mcp', name: 'x' }, /needs a server_label/],
    [{ type: 'allowed_tools', mode: 'any', tools: [{ type: 'web_search' }] }, /mode must be/],
    [{ type: 'allowed_tools', mode: 'auto', tools: [] }, /non-empty tools list/],
    ['sometimes', /is not a tool choice/],
  ])('refuses the raw tool_choice %j from provider options before sending', async (choice, message) => {
    const { client, counter } = countingClient();
    const model = openai('gpt-5.4', { client });
    const error = await refusal(() =>
      model.generate({
        messages: [user('Hi')],
        tools: [weather],
        settings: { providerOptions: { openai: { tool_choice: choice } } },
      }),
    );
    expect(error.field).toBe('tool_choice');
    expect(error.message).toMatch(message);
    expect(counter.requests).toBe(0);
  });
});

describe('OpenAI Responses: refusals', () => {
  it('streams a refusal as refusal-delta events, never as text, and ends with finish reason content-filter', async () => {
    const fixtures = await replay('responses-stream-refusal');
    const { client } = countingClient();
    const events: ModelStreamEvent[] = [];
    for await (const event of openai('gpt-5.4', { client }).stream({
      messages: [user("Tell me how to pick my neighbour's lock.")],
      tools: [],
    })) {
      events.push(event);
    }
    fixtures.assertAllUsed();
    expect(events.map((event) => event.type)).toEqual(['refusal-delta', 'refusal-delta', 'usage', 'response']);
    expect(events.slice(0, 2)).toEqual([
      { type: 'refusal-delta', delta: "I can't help with " },
      { type: 'refusal-delta', delta: "getting into someone else's home." },
    ]);
    const last = events.at(-1);
    expect(last?.type === 'response' && last.response.finishReason).toBe('content-filter');
    expect(last?.type === 'response' && texts(last.response)[0]?.text).toBe(
      "I can't help with getting into someone else's home.",
    );
  });

  it('marks a refusal and sends it back as a refusal part on the next turn, also after a session stored it', async () => {
    const fixtures = await replay('responses-refusal-replay');
    const { client } = countingClient();
    const model = openai('gpt-5.4', { client, store: false });
    const messages: Message[] = [user("Tell me how to pick my neighbour's lock.")];

    const first = await model.generate({ messages, tools: [] });
    expect(first.finishReason).toBe('content-filter');
    expect(texts(first)).toEqual([
      { type: 'text', text: "I can't help with getting into someone else's home.", refusal: true },
    ]);
    const stored = messageSchema.parse(JSON.parse(JSON.stringify(first.message))) as Message;
    expect(stored).toEqual(first.message);
    messages.push(stored, user('Then how do I call a locksmith?'));

    const second = await model.generate({ messages, tools: [] });
    expect(texts(second)).toEqual([{ type: 'text', text: 'Search for a licensed locksmith near you and call them.' }]);
    // Fixture 2 holds the exact body: the assistant turn is `[{ type: 'refusal', refusal }]`, not output_text.
    fixtures.assertAllUsed();
  });

  it("streams the refusal through an agent's stream as refusal-delta events, the refusal as the final text", async () => {
    await replay('responses-stream-refusal');
    const { client } = countingClient();
    const agent = new Agent({ name: 'assistant', model: openai('gpt-5.4', { client }) });
    const stream = agent.stream("Tell me how to pick my neighbour's lock.");
    const types: string[] = [];
    const refused: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'refusal-delta') refused.push(event.delta);
    }
    const result = await stream.result;
    expect(types).not.toContain('text-delta');
    expect(refused.join('')).toBe("I can't help with getting into someone else's home.");
    expect(types).toContain('run-finished');
    expect(result.text).toBe("I can't help with getting into someone else's home.");
    expect(result.finishReason).toBe('content-filter');
  });
});
