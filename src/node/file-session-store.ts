/**
 * A session store on disk: one JSONL file per session (`<id>.jsonl`) in a folder, each line one versioned
 * entry, appended and flushed per entry, by one writer at a time (a lock file). A torn last line (a crash
 * mid-write) is skipped on read, and the writer, when it takes the lock, cuts the file back to its last complete
 * line; reading, listing and searching never change a file. Format: `docs/session-format.md`.
 * @module
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileSystemError } from '../common/errors.js';
import {
  isValidSessionId,
  newSessionId,
  parseSessionEntry,
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
import { lockSession, type SessionLock } from './session-lock.js';

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
 * The longest line read, in bytes: the longest string a JavaScript engine holds (about 512 MiB), so every entry
 * this library can write reads. A longer line cannot be an entry; it is skipped without being held.
 */
const MAX_SESSION_LINE_BYTES = 0x1fffffe8;

/**
 * The lines of a file, split on `\n` as raw bytes are read: a line is held only up to `maxBytes`; past that, the
 * rest of it is read and dropped, and the line is skipped (a string that long cannot even be made).
 */
async function* fileLines(path: string, maxBytes: number): AsyncGenerator<string> {
  const stream = createReadStream(path);
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const take = (): string | undefined => {
    if (skipping) return undefined;
    try {
      return Buffer.concat(parts, size).toString('utf8');
    } catch {
      return undefined; // (a line that does not fit in a string)
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const end = chunk.indexOf(0x0a, start);
        const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
        if (!skipping && piece.length > 0) {
          if (size + piece.length > maxBytes) {
            parts = [];
            size = 0;
            skipping = true;
          } else {
            parts.push(piece);
            size += piece.length;
          }
        }
        if (end === -1) break;
        const text = take();
        parts = [];
        size = 0;
        skipping = false;
        if (text !== undefined) yield text;
        start = end + 1;
      }
    }
    const last = take();
    if (last) yield last;
  } finally {
    stream.destroy();
  }
}

/**
 * The entries of a session file, one line at a time, as they are read: the file is streamed, never held whole, so
 * a session of any size reads (a string cannot hold more than about 512 MiB). A last line without its newline is
 * kept only when it is a whole entry (a torn write is skipped); lines that are not entries of a known version are
 * skipped too, and so is a line longer than `maxLineBytes` (default {@link MAX_SESSION_LINE_BYTES}), unheld. A missing file
 * has no entries.
 */
export async function* sessionFileEntries(
  path: string,
  maxLineBytes: number = MAX_SESSION_LINE_BYTES,
): AsyncGenerator<SessionEntry> {
  try {
    for await (const line of fileLines(path, maxLineBytes)) {
      const entry = parseLine(line);
      if (entry) yield entry;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw error;
  }
}

function parseLine(line: string): SessionEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    return parseSessionEntry(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** Reads a session file: every entry, oldest first (streamed from the file, line by line). */
export async function readSessionFile(path: string, options: { maxLineBytes?: number } = {}): Promise<SessionEntry[]> {
  const entries: SessionEntry[] = [];
  for await (const entry of sessionFileEntries(path, options.maxLineBytes)) entries.push(entry);
  return entries;
}

/**
 * Makes a session file safe to append to: a torn last line (no newline, not a whole entry) is cut off; a
 * whole last entry that only lacks its newline gets one. Returns the number of bytes removed. Only the last line
 * is read (backwards from the end), whatever the file's size.
 */
export async function repairSessionFile(path: string, options: { maxLineBytes?: number } = {}): Promise<number> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const tail = await lastLine(handle, size, options.maxLineBytes ?? MAX_SESSION_LINE_BYTES);
    if (tail === undefined) return 0;
    if (parseLine(tail.text) !== undefined) {
      await handle.write('\n', size);
      await handle.sync();
      return 0;
    }
    await handle.truncate(tail.start);
    await handle.sync();
    return size - tail.start;
  } finally {
    await handle.close();
  }
}

/**
 * The last line of a file when it lacks its newline (with where it starts); `undefined` when the file ends in one.
 * A last line longer than `maxBytes` is not read: its text is given as `''` (not an entry).
 */
async function lastLine(
  handle: Awaited<ReturnType<typeof open>>,
  size: number,
  maxBytes: number,
): Promise<{ start: number; text: string } | undefined> {
  const CHUNK = 64 * 1024;
  let chunks: Buffer[] = [];
  let kept = 0;
  let tooLong = false;
  const text = (): string => (tooLong ? '' : Buffer.concat(chunks).toString('utf8'));
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const chunk = Buffer.alloc(end - start);
    await handle.read(chunk, 0, chunk.length, start);
    if (end === size && chunk[chunk.length - 1] === 0x0a) return undefined;
    const newline = chunk.lastIndexOf(0x0a);
    const piece = newline >= 0 ? chunk.subarray(newline + 1) : chunk;
    kept += piece.length;
    if (kept > maxBytes) {
      tooLong = true;
      chunks = [];
    } else if (!tooLong) chunks.unshift(piece);
    if (newline >= 0) return { start: start + newline + 1, text: text() };
    end = start;
  }
  return size === 0 ? undefined : { start: 0, text: text() };
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
