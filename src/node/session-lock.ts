/**
 * One writer per session: the writer holds `<id>.jsonl.lock`, a file naming its process id. A second writer, in
 * this process or another, gets a {@link SessionLockedError}; a lock whose process is gone is taken over. Reading,
 * listing and searching take no lock. Format and rules: `docs/session-format.md`.
 * @module
 */
import { unlinkSync } from 'node:fs';
import { link, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
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
/** Lock files this process is taking right now (not yet held: not released on exit). */
const acquiring = new Set<string>();
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

/** The pid a lock or takeover marker names; `undefined` when it names none (not JSON, no pid). */
function pidIn(text: string): number | undefined {
  try {
    const { pid } = JSON.parse(text) as { pid?: unknown };
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The holder's pid written in a lock file; `undefined` when it names none (unreadable, empty). */
async function holderOf(lockPath: string): Promise<number | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : pidIn(text);
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
 * Creates a lock (or a takeover marker) naming this process, content and all in one step (link fails when the
 * file exists): never an empty lock file. False when it exists.
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

/** Takeover markers this process holds right now: one naming this pid but not in here is a previous process's. */
const takingOver = new Set<string>();

/** A marker or guard naming no process is cleared only once it is this old (ms). */
const NAMELESS_MARKER_AGE = 10_000;

/** Whether a marker naming no process is older than {@link NAMELESS_MARKER_AGE} (a marker already gone is not). */
async function namelessMarkerExpired(marker: string): Promise<boolean> {
  const { mtimeMs } = await stat(marker).catch(() => ({ mtimeMs: Date.now() }));
  return Date.now() - mtimeMs > NAMELESS_MARKER_AGE;
}

/**
 * Clears a takeover marker left by a process that died during its takeover (killed between making the marker and
 * removing it), as promptly as a lock of a dead process is taken over: the marker names its process. A marker
 * naming no process (a folder made by an earlier hello-dave version, a foreign file) is cleared once it is
 * {@link NAMELESS_MARKER_AGE} ms old. The marker is moved aside before it is removed, and put back if what was
 * moved is not the marker that was judged dead (another taker replaced it in between).
 */
async function clearDeadMarker(marker: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(marker, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    // EISDIR: an earlier version's guard folder, which names no process.
    if (await namelessMarkerExpired(marker)) await rmdir(marker).catch(() => undefined);
    return;
  }
  const pid = pidIn(text);
  if (pid === undefined) {
    if (!(await namelessMarkerExpired(marker))) return;
  } else if (pid === process.pid ? takingOver.has(marker) : isAlive(pid)) return;
  const aside = `${marker}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    await rename(marker, aside);
  } catch {
    return; // Cleared by another taker already.
  }
  if ((await readFile(aside, 'utf8').catch(() => undefined)) !== text) await link(aside, marker).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * Removes a lock whose holder is gone, once: the takeover itself is guarded by a marker file
 * (`<lock>.takeover`, naming its process) only one process can make, so two processes that both saw the dead
 * holder cannot remove each other's new lock. A marker left by a taker that died is cleared by the next one.
 */
async function removeStale(lockPath: string, deadPid: number | undefined): Promise<void> {
  const marker = `${lockPath}.takeover`;
  if (!(await createLock(marker))) {
    // A takeover in progress, or one whose process died in it: clear that one and let the caller try again.
    await clearDeadMarker(marker);
    return;
  }
  takingOver.add(marker);
  try {
    if ((await holderOf(lockPath)) === deadPid) await unlink(lockPath).catch(() => undefined);
  } finally {
    takingOver.delete(marker);
    await unlink(marker).catch(() => undefined);
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
  // One taker per lock in this process, claimed before any await: two session objects opening the same session
  // at once must not both take it (each would read the other's fresh lock as a previous process's).
  if (held.has(lockPath) || acquiring.has(lockPath)) throw new SessionLockedError(sessionId, lockPath, process.pid);
  acquiring.add(lockPath);
  try {
    for (let attempt = 1; !(await createLock(lockPath)); attempt++) {
      const pid = await holderOf(lockPath);
      // Our own pid is a previous process whose id was reused (this process's objects are refused above): gone.
      const gone = pid !== undefined && (pid === process.pid || !isAlive(pid));
      // A lock naming no process is one being released right now (look again shortly) or a foreign file.
      const patience = pid === undefined ? 6 : 50;
      if ((pid !== undefined && !gone) || attempt >= patience) throw new SessionLockedError(sessionId, lockPath, pid);
      if (gone) await removeStale(lockPath, pid);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    held.add(lockPath);
  } finally {
    acquiring.delete(lockPath);
  }
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
