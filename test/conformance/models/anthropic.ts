/**
 * Conformance adapter of Anthropic's Messages model (`hello-dave/anthropic`): answers in the Messages format
 * (shared/api/anthropic.md): content blocks, `tool_use` input as a JSON object in whole answers, thinking and
 * redacted thinking blocks that must come back unmodified, streams of content-block events with cumulative
 * `message_delta` usage. The whole history is resent on every request. Not a test file.
 */
import { expect } from 'vitest';
import { ServerError } from '../../../src/index.js';
import { anthropic, createAnthropicClient } from '../../../src/providers/anthropic/index.js';
import type { FixtureSseEvent } from '../../../src/testing/index.js';
import { type Body, type ConformanceAdapter, halves, type SentToolResult, sse, type Turn, textOf } from '../adapter.js';

type Block = Record<string, unknown>;

function thinkingBlocks(turn: Turn): Block[] {
  const reasoning = turn.reasoning;
  if (!reasoning) return [];
  return [
    { type: 'thinking', thinking: reasoning.text, signature: reasoning.opaque },
    { type: 'redacted_thinking', data: `redacted-${reasoning.opaque}` },
  ];
}

function blocksOf(turn: Turn): Block[] {
  const blocks = thinkingBlocks(turn);
  if (turn.text) blocks.push({ type: 'text', text: textOf(turn) });
  for (const call of turn.calls ?? []) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.arguments) });
  }
  return blocks;
}

const stopReason = (turn: Turn) => (turn.calls?.length ? 'tool_use' : 'end_turn');

/** Usage at `message_start`: input split into uncached and cache-read tokens. */
const startUsage = (turn: Turn) => ({
  input_tokens: turn.usage.input - turn.usage.cached,
  output_tokens: 1,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: turn.usage.cached,
});

const finalUsage = (turn: Turn) => ({
  ...startUsage(turn),
  output_tokens: turn.usage.output,
  output_tokens_details: { thinking_tokens: turn.usage.reasoning },
});

const messageOf = (n: number, content: Block[], stop: string | null, usage: Record<string, unknown>) => ({
  id: `msg_conf_${n}`,
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content,
  stop_reason: stop,
  stop_sequence: null,
  usage,
});

/** The events of one content block: start, deltas, stop. */
function blockEvents(turn: Turn, index: number, block: Block, call?: { arguments: string }): FixtureSseEvent[] {
  const delta = (value: Block) => sse({ type: 'content_block_delta', index, delta: value }, 'content_block_delta');
  const start = (skeleton: Block) =>
    sse({ type: 'content_block_start', index, content_block: skeleton }, 'content_block_start');
  const out: FixtureSseEvent[] = [];
  if (block.type === 'thinking') {
    out.push(start({ type: 'thinking', thinking: '', signature: '' }));
    out.push(delta({ type: 'thinking_delta', thinking: block.thinking }));
    out.push(delta({ type: 'signature_delta', signature: block.signature }));
  } else if (block.type === 'text') {
    out.push(start({ type: 'text', text: '' }));
    for (const text of turn.text ?? []) out.push(delta({ type: 'text_delta', text }));
  } else if (block.type === 'tool_use') {
    out.push(start({ type: 'tool_use', id: block.id, name: block.name, input: {} }));
    out.push(delta({ type: 'input_json_delta', partial_json: '' }));
    for (const piece of halves(call?.arguments ?? ''))
      out.push(delta({ type: 'input_json_delta', partial_json: piece }));
  } else {
    out.push(start(block));
  }
  out.push(sse({ type: 'content_block_stop', index }, 'content_block_stop'));
  return out;
}

/** Blocks of a streamed turn; tool arguments stay text (they may be invalid JSON in a stream). */
function streamedBlocks(turn: Turn): { block: Block; call?: { arguments: string } }[] {
  const blocks: { block: Block; call?: { arguments: string } }[] = thinkingBlocks(turn).map((block) => ({ block }));
  if (turn.text) blocks.push({ block: { type: 'text' } });
  for (const call of turn.calls ?? []) blocks.push({ block: { type: 'tool_use', id: call.id, name: call.name }, call });
  return blocks;
}

function lastUserBlocks(body: Body): Block[] {
  const messages = body.messages as { role: string; content: unknown }[];
  const last = messages.at(-1);
  return last?.role === 'user' && Array.isArray(last.content) ? (last.content as Block[]) : [];
}

export const anthropicAdapter: ConformanceAdapter = {
  name: 'anthropic',
  origin: 'https://api.anthropic.com',
  path: '/v1/messages',
  notes: {
    answer: 'shared/api/anthropic.md § Response — Message object, § Examples › Tool use round trip',
    stream:
      'shared/api/anthropic.md § Streaming (event order, input_json_delta assembly, cumulative message_delta usage)',
    error: 'shared/api/anthropic.md § Streaming (mid-stream error: overloaded_error after HTTP 200)',
  },
  toolErrorFlag: true,
  argumentsAsText: false,
  model: () =>
    anthropic('claude-sonnet-4-6', {
      client: createAnthropicClient({ apiKey: 'sk-ant-api03-test-key-0123456789', maxRetries: 0, env: {} }),
    }),
  reasoningSettings: { reasoning: { budgetTokens: 2048 } },
  callId: (base) => `toolu_${base}`,
  answer: (turn, n) => ({ json: messageOf(n, blocksOf(turn), stopReason(turn), finalUsage(turn)) }),
  events(turn, n) {
    return [
      sse({ type: 'message_start', message: messageOf(n, [], null, startUsage(turn)) }, 'message_start'),
      sse({ type: 'ping' }, 'ping'),
      ...streamedBlocks(turn).flatMap(({ block, call }, index) => blockEvents(turn, index, block, call)),
      sse(
        {
          type: 'message_delta',
          delta: { stop_reason: stopReason(turn), stop_sequence: null },
          usage: { output_tokens: turn.usage.output, output_tokens_details: { thinking_tokens: turn.usage.reasoning } },
        },
        'message_delta',
      ),
      sse({ type: 'message_stop' }, 'message_stop'),
    ];
  },
  errorEvents: (textBefore) => [
    sse(
      {
        type: 'message_start',
        message: messageOf(1, [], null, startUsage({ usage: { input: 20, cached: 0, output: 0, reasoning: 0 } })),
      },
      'message_start',
    ),
    sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
    sse(
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: textBefore } },
      'content_block_delta',
    ),
    sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'error'),
  ],
  expectStreamError(error) {
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'anthropic', status: 200, type: 'overloaded_error' });
  },
  reasoningReturned: (turn) => thinkingBlocks(turn),
  reasoningResent(body) {
    const messages = body.messages as { role: string; content: unknown }[];
    const assistant = messages.find((message) => message.role === 'assistant');
    const content = Array.isArray(assistant?.content) ? (assistant.content as Block[]) : [];
    return content.filter((block) => block.type === 'thinking' || block.type === 'redacted_thinking');
  },
  toolResults(body): SentToolResult[] {
    return lastUserBlocks(body)
      .filter((block) => block.type === 'tool_result')
      .map((block) => ({
        callId: String(block.tool_use_id),
        output: String(block.content),
        ...(block.is_error === true ? { isError: true } : {}),
      }));
  },
  instructions(body) {
    const system = body.system;
    if (typeof system === 'string') return system;
    if (Array.isArray(system)) return (system as { text?: string }[]).map((block) => block.text ?? '').join('');
    return undefined;
  },
  streamed: (body) => body.stream === true,
  outputSchema(body) {
    return (body.output_config as { format?: { schema?: Record<string, unknown> } } | undefined)?.format?.schema;
  },
  expectOutputFormat(body) {
    // Closed objects: Anthropic's structured outputs need additionalProperties false on every object.
    const format = (body.output_config as { format?: Block } | undefined)?.format;
    expect(format).toMatchObject({ type: 'json_schema', schema: { additionalProperties: false } });
  },
  toolNames: (body) => ((body.tools ?? []) as Block[]).map((tool) => String(tool.name)),
  toolChoice(body) {
    const type = (body.tool_choice as { type?: string } | undefined)?.type;
    if (type === 'any') return 'required';
    return type === 'auto' || type === 'none' ? type : undefined;
  },
  expectToolFollowUp(body, { callIds }) {
    // Stateless: the whole history goes back, the assistant's tool_use blocks before the user's tool_results.
    const messages = body.messages as { role: string; content: unknown }[];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    const assistant = messages[1]?.content as Block[];
    expect(assistant.filter((block) => block.type === 'tool_use').map((block) => block.id)).toEqual(callIds);
    expect(lastUserBlocks(body).map((block) => block.tool_use_id)).toEqual(callIds);
  },
};
