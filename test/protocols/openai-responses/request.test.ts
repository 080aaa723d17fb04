import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../../src/common/errors.js';
import { deepFreezeShared } from '../../../src/core/immutable.js';
import type { ModelRequest } from '../../../src/core/model.js';
import type { Message } from '../../../src/core/prompt/message.js';
import type { ResponsesDialect } from '../../../src/protocols/openai-responses/dialect.js';
import { buildResponsesRequest, readContinuation } from '../../../src/protocols/openai-responses/request.js';
import type { ResponsesCreateBody } from '../../../src/protocols/openai-responses/wire.js';

const dialect: ResponsesDialect = {
  provider: 'openai',
  instructionsWithPreviousResponse: true,
  strictTools: true,
  outputTokensIncludeReasoning: true,
};
const build = (request: ModelRequest, store = true) =>
  buildResponsesRequest(request, { modelId: 'gpt-5.4', dialect, store });

const history: Message[] = [
  { role: 'system', content: 'Earlier system note.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Look at these.' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
      { type: 'image', source: { kind: 'base64', data: 'AAAA', mimeType: 'image/jpeg' }, detail: 'high' },
      { type: 'image', source: { kind: 'file', fileId: 'file_1' } },
      { type: 'file', source: { kind: 'base64', data: 'JVBERi0=', mimeType: 'application/pdf' }, filename: 'a.pdf' },
      { type: 'file', source: { kind: 'url', url: 'https://example.com/b.pdf' } },
      { type: 'file', source: { kind: 'file', fileId: 'file_2' } },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', provider: 'openai', data: { type: 'reasoning', id: 'rs_1', summary: [] } },
      { type: 'text', text: 'Sure. ' },
      { type: 'text', text: 'One moment.' },
      { type: 'tool-call', id: 'call_1', name: 'look', arguments: '{}', itemId: 'fc_1' },
      { type: 'provider-item', provider: 'openai', data: { type: 'web_search_call', id: 'ws_1', status: 'completed' } },
      {
        type: 'media',
        kind: 'image',
        source: { kind: 'base64', data: 'iVBOR', mimeType: 'image/png' },
        itemId: 'ig_1',
      },
    ],
  },
  { role: 'tool', content: [{ type: 'tool-result', callId: 'call_1', name: 'look', output: 'seen' }] },
];

describe('buildResponsesRequest', () => {
  it('maps every message and part kind to input items, in order', () => {
    const { body } = build({ instructions: 'Be brief.', messages: history, tools: [] });
    expect(body.instructions).toBe('Be brief.');
    expect(body.input).toEqual([
      { role: 'system', content: 'Earlier system note.' },
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Look at these.' },
          { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' },
          { type: 'input_image', image_url: 'data:image/jpeg;base64,AAAA', detail: 'high' },
          { type: 'input_image', file_id: 'file_1', detail: 'auto' },
          { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
          { type: 'input_file', file_url: 'https://example.com/b.pdf' },
          { type: 'input_file', file_id: 'file_2' },
        ],
      },
      { type: 'reasoning', id: 'rs_1', summary: [] },
      {
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'Sure. ', annotations: [] },
          { type: 'output_text', text: 'One moment.', annotations: [] },
        ],
      },
      { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'look', arguments: '{}' },
      { type: 'web_search_call', id: 'ws_1', status: 'completed' },
      { type: 'image_generation_call', id: 'ig_1', status: 'completed', result: 'iVBOR' },
      { type: 'function_call_output', call_id: 'call_1', output: 'seen' },
    ]);
    expect(body.store).toBe(true);
    expect(body.include).toBeUndefined();
  });

  it("drops another provider's reasoning and the item ids of that message", () => {
    const { body } = build({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', provider: 'anthropic', data: { type: 'thinking', signature: 's' } },
            { type: 'tool-call', id: 'toolu_1', name: 'look', arguments: '{}', itemId: 'x_1' },
          ],
        },
        { role: 'tool', content: [{ type: 'tool-result', callId: 'toolu_1', name: 'look', output: 'ok' }] },
      ],
      tools: [],
    });
    expect(body.input).toEqual([
      { type: 'function_call', call_id: 'toolu_1', name: 'look', arguments: '{}' },
      { type: 'function_call_output', call_id: 'toolu_1', output: 'ok' },
    ]);
  });

  it('refuses audio input before any request', () => {
    expect(() =>
      build({
        messages: [{ role: 'user', content: [{ type: 'audio', source: { kind: 'url', url: 'https://x/a.mp3' } }] }],
        tools: [],
      }),
    ).toThrow(RequestValidationError);
  });

  it('chains only when the continuation matches the trailing tool results', () => {
    const continuation = { provider: 'openai', responseId: 'resp_1', callIds: ['call_1'] };
    const chained = build({ instructions: 'Be brief.', messages: history, tools: [], continuation });
    expect(chained.body.previous_response_id).toBe('resp_1');
    expect(chained.body.instructions).toBe('Be brief.');
    expect(chained.body.input).toEqual([{ type: 'function_call_output', call_id: 'call_1', output: 'seen' }]);

    // A stale continuation (other calls), another provider's, no store, or a last user message: full history.
    for (const [request, store] of [
      [{ messages: history, tools: [], continuation: { ...continuation, callIds: ['call_9'] } }, true],
      [{ messages: history, tools: [], continuation: { ...continuation, provider: 'xai' } }, true],
      [{ messages: history, tools: [], continuation }, false],
      [
        {
          messages: [...history, { role: 'user', content: [{ type: 'text', text: 'more' }] }],
          tools: [],
          continuation,
        },
        true,
      ],
    ] as const) {
      const { body } = build(request as ModelRequest, store);
      expect(body.previous_response_id).toBeUndefined();
      expect(Array.isArray(body.input) && body.input.length).toBeGreaterThan(1);
    }
  });

  it('maps tool choice, settings and provider options; asks for encrypted reasoning without store', () => {
    const tools = [{ name: 'look', description: 'Look', inputSchema: { type: 'object', properties: {} } }];
    const { body } = build(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        tools,
        toolChoice: { tool: 'look' },
        settings: {
          maxOutputTokens: 100,
          temperature: 0.5,
          topP: 0.9,
          parallelToolCalls: false,
          reasoning: { effort: 'high', summary: 'detailed', budgetTokens: 1000 },
          providerOptions: {
            openai: { builtinTools: [{ type: 'web_search' }], service_tier: 'priority' },
            xai: { ignored: true },
          },
        },
      },
      false,
    );
    expect(body).toMatchObject({
      tool_choice: { type: 'function', name: 'look' },
      parallel_tool_calls: false,
      max_output_tokens: 100,
      temperature: 0.5,
      top_p: 0.9,
      reasoning: { effort: 'high', summary: 'detailed' },
      service_tier: 'priority',
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'look',
        description: 'Look',
        parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
        strict: true,
      },
      { type: 'web_search' },
    ]);
    expect(body).not.toHaveProperty('ignored');
    expect(build({ messages: [], tools, toolChoice: { tool: 'image_generation' } }).body.tool_choice).toEqual({
      type: 'image_generation',
    });
    expect(build({ messages: [], tools: [], toolChoice: 'required' }).body.tool_choice).toBeUndefined();
  });

  it('lets providerOptions switch store per call', () => {
    const { body, store } = build({
      messages: [],
      tools: [],
      settings: { providerOptions: { openai: { store: false } } },
    });
    expect(store).toBe(false);
    expect(body.store).toBe(false);
  });
});

describe('readContinuation', () => {
  it('accepts only this provider’s well-formed continuation', () => {
    expect(readContinuation({ provider: 'openai', responseId: 'r', callIds: [] }, 'openai')).toEqual({
      provider: 'openai',
      responseId: 'r',
      callIds: [],
    });
    expect(readContinuation({ provider: 'openai', responseId: 'r', callIds: [1] }, 'openai')).toBeUndefined();
    expect(readContinuation('resp_1', 'openai')).toBeUndefined();
    expect(readContinuation(undefined, 'openai')).toBeUndefined();
  });
});

describe('strict tool shapes of frozen specs', () => {
  const schema = () => ({
    type: 'object',
    properties: { text: { type: 'string' }, lang: { type: 'string' } },
    required: ['text'],
  });
  const parameters = (body: ResponsesCreateBody): { properties: object } => {
    const tool = body.tools?.[0];
    if (tool?.type !== 'function') throw new Error('no function tool');
    return tool.parameters as { properties: object };
  };
  const request = (inputSchema: Record<string, unknown>): ModelRequest => ({
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    tools: [{ name: 'echo', description: 'Echoes', inputSchema }],
  });

  it('are made once per frozen schema and give the same body as a fresh one', () => {
    const frozen = deepFreezeShared(schema());
    const first = build(request(frozen));
    const second = build(request(frozen));
    expect(first.body).toEqual(build(request(schema())).body);
    expect(second.body.tools).toEqual(first.body.tools);
    expect(parameters(second.body)).toBe(parameters(first.body));
    expect(Object.isFrozen(parameters(first.body))).toBe(true);
    expect(second.restoreArguments.get('echo')?.({ text: 'a', lang: null })).toEqual({ text: 'a' });
  });

  it('shapes a frozen spec list once: each body gets its own tools array, built-in tools never leak between bodies', () => {
    const specs = Object.freeze([
      Object.freeze({ name: 'echo', description: 'Echoes', inputSchema: deepFreezeShared(schema()) }),
    ]);
    const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];
    const withSearch = buildResponsesRequest(
      { messages, tools: specs, settings: { providerOptions: { openai: { builtinTools: [{ type: 'web_search' }] } } } },
      { modelId: 'gpt-5.4', dialect, store: true },
    );
    const plain = build({ messages, tools: specs });
    expect(withSearch.body.tools?.map((tool) => tool.type)).toEqual(['function', 'web_search']);
    expect(plain.body.tools?.map((tool) => tool.type)).toEqual(['function']);
    expect(plain.body.tools).not.toBe(withSearch.body.tools);
    // The shaped function tool itself is shared and frozen.
    expect(plain.body.tools?.[0]).toBe(withSearch.body.tools?.[0]);
    expect(Object.isFrozen(plain.body.tools?.[0])).toBe(true);
    expect(plain.restoreArguments).toBe(withSearch.restoreArguments);
    // A loose dialect gets its own shape of the same specs.
    const loose = buildResponsesRequest(
      { messages, tools: specs },
      { modelId: 'm', dialect: { ...dialect, strictTools: false }, store: true },
    );
    expect(loose.body.tools?.[0]).not.toHaveProperty('strict');
  });

  it('are made again for a schema that may change (not frozen by the agent core)', () => {
    const open = schema();
    const first = build(request(open));
    (open.properties as Record<string, unknown>).extra = { type: 'number' };
    const second = build(request(open));
    expect(Object.keys(parameters(second.body).properties)).toEqual(['text', 'lang', 'extra']);
    expect(Object.isFrozen(parameters(first.body))).toBe(false);
  });
});
