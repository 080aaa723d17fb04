/**
 * Sessions: a run's record as versioned entries (one JSON object per line on disk), and the small interface
 * every store implements. The in-memory store is in `memory-session.ts`; the file store in `hello-dave/node`.
 * The on-disk format is described in `docs/session-format.md`.
 * @module
 */
import * as z from 'zod/mini';
import { jobToolsHint } from '../../common/job-hint.js';
import type { JobRef, JobState, MediaArtifact } from '../../common/jobs.js';
import { redactValue } from '../../common/secrets.js';
import type { Message, ToolCallPart, Usage } from '../prompt/message.js';
import { type DanglingAnswer, messageSchema, messageText, Prompt } from '../prompt/prompt.js';

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

const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number(),
  reasoningTokens: z.optional(z.number()),
  cachedInputTokens: z.optional(z.number()),
});
const base = {
  v: z.union([z.literal(1), z.literal(2)]),
  at: z.string(),
  runId: z.string(),
  parentRunId: z.optional(z.string()),
};
const jobRefSchema = z.object({ provider: z.string(), kind: z.string(), id: z.string(), createdAt: z.string() });
const entrySchema = z.union([
  z.object({
    ...base,
    type: z.literal('start'),
    sessionId: z.string(),
    agent: z.string(),
    handoff: z.optional(z.object({ mode: z.enum(['ask', 'transfer']), from: z.string(), callId: z.string() })),
  }),
  z.object({ ...base, type: z.literal('message'), message: messageSchema }),
  z.object({
    ...base,
    type: z.literal('model-call'),
    provider: z.string(),
    model: z.string(),
    responseId: z.optional(z.string()),
    usage: usageSchema,
    ms: z.number(),
    continuation: z.optional(z.unknown()),
  }),
  z.object({
    ...base,
    type: z.enum(['tool-call', 'tool-result', 'approval']),
    callId: z.string(),
    name: z.string(),
    data: z.unknown(),
  }),
  z.object({
    ...base,
    type: z.literal('job'),
    job: jobRefSchema,
    callId: z.optional(z.string()),
    jobTools: z.optional(z.array(z.string())),
    state: z.enum(['pending', 'succeeded', 'failed', 'cancelled', 'expired']),
    artifact: z.optional(z.unknown()),
  }),
]);

/**
 * Reads one stored entry of any released version; `undefined` when it is not one (unknown version, unknown
 * type, wrong shape). Unknown extra fields are kept.
 */
export function parseSessionEntry(value: unknown): SessionEntry | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const parsed = z.safeParse(entrySchema, value);
  // Return the original object: opaque fields (reasoning data, continuation) stay exact.
  return parsed.success ? (value as SessionEntry) : undefined;
}

/** What {@link restoreConversation} finds in a session. */
export interface RestoredConversation {
  /** The conversation's messages (dangling tool calls answered with an error result). */
  messages: Message[];
  /** The last model call's continuation, with the model that made it. */
  continuation?: { provider: string; model: string; value: unknown };
  /** The agent that spoke last (after a transfer, the agent the conversation moved to). */
  agent?: string;
  /** Ids of every run in the session. */
  runIds: string[];
}

/**
 * Rebuilds the conversation from a session's entries: messages of top-level runs and of the runs a
 * conversation was transferred to; the private conversations of `ask` handoff sub-runs are left out.
 */
export function restoreConversation(entries: readonly SessionEntry[]): RestoredConversation {
  const included = new Set<string>();
  const excluded = new Set<string>();
  const runIds: string[] = [];
  let agent: string | undefined;
  let continuation: RestoredConversation['continuation'];
  const prompt = new Prompt();
  // The last job entry of each tool call: a call that never finished but had started a paid job is answered with
  // that job, so a model that resumes goes on with it instead of paying for a new one.
  const jobs = new Map<string, JobEntry>();
  const interrupted = (call: ToolCallPart): DanglingAnswer => {
    const job = jobs.get(call.id);
    return job
      ? { output: interruptedJobText(call.name, job), isError: false }
      : { output: NOT_FINISHED, isError: true };
  };
  const isIncluded = (entry: SessionEntry): boolean => {
    if (included.has(entry.runId)) return true;
    if (excluded.has(entry.runId)) return false;
    // A run without a start entry (a truncated file): follow its parent, or take it when it has none.
    const ok = entry.parentRunId === undefined || included.has(entry.parentRunId);
    (ok ? included : excluded).add(entry.runId);
    return ok;
  };
  for (const entry of entries) {
    if (entry.type === 'start') {
      if (!runIds.includes(entry.runId)) runIds.push(entry.runId);
      const parentOk = entry.parentRunId === undefined || included.has(entry.parentRunId);
      const ok = parentOk && (entry.handoff === undefined || entry.handoff.mode === 'transfer');
      (ok ? included : excluded).add(entry.runId);
      if (ok) agent = entry.agent;
      // The agent a conversation was transferred to does not chain onto the previous agent's stored response.
      if (ok && entry.handoff?.mode === 'transfer') continuation = undefined;
      continue;
    }
    if (!isIncluded(entry)) continue;
    if (entry.type === 'message') {
      if (entry.message.role === 'user' || entry.message.role === 'system')
        prompt.resolveDanglingToolCalls(interrupted);
      prompt.add(entry.message);
    } else if (entry.type === 'job') {
      if (entry.callId !== undefined) jobs.set(entry.callId, entry);
    } else if (entry.type === 'model-call') {
      continuation =
        entry.continuation === undefined
          ? undefined
          : { provider: entry.provider, model: entry.model, value: entry.continuation };
    }
  }
  prompt.resolveDanglingToolCalls(interrupted);
  const restored: RestoredConversation = { messages: prompt.messages, runIds };
  if (continuation) restored.continuation = continuation;
  if (agent !== undefined) restored.agent = agent;
  return restored;
}

const NOT_FINISHED = 'The tool call did not finish: the run stopped before its result arrived.';

/**
 * What a resumed model reads for a tool call that stopped after it started a provider job: the job, its last known
 * state, and the tools to go on with it, so that it does not start (and pay for) the same job again.
 */
function interruptedJobText(toolName: string, entry: JobEntry): string {
  const how = jobToolsHint(entry.job.id, entry.jobTools);
  const next =
    entry.state === 'pending'
      ? `${toolName} stopped before its result arrived, after the provider accepted this job. The job is not lost ` +
        `and may have finished since: do not start a new one; check it ${how}.`
      : `${toolName} stopped before its result arrived; the job had ended (${entry.state}). Do not start a new one ` +
        `unless the person asks; get its result ${how}.`;
  return JSON.stringify({
    interrupted: true,
    provider: entry.job.provider,
    kind: entry.job.kind,
    job_id: entry.job.id,
    state: entry.state,
    ...(entry.artifact === undefined ? {} : { artifact: entry.artifact }),
    next,
  });
}

/** Builds a listing line entry by entry, keeping none of them (a file store reads a session line by line). */
export function sessionSummarizer(id: string): {
  add(entry: SessionEntry): void;
  result(): SessionSummary | undefined;
} {
  let started: string | undefined;
  let updated = '';
  let agent: string | undefined;
  let lastMessage: string | undefined;
  let count = 0;
  return {
    add(entry) {
      count++;
      started ??= entry.at;
      updated = entry.at;
      if (entry.type === 'start') agent ??= entry.agent;
      if (entry.type === 'message' && (entry.message.role === 'user' || entry.message.role === 'assistant')) {
        const text = messageText(entry.message);
        if (text) lastMessage = text.length > 200 ? `${text.slice(0, 199)}…` : text;
      }
    },
    result() {
      if (started === undefined) return undefined;
      const summary: SessionSummary = { id, agent: agent ?? '', started, updated, entries: count };
      if (lastMessage !== undefined) summary.lastMessage = lastMessage;
      return summary;
    },
  };
}

/** Builds a listing line from a session's entries. */
export function summarizeSession(id: string, entries: readonly SessionEntry[]): SessionSummary | undefined {
  const summarizer = sessionSummarizer(id);
  for (const entry of entries) summarizer.add(entry);
  return summarizer.result();
}

/** Messages of `entries` whose text (or tool output) contains `text`, case-insensitive. */
export function searchEntries(sessionId: string, entries: readonly SessionEntry[], text: string): SessionSearchHit[] {
  const needle = text.toLowerCase();
  if (!needle) return [];
  const hits: SessionSearchHit[] = [];
  for (const entry of entries) {
    if (entry.type !== 'message') continue;
    const message = entry.message;
    const body =
      message.role === 'tool' ? message.content.map((result) => result.output).join('\n') : messageText(message);
    const at = body.toLowerCase().indexOf(needle);
    if (at < 0) continue;
    const from = Math.max(0, at - 60);
    const to = Math.min(body.length, at + needle.length + 60);
    const snippet = `${from > 0 ? '…' : ''}${body.slice(from, to)}${to < body.length ? '…' : ''}`;
    hits.push({ sessionId, runId: entry.runId, at: entry.at, role: message.role, snippet });
  }
  return hits;
}
