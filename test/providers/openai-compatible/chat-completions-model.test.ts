import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  RateLimitError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import type { ModelStreamEvent, ToolSpec } from '../../../src/core/model.js';
import type { Message, ToolCallPart } from '../../../src/core/prompt/message.js';
import {
  chatCompletions,
  classifyChatCompletionsAnswer,
  createChatCompletion,
  createChatCompletionsClient,
  streamChatCompletion,
} from '../../../src/providers/openai-compatible/index.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { settlesSoon } from '../../helpers.js';
import { server } from '../../msw.js';

const ORIGIN = 'http://127.0.0.1:8080';
const BASE_URL = `${ORIGIN}/v1`;
const DIR = 'test/fixtures/openai-compatible';
const KEY = 'sk-test-key-0123456789';

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function localClient(options: { maxRetries?: number } = {}) {
  return createChatCompletionsClient({ baseUrl: BASE_URL, provider: 'local', env: {}, maxRetryDelayMs: 1, ...options });
}

function keyedClient(options: { maxRetries?: number } = {}) {
  return createChatCompletionsClient({ baseUrl: BASE_URL, apiKey: KEY, env: {}, maxRetryDelayMs: 1, ...options });
}

function user(text: string): Message {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function calls(message: { content: readonly { type: string }[] }): ToolCallPart[] {
  return message.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
}

function answer(body: Fixture['request']['body'], json: unknown): Fixture {
  return {
    source: 'docs',
    notes: 'OpenAI API reference, Chat Completions (https://platform.openai.com/docs/api-reference/chat)',
    request: { method: 'POST', path: '/v1/chat/completions', body },
    response: { status: 200, body: { json } },
  };
}

/** A streamed answer to any Chat Completions request: `events` as server-sent events. */
function streamed(notes: string, events: { data: string }[]): Fixture {
  return {
    source: 'docs',
    notes,
    request: { method: 'POST', path: '/v1/chat/completions', body: { any: true } },
    response: { status: 200, headers: { 'content-type': 'text/event-stream' }, body: { sse: events } },
  };
}

function completion(finishReason: string | null, message: Record<string, unknown> = { content: 'ok' }) {
  return {
    id: 'chatcmpl-x',
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

describe('chatCompletions() generate', () => {
  it('runs a 3-step tool loop against a keyless local server with the right bodies', async () => {
    const replay = await useFixtures(server, `${DIR}/chat-completions-tool-loop`, { baseUrl: ORIGIN });
    const model = chatCompletions('llama3.2', { client: localClient() });
    expect(model.provider).toBe('local');
    const history: Message[] = [user('Compare the weather in Paris and London.')];
    const outputs: Record<string, string> = { Paris: '18°C, cloudy', London: '15°C, rain' };
    const usages = [];
    for (let step = 0; step < 5; step++) {
      const response = await model.generate({
        instructions: 'Be brief.',
        messages: history,
        tools: [weather],
        toolChoice: 'auto',
      });
      usages.push(response.usage);
      history.push(response.message);
      if (response.finishReason !== 'tool-calls') break;
      history.push({
        role: 'tool',
        content: calls(response.message).map((call) => ({
          type: 'tool-result',
          callId: call.id,
          name: call.name,
          output: outputs[(JSON.parse(call.arguments) as { city: string }).city] ?? '?',
        })),
      });
    }
    replay.assertAllUsed();
    expect(replay.requests).toHaveLength(3);
    for (const request of replay.requests) expect(request.headers.authorization).toBeUndefined();
    expect(history.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Paris is 3°C warmer and dry; London is rainy.' }],
    });
    expect(usages[1]).toEqual({ inputTokens: 120, outputTokens: 20, totalTokens: 140, cachedInputTokens: 64 });
  });

  it('handles two parallel tool calls (bearer key, parallel_tool_calls) and answers with one tool message each', async () => {
    const replay = await useFixtures(server, `${DIR}/chat-completions-parallel`, { baseUrl: ORIGIN });
    const model = chatCompletions('gpt-4.1-mini', { client: keyedClient() });
    const settings = { parallelToolCalls: true };
    const history: Message[] = [user('Weather in Paris and London?')];
    const first = await model.generate({ messages: history, tools: [weather], settings });
    expect(first.finishReason).toBe('tool-calls');
    expect(calls(first.message).map((call) => [call.id, call.arguments])).toEqual([
      ['call_a', '{"city":"Paris"}'],
      ['call_b', '{"city":"London"}'],
    ]);
    expect(first.usage.reasoningTokens).toBe(0);
    expect(first.raw).toEqual({ id: 'chatcmpl-par1', requestId: 'req_cc_1', model: 'llama3.2' });
    history.push(first.message, {
      role: 'tool',
      content: [
        { type: 'tool-result', callId: 'call_a', name: 'get_weather', output: '18°C, cloudy' },
        { type: 'tool-result', callId: 'call_b', name: 'get_weather', output: '15°C, rain' },
      ],
    });
    const second = await model.generate({ messages: history, tools: [weather], settings });
    replay.assertAllUsed();
    expect(replay.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(second.message.content).toEqual([{ type: 'text', text: 'Paris 18°C cloudy; London 15°C rain.' }]);
  });

  it('asks for structured output with response_format json_schema', async () => {
    const replay = await useFixtures(server, `${DIR}/chat-completions-structured`, { baseUrl: ORIGIN });
    const model = chatCompletions('llama3.2', { client: localClient(), strict: true });
    const response = await model.generate({
      messages: [user('Paris weather as JSON')],
      tools: [],
      // As zod's toJSONSchema (input side) makes it: no additionalProperties. Strict mode sends it as false.
      output: {
        name: 'weather',
        schema: { type: 'object', properties: { temp_c: { type: 'number' } }, required: ['temp_c'] },
      },
      settings: { maxOutputTokens: 256 },
    });
    replay.assertAllUsed();
    const text = response.message.content[0];
    expect(JSON.parse(text?.type === 'text' ? text.text : '')).toEqual({ temp_c: 18 });
  });

  it('with strict: shapes tool and output schemas for strict mode and removes the nulls of optional properties', async () => {
    const toolSchema = Object.freeze({
      type: 'object',
      properties: Object.freeze({
        city: { type: 'string' },
        unit: { type: 'string', enum: ['c', 'f'] },
        where: { type: 'object', properties: { lat: { type: 'number' } } },
      }),
      required: ['city'],
    });
    const outputSchema = {
      type: 'object',
      properties: { temp_c: { type: 'number' }, note: { type: 'string' } },
      required: ['temp_c'],
    };
    const before = JSON.stringify([toolSchema, outputSchema]);
    const strictTool = {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: {
          type: 'object',
          properties: {
            city: { type: 'string' },
            unit: { type: ['string', 'null'], enum: ['c', 'f', null] },
            where: {
              type: ['object', 'null'],
              properties: { lat: { type: ['number', 'null'] } },
              required: ['lat'],
              additionalProperties: false,
            },
          },
          required: ['city', 'unit', 'where'],
          additionalProperties: false,
        },
        strict: true,
      },
    };
    const responseFormat = {
      type: 'json_schema',
      json_schema: {
        name: 'weather',
        schema: {
          type: 'object',
          properties: { temp_c: { type: 'number' }, note: { type: ['string', 'null'] } },
          required: ['temp_c', 'note'],
          additionalProperties: false,
        },
        strict: true,
      },
    };
    const replay = await useFixtures(
      server,
      [
        answer(
          {
            json: {
              model: 'm',
              messages: [{ role: 'user', content: 'Weather?' }],
              tools: [strictTool],
              response_format: responseFormat,
            },
          },
          completion('tool_calls', {
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris","unit":null,"where":{"lat":null}}' },
              },
            ],
          }),
        ),
        answer({ any: true }, completion('stop', { content: '{"temp_c":18,"note":null}' })),
      ],
      { baseUrl: ORIGIN },
    );
    const model = chatCompletions('m', { client: localClient(), strict: true });
    const tool: ToolSpec = { name: 'get_weather', description: 'Current weather for a city', inputSchema: toolSchema };
    const output = { name: 'weather', schema: outputSchema };
    const first = await model.generate({ messages: [user('Weather?')], tools: [tool], output });
    expect(calls(first.message)[0]?.arguments).toBe('{"city":"Paris","where":{}}');
    const second = await model.generate({ messages: [user('Weather?')], tools: [tool], output });
    replay.assertAllUsed();
    expect(second.message.content).toEqual([{ type: 'text', text: '{"temp_c":18}' }]);
    expect(JSON.stringify([toolSchema, outputSchema])).toBe(before);
  });

  it('with strict: sends a schema strict mode cannot express as given, with strict: false', async () => {
    const record = { type: 'object', additionalProperties: { type: 'string' } };
    const replay = await useFixtures(
      server,
      answer(
        {
          json: {
            model: 'm',
            messages: [{ role: 'user', content: 'Tags?' }],
            response_format: { type: 'json_schema', json_schema: { name: 'tags', schema: record, strict: false } },
          },
        },
        completion('stop', { content: '{"a":"b"}' }),
      ),
      { baseUrl: ORIGIN },
    );
    await chatCompletions('m', { client: localClient(), strict: true }).generate({
      messages: [user('Tags?')],
      tools: [],
      output: { name: 'tags', schema: record },
    });
    replay.assertAllUsed();
  });

  it('maps user parts, tool choice, max_completion_tokens, reasoning and providerOptions', async () => {
    const replay = await useFixtures(
      server,
      answer(
        {
          json: {
            model: 'm',
            messages: [
              { role: 'system', content: 'sys' },
              {
                role: 'user',
                content: [
                  { type: 'text', text: 'look' },
                  { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO', detail: 'low' } },
                  { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
                  { type: 'input_audio', input_audio: { data: 'UklG', format: 'wav' } },
                  { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' } },
                ],
              },
              { role: 'assistant', content: 'thinking done', reasoning_content: 'hmm' },
              { role: 'user', content: 'next' },
            ],
            tools: [
              {
                type: 'function',
                function: {
                  name: 'get_weather',
                  description: 'Current weather for a city',
                  parameters: weather.inputSchema,
                },
              },
            ],
            tool_choice: { type: 'function', function: { name: 'get_weather' } },
            max_completion_tokens: 50,
            temperature: 0.2,
            reasoning_effort: 'low',
            top_k: 20,
          },
        },
        completion('stop'),
      ),
      { baseUrl: ORIGIN },
    );
    const model = chatCompletions('m', {
      client: localClient(),
      maxTokensField: 'max_completion_tokens',
      sendReasoning: true,
    });
    await model.generate({
      instructions: 'sys',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', source: { kind: 'base64', data: 'iVBO', mimeType: 'image/png' }, detail: 'low' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } },
            { type: 'audio', source: { kind: 'base64', data: 'UklG', mimeType: 'audio/wav' } },
            { type: 'file', source: { kind: 'base64', data: 'JVBE', mimeType: 'application/pdf' }, filename: 'a.pdf' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', provider: 'local', text: 'hmm', data: { reasoning_content: 'hmm' } },
            { type: 'reasoning', provider: 'anthropic', text: 'other', data: {} },
            { type: 'text', text: 'thinking done' },
          ],
        },
        user('next'),
      ],
      tools: [weather],
      toolChoice: { tool: 'get_weather' },
      settings: {
        maxOutputTokens: 50,
        temperature: 0.2,
        reasoning: { effort: 'low' },
        providerOptions: { local: { top_k: 20 } },
      },
    });
    replay.assertAllUsed();
  });

  it('reads reasoning_content and fills in missing tool call ids', async () => {
    await useFixtures(
      server,
      answer(
        { any: true },
        completion('stop', {
          content: null,
          reasoning_content: 'Need the tool.',
          tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }],
        }),
      ),
      { baseUrl: ORIGIN },
    );
    const response = await chatCompletions('m', { client: localClient() }).generate({
      messages: [user('hi')],
      tools: [weather],
    });
    expect(response.message.content).toEqual([
      { type: 'reasoning', provider: 'local', text: 'Need the tool.', data: { reasoning_content: 'Need the tool.' } },
      { type: 'tool-call', id: 'call_0', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    ]);
    // A local server that says `stop` although it called a tool still ends in tool-calls.
    expect(response.finishReason).toBe('tool-calls');
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    [null, 'other'],
    ['something_new', 'other'],
  ])('maps finish_reason %s to %s', async (finishReason, expected) => {
    await useFixtures(server, answer({ any: true }, completion(finishReason)), { baseUrl: ORIGIN });
    const response = await chatCompletions('m', { client: localClient() }).generate({
      messages: [user('hi')],
      tools: [],
    });
    expect(response.finishReason).toBe(expected);
  });

  it('turns a refusal into text with finish reason content-filter', async () => {
    await useFixtures(server, answer({ any: true }, completion('stop', { content: null, refusal: 'I cannot help.' })), {
      baseUrl: ORIGIN,
    });
    const response = await chatCompletions('m', { client: localClient() }).generate({
      messages: [user('hi')],
      tools: [],
    });
    expect(response.message.content).toEqual([{ type: 'text', text: 'I cannot help.', refusal: true }]);
    expect(response.finishReason).toBe('content-filter');
  });

  it("sends a refusal back in the assistant message's refusal field, not as its content", async () => {
    const replay = await useFixtures(
      server,
      answer(
        {
          json: {
            model: 'm',
            messages: [
              { role: 'user', content: 'Pick the lock.' },
              { role: 'assistant', content: 'Here is why:', refusal: 'I cannot help.' },
              { role: 'user', content: 'Call a locksmith then.' },
            ],
          },
        },
        completion('stop', { content: 'Search for one near you.' }),
      ),
      { baseUrl: ORIGIN },
    );
    const response = await chatCompletions('m', { client: localClient() }).generate({
      messages: [
        user('Pick the lock.'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Here is why:' },
            { type: 'text', text: 'I cannot help.', refusal: true },
          ],
        },
        user('Call a locksmith then.'),
      ],
      tools: [],
    });
    replay.assertAllUsed();
    expect(response.message.content).toEqual([{ type: 'text', text: 'Search for one near you.' }]);
  });

  it('streams a refusal as refusal-delta events, never as text', async () => {
    await useFixtures(
      server,
      streamed('OpenAI API reference, Chat Completions streaming (delta.refusal)', [
        {
          data: '{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","refusal":"I cannot "},"finish_reason":null}]}',
        },
        { data: '{"id":"c1","choices":[{"index":0,"delta":{"refusal":"help."},"finish_reason":"stop"}]}' },
        { data: '[DONE]' },
      ]),
      { baseUrl: ORIGIN },
    );
    const events: ModelStreamEvent[] = [];
    for await (const event of chatCompletions('m', { client: localClient() }).stream({
      messages: [user('Pick the lock.')],
      tools: [],
    })) {
      events.push(event);
    }
    expect(events.filter((event) => event.type !== 'response')).toEqual([
      { type: 'refusal-delta', delta: 'I cannot ' },
      { type: 'refusal-delta', delta: 'help.' },
    ]);
    const last = events.at(-1);
    expect(last?.type === 'response' && last.response.message.content).toEqual([
      { type: 'text', text: 'I cannot help.', refusal: true },
    ]);
    expect(last?.type === 'response' && last.response.finishReason).toBe('content-filter');
  });

  it('rejects inputs Chat Completions cannot carry before any request', async () => {
    const model = chatCompletions('m', { client: localClient() });
    await expect(
      model.generate({
        messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'file', fileId: 'file_1' } }] }],
        tools: [],
      }),
    ).rejects.toSatisfy(
      (error: unknown) => RequestValidationError.isInstance(error) && error.field === 'messages.0.content.0',
    );
  });
});

describe('chatCompletions() stream', () => {
  it('yields events while the server holds back the rest; assembles tool calls by index; reads the usage chunk', async () => {
    const replay = await useFixtures(server, `${DIR}/chat-completions-stream-tools`, {
      baseUrl: ORIGIN,
      holdStreams: true,
    });
    const model = chatCompletions('llama3.2', { client: localClient() });
    const iterator = model
      .stream({ messages: [user('Weather in Paris and London?')], tools: [weather] })
      [Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual({ type: 'text-delta', delta: 'Checking ' });
    const second = iterator.next();
    expect(await settlesSoon(second)).toBe('pending');
    replay.release();
    const events: ModelStreamEvent[] = [first.value as ModelStreamEvent, (await second).value as ModelStreamEvent];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) events.push(next.value);
    replay.assertAllUsed();
    expect(events).toEqual([
      { type: 'text-delta', delta: 'Checking ' },
      { type: 'text-delta', delta: 'both.' },
      { type: 'tool-call-start', id: 'call_s1', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_s1', delta: '{"city":' },
      { type: 'tool-call-delta', id: 'call_s1', delta: '"Paris"}' },
      { type: 'tool-call-start', id: 'call_s2', name: 'get_weather' },
      { type: 'tool-call-delta', id: 'call_s2', delta: '{"city":"London"}' },
      {
        type: 'tool-call',
        call: { type: 'tool-call', id: 'call_s1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
      {
        type: 'tool-call',
        call: { type: 'tool-call', id: 'call_s2', name: 'get_weather', arguments: '{"city":"London"}' },
      },
      { type: 'usage', usage: { inputTokens: 90, outputTokens: 30, totalTokens: 120 } },
      {
        type: 'response',
        response: {
          message: {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking both.' },
              { type: 'tool-call', id: 'call_s1', name: 'get_weather', arguments: '{"city":"Paris"}' },
              { type: 'tool-call', id: 'call_s2', name: 'get_weather', arguments: '{"city":"London"}' },
            ],
          },
          finishReason: 'tool-calls',
          usage: { inputTokens: 90, outputTokens: 30, totalTokens: 120 },
          raw: { id: 'chatcmpl-stream1', requestId: 'req_cc_1', model: 'llama3.2' },
        },
      },
    ]);
  });

  it('streamChatCompletion yields raw chunks and stops at [DONE]', async () => {
    await useFixtures(server, `${DIR}/chat-completions-stream-tools`, { baseUrl: ORIGIN });
    const chunks = [];
    for await (const chunk of streamChatCompletion(localClient(), {
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Weather in Paris and London?' }],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Current weather for a city', parameters: weather.inputSchema },
        },
      ],
      stream_options: { include_usage: true },
    })) {
      chunks.push(chunk);
    }
    expect(chunks).toHaveLength(8);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(120);
  });

  it('throws a typed error for an error chunk in the stream', async () => {
    await useFixtures(
      server,
      streamed('OpenAI-compatible gateways (OpenRouter) send errors as a data chunk mid-stream', [
        { data: '{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}' },
        { data: '{"error":{"code":429,"message":"Rate limited upstream"}}' },
      ]),
      { baseUrl: ORIGIN },
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of chatCompletions('m', { client: localClient() }).stream({
        messages: [user('hi')],
        tools: [],
      })) {
        seen.push(event.type);
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['text-delta']);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, code: '429' });
  });

  it('fails when the stream ends without a finish reason or [DONE]', async () => {
    await useFixtures(
      server,
      streamed('OpenAI API reference, Chat Completions streaming', [
        { data: '{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}' },
      ]),
      { baseUrl: ORIGIN },
    );
    const events = chatCompletions('m', { client: localClient() }).stream({ messages: [user('hi')], tools: [] });
    await expect(
      (async () => {
        for await (const _event of events) {
          // drain
        }
      })(),
    ).rejects.toThrow(/ended before a finish reason/);
  });
});

describe('chat completions errors and client', () => {
  const request = { messages: [user('hi')], tools: [] };

  it('maps 401 to AuthenticationError with the envelope code, type and request id', async () => {
    const replay = await useFixtures(server, `${DIR}/chat-completions-error-401`, { baseUrl: ORIGIN });
    const error = await chatCompletions('gpt-4.1-mini', { client: keyedClient() })
      .generate(request)
      .catch((caught: unknown) => caught);
    replay.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid_api_key',
      type: 'invalid_request_error',
      requestId: 'req_cc_1',
    });
  });

  it('maps 400 to BadRequestError with the param', async () => {
    await useFixtures(server, `${DIR}/chat-completions-error-400`, { baseUrl: ORIGIN });
    const error = await chatCompletions('gpt-4.1-mini', { client: keyedClient() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ param: 'tool_choice' });
  });

  it('maps 429 to RateLimitError carrying retry-after', async () => {
    await useFixtures(server, `${DIR}/chat-completions-error-429`, { baseUrl: ORIGIN });
    const error = await chatCompletions('gpt-4.1-mini', { client: keyedClient({ maxRetries: 0 }) })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryAfterMs: 3000, code: 'rate_limit_exceeded' });
  });

  it('retries a 503 and succeeds', async () => {
    const replay = await useFixtures(server, `${DIR}/chat-completions-overloaded`, { baseUrl: ORIGIN });
    const response = await chatCompletions('gpt-4.1-mini', { client: keyedClient() }).generate(request);
    replay.assertAllUsed();
    expect(response.message.content).toEqual([{ type: 'text', text: 'Hello!' }]);
  });

  it('treats an error envelope inside HTTP 200 as an error', () => {
    const verdict = classifyChatCompletionsAnswer({
      status: 200,
      headers: new Headers(),
      body: { error: { code: 502, message: 'upstream failed' } },
      request: { method: 'POST', path: '/v1/chat/completions' },
    });
    expect(verdict).toMatchObject({ kind: 'server', retryable: true, code: '502', message: 'upstream failed' });
    expect(
      classifyChatCompletionsAnswer({
        status: 200,
        headers: new Headers(),
        body: completion('stop'),
        request: { method: 'POST', path: '/v1/chat/completions' },
      }),
    ).toBeNull();
  });

  it('requires a base URL and reads the key from apiKeyEnv when given', async () => {
    expect(() => createChatCompletionsClient({ baseUrl: '' })).toThrow(RequestValidationError);
    const replay = await useFixtures(
      server,
      answer({ json: { model: 'm', messages: [{ role: 'user', content: 'hi' }] } }, completion('stop')),
      { baseUrl: ORIGIN },
    );
    const client = createChatCompletionsClient({
      baseUrl: BASE_URL,
      apiKeyEnv: ['GATEWAY_KEY'],
      env: { GATEWAY_KEY: 'gw-key-0123456789' },
    });
    const result = await createChatCompletion(client, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    replay.assertAllUsed();
    expect(result.choices[0]?.message.content).toBe('ok');
    expect(client.provider).toBe('openai-compatible');
    expect(replay.requests[0]?.headers.authorization).toBe('Bearer gw-key-0123456789');
  });
});
