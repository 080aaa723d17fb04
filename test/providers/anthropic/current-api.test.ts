/**
 * The Anthropic model exact to the current Messages API (shared/api/anthropic.md, SDK v0.120.0): the thinking
 * shape each model family takes, effort `max`, the sampling settings newer models reject (refused before any
 * request), `max_tokens: 0`, `stop_details` from `message_delta`, and system messages hoisted out of the history.
 */
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../src/common/errors.js';
import type { ModelRequest, ModelSettings, ModelStreamEvent } from '../../../src/core/model.js';
import type { Message } from '../../../src/core/prompt/message.js';
import {
  type AnthropicStreamEvent,
  anthropic,
  createAnthropicClient,
  createMessage,
  streamMessage,
} from '../../../src/providers/anthropic/index.js';
import { MessageAssembly } from '../../../src/providers/anthropic/model-stream.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

const BASE = 'https://api.anthropic.com';
const DIR = 'test/fixtures/anthropic';

function client() {
  return createAnthropicClient({ apiKey: 'sk-ant-api03-test-key-0123456789', env: {}, maxRetryDelayMs: 1 });
}

function user(text: string): Message {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function request(settings: ModelSettings): ModelRequest {
  return { messages: [user('hi')], tools: [], settings };
}

/** An inline fixture: the exact body `/v1/messages` must receive (any body when none), answered with a short text. */
function expectBody(body?: Record<string, unknown>): Fixture {
  return {
    source: 'docs',
    notes: 'shared/api/anthropic.md § POST /v1/messages — request',
    request: { method: 'POST', path: '/v1/messages', body: body ? { json: body } : { any: true } },
    response: {
      status: 200,
      body: {
        json: {
          id: 'msg_x',
          type: 'message',
          role: 'assistant',
          model: String(body?.model ?? 'claude-opus-4-7'),
          content: [{ type: 'text', text: 'ok' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      },
    },
  };
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('anthropic() thinking shape by model family', () => {
  const adaptive = [
    'claude-opus-5',
    'claude-sonnet-5',
    'claude-fable-5',
    'claude-mythos-5',
    'claude-opus-4-8',
    'claude-opus-4-7',
    'claude-mythos-preview',
  ];
  const budget = [
    'claude-opus-4-6',
    'claude-sonnet-4-6',
    'claude-haiku-4-5',
    'claude-haiku-4-5-20251001',
    'claude-opus-4-5',
    'claude-sonnet-4-5-20250929',
  ];

  it.each(adaptive)('%s takes thinking { type: adaptive } for a thinking budget', async (model) => {
    const replay = await useFixtures(
      server,
      expectBody({
        model,
        max_tokens: 6144,
        thinking: { type: 'adaptive' },
        messages: [{ role: 'user', content: 'hi' }],
      }),
      { baseUrl: BASE },
    );
    await anthropic(model, { client: client() }).generate(request({ reasoning: { budgetTokens: 2048 } }));
    replay.assertAllUsed();
  });

  it.each(budget)('%s takes thinking { type: enabled, budget_tokens }', async (model) => {
    const replay = await useFixtures(
      server,
      expectBody({
        model,
        max_tokens: 6144,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'hi' }],
      }),
      { baseUrl: BASE },
    );
    await anthropic(model, { client: client() }).generate(request({ reasoning: { budgetTokens: 2048 } }));
    replay.assertAllUsed();
  });

  it('an unknown model id gets adaptive thinking, with the effort asked for', async () => {
    const model = 'claude-opus-6-preview';
    const replay = await useFixtures(
      server,
      expectBody({
        model,
        max_tokens: 4096,
        thinking: { type: 'adaptive' },
        output_config: { effort: 'high' },
        messages: [{ role: 'user', content: 'hi' }],
      }),
      { baseUrl: BASE },
    );
    await anthropic(model, { client: client() }).generate(request({ reasoning: { effort: 'high' } }));
    replay.assertAllUsed();
  });

  it('effort max on an adaptive model: thinking adaptive and output_config.effort max; the thinking comes back', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-adaptive-thinking`, { baseUrl: BASE });
    const response = await anthropic('claude-opus-4-8', { client: client() }).generate({
      messages: [user('Is 221 prime?')],
      tools: [],
      settings: { reasoning: { effort: 'max' } },
    });
    replay.assertAllUsed();
    expect(response.message.content).toEqual([
      {
        type: 'reasoning',
        provider: 'anthropic',
        text: '221 = 13 × 17.',
        data: { type: 'thinking', thinking: '221 = 13 × 17.', signature: 'EqQBCgIYAhIMadaptive+sig==' },
      },
      { type: 'text', text: 'No: 221 = 13 × 17.' },
    ]);
    expect(response.usage.reasoningTokens).toBe(22);
  });

  it('effort max on a budget model goes to output_config.effort without thinking', async () => {
    const replay = await useFixtures(
      server,
      expectBody({
        model: 'claude-opus-4-6',
        max_tokens: 4096,
        output_config: { effort: 'max' },
        messages: [{ role: 'user', content: 'hi' }],
      }),
      { baseUrl: BASE },
    );
    await anthropic('claude-opus-4-6', { client: client() }).generate(request({ reasoning: { effort: 'max' } }));
    replay.assertAllUsed();
  });

  it('effort none on an adaptive model sends neither thinking nor effort', async () => {
    const replay = await useFixtures(
      server,
      expectBody({ model: 'claude-opus-4-7', max_tokens: 4096, messages: [{ role: 'user', content: 'hi' }] }),
      { baseUrl: BASE },
    );
    await anthropic('claude-opus-4-7', { client: client() }).generate(request({ reasoning: { effort: 'none' } }));
    replay.assertAllUsed();
  });
});

describe('anthropic() sampling settings newer models reject', () => {
  const refused: [string, ModelSettings, string][] = [
    ['temperature', { temperature: 0.2 }, 'temperature'],
    ['temperature 0', { temperature: 0 }, 'temperature'],
    ['topP', { topP: 0.9 }, 'top_p'],
    ['top_k', { providerOptions: { anthropic: { top_k: 40 } } }, 'top_k'],
  ];

  it.each(refused)(
    '%s on claude-opus-4-7 raises RequestValidationError before any request',
    async (_, settings, field) => {
      const replay = await useFixtures(server, expectBody(), { baseUrl: BASE });
      const model = anthropic('claude-opus-4-7', { client: client() });
      const error = await model.generate(request(settings)).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(RequestValidationError.isInstance(error)).toBe(true);
      if (!RequestValidationError.isInstance(error)) return;
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
      expect(error.message).toContain('claude-opus-4-7');
      // The fake server saw nothing.
      expect(replay.requests).toEqual([]);
    },
  );

  it('a streamed request is refused the same way, before any request', async () => {
    const replay = await useFixtures(server, expectBody(), { baseUrl: BASE });
    const stream = anthropic('claude-mythos-5', { client: client() }).stream(request({ topP: 0.5 }));
    await expect(collect(stream)).rejects.toSatisfy(
      (error: unknown) =>
        RequestValidationError.isInstance(error) && error.field === 'top_p' && /claude-mythos-5/.test(error.message),
    );
    expect(replay.requests).toEqual([]);
  });

  it('createMessage refuses every rejected setting at once, naming each', async () => {
    const replay = await useFixtures(server, expectBody(), { baseUrl: BASE });
    const sent = createMessage(client(), {
      model: 'claude-opus-5',
      max_tokens: 64,
      temperature: 0.7,
      top_p: 0.5,
      top_k: 5,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(sent).rejects.toSatisfy(
      (error: unknown) =>
        RequestValidationError.isInstance(error) &&
        error.issues.map((issue) => issue.path).join() === 'temperature,top_p,top_k' &&
        error.issues.every((issue) => issue.message.includes('claude-opus-5')),
    );
    expect(replay.requests).toEqual([]);
  });

  it('sends what the model accepts: temperature 1 and top_p 0.99 on claude-opus-4-7', async () => {
    const replay = await useFixtures(
      server,
      expectBody({
        model: 'claude-opus-4-7',
        max_tokens: 4096,
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 1,
        top_p: 0.99,
      }),
      { baseUrl: BASE },
    );
    await anthropic('claude-opus-4-7', { client: client() }).generate(request({ temperature: 1, topP: 0.99 }));
    replay.assertAllUsed();
  });

  it.each(['claude-sonnet-4-6', 'claude-opus-4-6', 'claude-future-model'])(
    'leaves sampling alone on %s (not known to reject it)',
    async (model) => {
      const replay = await useFixtures(
        server,
        expectBody({
          model,
          max_tokens: 4096,
          messages: [{ role: 'user', content: 'hi' }],
          temperature: 0.2,
          top_p: 0.5,
          top_k: 40,
        }),
        { baseUrl: BASE },
      );
      await anthropic(model, { client: client() }).generate(
        request({ temperature: 0.2, topP: 0.5, providerOptions: { anthropic: { top_k: 40 } } }),
      );
      replay.assertAllUsed();
    },
  );
});

describe('anthropic() max_tokens, stop_details and system messages', () => {
  it('sends maxOutputTokens 0 as max_tokens 0 (warms the prompt cache) and parses the empty answer', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-cache-warm`, { baseUrl: BASE });
    const response = await anthropic('claude-opus-4-8', { client: client() }).generate({
      instructions: 'A long, stable system prompt worth caching.',
      messages: [user('Hello')],
      tools: [],
      settings: { maxOutputTokens: 0, providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } } },
    });
    replay.assertAllUsed();
    expect(response.message.content).toEqual([]);
    expect(response.finishReason).toBe('length');
    expect(response.usage).toEqual({ inputTokens: 4213, outputTokens: 0, totalTokens: 4213, cachedInputTokens: 0 });
  });

  it('keeps stop_details from message_delta on the assembled Message; the response is a content-filter stop', async () => {
    const refusal = {
      type: 'refusal',
      category: 'bio',
      explanation: 'The request asks for help producing a biological weapon.',
    };
    const params = {
      model: 'claude-opus-4-7',
      max_tokens: 4096,
      messages: [{ role: 'user' as const, content: 'Explain how to culture a dangerous pathogen.' }],
    };
    let replay = await useFixtures(server, `${DIR}/messages-stream-refusal`, { baseUrl: BASE });
    const events: AnthropicStreamEvent[] = await collect(streamMessage(client(), params));
    replay.assertAllUsed();
    const delta = events.find((event) => event.type === 'message_delta');
    expect(delta?.type === 'message_delta' && delta.delta.stop_details).toEqual(refusal);

    const assembly = new MessageAssembly();
    for (const event of events) if (event.type !== 'message_stop') [...assembly.accept(event)];
    expect(assembly.message()).toMatchObject({
      id: 'msg_01StreamRefusal',
      content: [{ type: 'text', text: "I can't help with that." }],
      stop_reason: 'refusal',
      stop_sequence: null,
      stop_details: refusal,
    });

    replay = await useFixtures(server, `${DIR}/messages-stream-refusal`, { baseUrl: BASE });
    const streamed: ModelStreamEvent[] = await collect(
      anthropic('claude-opus-4-7', { client: client() }).stream({
        messages: [user('Explain how to culture a dangerous pathogen.')],
        tools: [],
      }),
    );
    replay.assertAllUsed();
    const last = streamed.at(-1);
    expect(last?.type === 'response' && last.response.finishReason).toBe('content-filter');
  });

  it('hoists system messages from the middle of the history into the top-level system', async () => {
    const replay = await useFixtures(server, `${DIR}/messages-system-mid-history`, { baseUrl: BASE });
    const response = await anthropic('claude-sonnet-5', { client: client() }).generate({
      instructions: 'Be brief.',
      messages: [
        user('Weather in Paris?'),
        { role: 'system', content: 'Answer in French from now on.' },
        { role: 'assistant', content: [{ type: 'text', text: 'Sunny, 24 degrees.' }] },
        { role: 'system', content: 'Use metric units.' },
        user('And tomorrow?'),
      ],
      tools: [],
    });
    replay.assertAllUsed();
    expect(response.message.content).toEqual([{ type: 'text', text: 'Nuageux, 19 °C.' }]);
  });
});

describe('createMessage: document and tool-result blocks of the current API', () => {
  it('sends a document made of content blocks and a tool result holding a search result, exactly as given', async () => {
    const body = {
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      messages: [
        {
          role: 'user' as const,
          content: [
            {
              type: 'document' as const,
              source: {
                type: 'content' as const,
                content: [
                  { type: 'text' as const, text: 'Chapter 1. The lighthouse.' },
                  { type: 'image' as const, source: { type: 'url' as const, url: 'https://example.com/map.png' } },
                ],
              },
              title: 'Field notes',
              citations: { enabled: true },
            },
            { type: 'text' as const, text: 'Where is the lighthouse?' },
          ],
        },
        {
          role: 'assistant' as const,
          content: [{ type: 'tool_use' as const, id: 'toolu_01', name: 'search', input: { q: 'lighthouse' } }],
        },
        {
          role: 'user' as const,
          content: [
            {
              type: 'tool_result' as const,
              tool_use_id: 'toolu_01',
              content: [
                {
                  type: 'search_result' as const,
                  source: 'https://example.com/lighthouses',
                  title: 'Lighthouses of the coast',
                  content: [{ type: 'text' as const, text: 'The lighthouse stands on the north cape.' }],
                  citations: { enabled: true },
                },
              ],
            },
          ],
        },
      ],
    };
    const replay = await useFixtures(server, expectBody(body), { baseUrl: BASE });
    const message = await createMessage(client(), body);
    replay.assertAllUsed();
    expect(message.content).toEqual([{ type: 'text', text: 'ok' }]);
  });

  it('still names the field of a broken block inside them', async () => {
    // A search result without its title, as a caller without types could send it.
    const params: unknown = {
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_01',
              content: [{ type: 'search_result', source: 'https://example.com', content: [] }],
            },
          ],
        },
      ],
    };
    const sent = createMessage(client(), params as Parameters<typeof createMessage>[1]);
    await expect(sent).rejects.toSatisfy(
      (error: unknown) =>
        RequestValidationError.isInstance(error) &&
        error.issues.map((issue) => issue.path).join() === 'messages.0.content.0.content.0.title',
    );
  });
});
