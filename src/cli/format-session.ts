/**
 * A session as readable lines: who said what, tool calls with their arguments and results, approvals, media jobs
 * and the files they produced.
 * @module
 */
import { messageText, type SessionEntry, type SessionSummary } from '../index.js';
import { savedPathOf, short } from './render.js';

function time(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19);
}

function dataOf(entry: { data: unknown }): Record<string, unknown> {
  return typeof entry.data === 'object' && entry.data !== null ? (entry.data as Record<string, unknown>) : {};
}

/** The lines of one entry (none for bookkeeping entries such as model calls). */
export function formatEntry(entry: SessionEntry): string[] {
  const indent = entry.parentRunId ? '    ' : '';
  const at = time(entry.at);
  switch (entry.type) {
    case 'start':
      return [
        `${indent}── ${at} ${entry.agent}${entry.handoff ? ` (${entry.handoff.mode} from ${entry.handoff.from})` : ''}`,
      ];
    case 'message': {
      const { message } = entry;
      if (message.role === 'tool') return [];
      const text = messageText(message).trim();
      const calls = message.role === 'assistant' ? message.content.filter((part) => part.type === 'tool-call') : [];
      const lines = text
        ? [`${indent}${message.role === 'user' ? 'you' : message.role}: ${text.replace(/\n/g, `\n${indent}  `)}`]
        : [];
      return calls.length && !text ? [] : lines;
    }
    case 'tool-call':
      return [`${indent}  → ${entry.name} ${short(dataOf(entry).arguments, 120)}`];
    case 'tool-result': {
      const data = dataOf(entry);
      const output = typeof data.output === 'string' ? data.output : JSON.stringify(data.output);
      const saved = savedPathOf(output ?? '');
      const status = data.isError ? 'error' : 'ok';
      return [`${indent}  ← ${entry.name} ${status}${saved ? ` saved ${saved}` : ` ${short(output, 120)}`}`];
    }
    case 'approval': {
      const data = dataOf(entry);
      return [`${indent}  ? ${entry.name} ${String(data.status)}${data.reason ? ` (${String(data.reason)})` : ''}`];
    }
    case 'job': {
      const file = entry.artifact?.path ?? entry.artifact?.url;
      const what = `${entry.job.kind} job ${entry.job.provider} ${entry.job.id}`;
      return [`${indent}  ◆ ${what} ${entry.state}${file ? ` → ${file} (${entry.artifact?.mimeType})` : ''}`];
    }
    default:
      return [];
  }
}

/** The whole session as text. */
export function formatSession(entries: readonly SessionEntry[]): string {
  return entries.flatMap(formatEntry).join('\n');
}

/** One line of `dave sessions list`. */
export function formatSummary(summary: SessionSummary): string {
  const last = summary.lastMessage ? short(summary.lastMessage, 60) : '';
  return `${summary.id}  ${time(summary.updated)}  ${summary.agent.padEnd(12)} ${last}`;
}
