import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
  ServerError,
} from '../../../src/common/errors.js';
import type { ModelRequest, ModelStreamEvent, ToolSpec } from '../../../src/core/model.js';
import type { Message, ToolCallPart } from '../../../src/core/prompt/message.js';
import { anthropic, createAnthropicClient } from '../../../src/providers/anthropic/index.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { settlesSoon } from '../../helpers.js';
import { server } from '../../msw.js';

const BASE = 'https://api.anthropic.com';
const DIR = 'test/fixtures/anthropic';
const KEY = 'sk-ant-api03-test-key-0123456789';

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function client(options: { maxRetries?: number } = {}) {
  return createAnthropicClient({ apiKey: KEY, env: {}, maxRetryDelayMs: 1, ...options });
}

function user(text: string): Message {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function toolResults(results: { callId: string; output: string; isError?: boolean }[]): Message {
  return {
    role: 'tool',
    content: results.map((result) => ({ type: 'tool-result', name: 'get_weather', ...result })),
  };
}

function calls(message: { content: readonly { type: string }[] }): ToolCallPart[] {
  return message.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
}

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** An inline fixture answering any /v1/messages body with `message`. */
function answer(message: Record<string, unknown>, body: Fixture['request']['body'] = { any: true }): Fixture {
  return {
    source: 'docs',
    notes: 'shared/api/anthropic.md § Response — Message object',
    request: { method: 'POST', path: '/v1/messages', body },
    response: { status: 200, body: { json: message } },
  };
}

function message(stopReason: string, content: unknown[] = [{ type: 'text', text: 'ok' }]): Record<string, unknown> {
  return {
    id: 'msg_x',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-6',
    content,
    stop_reason: stopReason,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}

describe('anthropic() generate', () => {
  it('sends system, max_tokens, x-api-key and anthropic-version; parses text, usage and ids', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-basic`, { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const response = await model.generate({
      instructions: 'Be brief.',
      messages: [user('Why is the sky blue?')],
      tools: [],
      settings: { maxOutputTokens: 512 },
    });
    replay.assertAllUsed();
    expect(model.provider).toBe('anthropic');
    expect(response.message.content).toEqual([
      { type: 'text', text: 'Air scatters short blue wavelengths of sunlight more than red ones.' },
    ]);
    expect(response.finishReason).toBe('stop');
    expect(response.usage).toEqual({ inputTokens: 19, outputTokens: 17, totalTokens: 36, cachedInputTokens: 0 });
    expect(response.raw).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      requestId: 'req_018EeWyXxfu5pfWkrYcMdjWG',
      model: 'claude-sonnet-4-6',
    });
    expect(replay.requests[0]?.headers['x-api-key']).toBe(KEY);
    expect(replay.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('round-trips tool_use and tool_result exactly as the docs example', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-tool-round-trip`, { baseUrl: BASE });
    const model = anthropic('claude-opus-4-8', { client: client(), maxTokens: 1024 });
    const history: Message[] = [user('Weather in Paris?')];
    const first = await model.generate({ messages: history, tools: [weather] });
    expect(first.finishReason).toBe('tool-calls');
    expect(calls(first.message)).toEqual([
      { type: 'tool-call', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', arguments: '{"city":"Paris"}' },
    ]);
    history.push(first.message, toolResults([{ callId: 'toolu_01A09q90qw90lq917835lq9', output: '18°C, cloudy' }]));
    const second = await model.generate({ messages: history, tools: [weather] });
    replay.assertAllUsed();
    expect(second.message.content).toEqual([{ type: 'text', text: "It's 18°C and cloudy in Paris." }]);
    expect(second.finishReason).toBe('stop');
  });

  it('runs a 3-step tool loop with the right bodies (3 requests) and counts cache tokens as input', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-tool-loop`, { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const history: Message[] = [user('Compare the weather in Paris and London.')];
    const outputs: Record<string, string> = { Paris: '18°C, cloudy', London: '15°C, rain' };
    const usages = [];
    for (let step = 0; step < 5; step++) {
      const request: ModelRequest = {
        instructions: 'Be brief.',
        messages: history,
        tools: [weather],
        toolChoice: 'auto',
      };
      const response = await model.generate(request);
      usages.push(response.usage);
      history.push(response.message);
      if (response.finishReason !== 'tool-calls') break;
      history.push(
        toolResults(
          calls(response.message).map((call) => ({
            callId: call.id,
            output: outputs[(JSON.parse(call.arguments) as { city: string }).city] ?? '?',
          })),
        ),
      );
    }
    replay.assertAllUsed();
    expect(replay.requests).toHaveLength(3);
    expect(history.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Paris is 3°C warmer and dry; London is rainy.' }],
    });
    expect(usages[1]).toEqual({ inputTokens: 470, outputTokens: 30, totalTokens: 500, cachedInputTokens: 420 });
  });

  it('handles two parallel tool calls and sends both results (one is_error) in one user turn', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-parallel-tools`, { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const history: Message[] = [user('Weather in Paris and London?')];
    const first = await model.generate({ messages: history, tools: [weather] });
    expect(calls(first.message).map((call) => [call.id, call.arguments])).toEqual([
      ['toolu_par_a', '{"city":"Paris"}'],
      ['toolu_par_b', '{"city":"London"}'],
    ]);
    history.push(
      first.message,
      toolResults([
        { callId: 'toolu_par_a', output: '18°C, cloudy' },
        { callId: 'toolu_par_b', output: 'weather service unavailable', isError: true },
      ]),
    );
    const second = await model.generate({ messages: history, tools: [weather] });
    replay.assertAllUsed();
    expect(second.finishReason).toBe('stop');
  });

  it('returns thinking and redacted_thinking blocks as reasoning parts and sends them back exactly', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-thinking`, { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const settings = { reasoning: { budgetTokens: 2048 } };
    const history: Message[] = [user('Weather in Paris?')];
    const first = await model.generate({ messages: history, tools: [weather], settings });
    const [thinking, redacted, call] = first.message.content;
    const fixture = replay.fixtures[0]?.response.body as { json: { content: unknown[] } };
    expect(thinking).toEqual({
      type: 'reasoning',
      provider: 'anthropic',
      text: 'The user wants the weather in Paris. I should call get_weather.',
      data: fixture.json.content[0],
    });
    expect(redacted).toEqual({ type: 'reasoning', provider: 'anthropic', data: fixture.json.content[1] });
    expect(call?.type).toBe('tool-call');
    expect(first.usage.reasoningTokens).toBe(150);
    // The history survives a JSON round trip (a saved session) and is still accepted.
    const restored = JSON.parse(JSON.stringify(history.concat(first.message))) as Message[];
    restored.push(toolResults([{ callId: 'toolu_think_1', output: '18°C, cloudy' }]));
    const second = await model.generate({ messages: restored, tools: [weather], settings });
    replay.assertAllUsed();
    expect(second.message.content).toEqual([{ type: 'text', text: '18°C and cloudy.' }]);
  });

  it('drops reasoning parts of other providers', async () => {
    const replay = await useFixtures(
      server,
      answer(message('end_turn'), {
        json: {
          model: 'claude-sonnet-4-6',
          max_tokens: 4096,
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
            { role: 'user', content: 'again' },
          ],
        },
      }),
      { baseUrl: BASE },
    );
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    await model.generate({
      messages: [
        user('hi'),
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', provider: 'openai', data: { type: 'reasoning', id: 'rs_1' } },
            { type: 'text', text: 'hello' },
          ],
        },
        user('again'),
      ],
      tools: [],
    });
    replay.assertAllUsed();
  });

  it('asks for structured output through output_config.format and returns the JSON text', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-structured`, { baseUrl: BASE });
    const model = anthropic('claude-opus-4-8', { client: client() });
    // As zod's toJSONSchema (input side) makes it: no additionalProperties. The fixture expects it sent as false.
    const schema = { type: 'object', properties: { temp_c: { type: 'number' } }, required: ['temp_c'] };
    const response = await model.generate({
      messages: [user('Paris weather as JSON')],
      tools: [],
      output: { name: 'weather', schema },
      settings: { maxOutputTokens: 256 },
    });
    replay.assertAllUsed();
    expect(schema).not.toHaveProperty('additionalProperties');
    const text = response.message.content.find((part) => part.type === 'text');
    expect(JSON.parse(text?.type === 'text' ? text.text : '')).toEqual({ temp_c: 18 });
  });

  it('closes every object of the output schema (nested, items, anyOf, $defs) without touching the caller schema', async () => {
    const schema = Object.freeze({
      type: 'object',
      properties: Object.freeze({
        city: { type: 'string' },
        now: { type: 'object', properties: { temp_c: { type: 'number' } }, required: ['temp_c'] },
        days: { type: 'array', items: { type: 'object', properties: { day: { type: 'string' } } } },
        alert: { anyOf: [{ type: 'object', properties: { text: { type: 'string' } } }, { type: 'null' }] },
        place: { $ref: '#/$defs/place' },
        tags: { type: 'object', additionalProperties: { type: 'object', properties: { v: { type: 'number' } } } },
        loose: { type: 'object', properties: {}, additionalProperties: true },
      }),
      required: ['city'],
      $defs: { place: { type: 'object', properties: { name: { type: 'string' } } } },
    });
    const before = JSON.stringify(schema);
    const replay = await useFixtures(
      server,
      answer(message('end_turn', [{ type: 'text', text: '{"city":"Paris"}' }]), {
        json: {
          model: 'claude-opus-4-8',
          max_tokens: 4096,
          messages: [{ role: 'user', content: 'Paris weather as JSON' }],
          output_config: {
            format: {
              type: 'json_schema',
              schema: {
                type: 'object',
                properties: {
                  city: { type: 'string' },
                  now: {
                    type: 'object',
                    properties: { temp_c: { type: 'number' } },
                    required: ['temp_c'],
                    additionalProperties: false,
                  },
                  days: {
                    type: 'array',
                    items: { type: 'object', properties: { day: { type: 'string' } }, additionalProperties: false },
                  },
                  alert: {
                    anyOf: [
                      { type: 'object', properties: { text: { type: 'string' } }, additionalProperties: false },
                      { type: 'null' },
                    ],
                  },
                  place: { $ref: '#/$defs/place' },
                  tags: {
                    type: 'object',
                    additionalProperties: {
                      type: 'object',
                      properties: { v: { type: 'number' } },
                      additionalProperties: false,
                    },
                  },
                  loose: { type: 'object', properties: {}, additionalProperties: false },
                },
                required: ['city'],
                $defs: {
                  place: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
                },
                additionalProperties: false,
              },
            },
          },
        },
      }),
      { baseUrl: BASE },
    );
    await anthropic('claude-opus-4-8', { client: client() }).generate({
      messages: [user('Paris weather as JSON')],
      tools: [],
      output: { name: 'weather', schema },
    });
    replay.assertAllUsed();
    expect(JSON.stringify(schema)).toBe(before);
  });

  it('maps user images and documents to image / document blocks', async () => {
    const pdf = 'JVBERi0xLjQK';
    const png = 'iVBORw0KGgo=';
    const replay = await useFixtures(
      server,
      answer(message('end_turn'), {
        json: {
          model: 'claude-sonnet-4-6',
          max_tokens: 4096,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'Describe these.' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
                { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
                {
                  type: 'document',
                  source: { type: 'base64', media_type: 'application/pdf', data: pdf },
                  title: 'report.pdf',
                },
                { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
                { type: 'document', source: { type: 'file', file_id: 'file_011' } },
              ],
            },
          ],
        },
      }),
      { baseUrl: BASE },
    );
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    await model.generate({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe these.' },
            { type: 'image', source: { kind: 'base64', data: png, mimeType: 'image/png' } },
            { type: 'image', source: { kind: 'url', url: `data:image/png;base64,${png}` } },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
            {
              type: 'file',
              source: { kind: 'base64', data: pdf, mimeType: 'application/pdf' },
              filename: 'report.pdf',
            },
            {
              type: 'file',
              source: {
                kind: 'base64',
                data: btoa(String.fromCharCode(104, 195, 169, 108, 108, 111)),
                mimeType: 'text/plain',
              },
            },
            { type: 'file', source: { kind: 'file', fileId: 'file_011' } },
          ],
        },
      ],
      tools: [],
    });
    replay.assertAllUsed();
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    ['model_context_window_exceeded', 'length'],
    ['something_new', 'other'],
  ])('maps stop_reason %s to %s', async (stopReason, finishReason) => {
    await useFixtures(server, answer(message(stopReason)), { baseUrl: BASE });
    const response = await anthropic('claude-sonnet-4-6', { client: client() }).generate({
      messages: [user('hi')],
      tools: [],
    });
    expect(response.finishReason).toBe(finishReason);
  });

  it('keeps server tool blocks as provider items and replays them unchanged', async () => {
    const serverUse = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'paris' } };
    const result = { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] };
    await useFixtures(server, answer(message('pause_turn', [serverUse, result])), { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const first = await model.generate({ messages: [user('search')], tools: [] });
    expect(first.finishReason).toBe('other');
    expect(first.message.content).toEqual([
      { type: 'provider-item', provider: 'anthropic', data: serverUse },
      { type: 'provider-item', provider: 'anthropic', data: result },
    ]);
    const replay = await useFixtures(
      server,
      answer(message('end_turn'), {
        json: {
          model: 'claude-sonnet-4-6',
          max_tokens: 4096,
          messages: [
            { role: 'user', content: 'search' },
            { role: 'assistant', content: [serverUse, result] },
          ],
        },
      }),
      { baseUrl: BASE },
    );
    await model.generate({ messages: [user('search'), first.message], tools: [] });
    replay.assertAllUsed();
  });
});

describe('anthropic() tool_choice and settings', () => {
  const cases: [ModelRequest['toolChoice'], boolean | undefined, Record<string, unknown> | undefined][] = [
    ['auto', undefined, { type: 'auto' }],
    ['required', undefined, { type: 'any' }],
    ['none', undefined, { type: 'none' }],
    [{ tool: 'get_weather' }, undefined, { type: 'tool', name: 'get_weather' }],
    ['required', false, { type: 'any', disable_parallel_tool_use: true }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    [undefined, undefined, undefined],
  ];
  it.each(cases)('toolChoice %j with parallelToolCalls %j → %j', async (toolChoice, parallel, expected) => {
    const body: Record<string, unknown> = {
      model: 'claude-sonnet-4-6',
      max_tokens: 4096,
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          input_schema: weather.inputSchema,
        },
      ],
      messages: [{ role: 'user', content: 'hi' }],
    };
    if (expected) body.tool_choice = expected;
    const replay = await useFixtures(server, answer(message('end_turn'), { json: body }), { baseUrl: BASE });
    const request: ModelRequest = { messages: [user('hi')], tools: [weather] };
    if (toolChoice !== undefined) request.toolChoice = toolChoice;
    if (parallel !== undefined) request.settings = { parallelToolCalls: parallel };
    await anthropic('claude-sonnet-4-6', { client: client() }).generate(request);
    replay.assertAllUsed();
  });

  it('maps temperature, effort and providerOptions.anthropic', async () => {
    const replay = await useFixtures(
      server,
      answer(message('end_turn'), {
        json: {
          model: 'claude-sonnet-4-6',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
          temperature: 0.5,
          output_config: { effort: 'high' },
          metadata: { user_id: 'u-1' },
        },
      }),
      { baseUrl: BASE },
    );
    await anthropic('claude-sonnet-4-6', { client: client() }).generate({
      messages: [user('hi')],
      tools: [],
      settings: {
        maxOutputTokens: 100,
        temperature: 0.5,
        reasoning: { effort: 'high' },
        providerOptions: { anthropic: { metadata: { user_id: 'u-1' } }, openai: { store: true } },
      },
    });
    replay.assertAllUsed();
  });

  it('rejects a thinking budget below 1024 or not below max_tokens before any request', async () => {
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const low = model.generate({ messages: [user('hi')], tools: [], settings: { reasoning: { budgetTokens: 500 } } });
    await expect(low).rejects.toSatisfy(
      (error: unknown) => RequestValidationError.isInstance(error) && error.field === 'thinking.budget_tokens',
    );
    const high = model.generate({
      messages: [user('hi')],
      tools: [],
      settings: { maxOutputTokens: 2000, reasoning: { budgetTokens: 2000 } },
    });
    await expect(high).rejects.toSatisfy(
      (error: unknown) => RequestValidationError.isInstance(error) && /less than max_tokens/.test(error.message),
    );
  });

  it('rejects audio input with a validation error', async () => {
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    await expect(
      model.generate({
        messages: [
          {
            role: 'user',
            content: [{ type: 'audio', source: { kind: 'base64', data: 'AA==', mimeType: 'audio/wav' } }],
          },
        ],
        tools: [],
      }),
    ).rejects.toSatisfy(
      (error: unknown) => RequestValidationError.isInstance(error) && error.field === 'messages.0.content.0',
    );
  });
});

describe('anthropic() stream', () => {
  it('yields events while the server still holds back the rest of the stream', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-stream-tool`, { baseUrl: BASE, holdStreams: true });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const iterator = model.stream({ messages: [user('Weather in Paris?')], tools: [weather] })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual({
      type: 'usage',
      usage: { inputTokens: 380, outputTokens: 1, totalTokens: 381, cachedInputTokens: 0 },
    });
    const second = iterator.next();
    expect(await settlesSoon(second)).toBe('pending');
    replay.release();
    const events: ModelStreamEvent[] = [first.value as ModelStreamEvent, (await second).value as ModelStreamEvent];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) events.push(next.value);
    replay.assertAllUsed();
    expect(events.map((event) => event.type)).toEqual([
      'usage',
      'text-delta',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call',
      'usage',
      'response',
    ]);
    expect(events[1]).toEqual({ type: 'text-delta', delta: 'Let me check.' });
    expect(events[2]).toEqual({ type: 'tool-call-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' });
    const call: ToolCallPart = {
      type: 'tool-call',
      id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
      name: 'get_weather',
      arguments: '{"city": "Paris"}',
    };
    expect(events[5]).toEqual({ type: 'tool-call', call });
    const last = events.at(-1);
    expect(last?.type === 'response' && last.response).toEqual({
      message: { role: 'assistant', content: [{ type: 'text', text: 'Let me check.' }, call] },
      finishReason: 'tool-calls',
      usage: { inputTokens: 380, outputTokens: 58, totalTokens: 438, cachedInputTokens: 0 },
      raw: {
        id: 'msg_01TnN7bq3v8vYk2Qf3hJm1aZ',
        requestId: 'req_018EeWyXxfu5pfWkrYcMdjWG',
        model: 'claude-sonnet-4-6',
      },
    });
  });

  it('assembles streamed thinking (thinking_delta + signature_delta) into an exact thinking block', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-stream-thinking`, { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const events = await collect(
      model.stream({ messages: [user('Is 97 prime?')], tools: [], settings: { reasoning: { budgetTokens: 2048 } } }),
    );
    replay.assertAllUsed();
    expect(events.filter((event) => event.type === 'reasoning-delta')).toHaveLength(2);
    const last = events.at(-1);
    if (last?.type !== 'response') throw new Error('no response');
    expect(last.response.message.content).toEqual([
      {
        type: 'reasoning',
        provider: 'anthropic',
        text: '97 is not divisible by 2, 3, 5 or 7, and 11² > 97.',
        data: {
          type: 'thinking',
          thinking: '97 is not divisible by 2, 3, 5 or 7, and 11² > 97.',
          signature: 'EqQBCgIYAhIMsig+part/one==',
        },
      },
      { type: 'text', text: 'Yes, 97 is prime.' },
    ]);
    expect(last.response.finishReason).toBe('stop');
  });

  it('throws a typed ServerError for an overloaded error event after HTTP 200', async () => {
    await useFixtures(server, `${DIR}/messages-stream-error`, { baseUrl: BASE });
    const model = anthropic('claude-sonnet-4-6', { client: client() });
    const seen: string[] = [];
    const run = async () => {
      for await (const event of model.stream({
        instructions: 'Be brief.',
        messages: [user('Why is the sky blue?')],
        tools: [],
        settings: { maxOutputTokens: 512 },
      })) {
        seen.push(event.type);
      }
    };
    const error = await run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(seen).toEqual(['usage']);
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 200,
      type: 'overloaded_error',
      code: 'overloaded_error',
      requestId: 'req_018EeWyXxfu5pfWkrYcMdjWG',
    });
  });
});

describe('anthropic errors', () => {
  const request: ModelRequest = {
    instructions: 'Be brief.',
    messages: [user('Why is the sky blue?')],
    tools: [],
    settings: { maxOutputTokens: 512 },
  };

  it('retries 529 overloaded like 503, then succeeds', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-overloaded`, { baseUrl: BASE });
    const response = await anthropic('claude-sonnet-4-6', { client: client() }).generate(request);
    replay.assertAllUsed();
    expect(replay.requests).toHaveLength(2);
    expect(response.finishReason).toBe('stop');
  });

  it('maps 401 to AuthenticationError with the envelope type and request id, without retrying', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-error-401`, { baseUrl: BASE });
    const error = await anthropic('claude-sonnet-4-6', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    replay.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      type: 'authentication_error',
      code: 'authentication_error',
      requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    });
    expect((error as Error).message).toContain('invalid x-api-key');
    expect((error as Error).message).not.toContain(KEY);
  });

  it('maps 400 to BadRequestError (not retried)', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-error-400`, { baseUrl: BASE });
    const error = await anthropic('claude-sonnet-4-6', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    replay.assertAllUsed();
    expect(replay.requests).toHaveLength(1);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
  });

  it('maps 429 to RateLimitError carrying retry-after', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-error-429`, { baseUrl: BASE });
    const error = await anthropic('claude-sonnet-4-6', { client: client({ maxRetries: 0 }) })
      .generate(request)
      .catch((caught: unknown) => caught);
    replay.assertAllUsed();
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, type: 'rate_limit_error', retryAfterMs: 7000 });
  });

  it('maps 402 billing_error to QuotaExceededError', async () => {
    await useFixtures(server, `${DIR}/messages-error-402`, { baseUrl: BASE });
    const error = await anthropic('claude-sonnet-4-6', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(QuotaExceededError.isInstance(error)).toBe(true);
  });
});
