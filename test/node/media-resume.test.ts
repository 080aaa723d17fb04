import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaArtifact } from '../../src/common/jobs.js';
import { Agent } from '../../src/core/agent/agent.js';
import type { ToolMessage } from '../../src/core/prompt/message.js';
import { restoreConversation } from '../../src/core/session/session.js';
import { FileSessionStore, readSessionFile } from '../../src/node/file-session-store.js';
import { scriptedModel } from '../../src/testing/fake-chat-model.js';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-resume-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the child until its job is stored, then kills it with SIGKILL. */
function killMidWait(id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'job-wait-child.ts'), dir, id], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended without being killed (${signal})`)),
    );
  });
}

describe('a resumed agent knows about its paid jobs', () => {
  it('after kill -9 mid-wait, the model reads the job id, provider, state and the job tools, not a bare failure', async () => {
    await killMidWait('kite');
    const entries = await readSessionFile(join(dir, 'kite.jsonl'));
    const job = entries.find((entry) => entry.type === 'job');
    const call = entries.find((entry) => entry.type === 'tool-call');
    expect(job).toMatchObject({ v: 2, callId: call?.type === 'tool-call' ? call.callId : 'missing', state: 'pending' });

    const model = scriptedModel([{ text: 'Checking task_4242 instead of starting a new one.' }]);
    const session = await new FileSessionStore({ dir }).open('kite');
    await new Agent({ name: 'director', model, tools: [] }).run('Is my video ready?', { session });
    const sent = model.requests[0]?.messages ?? [];
    const toolMessage = sent.find((message): message is ToolMessage => message.role === 'tool');
    const result = toolMessage?.content[0];
    expect(result?.isError).toBeUndefined();
    const told = JSON.parse(result?.output ?? '{}');
    expect(told).toMatchObject({
      interrupted: true,
      provider: 'minimax',
      kind: 'video',
      job_id: 'task_4242',
      state: 'pending',
    });
    expect(told.next).toContain('do not start a new one');
    expect(told.next).toContain('video_status, video_wait, video_download');
    expect(told.next).toContain('the job id "task_4242"');
  }, 30_000);

  it('a version-1 job entry (no callId) still reads; its interrupted call keeps the plain error result', () => {
    const base = { v: 1 as const, at: '2026-01-01T00:00:00.000Z', runId: 'r1' };
    const { messages } = restoreConversation([
      { ...base, type: 'start', sessionId: 's', agent: 'a' },
      { ...base, type: 'message', message: { role: 'user', content: [{ type: 'text', text: 'go' }] } },
      {
        ...base,
        type: 'message',
        message: { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'make', arguments: '{}' }] },
      },
      {
        ...base,
        type: 'job',
        job: { provider: 'openai', kind: 'video', id: 'video_1', createdAt: base.at },
        state: 'pending',
      },
    ]);
    const last = messages.at(-1) as ToolMessage;
    expect(last.content[0]).toMatchObject({
      callId: 'c1',
      isError: true,
      output: expect.stringContaining('did not finish'),
    });
  });

  it('a job that had ended is named with its state and result', () => {
    const base = { v: 2 as const, at: '2026-01-01T00:00:00.000Z', runId: 'r1' };
    const artifact: MediaArtifact = { kind: 'video', path: 'out/kite.mp4', mimeType: 'video/mp4', provider: 'minimax' };
    const { messages } = restoreConversation([
      { ...base, type: 'start', sessionId: 's', agent: 'a' },
      {
        ...base,
        type: 'message',
        message: { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'make', arguments: '{}' }] },
      },
      {
        ...base,
        type: 'job',
        callId: 'c1',
        job: { provider: 'minimax', kind: 'video', id: 't1', createdAt: base.at },
        state: 'pending',
      },
      {
        ...base,
        type: 'job',
        callId: 'c1',
        job: { provider: 'minimax', kind: 'video', id: 't1', createdAt: base.at },
        state: 'succeeded',
        artifact,
      },
    ]);
    const told = JSON.parse((messages.at(-1) as ToolMessage).content[0]?.output ?? '{}');
    expect(told).toMatchObject({ job_id: 't1', state: 'succeeded', artifact: { path: 'out/kite.mp4' } });
    expect(told.next).toContain("this toolset's job tools");
  });
});
