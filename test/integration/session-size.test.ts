/**
 * Sessions of any size: a session file over 512 MiB (more than one string can hold) reads, lists and searches,
 * and one huge or broken file never breaks list() or search() for the others.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSessionStore, repairSessionFile } from '../../src/node/file-session-store.js';

const ENTRY_TEXT = 'k'.repeat(1024 * 1024);
const ENTRIES = 520;
/** The first bytes of an entry whose write a crash cut short. */
const TORN = '{"v":2,"at":"2026-12-05T11:00:00.000Z","runId":"r","type":"mes';
let dir: string;

/** Writes `count` message entries of 1 MiB each, then `tail` (a torn line, say) without a newline. */
async function writeSession(path: string, count: number, tail = ''): Promise<void> {
  const out = createWriteStream(path);
  const line = (text: string, index: number) =>
    `${JSON.stringify({ v: 2, at: `2026-12-05T10:00:${String(index % 60).padStart(2, '0')}.000Z`, runId: 'r', type: 'message', message: { role: 'user', content: [{ type: 'text', text }] } })}\n`;
  out.write(
    `${JSON.stringify({ v: 2, at: '2026-12-05T09:59:59.000Z', runId: 'r', type: 'start', sessionId: 'huge', agent: 'big' })}\n`,
  );
  for (let index = 0; index < count; index++) {
    if (!out.write(line(index === count - 1 ? `needle ${ENTRY_TEXT}` : ENTRY_TEXT, index))) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  out.end(tail);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-huge-'));
  await writeSession(
    join(dir, 'huge.jsonl'),
    ENTRIES,
    '{"v":2,"at":"2026-12-05T11:00:00.000Z","runId":"r","type":"mes',
  );
  await writeSession(join(dir, 'small.jsonl'), 1);
  // A "session" that is a folder: reading it fails (EISDIR).
  await mkdir(join(dir, 'broken.jsonl'));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sessions of any size', () => {
  it('lists and searches a 520 MiB session beside a small and a broken one', async () => {
    const store = new FileSessionStore({ dir });
    const listed = await store.list();
    expect(listed.map((summary) => [summary.id, summary.entries]).sort()).toEqual([
      ['huge', ENTRIES + 1],
      ['small', 2],
    ]);
    const hits = await store.search('needle');
    expect(hits.map((hit) => hit.sessionId).sort()).toEqual(['huge', 'small']);
  }, 120_000);

  it('reads it whole, and repairs its torn tail by reading only the end', async () => {
    const store = new FileSessionStore({ dir });
    const entries = await store.read('huge');
    expect(entries).toHaveLength(ENTRIES + 1);
    expect(entries.at(-1)?.type).toBe('message');
    expect(await repairSessionFile(join(dir, 'huge.jsonl'))).toBe(TORN.length);
  }, 120_000);
});
