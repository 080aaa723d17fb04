/**
 * Fault suite, sessions: races. Two writers (one process, two processes), a writer and a reader, concurrent
 * appends in one process. One writer per session: every second writer gets a typed `SessionLockedError`, and no
 * acknowledged entry is ever lost or torn.
 */
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { SessionEntry } from '../../../src/core/session/session.js';
import { FileSession, FileSessionStore, SessionLockedError } from '../../../src/node/index.js';
import { useTempDir } from '../../helpers.js';
import { appendingChild, indexes, numbered } from './session-fault-helpers.js';

const tmp = useTempDir('faults-session-races-');
const isLocked = (error: unknown): error is SessionLockedError => SessionLockedError.isInstance(error);

describe('session races', () => {
  it('two writers in one process: the second open() is refused with SessionLockedError naming this process, and the first writes on', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const first = await store.create({ id: 'pair' });
    await first.append(numbered(0));
    const refused = await store.open('pair').catch((error: unknown) => error);
    expect(isLocked(refused)).toBe(true);
    expect(refused).toMatchObject({ sessionId: 'pair', pid: process.pid });
    expect((refused as Error).message).toContain('this process');
    await first.append(numbered(1));
    expect(indexes(await store.read('pair'))).toEqual([0, 1]);
    await first.close();
  });

  it('ten open() calls at once on one session in one process: exactly one wins, nine get SessionLockedError', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    await (await store.create({ id: 'crowd' })).close();
    const attempts = await Promise.allSettled(Array.from({ length: 10 }, () => store.open('crowd')));
    const winners = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const losers = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers.every((attempt) => isLocked(attempt.reason))).toBe(true);
    // The winner still holds the lock: the file names this process, and a newcomer is refused.
    expect(JSON.parse(await readFile(`${store.pathOf('crowd')}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(isLocked(await store.open('crowd').catch((error: unknown) => error))).toBe(true);
    await (winners[0] as PromiseFulfilledResult<FileSession>).value.close();
  });

  it('two create() calls with the same id at once: exactly one session is made, the other call is a typed error', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const attempts = await Promise.allSettled([store.create({ id: 'twin' }), store.create({ id: 'twin' })]);
    const made = attempts.filter((attempt) => attempt.status === 'fulfilled');
    expect(made).toHaveLength(1);
    const failed = attempts.find((attempt) => attempt.status === 'rejected');
    expect(isLocked(failed?.reason)).toBe(true);
    await (made[0] as PromiseFulfilledResult<FileSession>).value.close();
  });

  it('two writers in two processes: open() while a child writes is refused naming its pid, and opens once the child has exited', async () => {
    const { child, acked, exited } = appendingChild(tmp.path, 'across', 40);
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    let refusals = 0;
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done) {
      if (acked.length > 0) {
        const attempt = await store.open('across').catch((error: unknown) => error);
        if (attempt instanceof FileSession) await attempt.close();
        else if (isLocked(attempt)) {
          expect(attempt.pid).toBe(child.pid);
          refusals++;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(refusals).toBeGreaterThan(0);
    const session = await store.open('across');
    expect(indexes(await session.read())).toEqual(acked);
    await session.close();
  });

  it('a writer and a reader in one process: every read during 300 appends is a whole-entry prefix of the final history, and the file never shrinks', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const writer = await store.create({ id: 'reader' });
    const snapshots: number[][] = [];
    const sizes: number[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        snapshots.push(indexes(await store.read('reader')));
        sizes.push((await stat(writer.path)).size);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let index = 0; index < 300; index++)
      await writer.append(numbered(index, index % 50 === 0 ? 'x'.repeat(200_000) : ''));
    writing = false;
    await reader;
    const final = indexes(await store.read('reader'));
    expect(final).toEqual(Array.from({ length: 300 }, (_, index) => index));
    expect(snapshots.length).toBeGreaterThan(3);
    for (const snapshot of snapshots) expect(snapshot).toEqual(final.slice(0, snapshot.length));
    for (let index = 1; index < sizes.length; index++)
      expect(sizes[index]).toBeGreaterThanOrEqual(sizes[index - 1] ?? 0);
    await writer.close();
  });

  it('a writer in a child process and a reader here: each read holds every entry acknowledged before it began, in order', async () => {
    const { acked, exited } = appendingChild(tmp.path, 'watched', 60);
    const store = new FileSessionStore({ dir: tmp.path });
    let done = false;
    void exited.then(() => {
      done = true;
    });
    let reads = 0;
    while (!done) {
      const before = [...acked];
      const seen = indexes(await store.read('watched').catch(() => [] as SessionEntry[]));
      expect(seen.slice(0, before.length)).toEqual(before);
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, index) => index));
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(reads).toBeGreaterThan(1);
    expect(indexes(await store.read('watched'))).toEqual(acked);
  });

  it('concurrent appends in one process: 200 appends fired at once are all stored, one whole line each, in call order', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const session = await store.create({ id: 'burst' });
    await Promise.all(
      Array.from({ length: 200 }, (_, index) => session.append(numbered(index, 'y'.repeat(index * 97)))),
    );
    const lines = (await readFile(session.path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(200);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(indexes(await session.read())).toEqual(Array.from({ length: 200 }, (_, index) => index));
    await session.close();
  });

  it('an entry that cannot be stored (a cycle) rejects its own append only, never throws at the call: the appends queued around it are stored', async () => {
    const session = await new FileSessionStore({ dir: tmp.path, fsync: false }).create({ id: 'cycle' });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const calls: Promise<void>[] = [];
    calls.push(session.append(numbered(0)));
    expect(() =>
      calls.push(session.append({ type: 'tool-call', runId: 'r', callId: 'c', name: 'loop', data: cyclic })),
    ).not.toThrow();
    calls.push(session.append(numbered(2)));
    const results = await Promise.allSettled(calls);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(indexes(await session.read())).toEqual([0, 2]);
    await session.close();
  });

  it('a writer that closed appends again while another writer holds the session: refused with SessionLockedError, not interleaved', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const first = await store.create({ id: 'handover' });
    await first.append(numbered(0));
    await first.close();
    const second = await store.open('handover');
    await second.append(numbered(1));
    const late = await first.append(numbered(99)).catch((error: unknown) => error);
    expect(isLocked(late)).toBe(true);
    await second.append(numbered(2));
    expect(indexes(await store.read('handover'))).toEqual([0, 1, 2]);
    await second.close();
    // Once the second writer is gone, the first may write again.
    await first.append(numbered(3));
    expect(indexes(await store.read('handover'))).toEqual([0, 1, 2, 3]);
    await first.close();
  });
});
