/**
 * A session store on disk: one JSONL file per session (`<id>.jsonl`) in a folder, each line one versioned
 * entry, appended and flushed per entry, by one writer at a time (a lock file). A torn last line (a crash
 * mid-write) is skipped on read, and the writer, when it takes the lock, cuts the file back to its last complete
 * line; reading, listing and searching never change a file. Format: `docs/session-format.md`.
 * @module
 */
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileSystemError } from '../common/errors.js';
import {
  isValidSessionId,
  newSessionId,
  prepareEntry,
  type Session,
  type SessionEntry,
  type SessionEntryInput,
  type SessionSearchHit,
  type SessionStore,
  type SessionSummary,
  searchEntries,
  sessionSummarizer,
} from '../core/session/session.js';
import { readSessionFile, repairSessionFile, sessionFileEntries } from './session-file.js';
import { lockSession, type SessionLock } from './session-lock.js';

// Kept for the code that imports them from here.
export { readSessionFile, repairSessionFile, sessionFileEntries };

/** Options of {@link FileSessionStore}. */
export interface FileSessionStoreOptions {
  /** Folder of the session files (default `HELLO_DAVE_SESSIONS_DIR`, then `~/.hello-dave/sessions`). */
  dir?: string;
  /** `fsync` each entry to the disk (default `true`); `false` only waits for the write to complete. */
  fsync?: boolean;
  /**
   * Longest line read, in bytes (default about 512 MiB, the longest string there can be, so every entry this
   * library writes reads). A longer line is skipped without being held, and a torn last line longer than this is
   * cut by the writer, unread.
   */
  maxLineBytes?: number;
  /** Environment to read `HELLO_DAVE_SESSIONS_DIR` from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** The folder sessions go to: `HELLO_DAVE_SESSIONS_DIR` when set, else `~/.hello-dave/sessions`. */
export function defaultSessionsDir(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.HELLO_DAVE_SESSIONS_DIR;
  return fromEnv ? resolve(fromEnv) : join(homedir(), '.hello-dave', 'sessions');
}

/**
 * One session file, written by one writer: the session holds the file's lock (`<id>.jsonl.lock`, see
 * {@link SessionLockedError}) from `store.create()` / `store.open()`, or from its first append, until `close()`
 * (or until the process exits). Appends are written in order, one whole line each, and flushed before they
 * resolve.
 */
export class FileSession implements Session {
  /** Session id. */
  readonly id: string;
  /** The file. */
  readonly path: string;
  readonly #fsync: boolean;
  readonly #maxLineBytes: number | undefined;
  #lock: Promise<SessionLock> | undefined;
  #queue: Promise<void> = Promise.resolve();

  /** Wraps a session file (use the store's `create` / `open`, which take the lock at once). */
  constructor(id: string, path: string, options: { fsync?: boolean; maxLineBytes?: number } = {}) {
    this.id = id;
    this.path = path;
    this.#fsync = options.fsync ?? true;
    this.#maxLineBytes = options.maxLineBytes;
  }

  #options(): { maxLineBytes?: number } {
    return this.#maxLineBytes === undefined ? {} : { maxLineBytes: this.#maxLineBytes };
  }

  /**
   * Takes the session's write lock (once) and, holding it, cuts a torn last line left by a writer that died.
   * @throws {SessionLockedError} another writer holds the lock.
   */
  lock(): Promise<void> {
    if (!this.#lock) {
      const taking = lockSession(this.id, this.path);
      this.#lock = taking.then(async (lock) => {
        await repairSessionFile(this.path, this.#options()).catch((error: unknown) => {
          throw FileSystemError.from(error, this.path, 'repair');
        });
        return lock;
      });
      // A failed attempt can be tried again.
      this.#lock.catch(() => {
        this.#lock = undefined;
      });
    }
    return this.#lock.then(() => undefined);
  }

  async #write(line: Buffer): Promise<void> {
    await this.lock();
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.path, 'a');
    } catch (error) {
      throw FileSystemError.from(error, this.path, 'write');
    }
    try {
      let offset = 0;
      while (offset < line.length) {
        const { bytesWritten } = await handle.write(line, offset, line.length - offset);
        offset += bytesWritten;
      }
      if (this.#fsync) await handle.datasync();
    } catch (error) {
      throw FileSystemError.from(error, this.path, 'write');
    } finally {
      await handle.close();
    }
  }

  /**
   * Appends one entry (secrets redacted) as one line, and flushes it. An entry that is not JSON (a cycle, a
   * BigInt) rejects this append only, and nothing of it is written.
   */
  append(entry: SessionEntryInput): Promise<void> {
    let line: Buffer;
    try {
      line = Buffer.from(`${JSON.stringify(prepareEntry(entry))}\n`, 'utf8');
    } catch (error) {
      return Promise.reject(error);
    }
    const write = this.#queue.catch(() => undefined).then(() => this.#write(line));
    this.#queue = write;
    return write;
  }

  /** Every entry in the file (after pending appends are written). */
  async read(): Promise<SessionEntry[]> {
    await this.#queue.catch(() => undefined);
    return readSessionFile(this.path, this.#options());
  }

  /** Waits for pending appends and gives the lock up: another writer may open the session then. */
  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    const lock = this.#lock;
    this.#lock = undefined;
    if (lock) await (await lock.catch(() => undefined))?.release();
  }
}

/**
 * Sessions as JSONL files in a folder.
 * @example
 * ```ts
 * import { FileSessionStore } from 'hello-dave/node';
 * const store = new FileSessionStore();                 // ~/.hello-dave/sessions
 * const session = await store.create();
 * await agent.run('Make a poster', { session });
 * // later, in another process:
 * await agent.run('Make it blue', { session: await store.open(session.id) });
 * ```
 */
export class FileSessionStore implements SessionStore {
  /** The folder. */
  readonly dir: string;
  readonly #files: { fsync: boolean; maxLineBytes?: number };

  /** A store over `options.dir` (created on first use). */
  constructor(options: FileSessionStoreOptions = {}) {
    this.dir = options.dir ? resolve(options.dir) : defaultSessionsDir(options.env);
    this.#files = { fsync: options.fsync ?? true };
    if (options.maxLineBytes !== undefined) this.#files.maxLineBytes = options.maxLineBytes;
  }

  /** The file of a session id. */
  pathOf(id: string): string {
    if (!isValidSessionId(id)) throw new TypeError(`Invalid session id ${JSON.stringify(id)}`);
    return join(this.dir, `${id}.jsonl`);
  }

  /** Starts a new session file (fails when the id is taken). */
  async create(options: { id?: string } = {}): Promise<FileSession> {
    const id = options.id ?? newSessionId();
    const path = this.pathOf(id);
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (error) {
      throw FileSystemError.from(error, this.dir, 'create folder');
    }
    // The lock first: no other writer can open the new file between its creation and our lock.
    const session = new FileSession(id, path, this.#files);
    await session.lock();
    try {
      await (await open(path, 'wx')).close();
    } catch (error) {
      await session.close();
      throw FileSystemError.from(error, path, 'create');
    }
    return session;
  }

  /**
   * Opens an existing session for reading and appending: takes its write lock (one writer per session), then cuts
   * a torn last line off. Give it back with `session.close()`. To only read, use {@link FileSessionStore.read}.
   * @throws {TypeError} there is no such session.
   * @throws {SessionLockedError} another writer (a live process, or another object in this one) holds it.
   */
  async open(id: string): Promise<FileSession> {
    const path = this.pathOf(id);
    try {
      await stat(path);
    } catch {
      throw new TypeError(`No session ${JSON.stringify(id)} in ${this.dir}`);
    }
    const session = new FileSession(id, path, this.#files);
    await session.lock();
    return session;
  }

  /** Every entry of a session, without a lock: it never changes the file (a torn last line is skipped). */
  async read(id: string): Promise<SessionEntry[]> {
    return readSessionFile(this.pathOf(id), this.#files);
  }

  async #ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => name.slice(0, -'.jsonl'.length))
      .filter(isValidSessionId);
  }

  /**
   * Streams each session file through a fold made for it, and returns each fold's result; a file that cannot be
   * read (permissions, not a file) is left out, so it never hides the others.
   */
  async #foldEach<T>(fold: (id: string) => { add(entry: SessionEntry): void; result(): T }): Promise<T[]> {
    const results: T[] = [];
    for (const id of await this.#ids()) {
      const folding = fold(id);
      try {
        for await (const entry of sessionFileEntries(this.pathOf(id), this.#files.maxLineBytes)) folding.add(entry);
      } catch {
        continue;
      }
      results.push(folding.result());
    }
    return results;
  }

  /**
   * Every session (id, agent, started, last message), most recently updated first. Each file is streamed and
   * none is held; a file that cannot be read is left out.
   */
  async list(): Promise<SessionSummary[]> {
    const summaries = await this.#foldEach(sessionSummarizer);
    return summaries
      .filter((summary): summary is SessionSummary => summary !== undefined)
      .sort((a, b) => b.updated.localeCompare(a.updated));
  }

  /** Messages containing `text` (case-insensitive), across every session, each file streamed (as in `list`). */
  async search(text: string): Promise<SessionSearchHit[]> {
    const perSession = await this.#foldEach((id) => {
      const hits: SessionSearchHit[] = [];
      return {
        add: (entry: SessionEntry) => hits.push(...searchEntries(id, [entry], text)),
        result: () => hits,
      };
    });
    return perSession.flat();
  }
}
