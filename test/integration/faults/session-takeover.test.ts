/**
 * Fault suite, sessions: lock takeover. A writer killed (SIGKILL) while it takes over a dead writer's lock leaves
 * its takeover marker (`<id>.jsonl.lock.takeover`) behind; the next writer must take over promptly, judged by
 * whether the marker's process lives (as for the lock itself), not wait for the marker to age.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FileSessionStore, SessionLockedError } from '../../../src/node/index.js';
import { useTempDir } from '../../helpers.js';
import { deadPid, indexes, liveProcess, numbered, tsxChild, until } from './session-fault-helpers.js';

const tmp = useTempDir('faults-session-takeover-');

/** A session `id` with one entry, whose lock names `lockPid`; returns the store and the lock's path. */
async function lockedSession(id: string, lockPid: number): Promise<{ store: FileSessionStore; lock: string }> {
  const store = new FileSessionStore({ dir: tmp.path, fsync: false });
  const session = await store.create({ id });
  await session.append(numbered(0));
  await session.close();
  const lock = `${store.pathOf(id)}.lock`;
  await writeFile(lock, JSON.stringify({ pid: lockPid, at: new Date().toISOString() }));
  return { store, lock };
}

/** Opens the session, and says how long it took. */
async function timedOpen(store: FileSessionStore, id: string): Promise<number> {
  const started = Date.now();
  const session = await store.open(id);
  const took = Date.now() - started;
  await session.append(numbered(1));
  expect(indexes(await session.read())).toEqual([0, 1]);
  await session.close();
  return took;
}

describe('lock takeover', () => {
  it('a writer SIGKILLed in the middle of its lock takeover (marker left behind) does not block open(): the next writer takes over at once', async () => {
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const session = await store.create({ id: 'torn' });
    await session.append(numbered(0));
    await session.close();
    const lock = `${store.pathOf('torn')}.lock`;
    // The lock is a FIFO: the child blocks reading it, where this test decides.
    execFileSync('mkfifo', [lock]);
    const holder = await deadPid();
    const child = tsxChild('session-takeover-child.ts', [tmp.path, 'torn']);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // First read of the lock: a dead holder. The child starts its takeover, makes its marker, and blocks reading
    // the lock again; it is killed there.
    await writeFile(lock, JSON.stringify({ pid: holder, at: new Date().toISOString() }));
    await until(async () => (await readdir(tmp.path)).includes('torn.jsonl.lock.takeover'));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // What is left: the dead holder's lock (a plain file again) and the killed taker's marker.
    await writeFile(`${lock}.dead`, JSON.stringify({ pid: holder, at: new Date().toISOString() }));
    await rename(`${lock}.dead`, lock);
    expect(await readdir(tmp.path)).toContain('torn.jsonl.lock.takeover');
    const fresh = new FileSessionStore({ dir: tmp.path, fsync: false });
    expect(await timedOpen(fresh, 'torn')).toBeLessThan(2_000);
    expect((await readdir(tmp.path)).filter((name) => name.includes('takeover'))).toEqual([]);
  }, 30_000);

  it('a takeover marker naming a dead process (state written directly): cleared at once, nothing left behind', async () => {
    const { store, lock } = await lockedSession('stale', await deadPid());
    await writeFile(`${lock}.takeover`, JSON.stringify({ pid: await deadPid(), at: new Date().toISOString() }));
    expect(await timedOpen(store, 'stale')).toBeLessThan(2_000);
    expect(await readdir(tmp.path)).toEqual(['stale.jsonl']);
  });

  it('a takeover marker of a live process is respected: open() is refused with SessionLockedError and the marker stays', async () => {
    const live = liveProcess();
    try {
      const { store, lock } = await lockedSession('busy', await deadPid());
      const marker = JSON.stringify({ pid: live.pid, at: new Date().toISOString() });
      await writeFile(`${lock}.takeover`, marker);
      const refused = await store.open('busy').catch((error: unknown) => error);
      expect(SessionLockedError.isInstance(refused)).toBe(true);
      expect(await readFile(`${lock}.takeover`, 'utf8')).toBe(marker);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('a takeover marker naming this process but held by no object here (a reused pid): cleared', async () => {
    const { store, lock } = await lockedSession('reused', process.pid);
    await writeFile(`${lock}.takeover`, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
    expect(await timedOpen(store, 'reused')).toBeLessThan(2_000);
  });

  it("an earlier version's takeover folder (naming no process): respected while young, cleared once 10 s old", async () => {
    const { store, lock } = await lockedSession('folder', await deadPid());
    await mkdir(`${lock}.takeover`);
    expect(SessionLockedError.isInstance(await store.open('folder').catch((error: unknown) => error))).toBe(true);
    const old = new Date(Date.now() - 11_000);
    await utimes(`${lock}.takeover`, old, old);
    expect(await timedOpen(store, 'folder')).toBeLessThan(2_000);
    expect(await readdir(tmp.path)).toEqual(['folder.jsonl']);
  });
});
