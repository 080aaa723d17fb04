import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../src/core/prompt/prompt.js';
import type { SessionEntry } from '../../src/core/session/session.js';
import { FileSession, FileSessionStore, SessionLockedError } from '../../src/node/index.js';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const textOf = (entry: SessionEntry): string => (entry.type === 'message' ? messageText(entry.message) : '');
const indexes = (entries: SessionEntry[]): number[] =>
  entries.map((entry) => Number(/^entry (\d+)/.exec(textOf(entry))?.[1] ?? -1)).filter((index) => index >= 0);

function startChild(
  id: string,
  count: number,
  mode = '',
): { child: ChildProcess; acked: number[]; finished: Promise<void>; ready: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'session-append-child.ts'), dir, id, String(count), mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const acked: number[] = [];
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      if (line === 'ready') onReady();
    }
  });
  const finished = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return { child, acked, finished, ready };
}

describe('one writer per session', () => {
  it('in one process: open() every 5 ms during appends is refused, never cuts an acknowledged entry', async () => {
    const store = new FileSessionStore({ dir });
    const writer = await store.create({ id: 'race' });
    const acked: number[] = [];
    let refusals = 0;
    let reads = 0;
    let writing = true;
    const opener = (async () => {
      while (writing) {
        const attempt = await store.open('race').then(
          () => 'opened',
          (error: unknown) => error,
        );
        expect(SessionLockedError.isInstance(attempt)).toBe(true);
        expect((attempt as SessionLockedError).pid).toBe(process.pid);
        refusals++;
        await store.read('race');
        reads++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const big = 'b'.repeat(600 * 1024);
    for (let index = 0; index < 150; index++) {
      await writer.append({
        type: 'message',
        runId: 'r',
        message: {
          role: 'user',
          content: [{ type: 'text', text: `entry ${index}${index % 5 === 0 ? ` ${big}` : ''}` }],
        },
      });
      acked.push(index);
    }
    writing = false;
    await opener;
    expect(refusals).toBeGreaterThan(0);
    expect(reads).toBe(refusals);
    expect(indexes(await store.read('race'))).toEqual(acked);
    // Released on close: the next writer gets it.
    await writer.close();
    const next = await store.open('race');
    await next.close();
  }, 60_000);

  it('across processes, three rounds: open() is refused naming the writer pid, reads never truncate, no acknowledged entry is lost', async () => {
    for (let round = 0; round < 3; round++) {
      const id = `cross-${round}`;
      const { child, acked, finished } = startChild(id, 120);
      const store = new FileSessionStore({ dir, fsync: false });
      let refusals = 0;
      let done = false;
      void finished.then(() => {
        done = true;
      });
      while (!done) {
        if (acked.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        const attempt = await store.open(id).then(
          (session) => session,
          (error: unknown) => error,
        );
        if (attempt instanceof FileSession) {
          // Only possible once the child has exited (its lock went with it).
          await attempt.close();
        } else if (SessionLockedError.isInstance(attempt)) {
          expect(attempt.pid).toBe(child.pid);
          expect(attempt.message).toContain(`process ${child.pid}`);
          refusals++;
        }
        await store.read(id).catch(() => []);
        await store.list();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(refusals).toBeGreaterThan(0);
      expect(acked).toHaveLength(120);
      expect(indexes(await store.read(id))).toEqual(acked);
      // The writer exited: its lock went with it.
      await expect(stat(join(dir, `${id}.jsonl.lock`))).rejects.toThrow();
      await (await store.open(id)).close();
    }
  }, 120_000);

  it('a lock left by a killed writer is taken over, and only then is its torn tail cut', async () => {
    const { child, ready, finished } = startChild('killed', 10, 'hold');
    await ready;
    const store = new FileSessionStore({ dir, fsync: false });
    await expect(store.open('killed')).rejects.toSatisfy((error) => SessionLockedError.isInstance(error));
    child.kill('SIGKILL');
    await finished;
    const path = join(dir, 'killed.jsonl');
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: child.pid });
    await appendFile(path, '{"v":2,"at":"2026-12-05T10:00:00.000Z","runId":"r","type":"mes');
    const before = (await stat(path)).size;
    // Reading, listing and searching change nothing.
    await store.read('killed');
    await store.list();
    await store.search('entry');
    expect((await stat(path)).size).toBe(before);
    const session = await store.open('killed');
    expect((await stat(path)).size).toBeLessThan(before);
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(indexes(await session.read())).toEqual([0]);
    await session.close();
  }, 60_000);

  it('a second session object in the same process is refused at its first append; a lock naming no process is not taken over', async () => {
    const store = new FileSessionStore({ dir, fsync: false });
    const first = await store.create({ id: 'twice' });
    const second = new FileSession('twice', store.pathOf('twice'), { fsync: false });
    await expect(second.append({ type: 'start', runId: 'r', sessionId: 'twice', agent: 'a' })).rejects.toSatisfy(
      (error) => SessionLockedError.isInstance(error),
    );
    await first.close();
    await writeFile(join(dir, 'foreign.jsonl'), '');
    await writeFile(join(dir, 'foreign.jsonl.lock'), 'not a hello-dave lock');
    const refused = await store.open('foreign').catch((error: unknown) => error);
    expect(SessionLockedError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain('foreign.jsonl.lock');
  }, 30_000);
});
