/**
 * Listing and searching sessions: the summary line of a session and the messages that match a search.
 * @module
 */
import { messageText } from '../prompt/prompt.js';
import type { SessionEntry, SessionSearchHit, SessionSummary } from './session.js';

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
