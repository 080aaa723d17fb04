import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/prompt/message.js';
import { historyView, Prompt, prunedHistoryView, validateHistory } from '../../../src/core/prompt/prompt.js';

const reasoning = (id: string) =>
  ({
    type: 'reasoning',
    provider: 'openai',
    summary: `thinking ${id}`,
    data: { id, encrypted_content: `enc-${id}` },
  }) as const;

function toolRoundHistory(): Message[] {
  return [
    { role: 'user', content: [{ type: 'text', text: 'Plan a trip' }] },
    {
      role: 'assistant',
      content: [reasoning('rs_1'), { type: 'tool-call', id: 'c1', name: 'weather', arguments: '{"city":"Paris"}' }],
    },
    { role: 'tool', content: [{ type: 'tool-result', callId: 'c1', name: 'weather', output: 'sunny' }] },
    {
      role: 'assistant',
      content: [
        reasoning('rs_2'),
        { type: 'text', text: 'Checking trains too.' },
        { type: 'tool-call', id: 'c2', name: 'trains', arguments: '{}' },
        { type: 'tool-call', id: 'c3', name: 'hotels', arguments: '{}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', callId: 'c2', name: 'trains', output: '8:00' },
        { type: 'tool-result', callId: 'c3', name: 'hotels', output: 'Hotel A' },
      ],
    },
    { role: 'assistant', content: [reasoning('rs_3'), { type: 'tool-call', id: 'c4', name: 'book', arguments: '{}' }] },
    { role: 'tool', content: [{ type: 'tool-result', callId: 'c4', name: 'book', output: 'booked' }] },
  ];
}

describe('Prompt', () => {
  it('adds user text, multimodal parts, assistant and tool messages', () => {
    const prompt = new Prompt({ instructions: 'Be brief.' })
      .addUser('Hello')
      .addUser([
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'low' },
        { type: 'audio', source: { kind: 'base64', data: 'AAAA', mimeType: 'audio/wav' } },
        { type: 'file', source: { kind: 'file', fileId: 'file_1' }, filename: 'a.pdf' },
      ])
      .addAssistant([{ type: 'tool-call', id: 'c1', name: 'look', arguments: '{}' }])
      .addToolResults([{ type: 'tool-result', callId: 'c1', name: 'look', output: 'a cat' }])
      .addAssistant('A cat.');
    expect(prompt.length).toBe(5);
    expect(prompt.instructions).toBe('Be brief.');
    expect(prompt.lastAssistantText()).toBe('A cat.');
    expect(prompt.validate()).toEqual([]);
  });

  it('returns deep copies from its accessors', () => {
    const parts = [{ type: 'text' as const, text: 'original' }];
    const prompt = new Prompt().addUser(parts);
    parts[0]!.text = 'changed outside';
    const read = prompt.messages;
    (read[0]!.content[0] as { text: string }).text = 'changed copy';
    const last = prompt.last();
    expect(last).toEqual({ role: 'user', content: [{ type: 'text', text: 'original' }] });
  });

  it('round-trips through JSON losslessly, opaque reasoning data included', () => {
    const prompt = new Prompt({ instructions: 'sys', messages: toolRoundHistory() }).addAssistant([
      {
        type: 'media',
        kind: 'image',
        source: { kind: 'base64', data: 'iVBOR', mimeType: 'image/png' },
        itemId: 'ig_1',
      },
      {
        type: 'provider-item',
        provider: 'openai',
        data: { type: 'web_search_call', id: 'ws_1', nested: [1, { a: null }] },
      },
    ]);
    const json = JSON.parse(JSON.stringify(prompt));
    const back = Prompt.fromJSON(json);
    expect(back.toJSON()).toEqual(prompt.toJSON());
    expect(back.instructions).toBe('sys');
    expect(() => Prompt.fromJSON({ v: 1, messages: [{ role: 'robot', content: [] }] })).toThrow(/Not a Prompt JSON/);
  });

  it('prunes resolved tool rounds except the last, taking their reasoning along and keeping text', () => {
    const prompt = new Prompt({ messages: toolRoundHistory() });
    expect(prompt.pruneResolvedToolCalls({ keepLast: true })).toBe(2);
    expect(prompt.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Plan a trip' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking trains too.' }] },
      {
        role: 'assistant',
        content: [reasoning('rs_3'), { type: 'tool-call', id: 'c4', name: 'book', arguments: '{}' }],
      },
      { role: 'tool', content: [{ type: 'tool-result', callId: 'c4', name: 'book', output: 'booked' }] },
    ]);
    expect(prompt.validate()).toEqual([]);
    expect(prompt.pruneResolvedToolCalls()).toBe(0);
  });

  it('prunes every resolved round with keepLast: false and never touches unanswered calls', () => {
    const prompt = new Prompt({ messages: toolRoundHistory() }).addAssistant([
      { type: 'tool-call', id: 'c5', name: 'pay', arguments: '{}' },
    ]);
    expect(prompt.pruneResolvedToolCalls({ keepLast: false })).toBe(3);
    const messages = prompt.messages;
    expect(messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'tool-call', id: 'c5', name: 'pay', arguments: '{}' }],
    });
    expect(messages.some((message) => message.role === 'tool')).toBe(false);
    expect(prompt.pendingToolCalls().map((call) => call.id)).toEqual(['c5']);
  });

  it('validates histories and resolves dangling tool calls', () => {
    expect(
      validateHistory([
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        { role: 'system', content: 'late' },
        { role: 'tool', content: [{ type: 'tool-result', callId: 'x', name: 't', output: '' }] },
      ]).map((issue) => issue.message),
    ).toEqual(['a system message may only come first', 'tool result for x answers no open tool call']);
    const prompt = new Prompt()
      .addUser('go')
      .addAssistant([{ type: 'tool-call', id: 'c1', name: 'slow', arguments: '{}' }]);
    prompt.addUser('hello?');
    expect(prompt.validate()[0]?.message).toMatch(/c1 have no result/);
    const fixed = new Prompt()
      .addUser('go')
      .addAssistant([{ type: 'tool-call', id: 'c1', name: 'slow', arguments: '{}' }]);
    expect(fixed.resolveDanglingToolCalls()).toBe(1);
    fixed.addUser('hello?');
    expect(fixed.validate()).toEqual([]);
  });
});

describe('Prompt internals: frozen history shared with the run loop', () => {
  it('keeps its own frozen copies and still hands out mutable deep copies', () => {
    const history = toolRoundHistory();
    const prompt = new Prompt({ messages: history });
    (history[0] as { content: { text: string }[] }).content[0]!.text = 'changed outside';
    const view = historyView(prompt);
    expect(Object.isFrozen(view)).toBe(true);
    expect(view.every((message) => Object.isFrozen(message) && Object.isFrozen(message.content))).toBe(true);
    // Every part too, down to nested values (copied and frozen in one pass).
    const parts = view.flatMap((message) => message.content as readonly object[]);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.every((part) => Object.isFrozen(part))).toBe(true);
    expect(view[0]).toEqual(toolRoundHistory()[0]);
    const read = prompt.messages;
    expect(Object.isFrozen(read)).toBe(false);
    expect(Object.isFrozen(read[0])).toBe(false);
    expect(read[0]).not.toBe(view[0]);
    (read[0]!.content[0] as { text: string }).text = 'changed copy';
    expect(prompt.messages).toEqual(toolRoundHistory());
    const json = prompt.toJSON();
    json.messages.pop();
    expect(prompt.length).toBe(toolRoundHistory().length);
  });

  it('gives a view that stays as it was when the prompt changes, and a new one after', () => {
    const prompt = new Prompt().addUser('one');
    const first = historyView(prompt);
    expect(historyView(prompt)).toBe(first);
    prompt.addAssistant('two');
    expect(first).toHaveLength(1);
    const second = historyView(prompt);
    expect(second).toHaveLength(2);
    expect(second[0]).toBe(first[0]);
  });

  it('clones share nothing that can change: adding to a clone leaves the original alone', () => {
    const prompt = new Prompt({ instructions: 'sys' }).addUser('one');
    const copy = prompt.clone().addAssistant('two');
    expect(prompt.length).toBe(1);
    expect(copy.length).toBe(2);
    expect(copy.instructions).toBe('sys');
    const read = copy.messages;
    (read[0]!.content[0] as { text: string }).text = 'changed';
    expect(prompt.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'one' }] });
  });

  it('prunes into a frozen view without changing the prompt, like pruneResolvedToolCalls', () => {
    const prompt = new Prompt({ messages: toolRoundHistory() });
    const pruned = prunedHistoryView(prompt, { keepLast: true });
    expect(Object.isFrozen(pruned)).toBe(true);
    expect(pruned.every((message) => Object.isFrozen(message) && Object.isFrozen(message.content))).toBe(true);
    expect(prompt.length).toBe(toolRoundHistory().length);
    const reference = new Prompt({ messages: toolRoundHistory() });
    reference.pruneResolvedToolCalls({ keepLast: true });
    expect(pruned).toEqual(reference.messages);
    // Nothing to prune: the view itself.
    const fresh = new Prompt().addUser('hi');
    expect(prunedHistoryView(fresh)).toBe(historyView(fresh));
  });

  it('copies odd values (dates, typed arrays) the way structuredClone does', () => {
    const data = { when: new Date(0), bytes: new Uint8Array([1, 2]), nested: { list: [1, { a: 2 }] } };
    const prompt = new Prompt().addAssistant([{ type: 'provider-item', provider: 'x', data }]);
    const read = prompt.messages[0]!.content[0] as { data: typeof data };
    expect(read.data).toEqual(data);
    expect(read.data.when).toBeInstanceOf(Date);
    expect(read.data.when).not.toBe(data.when);
    expect(read.data.bytes).toBeInstanceOf(Uint8Array);
  });
});
