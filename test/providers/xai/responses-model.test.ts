import { describe, expect, it } from 'vitest';
import { ApiError, AuthenticationError, RequestValidationError, ServerError } from '../../../src/common/errors.js';
import type { ModelResponse, ModelStreamEvent, ToolSpec } from '../../../src/core/model.js';
import type { Message } from '../../../src/core/prompt/message.js';
import {
  codeInterpreter,
  createResponse,
  createXAIClient,
  type ResponsesResponse,
  webSearch,
  xai,
  xaiUsageDetails,
  xSearch,
} from '../../../src/providers/xai/index.js';
import { replayFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

const BASE = 'https://api.x.ai';
const DIR = 'test/fixtures/xai';

function client(options: { maxRetries?: number } = {}) {
  return createXAIClient({
    apiKey: 'xai-test-0123456789abcdef',
    baseUrl: `${BASE}/v1`,
    maxRetries: 0,
    env: {},
    maxRetryDelayMs: 1,
    ...options,
  });
}

async function replay(name: string) {
  const result = await replayFixtures(`${DIR}/${name}`, { baseUrl: BASE });
  server.use(...result.handlers);
  return result;
}

const weather: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city'],
  },
};
const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const textOf = (response: ModelResponse) =>
  response.message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

async function loop(model: ReturnType<typeof xai>, instructions: string | undefined, outputs: Record<string, string>) {
  const messages: Message[] = [user('Weather in Paris?')];
  let continuation: unknown;
  let response: ModelResponse | undefined;
  for (let step = 0; step < 3; step++) {
    response = await model.generate({
      ...(instructions ? { instructions } : {}),
      messages,
      tools: [weather],
      continuation,
    });
    messages.push(response.message);
    continuation = response.continuation;
    const calls = response.message.content.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
    if (calls.length === 0) break;
    messages.push({
      role: 'tool',
      content: calls.map((call) => ({
        type: 'tool-result',
        callId: call.id,
        name: call.name,
        output: outputs[call.id] ?? '',
      })),
    });
  }
  return { response: response as ModelResponse, messages };
}

describe('xai() — each difference from OpenAI listed in xai.md', () => {
  it('1. a bad API key (HTTP 400, {code, error} strings) is an AuthenticationError', async () => {
    await replay('responses-bad-key');
    const error = await xai('grok-4.3', { client: client() })
      .generate({ messages: [user('What is 101*3?')], tools: [] })
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      code: 'Client specified an invalid argument',
      requestId: 'xreq_bad_key',
    });
    expect((error as Error).message).toContain('Incorrect API key');
  });

  it('2. a chained follow-up leaves instructions out (they cannot go with previous_response_id)', async () => {
    const fixtures = await replay('responses-chained-no-instructions');
    const { response } = await loop(xai('grok-4.3', { client: client() }), 'Be concise.', {
      call_71837229: '{"temp_c":18}',
    });
    fixtures.assertAllUsed();
    expect(textOf(response)).toBe('18 °C.');
    await expect(
      createResponse(client(), {
        model: 'grok-4.3',
        previous_response_id: 'x',
        instructions: 'Be concise.',
        input: [],
      }),
    ).rejects.toSatisfy((error: unknown) => RequestValidationError.isInstance(error));
  });

  it('3. store is sent explicitly; background, metadata and truncation (no-ops at xAI) are dropped', async () => {
    const fixtures = await replay('responses-ignored-fields');
    const response = await xai('grok-4.3', { client: client() }).generate({
      messages: [user('What is 101*3?')],
      tools: [],
      settings: {
        providerOptions: {
          xai: { background: true, metadata: { a: 'b' }, truncation: 'auto', prompt_cache_key: 'conv-1' },
        },
      },
    });
    fixtures.assertAllUsed();
    expect(textOf(response)).toBe('101 × 3 = 303.');
  });

  it('4. output_tokens exclude reasoning at xAI: usage adds reasoning_tokens to report total output', async () => {
    const fixtures = await replay('responses-usage-reasoning');
    const response = await xai('grok-4.3', { client: client() }).generate({
      messages: [{ role: 'system', content: 'Be concise.' }, user('What is 101*3?')],
      tools: [],
      settings: { maxOutputTokens: 1000 },
    });
    fixtures.assertAllUsed();
    expect(response.usage).toEqual({
      inputTokens: 32,
      outputTokens: 119,
      totalTokens: 151,
      reasoningTokens: 110,
      cachedInputTokens: 8,
    });
    expect(response.message.content[0]).toMatchObject({
      type: 'reasoning',
      provider: 'xai',
      summary: 'Simple multiplication: 303.',
    });
  });

  it('5. function strict is ignored: tools go as given, without the strict-mode rewrite', async () => {
    const fixtures = await replay('responses-tools-not-strict');
    const response = await xai('grok-4.3', { client: client() }).generate({
      messages: [user('Weather in Paris?')],
      tools: [weather],
      toolChoice: { tool: 'get_weather' },
    });
    fixtures.assertAllUsed();
    expect(response.message.content).toEqual([
      {
        type: 'tool-call',
        id: 'call_c0ffee00',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        itemId: 'fc_c0ffee00',
      },
    ]);
  });

  it('6. x_search is available; web_search / code_interpreter / file_search options xAI rejects are refused before sending', async () => {
    const fixtures = await replay('responses-x-search');
    const response = await xai('grok-4.3', {
      client: client(),
      builtinTools: [xSearch({ from_date: '2026-10-01' }), webSearch({ filters: { allowed_domains: ['x.ai'] } })],
    }).generate({ messages: [user('What are people saying about Grok today?')], tools: [] });
    fixtures.assertAllUsed();
    expect(response.message.content[0]).toMatchObject({
      type: 'provider-item',
      provider: 'xai',
      data: { type: 'custom_tool_call' },
    });
    expect(textOf(response)).toBe('Mostly excitement about the new release.');

    for (const tool of [
      { type: 'web_search', search_context_size: 'low' },
      { type: 'web_search', user_location: { type: 'approximate' } },
      { type: 'web_search', external_web_access: false },
      { ...codeInterpreter(), container: { type: 'auto' } },
      { type: 'file_search', vector_store_ids: ['c'], ranking_options: {} },
    ]) {
      const error = await xai('grok-4.3', { client: client(), builtinTools: [tool] })
        .generate({ messages: [user('x')], tools: [] })
        .catch((caught: unknown) => caught);
      expect(RequestValidationError.isInstance(error)).toBe(true);
    }
  });

  it('7. usage extras (cost_in_usd_ticks, num_sources_used, num_server_side_tools_used) are readable', async () => {
    const fixtures = await replay('responses-usage-cost');
    const seen: ResponsesResponse[] = [];
    await xai('grok-4.3', { client: client(), onResponse: (body) => seen.push(body) }).generate({
      messages: [user('What is 101*3?')],
      tools: [],
    });
    fixtures.assertAllUsed();
    expect(seen[0] && xaiUsageDetails(seen[0])).toEqual({
      costInUsdTicks: 1234500,
      costInUsd: 0.00012345,
      numSourcesUsed: 3,
      numServerSideToolsUsed: 2,
    });
  });

  it('8. UUID-like response ids (not resp_…) chain like any other', async () => {
    const fixtures = await replay('responses-uuid-ids');
    const { response } = await loop(xai('grok-4.3', { client: client() }), undefined, {
      call_0b1c2d3e: '{"temp_c":18}',
    });
    fixtures.assertAllUsed();
    expect(response.raw.id).toBe('1c2d3e4f-5061-4728-93a4-b5c6d7e8f90a');
    expect(response.continuation).toEqual({
      provider: 'xai',
      responseId: '1c2d3e4f-5061-4728-93a4-b5c6d7e8f90a',
      callIds: [],
    });
  });

  it('9. a reasoning item with an empty id is replayed exactly (store: false, full history)', async () => {
    const fixtures = await replay('responses-reasoning-empty-id');
    const { response, messages } = await loop(xai('grok-4.3', { client: client(), store: false }), undefined, {
      call_f3f3: '{"temp_c":18}',
    });
    fixtures.assertAllUsed();
    expect(textOf(response)).toBe('18 °C.');
    const first = messages[1];
    expect(first?.role === 'assistant' && first.content[0]).toMatchObject({ type: 'reasoning', data: { id: '' } });
  });

  it('streams with ping events and a trailing data: [DONE]', async () => {
    const fixtures = await replay('responses-stream-done');
    const events: ModelStreamEvent[] = [];
    for await (const event of xai('grok-4.3', { client: client() }).stream({
      messages: [user('What is 101*3?')],
      tools: [],
    })) {
      events.push(event);
    }
    fixtures.assertAllUsed();
    expect(events.map((event) => event.type)).toEqual(['reasoning-delta', 'text-delta', 'usage', 'response']);
    const last = events.at(-1);
    expect(last?.type === 'response' && textOf(last.response)).toBe('303.');
  });

  it('a flat stream error with status 529 is an overload (ServerError)', async () => {
    await replay('responses-stream-overloaded');
    const error = await (async () => {
      for await (const _event of xai('grok-4.3', { client: client() }).stream({
        messages: [user('What is 101*3?')],
        tools: [],
      })) {
        // drain
      }
    })().catch((caught: unknown) => caught);
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 529, code: '529' });
  });

  it('retries an HTTP 529 like a 503', async () => {
    const fixtures = await replay('responses-overloaded');
    const response = await xai('grok-4.3', { client: client({ maxRetries: 1 }) }).generate({
      messages: [user('What is 101*3?')],
      tools: [],
    });
    fixtures.assertAllUsed();
    expect(textOf(response)).toBe('303.');
  });

  it('throws on an incomplete answer by default; throwOnIncomplete: false returns it with finish reason length', async () => {
    const request = { messages: [user('Write a long essay.')], tools: [], settings: { maxOutputTokens: 16 } };
    await replay('responses-incomplete-length');
    const error = await xai('grok-4.3', { client: client() })
      .generate(request)
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'max_output_tokens', status: 200 });

    await replay('responses-incomplete-length');
    const response = await xai('grok-4.3', { client: client(), throwOnIncomplete: false }).generate(request);
    expect(response.finishReason).toBe('length');
    expect(textOf(response)).toBe('Once upon a time');
  });
});
