/**
 * `dave sessions list|show|search|resume` over the file session store.
 * @module
 */
import type { DaveConfig } from '../../node/agents/index.js';
import { FileSessionStore } from '../../node/index.js';
import { EXIT, UsageError } from '../errors.js';
import { formatSession, formatSummary } from '../format-session.js';
import type { Parsed } from '../main.js';

function json(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ v: 1, ...value })}\n`);
}

function limitOf(value: string | boolean | undefined): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a whole number, not ${String(value)}`);
  return limit;
}

function argument(parsed: Parsed, what: string): string {
  const value = parsed.positionals.slice(1).join(' ');
  if (!value) throw new UsageError(`dave sessions ${parsed.positionals[0]} needs ${what}`);
  return value;
}

/** Runs a `sessions` subcommand; `resume` hands over to the conversation command. */
export async function sessionsCommand(
  parsed: Parsed,
  config: DaveConfig,
  resume: (parsed: Parsed) => Promise<number>,
): Promise<number> {
  const store = new FileSessionStore({ dir: config.sessionsDir });
  const sub = parsed.positionals[0] ?? 'list';
  const asJson = parsed.values.json === true;
  switch (sub) {
    case 'list': {
      const sessions = (await store.list()).slice(0, limitOf(parsed.values.limit));
      if (asJson) for (const summary of sessions) json({ type: 'session', ...summary });
      else if (sessions.length === 0) process.stdout.write(`no sessions in ${config.sessionsDir}\n`);
      else for (const summary of sessions) process.stdout.write(`${formatSummary(summary)}\n`);
      return EXIT.ok;
    }
    case 'show': {
      const id = argument(parsed, 'a session id');
      const entries = await store.read(id);
      if (entries.length === 0) throw new UsageError(`no session "${id}" in ${config.sessionsDir}`);
      if (asJson) for (const entry of entries) json({ type: 'entry', entry });
      else process.stdout.write(`${formatSession(entries)}\n`);
      return EXIT.ok;
    }
    case 'search': {
      const hits = await store.search(argument(parsed, 'the text to look for'));
      if (asJson) for (const hit of hits) json({ type: 'hit', ...hit });
      else if (hits.length === 0) process.stderr.write('no message contains that text\n');
      else
        for (const hit of hits)
          process.stdout.write(`${hit.sessionId}  ${hit.role.padEnd(9)} ${hit.snippet.replace(/\s+/g, ' ')}\n`);
      return EXIT.ok;
    }
    case 'resume':
      return resume({
        command: 'dave',
        values: { ...parsed.values, session: argument(parsed, 'a session id') },
        positionals: [],
      });
    default:
      throw new UsageError(`unknown sessions command "${sub}" (list, show, search, resume)`);
  }
}
