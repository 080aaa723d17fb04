/**
 * One writer per session: the writer holds `<id>.jsonl.lock`, a file naming its process id. A second writer, in
 * this process or another, gets a {@link SessionLockedError}; a lock whose process is gone is taken over. Reading,
 * listing and searching take no lock. Format and rules: `docs/session-format.md`.
 * @module
 */
import { unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { FileSystemError, HelloDaveError } from '../common/errors.js';

const KIND = Symbol.for('hello-dave.error.kind');

/** A session is being written by another writer (another process, or another session object in this one). */
export class SessionLockedError extends HelloDaveError {
  static readonly [KIND]: string = 'SessionLockedError';
  /** The session id. */
  readonly sessionId: string;
  /** The process id of the writer holding the lock, when the lock names one. */
  readonly pid?: number;
  /** The lock file. */
  readonly lockPath: string;
  constructor(sessionId: string, lockPath: string, pid: number | undefined) {
    const holder =
      pid === process.pid
        ? 'this process (another session object: close() it first)'
        : pid === undefined
          ? 'another writer'
          : `process ${pid}`;
    super(
      `Session ${JSON.stringify(sessionId)} is being written by ${holder}: one writer per session. Wait for it to ` +
        `finish, read the session with store.read() instead, or, if that process is not a hello-dave writer, delete ${lockPath}.`,
    );
    this.sessionId = sessionId;
    this.lockPath = lockPath;
    if (pid !== undefined) this.pid = pid;
  }
}

/** Lock files this process holds: released when it exits, whatever the session objects did. */
const held = new Set<string>();
let exitHookInstalled = false;

function releaseAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const path of held) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  });
}

/** The holder's pid written in a lock file; `undefined` when it names none (unreadable, empty). */
async function holderOf(lockPath: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with that id exists (EPERM: it exists, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Creates the lock with its content in one step (link fails when the lock exists): never an empty lock file.
 * False when the lock exists.
 * @throws {FileSystemError} it cannot be written (permissions, full disk).
 */
async function createLock(lockPath: string): Promise<boolean> {
  const temporary = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    await writeFile(temporary, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
    await link(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw FileSystemError.from(error, lockPath, 'lock');
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Removes a lock whose holder is gone, once: the takeover itself is guarded by a folder only one process can
 * make, so two processes that both saw the dead holder cannot remove each other's new lock.
 */
async function removeStale(lockPath: string, deadPid: number | undefined): Promise<void> {
  const guard = `${lockPath}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    // A takeover in progress, or one whose process died in it (older than 10 s): clear that one and let the
    // caller try again.
    const { mtimeMs } = await stat(guard).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > 10_000) await rmdir(guard).catch(() => undefined);
    return;
  }
  try {
    if ((await holderOf(lockPath)) === deadPid) await unlink(lockPath).catch(() => undefined);
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}

/** A held session lock. */
export interface SessionLock {
  /** The lock file. */
  readonly path: string;
  /** Gives the lock up (once; later calls do nothing). */
  release(): Promise<void>;
}

/**
 * Takes the write lock of a session file (`<file>.lock`).
 * @throws {SessionLockedError} another writer holds it (a live process, or this process through another object).
 * @throws {FileSystemError} the lock cannot be written (permissions, full disk).
 */
export async function lockSession(sessionId: string, sessionPath: string): Promise<SessionLock> {
  const lockPath = `${sessionPath}.lock`;
  if (held.has(lockPath)) throw new SessionLockedError(sessionId, lockPath, process.pid);
  for (let attempt = 1; !(await createLock(lockPath)); attempt++) {
    const pid = await holderOf(lockPath);
    // Our own pid without an entry in `held` is a previous process whose id was reused: gone.
    const gone = pid !== undefined && (pid === process.pid || !isAlive(pid));
    // A lock naming no process is one being released right now (look again shortly) or a foreign file.
    const patience = pid === undefined ? 6 : 50;
    if ((pid !== undefined && !gone) || attempt >= patience) throw new SessionLockedError(sessionId, lockPath, pid);
    if (gone) await removeStale(lockPath, pid);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  held.add(lockPath);
  releaseAllOnExit();
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      held.delete(lockPath);
      if ((await holderOf(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
    },
  };
}
