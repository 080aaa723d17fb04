import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../src/core/agent/agent.js';
import { restoreConversation } from '../../src/core/session/session.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import {
  defaultSessionsDir,
  FileSessionStore,
  readSessionFile,
  repairSessionFile,
} from '../../src/node/file-session-store.js';
import { scriptedModel } from '../../src/testing/fake-chat-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, '..', 'fixtures', 'sessions', 'v1-session.jsonl');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-sessions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const echo = defineTool({
  name: 'echo',
  description: 'Echoes',
  input: z.object({ text: z.string() }),
  run: ({ text }) => `echo: ${text}`,
});

describe('FileSessionStore', () => {
  it('picks its folder: option, then HELLO_DAVE_SESSIONS_DIR, then ~/.hello-dave/sessions', () => {
    expect(new FileSessionStore({ dir }).dir).toBe(dir);
    expect(defaultSessionsDir({ HELLO_DAVE_SESSIONS_DIR: '/data/sessions' })).toBe('/data/sessions');
    expect(defaultSessionsDir({})).toMatch(/\.hello-dave[/\\]sessions$/);
    expect(new FileSessionStore({ env: { HELLO_DAVE_SESSIONS_DIR: dir } }).dir).toBe(dir);
  });

  it('writes one versioned entry per line and resumes the conversation by id', async () => {
    const store = new FileSessionStore({ dir });
    const session = await store.create({ id: 'trip' });
    const model = scriptedModel([
      { toolCalls: [{ name: 'echo', arguments: { text: 'hi' } }], continuation: { previousResponseId: 'resp_1' } },
      { text: 'I echoed hi.', continuation: { previousResponseId: 'resp_2' } },
    ]);
    await new Agent({ name: 'echoer', model, tools: [echo] }).run('Echo hi', { session });
    await session.close();

    const lines = (await readFile(join(dir, 'trip.jsonl'), 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(JSON.parse(line)).toMatchObject({ v: 2 });

    // Another process (here: another store object) resumes by id.
    const later = new FileSessionStore({ dir });
    const next = scriptedModel([{ text: 'You asked me to echo hi.' }]);
    const reopened = await later.open('trip');
    const result = await new Agent({ name: 'echoer', model: next, tools: [echo] }).run('What did I ask?', {
      session: reopened,
    });
    expect(next.requests[0]?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(next.requests[0]?.continuation).toEqual({ previousResponseId: 'resp_2' });
    expect(result.text).toBe('You asked me to echo hi.');
    await reopened.close();
  });

  it('lists sessions (id, agent, started, last message) and searches their text', async () => {
    const store = new FileSessionStore({ dir, fsync: false });
    const a = await store.create({ id: 'a' });
    await new Agent({ name: 'poet', model: scriptedModel([{ text: 'Roses are red.' }]) }).run('A poem please', {
      session: a,
    });
    const b = await store.create({ id: 'b' });
    await new Agent({ name: 'chef', model: scriptedModel([{ text: 'Boil the pasta.' }]) }).run('Dinner?', {
      session: b,
    });
    await writeFile(join(dir, 'notes.txt'), 'not a session');

    const list = await store.list();
    expect(list.map((item) => item.id).sort()).toEqual(['a', 'b']);
    const poet = list.find((item) => item.id === 'a');
    expect(poet).toMatchObject({ agent: 'poet', lastMessage: 'Roses are red.' });
    expect(Date.parse(poet?.started ?? '')).not.toBeNaN();
    expect(await store.search('roses')).toEqual([
      expect.objectContaining({ sessionId: 'a', role: 'assistant', snippet: 'Roses are red.' }),
    ]);
    await expect(store.create({ id: 'a' })).rejects.toThrow();
    await expect(store.open('missing')).rejects.toThrow(/No session/);
    expect(() => store.pathOf('../etc/passwd')).toThrow(/Invalid session id/);
  });

  it('skips a torn last line on read, cuts it off when opened, and appends after the last whole line', async () => {
    const store = new FileSessionStore({ dir });
    const session = await store.create({ id: 'torn' });
    await new Agent({ name: 'a', model: scriptedModel([{ text: 'first answer' }]) }).run('first question', { session });
    await session.close();
    const path = join(dir, 'torn.jsonl');
    const whole = await readSessionFile(path);
    // Simulate a crash in the middle of a write.
    await appendFile(path, '{"v":1,"at":"2026-01-01T00:00:00.000Z","runId":"r","type":"message","message":{"role":"us');
    expect(await readSessionFile(path)).toEqual(whole);

    const reopened = await store.open('torn');
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
    const model = scriptedModel([{ text: 'second answer' }]);
    await new Agent({ name: 'a', model }).run('second question', { session: reopened });
    await reopened.close();

    const text = await readFile(path, 'utf8');
    for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    const all = await readSessionFile(path);
    expect(all.length).toBeGreaterThan(whole.length);
    expect(model.requests[0]?.messages).toHaveLength(3);
  });

  it('keeps a whole last entry that only lost its newline', async () => {
    const path = join(dir, 'nl.jsonl');
    const entry = { v: 1, at: '2026-01-01T00:00:00.000Z', runId: 'r', type: 'start', sessionId: 'nl', agent: 'a' };
    await writeFile(path, JSON.stringify(entry));
    expect(await repairSessionFile(path)).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(`${JSON.stringify(entry)}\n`);
    await writeFile(path, `${JSON.stringify(entry)}\n{"v":1,"at`);
    expect(await repairSessionFile(path)).toBe(10);
  });

  it('reads the version-1 fixture (every entry type, a sub-run, and a torn last line)', async () => {
    const entries = await readSessionFile(fixture);
    expect(entries.map((entry) => entry.type)).toEqual([
      'start',
      'message',
      'message',
      'model-call',
      'approval',
      'tool-call',
      'job',
      'job',
      'tool-result',
      'message',
      'start',
      'message',
      'message',
      'message',
      'model-call',
    ]);
    const restored = restoreConversation(entries);
    // The ask sub-run's private conversation is not part of the main one.
    expect(restored.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(restored.continuation).toEqual({
      provider: 'openai',
      model: 'gpt-5.4-mini',
      value: { previousResponseId: 'resp_2' },
    });
    expect(restored.agent).toBe('director');
    expect(restored.messages[1]?.content[0]).toEqual({
      type: 'reasoning',
      provider: 'openai',
      summary: 'Start a video job.',
      data: { type: 'reasoning', id: 'rs_1', encrypted_content: 'gAAAAB-opaque' },
    });

    // Opened through a store, it resumes like any other session.
    await copyFile(fixture, join(dir, 'v1-session.jsonl'));
    const store = new FileSessionStore({ dir });
    expect((await store.list())[0]).toMatchObject({
      id: 'v1-session',
      agent: 'director',
      lastMessage: 'Your video is ready: /tmp/video_68d7.mp4',
    });
    const model = scriptedModel([{ text: 'Making it longer.' }], { provider: 'openai', modelId: 'gpt-5.4-mini' });
    await new Agent({ name: 'director', model }).run('Now make it longer', { session: await store.open('v1-session') });
    expect(model.requests[0]?.continuation).toEqual({ previousResponseId: 'resp_2' });
    expect(model.requests[0]?.messages).toHaveLength(5);
  });

  it('survives kill -9 of a writing process: resume, append, read all', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'session-writer-child.ts'), dir, 'crash'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const path = join(dir, 'crash.jsonl');
    // The crash tore the last line: half an entry, no newline; reading skips it.
    const torn = await readFile(path, 'utf8');
    expect(torn.endsWith('\n')).toBe(false);
    const tail = torn.slice(torn.lastIndexOf('\n') + 1);
    expect(tail.startsWith('{"v":1')).toBe(true);
    expect(() => JSON.parse(tail)).toThrow();
    const before = await readSessionFile(path);
    expect(before).toHaveLength(7);
    expect(before.map((entry) => entry.type)).toEqual(['start', ...Array(6).fill('message')]);
    const store = new FileSessionStore({ dir });
    const session = await store.open('crash');
    const model = scriptedModel([{ text: 'resumed after the crash' }]);
    const result = await new Agent({ name: 'writer', model }).run('are you there?', { session });
    await session.close();

    // Every line of the file is whole now; the new run's entries follow the old ones.
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
    // The torn half is gone (cut before the first append), not glued to the new entries.
    expect(lines.some((line) => line.includes('entry 6'))).toBe(false);
    const after = await readSessionFile(path);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((entry) => entry.type)).toEqual([
      'start',
      'message',
      'message',
      'model-call',
    ]);
    expect(after.at(-2)).toMatchObject({ type: 'message', runId: result.runId });
    const messagesBefore = before.filter((entry) => entry.type === 'message').length;
    expect(model.requests[0]?.messages).toHaveLength(messagesBefore + 1);
  }, 30_000);
});
