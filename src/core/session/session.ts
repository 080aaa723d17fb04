/**
 * Sessions: a run's record as versioned entries (one JSON object per line on disk), and the small interface
 * every store implements. The in-memory store is in `memory-session.ts`; the file store in `hello-dave/node`.
 * The on-disk format is described in `docs/session-format.md`.
 * @module
 */
import type { JobRef, JobState, MediaArtifact } from '../../common/jobs.js';
import { redactValue } from '../../common/secrets.js';
import type { Message, Usage } from '../prompt/message.js';

export { parseSessionEntry } from './entry-schema.js';
export { type RestoredConversation, restoreConversation } from './restore.js';
export { searchEntries, sessionSummarizer, summarizeSession } from './summary.js';

/**
 * The entry format version this library writes: 2 (job entries carry the tool call that started them). Files of
 * version 1 still read.
 */
export const SESSION_ENTRY_VERSION = 2;

/** Fields every entry carries. */
export interface EntryBase {
  /** Entry format version (1 or 2; this library writes 2). */
  v: 1 | 2;
  /** ISO time the entry was made. */
  at: string;
  /** The run it belongs to. */
  runId: string;
  /** The run that started this one (a handoff sub-run), when there is one. */
  parentRunId?: string;
}

/** How a sub-run was started by a handoff. */
export interface HandoffInfo {
  /** `ask`: the answer goes back to the caller; `transfer`: the conversation moved to this agent. */
  mode: 'ask' | 'transfer';
  /** The agent that handed off. */
  from: string;
  /** The handoff tool call. */
  callId: string;
}

/** A run started. */
export interface StartEntry extends EntryBase {
  /** Discriminator. */
  type: 'start';
  /** The session's id. */
  sessionId: string;
  /** The agent's name. */
  agent: string;
  /** Set on handoff sub-runs. */
  handoff?: HandoffInfo;
}

/** A message was added to the history. */
export interface MessageEntry extends EntryBase {
  /** Discriminator. */
  type: 'message';
  /** The message (secrets redacted). */
  message: Message;
}

/** A model call finished. */
export interface ModelCallEntry extends EntryBase {
  /** Discriminator. */
  type: 'model-call';
  /** Provider name. */
  provider: string;
  /** Model id. */
  model: string;
  /** The provider's response id. */
  responseId?: string;
  /** Tokens used. */
  usage: Usage;
  /** Duration, ms. */
  ms: number;
  /** Opaque provider state handed back on the next call, so a resumed session continues (e.g. a response id). */
  continuation?: unknown;
}

/** A tool call was started, answered, or approved / refused. */
export interface ToolEntry extends EntryBase {
  /** Discriminator. */
  type: 'tool-call' | 'tool-result' | 'approval';
  /** The call id. */
  callId: string;
  /** Tool name. */
  name: string;
  /** tool-call: `{ arguments }`; tool-result: `{ output, isError, ms }`; approval: `{ status, reason? }`. */
  data: unknown;
}

/** A media tool started (or finished) a provider job: recorded before any waiting, so nothing paid for is lost. */
export interface JobEntry extends EntryBase {
  /** Discriminator. */
  type: 'job';
  /** The job. */
  job: JobRef;
  /** The tool call that started it (version 2; absent in version 1 files and outside a run's tool call). */
  callId?: string;
  /** The tools that go on with it (status, wait, download), as the starting tool names them (version 2). */
  jobTools?: readonly string[];
  /** Its state when recorded. */
  state: JobState;
  /** What it produced, once done. */
  artifact?: MediaArtifact;
}

/** One line of a session. */
export type SessionEntry = StartEntry | MessageEntry | ModelCallEntry | ToolEntry | JobEntry;

/** An entry as passed to `append`: `v` and `at` may be left out (they are filled in). */
export type SessionEntryInput = SessionEntry extends infer E
  ? E extends SessionEntry
    ? Omit<E, 'v' | 'at'> & { v?: 1 | 2; at?: string }
    : never
  : never;

/** A recorded conversation: append entries, read them back. */
export interface Session {
  /** The session id. */
  readonly id: string;
  /** Appends one entry (secrets are redacted before it is stored). Resolves once it is stored. */
  append(entry: SessionEntryInput): Promise<void>;
  /** Every stored entry, oldest first. */
  read(): Promise<SessionEntry[]>;
  /** Releases resources (open files); optional. */
  close?(): Promise<void>;
}

/** One line of a session listing. */
export interface SessionSummary {
  /** Session id. */
  id: string;
  /** The agent of the first run. */
  agent: string;
  /** ISO time of the first entry. */
  started: string;
  /** ISO time of the last entry. */
  updated: string;
  /** Text of the last user or assistant message (up to 200 characters). */
  lastMessage?: string;
  /** Number of entries. */
  entries: number;
}

/** One message that matched a search. */
export interface SessionSearchHit {
  /** Session id. */
  sessionId: string;
  /** The run the message belongs to. */
  runId: string;
  /** ISO time of the message. */
  at: string;
  /** Role of the message. */
  role: Message['role'];
  /** The matching text, shortened around the match. */
  snippet: string;
}

/** Where sessions live: create, open, list and search them. */
export interface SessionStore {
  /** Starts a new session (a fresh id unless one is given). */
  create(options?: { id?: string }): Promise<Session>;
  /** Opens an existing session by id for reading and appending. */
  open(id: string): Promise<Session>;
  /** Every session, newest first. */
  list(): Promise<SessionSummary[]>;
  /** Messages whose text contains `text` (case-insensitive), across sessions. */
  search(text: string): Promise<SessionSearchHit[]>;
}

/** A fresh id: sortable by time, unique enough to name a file. */
export function newSessionId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${randomId(8)}`;
}

/** A random lowercase hex id of `length` characters (run ids, call ids). */
export function randomId(length = 16): string {
  const crypto = globalThis.crypto;
  // randomUUID draws from a pooled buffer: far cheaper than a getRandomValues call per id on Node. Its first 12
  // hex digits are random; a 20-digit id keeps 74 random bits (the version and variant digits are fixed).
  if (length <= 32 && typeof crypto.randomUUID === 'function')
    return crypto.randomUUID().replace(/-/g, '').slice(0, length);
  const bytes = new Uint8Array(Math.ceil(length / 2));
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

/** True for ids a store may use as a file name: letters, digits, `-`, `_`, `.`, not starting with a dot. */
export function isValidSessionId(id: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(id);
}

/** Reasoning items are signed or encrypted by the provider: their `data` must go back byte for byte. */
function isOpaqueData(owner: Record<string, unknown>, key: string): boolean {
  return key === 'data' && owner.type === 'reasoning' && typeof owner.provider === 'string';
}

/**
 * Completes an entry (`v`, `at`) and redacts every secret in it, at any depth, keys included (the secrets
 * module: registered key values, API key shapes, bearer tokens, JWTs). Reasoning parts' opaque `data` is kept exact. Stores call this before storing.
 */
export function prepareEntry(entry: SessionEntryInput, now: Date = new Date()): SessionEntry {
  const complete = { ...entry, v: SESSION_ENTRY_VERSION, at: entry.at ?? now.toISOString() };
  return redactValue(complete, { keep: isOpaqueData }) as SessionEntry;
}
