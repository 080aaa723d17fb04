/**
 * An in-memory session store: for tests, short-lived processes, and as the reference implementation of
 * the {@link SessionStore} interface.
 * @module
 */
import { copyTree } from '../immutable.js';
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
  summarizeSession,
} from './session.js';

/** A session kept in memory. Entries are copied in and out, secrets redacted on append. */
export class MemorySession implements Session {
  /** The session id. */
  readonly id: string;
  readonly #entries: SessionEntry[];

  /** Wraps an entry array (shared with the store that made it). */
  constructor(id: string, entries: SessionEntry[] = []) {
    this.id = id;
    this.#entries = entries;
  }

  /** Appends one entry (redacted, copied). */
  async append(entry: SessionEntryInput): Promise<void> {
    this.#entries.push(copyTree(prepareEntry(entry)));
  }

  /** Copies of every entry, oldest first. */
  async read(): Promise<SessionEntry[]> {
    return copyTree(this.#entries);
  }
}

/**
 * Sessions held in memory; lost when the process ends.
 * @example
 * ```ts
 * const store = new MemorySessionStore();
 * const session = await store.create();
 * await agent.run('Hi', { session });
 * await agent.run('And again?', { session }); // continues the conversation
 * ```
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, SessionEntry[]>();

  /** Starts a new, empty session. */
  async create(options: { id?: string } = {}): Promise<MemorySession> {
    const id = options.id ?? newSessionId();
    if (!isValidSessionId(id)) throw new TypeError(`Invalid session id ${JSON.stringify(id)}`);
    if (this.#sessions.has(id)) throw new TypeError(`Session ${id} already exists`);
    const entries: SessionEntry[] = [];
    this.#sessions.set(id, entries);
    return new MemorySession(id, entries);
  }

  /** Opens a session by id; throws a `TypeError` when there is none. */
  async open(id: string): Promise<MemorySession> {
    const entries = this.#sessions.get(id);
    if (!entries) throw new TypeError(`No session ${JSON.stringify(id)}`);
    return new MemorySession(id, entries);
  }

  /** Every session, most recently updated first. */
  async list(): Promise<SessionSummary[]> {
    const out: SessionSummary[] = [];
    for (const [id, entries] of this.#sessions) {
      const summary = summarizeSession(id, entries);
      if (summary) out.push(summary);
    }
    return out.sort((a, b) => b.updated.localeCompare(a.updated));
  }

  /** Messages containing `text`, across sessions. */
  async search(text: string): Promise<SessionSearchHit[]> {
    const hits: SessionSearchHit[] = [];
    for (const [id, entries] of this.#sessions) hits.push(...searchEntries(id, entries, text));
    return hits;
  }
}
