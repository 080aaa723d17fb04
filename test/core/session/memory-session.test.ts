import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { makeJobRef } from '../../../src/common/jobs.js';
import { Agent } from '../../../src/core/agent/agent.js';
import { MemorySessionStore } from '../../../src/core/session/memory-session.js';
import { parseSessionEntry, restoreConversation, type SessionEntry } from '../../../src/core/session/session.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';

const leaky = defineTool({
  name: 'read_config',
  description: 'Reads the config',
  input: z.object({}),
  run: () => 'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345 and Authorization: Bearer abcdef123456789',
});

const makeVideo = defineTool({
  name: 'make_video',
  description: 'Starts a video job',
  input: z.object({ prompt: z.string() }),
  run: async ({ prompt }, { recordJob }) => {
    await recordJob(makeJobRef('openai', 'video', 'video_123', { createdAt: '2026-01-01T00:00:00Z' }));
    return { id: 'video_123', prompt };
  },
});

describe('sessions (memory store)', () => {
  it('records every kind of entry, each with v, at and the run id', async () => {
    const store = new MemorySessionStore();
    const session = await store.create({ id: 'demo' });
    const model = scriptedModel([
      { toolCalls: [{ name: 'make_video', arguments: { prompt: 'a cat' } }], id: 'resp_1' },
      { text: 'Your video job is video_123.', id: 'resp_2' },
    ]);
    const result = await new Agent({ name: 'director', model, tools: [makeVideo] }).run('Make a cat video', {
      session,
    });
    const entries = await session.read();
    expect(entries.map((entry) => entry.type)).toEqual([
      'start',
      'message',
      'message',
      'model-call',
      'tool-call',
      'job',
      'tool-result',
      'message',
      'message',
      'model-call',
    ]);
    for (const entry of entries) {
      expect(entry.v).toBe(2);
      expect(entry.runId).toBe(result.runId);
      expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
      expect(parseSessionEntry(entry)).toBeDefined();
    }
    expect(entries[0]).toMatchObject({ type: 'start', sessionId: 'demo', agent: 'director' });
    expect(entries[3]).toMatchObject({
      type: 'model-call',
      provider: 'scripted',
      model: 'scripted-model',
      responseId: 'resp_1',
    });
    // The job is recorded while the tool runs, before its result.
    expect(entries[5]).toMatchObject({ type: 'job', state: 'pending', job: { provider: 'openai', id: 'video_123' } });
    expect(entries[6]).toMatchObject({
      type: 'tool-result',
      name: 'make_video',
      data: { isError: false, status: 'ok' },
    });
  });

  it('resumes: the next run continues the stored conversation and its continuation', async () => {
    const store = new MemorySessionStore();
    const session = await store.create();
    const first = scriptedModel([{ text: 'Nice to meet you, Ada.', continuation: { previousResponseId: 'resp_1' } }]);
    await new Agent({ name: 'chat', model: first }).run('My name is Ada.', { session });

    const second = scriptedModel([{ text: 'Your name is Ada.' }]);
    const reopened = await store.open(session.id);
    const result = await new Agent({ name: 'chat', model: second }).run('What is my name?', { session: reopened });
    expect(second.requests[0]?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(second.requests[0]?.continuation).toEqual({ previousResponseId: 'resp_1' });
    expect(result.messages).toHaveLength(4);

    // A continuation from another model is not handed to this one.
    const other = scriptedModel([{ text: 'ok' }], { provider: 'other' });
    await new Agent({ name: 'chat', model: other }).run('Hi', { session });
    expect(other.requests[0]?.continuation).toBeUndefined();
    expect(other.requests[0]?.messages).toHaveLength(5);
  });

  it('never writes secrets: tool output with an API key is redacted in the session', async () => {
    const store = new MemorySessionStore();
    const session = await store.create();
    const model = scriptedModel([
      { toolCalls: [{ name: 'read_config' }] },
      { text: 'Your key is sk-live-abcdefghijklmnop.' },
    ]);
    const result = await new Agent({ name: 'a', model, tools: [leaky] }).run('Show config', { session });
    // The model itself got the real output (the run is in memory) …
    expect(result.steps[0]?.toolResults[0]?.output).toContain('sk-proj-');
    // … but nothing stored has it.
    const stored = JSON.stringify(await session.read());
    expect(stored).not.toMatch(/sk-(proj|live)-[a-z0-9]/);
    expect(stored).not.toContain('abcdef123456789');
    expect(stored).toContain('OPENAI_API_KEY=<redacted>');
  });

  it('keeps opaque reasoning data exact', async () => {
    const store = new MemorySessionStore();
    const session = await store.create();
    const reasoning = {
      type: 'reasoning' as const,
      provider: 'anthropic',
      text: 'hm',
      data: { signature: 'sk-looks-like-a-key-but-is-a-signature' },
    };
    const model = scriptedModel([
      { message: { role: 'assistant', content: [reasoning, { type: 'text', text: 'ok' }] } },
    ]);
    await new Agent({ name: 'a', model }).run('x', { session });
    const restored = restoreConversation(await session.read());
    expect(restored.messages[1]).toEqual({ role: 'assistant', content: [reasoning, { type: 'text', text: 'ok' }] });
  });

  it('answers dangling tool calls when a stored run stopped mid-tool', () => {
    const base = { v: 1 as const, at: '2026-01-01T00:00:00.000Z', runId: 'r1' };
    const entries: SessionEntry[] = [
      { ...base, type: 'start', sessionId: 's', agent: 'a' },
      { ...base, type: 'message', message: { role: 'user', content: [{ type: 'text', text: 'go' }] } },
      {
        ...base,
        type: 'message',
        message: { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 't', arguments: '{}' }] },
      },
    ];
    const restored = restoreConversation(entries);
    expect(restored.messages.at(-1)).toMatchObject({ role: 'tool', content: [{ callId: 'c1', isError: true }] });
    expect(restored.agent).toBe('a');
  });

  it('lists sessions and searches their text', async () => {
    const store = new MemorySessionStore();
    const one = await store.create({ id: 'one' });
    await new Agent({ name: 'poet', model: scriptedModel([{ text: 'Roses are red.' }]) }).run('Write a poem', {
      session: one,
    });
    const two = await store.create({ id: 'two' });
    await new Agent({ name: 'chef', model: scriptedModel([{ text: 'Boil the pasta.' }]) }).run('Cook dinner', {
      session: two,
    });

    const list = await store.list();
    expect(list.map((item) => item.id).sort()).toEqual(['one', 'two']);
    expect(list.find((item) => item.id === 'one')).toMatchObject({
      agent: 'poet',
      lastMessage: 'Roses are red.',
      entries: 4,
    });
    const hits = await store.search('PASTA');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ sessionId: 'two', role: 'assistant', snippet: 'Boil the pasta.' });
    await expect(store.open('nope')).rejects.toThrow(/No session/);
    await expect(store.create({ id: '../evil' })).rejects.toThrow(/Invalid session id/);
  });

  it('records approvals: pending when the run pauses, then the decision when it resumes', async () => {
    const store = new MemorySessionStore();
    const session = await store.create();
    const publish = defineTool({
      name: 'publish',
      description: 'x',
      input: z.object({}),
      needsApproval: true,
      run: () => 'live',
    });
    const agent = new Agent({
      name: 'a',
      model: scriptedModel([{ toolCalls: [{ name: 'publish', id: 'c1' }] }, { text: 'Published.' }]),
      tools: [publish],
    });
    const paused = await agent.run('Publish it', { session });
    if (paused.status !== 'interrupted') throw new Error('expected a pause');
    const done = await agent.run(paused.state.resume({ approve: ['c1'] }), { session });
    expect(done.text).toBe('Published.');
    const approvals = (await session.read()).filter((entry) => entry.type === 'approval');
    expect(approvals.map((entry) => entry.type === 'approval' && entry.data)).toEqual([
      { status: 'pending', input: {} },
      { status: 'approved', by: 'resume' },
    ]);
    const entries = await session.read();
    expect(entries.filter((entry) => entry.type === 'start')).toHaveLength(1);
    expect(new Set(entries.map((entry) => entry.runId)).size).toBe(1);
  });
});
