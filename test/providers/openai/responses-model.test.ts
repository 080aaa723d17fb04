import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ContentFilterError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
  ServerError,
} from '../../../src/common/errors.js';
import type { ModelRequest, ModelResponse, ModelStreamEvent, ToolSpec } from '../../../src/core/model.js';
import type { Message, ToolCallPart } from '../../../src/core/prompt/message.js';
import {
  createOpenAIClient,
  createResponse,
  imageGeneration,
  openai,
  webSearch,
} from '../../../src/providers/openai/index.js';
import { replayFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

const BASE = 'https://api.openai.com';
const DIR = 'test/fixtures/openai';

function client() {
  return createOpenAIClient({ apiKey: 'sk-test-0123456789abcdef', baseUrl: `${BASE}/v1`, maxRetries: 0, env: {} });
}

async function replay(name: string, holdStreams = false) {
  const result = await replayFixtures(`${DIR}/${name}`, { baseUrl: BASE, holdStreams });
  server.use(...result.handlers);
  return result;
}

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
  },
};
const time: ToolSpec = {
  name: 'get_time',
  description: 'Local time in a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

function toolCalls(response: ModelResponse): ToolCallPart[] {
  return response.message.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
}

function textOf(response: ModelResponse): string {
  return response.message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

async function collect(events: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const out: ModelStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('openai() Responses model', () => {
  it('runs a 3-step tool loop: fresh request, then two previous_response_id follow-ups with only the outputs', async () => {
    const fixtures = await replay('responses-tool-loop');
    const model = openai('gpt-5.4-mini', { client: client() });
    expect(model.provider).toBe('openai');
    expect(model.modelId).toBe('gpt-5.4-mini');
    const messages: Message[] = [user('Weather and local time in Paris?')];
    const results: Record<string, string> = {
      get_weather: '{"temp_c":18,"sky":"cloudy"}',
      get_time: '{"time":"14:05"}',
    };
    let continuation: unknown;
    let response: ModelResponse | undefined;
    for (let step = 0; step < 3; step++) {
      const request: ModelRequest = {
        instructions: 'You are a weather bot.',
        messages,
        tools: [weather, time],
        continuation,
      };
      response = await model.generate(request);
      messages.push(response.message);
      continuation = response.continuation;
      const calls = toolCalls(response);
      if (calls.length === 0) break;
      messages.push({
        role: 'tool',
        content: calls.map((call) => ({
          type: 'tool-result',
          callId: call.id,
          name: call.name,
          output: results[call.name] ?? '',
        })),
      });
    }
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(3);
    expect(response?.finishReason).toBe('stop');
    expect(textOf(response as ModelResponse)).toBe("It's 18 °C and cloudy in Paris, and the local time is 14:05.");
    expect(response?.usage).toEqual({
      inputTokens: 120,
      outputTokens: 22,
      totalTokens: 142,
      reasoningTokens: 0,
      cachedInputTokens: 64,
    });
    expect(response?.raw).toEqual({
      id: 'resp_68a1f0d0c3d48191',
      requestId: 'req_test',
      model: 'gpt-5.4-mini-2026-03-17',
    });
    // The first answer: reasoning kept exactly, the strict-mode null of the optional `unit` removed.
    const first = messages[1];
    expect(first?.role).toBe('assistant');
    if (first?.role !== 'assistant') return;
    expect(first.content[0]).toEqual({
      type: 'reasoning',
      provider: 'openai',
      data: { type: 'reasoning', id: 'rs_68a1f0c1aa018191', summary: [], encrypted_content: 'gAAAAABo-step1' },
    });
    expect(first.content[1]).toEqual({
      type: 'tool-call',
      id: 'call_Q2x9TfK3mYp1LzR8',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      itemId: 'fc_68a1f0c2e4b08191',
    });
  });

  it('returns two parallel tool calls and answers both in one chained request', async () => {
    const fixtures = await replay('responses-parallel-calls');
    const model = openai('gpt-5.4-mini', { client: client() });
    const base = { tools: [weather], toolChoice: 'required' as const, settings: { parallelToolCalls: true } };
    const messages: Message[] = [user('Weather in Paris and Rome?')];
    const first = await model.generate({ ...base, messages });
    expect(first.finishReason).toBe('tool-calls');
    const calls = toolCalls(first);
    expect(calls.map((call) => [call.id, call.arguments])).toEqual([
      ['call_par_a', '{"city":"Paris","unit":"c"}'],
      ['call_par_b', '{"city":"Rome"}'],
    ]);
    expect(first.continuation).toEqual({
      provider: 'openai',
      responseId: 'resp_par1',
      callIds: ['call_par_a', 'call_par_b'],
    });
    messages.push(first.message, {
      role: 'tool',
      content: [
        { type: 'tool-result', callId: 'call_par_a', name: 'get_weather', output: '{"temp_c":18}' },
        { type: 'tool-result', callId: 'call_par_b', name: 'get_weather', output: '{"temp_c":24}' },
      ],
    });
    const second = await model.generate({ ...base, messages, continuation: first.continuation });
    expect(textOf(second)).toBe('Paris 18 °C, Rome 24 °C.');
    fixtures.assertAllUsed();
  });

  it('without store sends the full history with the reasoning item exactly as received', async () => {
    const fixtures = await replay('responses-stateless-reasoning');
    const model = openai('gpt-5.4', { client: client(), store: false });
    const settings = { reasoning: { effort: 'low' as const, summary: 'auto' as const } };
    const messages: Message[] = [user('Weather in Paris?')];
    const first = await model.generate({ instructions: 'Be brief.', messages, tools: [weather], settings });
    expect(first.continuation).toBeUndefined();
    expect(first.usage).toEqual({
      inputTokens: 40,
      outputTokens: 60,
      totalTokens: 100,
      reasoningTokens: 44,
      cachedInputTokens: 0,
    });
    const reasoning = first.message.content[0];
    expect(reasoning).toMatchObject({ type: 'reasoning', summary: 'The user wants the weather; call get_weather.' });
    // A JSON round trip (a session on disk) must not change what is sent back.
    const restored = JSON.parse(JSON.stringify(first.message)) as Message;
    messages.push(restored, {
      role: 'tool',
      content: [{ type: 'tool-result', callId: 'call_St4t3l3ss', name: 'get_weather', output: '{"temp_c":18}' }],
    });
    const second = await model.generate({ instructions: 'Be brief.', messages, tools: [weather], settings });
    expect(textOf(second)).toBe('18 °C in Paris.');
    fixtures.assertAllUsed();
    const sent = fixtures.requests[1]?.body;
    expect(sent && 'json' in sent ? (sent.json as { input: unknown[] }).input[1] : undefined).toEqual({
      type: 'reasoning',
      id: 'rs_68b1aa0011228191',
      summary: [{ type: 'summary_text', text: 'The user wants the weather; call get_weather.' }],
      encrypted_content: 'gAAAAABo-opaque-encrypted==',
      status: 'completed',
    });
  });

  it('asks for structured output through text.format json_schema and restores optional fields', async () => {
    const fixtures = await replay('responses-structured-output');
    const model = openai('gpt-5.4', { client: client() });
    const response = await model.generate({
      messages: [user('Paris weather as JSON')],
      tools: [],
      output: {
        name: 'weather_report',
        schema: {
          type: 'object',
          properties: { temp_c: { type: 'number' }, summary: { type: 'string' } },
          required: ['temp_c'],
        },
      },
      settings: { maxOutputTokens: 400, temperature: 0.2, providerOptions: { openai: { service_tier: 'flex' } } },
    });
    fixtures.assertAllUsed();
    expect(JSON.parse(textOf(response))).toEqual({ temp_c: 18 });
    expect(response.finishReason).toBe('stop');
  });

  it('throws on incomplete (max_output_tokens) by default; throwOnIncomplete: false returns finish reason length', async () => {
    const request: ModelRequest = {
      messages: [user('Write a long essay.')],
      tools: [],
      settings: { maxOutputTokens: 16 },
    };
    await replay('responses-incomplete-length');
    const error = await openai('gpt-5.4', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'max_output_tokens', status: 200 });
    expect(String((error as Error).message)).toMatch(/maxOutputTokens/);

    await replay('responses-incomplete-length');
    const response = await openai('gpt-5.4', { client: client(), throwOnIncomplete: false }).generate(request);
    expect(response.finishReason).toBe('length');
    expect(textOf(response)).toBe('Once upon');
    expect(response.usage.reasoningTokens).toBe(14);
  });

  it('throws a ContentFilterError on incomplete (content_filter) by default; opted out, finish reason content-filter', async () => {
    const request: ModelRequest = { messages: [user('Tell me something.')], tools: [] };
    await replay('responses-incomplete-filter');
    const error = await openai('gpt-5.4', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(ContentFilterError.isInstance(error)).toBe(true);
    await replay('responses-incomplete-filter');
    const opted = await openai('gpt-5.4', { client: client(), throwOnIncomplete: false }).generate(request);
    expect(opted.finishReason).toBe('content-filter');
  });

  it('throws a ServerError for a failed response, naming the response and its code', async () => {
    await replay('responses-failed');
    const error = await openai('gpt-5.4', { client: client() })
      .generate({ messages: [user('Hello')], tools: [] })
      .catch((caught: unknown) => caught);
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'server_error', requestId: 'req_test' });
    expect((error as Error).message).toContain('resp_failed');
  });

  it('turns the 429 and 401 envelopes into typed errors', async () => {
    const request: ModelRequest = { messages: [user('Hello')], tools: [] };
    await replay('responses-rate-limit');
    const limited = await openai('gpt-5.4', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(limited)).toBe(true);
    expect(limited).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      retryAfterMs: 2000,
      requestId: 'req_rl_1',
    });

    await replay('responses-insufficient-quota');
    const quota = await openai('gpt-5.4', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(QuotaExceededError.isInstance(quota)).toBe(true);

    await replay('responses-unauthorized');
    const auth = await openai('gpt-5.4', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(auth)).toBe(true);
    expect(auth).toMatchObject({ status: 401, code: 'invalid_api_key', requestId: 'req_auth_1' });
    expect((auth as Error).message).not.toContain('sk-test-0123456789abcdef');
  });

  it('puts a generated image into the message as an image media part', async () => {
    const fixtures = await replay('responses-image-generation');
    const model = openai('gpt-5.4', {
      client: client(),
      builtinTools: [imageGeneration({ size: '1024x1024', quality: 'low' })],
    });
    const response = await model.generate({ messages: [user('Draw a red fox, flat style')], tools: [] });
    fixtures.assertAllUsed();
    expect(response.message.content[0]).toEqual({
      type: 'media',
      kind: 'image',
      source: {
        kind: 'base64',
        mimeType: 'image/png',
        data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      },
      itemId: 'ig_68a1f3aa9b7c8191',
    });
    expect(textOf(response)).toBe('Here is your fox.');
  });

  it('takes built-in tools from providerOptions and keeps web search calls as provider items', async () => {
    const fixtures = await replay('responses-web-search');
    const seen: string[] = [];
    const model = openai('gpt-5.4', {
      client: client(),
      include: ['web_search_call.action.sources'],
      onResponse: (body) => seen.push(body.id),
    });
    const response = await model.generate({
      messages: [user('Latest stable Node.js version?')],
      tools: [],
      settings: { providerOptions: { openai: { builtinTools: [webSearch({ search_context_size: 'low' })] } } },
    });
    fixtures.assertAllUsed();
    expect(seen).toEqual(['resp_ws']);
    expect(response.message.content[0]).toMatchObject({
      type: 'provider-item',
      provider: 'openai',
      data: { type: 'web_search_call' },
    });
    expect(response.finishReason).toBe('stop');
  });

  it('streams reasoning and text deltas in order, ending with usage and the response', async () => {
    const fixtures = await replay('responses-stream-text');
    const model = openai('gpt-5.4', { client: client() });
    const events = await collect(
      model.stream({
        instructions: 'Answer in one sentence.',
        messages: [user('Why is the sky blue?')],
        tools: [],
        settings: { reasoning: { summary: 'auto' } },
      }),
    );
    fixtures.assertAllUsed();
    expect(events.map((event) => event.type)).toEqual([
      'reasoning-delta',
      'reasoning-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'usage',
      'response',
    ]);
    const text = events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
    expect(text).toBe('Rayleigh scattering makes it blue.');
    const last = events.at(-1);
    expect(last?.type === 'response' ? textOf(last.response) : '').toBe(text);
    expect(last?.type === 'response' ? last.response.message.content[0] : undefined).toMatchObject({
      type: 'reasoning',
      summary: 'Sky color: Rayleigh scattering.',
    });
  });

  it('streams a function call: start, argument deltas, the complete call, then the response', async () => {
    const fixtures = await replay('responses-stream-tool');
    const events = await collect(
      openai('gpt-5.4', { client: client() }).stream({ messages: [user('Weather in Paris?')], tools: [weather] }),
    );
    fixtures.assertAllUsed();
    expect(events.slice(0, 4)).toEqual([
      { type: 'tool-call-start', id: 'call_7Hn2', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_7Hn2', delta: '{"city":' },
      { type: 'tool-call-delta', id: 'call_7Hn2', delta: '"Paris","unit":null}' },
      {
        type: 'tool-call',
        call: {
          type: 'tool-call',
          id: 'call_7Hn2',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          itemId: 'fc_68b0aa12',
        },
      },
    ]);
    const last = events.at(-1);
    expect(last?.type === 'response' && last.response.finishReason).toBe('tool-calls');
    expect(last?.type === 'response' && last.response.continuation).toEqual({
      provider: 'openai',
      responseId: 'resp_68b0aa11',
      callIds: ['call_7Hn2'],
    });
  });

  it('yields events while the server still holds back the rest of the stream', async () => {
    const fixtures = await replay('responses-stream-held', true);
    const iterator = openai('gpt-5.4', { client: client() })
      .stream({ messages: [user('Weather in Paris?')], tools: [] })
      [Symbol.asyncIterator]();
    const first = await iterator.next();
    // The server has sent one event and holds the rest: the first delta is already here.
    expect(first.value).toEqual({ type: 'text-delta', delta: "It's " });
    let finished = false;
    const rest = (async () => {
      const events: ModelStreamEvent[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) events.push(next.value);
      finished = true;
      return events;
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    fixtures.release();
    const events = await rest;
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'usage', 'response']);
    fixtures.assertAllUsed();
  });

  it('throws a typed error for an error event in the middle of a stream, after the deltas before it', async () => {
    await replay('responses-stream-error');
    const seen: ModelStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of openai('gpt-5.4', { client: client() }).stream({
        messages: [user('Hello')],
        tools: [],
      })) {
        seen.push(event);
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual([{ type: 'text-delta', delta: 'Hel' }]);
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'server_error' });
  });
});

describe('createResponse', () => {
  it('posts a wire body and returns the response object as sent', async () => {
    const fixtures = await replay('responses-failed');
    const response = await createResponse(client(), {
      model: 'gpt-5.4',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }],
      store: true,
    });
    fixtures.assertAllUsed();
    expect(response.status).toBe('failed');
    expect(response.error).toEqual({
      code: 'server_error',
      message: 'The server had an error processing your request.',
    });
  });

  it('checks the body before any request', async () => {
    await expect(createResponse(client(), { model: '', temperature: 3 })).rejects.toSatisfy((error: unknown) =>
      RequestValidationError.isInstance(error),
    );
    await expect(createResponse(client(), { model: 'gpt-5.4', stream: true })).rejects.toThrow(/stream/);
  });
});
