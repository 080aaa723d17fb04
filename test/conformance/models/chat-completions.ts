/**
 * Conformance adapter of the Chat Completions model (`hello-dave/openai-compatible`) on a local server without a
 * key: answers in the Chat Completions format (choices, `tool_calls`, `reasoning_content`, usage details), streams
 * of chunks with tool-call fragments by index, a usage chunk and `[DONE]`; an error envelope as a chunk
 * mid-stream, as gateways send it. The whole history is resent on every request. Not a test file.
 */
import { expect } from 'vitest';
import { ServerError } from '../../../src/index.js';
import { chatCompletions, createChatCompletionsClient } from '../../../src/providers/openai-compatible/index.js';
import type { FixtureSseEvent } from '../../../src/testing/index.js';
import { type Body, type ConformanceAdapter, halves, type SentToolResult, sse, type Turn, textOf } from '../adapter.js';

const DOCS =
  'OpenAI API reference, Chat Completions: Create chat completion, The chat completion object, The chat completion chunk object (https://platform.openai.com/docs/api-reference/chat); no shared notes file covers Chat Completions';

type Message = Record<string, unknown>;

const usageOf = (turn: Turn) => ({
  prompt_tokens: turn.usage.input,
  completion_tokens: turn.usage.output,
  total_tokens: turn.usage.input + turn.usage.output,
  prompt_tokens_details: { cached_tokens: turn.usage.cached },
  completion_tokens_details: { reasoning_tokens: turn.usage.reasoning },
});

const finishReason = (turn: Turn) => (turn.calls?.length ? 'tool_calls' : 'stop');

function chunk(n: number, choices: unknown[], extra: Record<string, unknown> = {}): FixtureSseEvent {
  return sse({
    id: `chatcmpl-conf-${n}`,
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'llama3.2',
    choices,
    ...extra,
  });
}

const deltaChunk = (n: number, delta: Record<string, unknown>) => chunk(n, [{ index: 0, delta, finish_reason: null }]);

function callChunks(turn: Turn, n: number): FixtureSseEvent[] {
  return (turn.calls ?? []).flatMap((call, index) => [
    deltaChunk(n, {
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    }),
    ...halves(call.arguments).map((piece) =>
      deltaChunk(n, { tool_calls: [{ index, function: { arguments: piece } }] }),
    ),
  ]);
}

function conversation(body: Body): Message[] {
  return body.messages as Message[];
}

export const chatCompletionsAdapter: ConformanceAdapter = {
  name: 'local',
  origin: 'http://127.0.0.1:8080',
  path: '/v1/chat/completions',
  notes: {
    answer: DOCS,
    stream: DOCS,
    error:
      'OpenRouter API reference, Errors: errors after streaming started arrive as a chunk {"error": {"code", "message"}} (https://openrouter.ai/docs/api-reference/errors); no shared notes file covers Chat Completions',
  },
  toolErrorFlag: false,
  argumentsAsText: true,
  model: ({ reasoning = false } = {}) =>
    chatCompletions('llama3.2', {
      client: createChatCompletionsClient({
        baseUrl: 'http://127.0.0.1:8080/v1',
        provider: 'local',
        maxRetries: 0,
        env: {},
      }),
      ...(reasoning ? { sendReasoning: true } : {}),
    }),
  reasoningSettings: { reasoning: { effort: 'low' } },
  callId: (base) => `call_${base}`,
  answer(turn, n) {
    const message: Message = { role: 'assistant', content: turn.text ? textOf(turn) : null };
    if (turn.reasoning) message.reasoning_content = turn.reasoning.text;
    if (turn.calls?.length) {
      message.tool_calls = turn.calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
    }
    return {
      json: {
        id: `chatcmpl-conf-${n}`,
        object: 'chat.completion',
        created: 1767225600,
        model: 'llama3.2',
        choices: [{ index: 0, message, finish_reason: finishReason(turn) }],
        usage: usageOf(turn),
      },
    };
  },
  events(turn, n) {
    return [
      deltaChunk(n, { role: 'assistant', content: '' }),
      ...(turn.reasoning
        ? halves(turn.reasoning.text).map((piece) => deltaChunk(n, { reasoning_content: piece }))
        : []),
      ...(turn.text ?? []).map((content) => deltaChunk(n, { content })),
      ...callChunks(turn, n),
      chunk(n, [{ index: 0, delta: {}, finish_reason: finishReason(turn) }]),
      chunk(n, [], { usage: usageOf(turn) }),
      { data: '[DONE]' },
    ];
  },
  errorEvents: (textBefore) => [
    deltaChunk(1, { role: 'assistant', content: '' }),
    deltaChunk(1, { content: textBefore }),
    sse({ error: { code: 502, message: 'Upstream provider error' } }),
  ],
  expectStreamError(error) {
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'local', status: 200, code: '502' });
  },
  // The reasoning text is what this protocol carries; it goes back as `reasoning_content`.
  reasoningReturned: (turn) => turn.reasoning?.text,
  reasoningResent(body) {
    return conversation(body).find((message) => message.role === 'assistant')?.reasoning_content;
  },
  toolResults(body): SentToolResult[] {
    return conversation(body)
      .filter((message) => message.role === 'tool')
      .map((message) => ({ callId: String(message.tool_call_id), output: String(message.content) }));
  },
  instructions(body) {
    const system = conversation(body).find((message) => message.role === 'system');
    return typeof system?.content === 'string' ? system.content : undefined;
  },
  streamed: (body) => body.stream === true,
  outputSchema(body) {
    return (body.response_format as { json_schema?: { schema?: Record<string, unknown> } } | undefined)?.json_schema
      ?.schema;
  },
  expectOutputFormat(body) {
    // Not strict unless the model is made with `strict: true`.
    const format = body.response_format as { type?: string; json_schema?: Message } | undefined;
    expect(format?.type).toBe('json_schema');
    expect(format?.json_schema).toMatchObject({ name: 'output' });
    expect(format?.json_schema?.strict).toBeUndefined();
  },
  toolNames: (body) => ((body.tools ?? []) as { function: { name: string } }[]).map((tool) => tool.function.name),
  toolChoice(body) {
    const choice = body.tool_choice;
    return choice === 'auto' || choice === 'none' || choice === 'required' ? choice : undefined;
  },
  expectToolFollowUp(body, { callIds }) {
    // Stateless: system, user, the assistant's tool_calls, then one tool message per call.
    const messages = conversation(body);
    expect(messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      ...callIds.map(() => 'tool'),
    ]);
    const calls = messages[2]?.tool_calls as { id: string }[];
    expect(calls.map((call) => call.id)).toEqual(callIds);
  },
};
