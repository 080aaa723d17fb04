/**
 * Crash safety of the file session store: a child process appends to three sessions at once (crash-safety-child.ts)
 * and is killed with SIGKILL 5–80 ms after it starts appending, 100 times, the delays and entry sizes drawn from a
 * seeded generator (`CRASH_SEED` replays a run; a failure names its seed and round). While the child writes, this
 * process is refused the write lock and reads the same sessions, finding every entry acknowledged before each
 * read began. After each kill every file reads, every line but a torn last one is a whole entry, every
 * acknowledged entry is there, at most one entry past the last acknowledged one is, and opening the session
 * (lock takeover, repair) and appending to it works. The next child resumes the same sessions; a new set of three
 * starts every ten rounds, so files stay small enough to read whole many times a round.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSessionEntry } from '../../src/core/session/session.js';
import { FileSessionStore, SessionLockedError } from '../../src/node/index.js';
import { entryId, idOf, seededRandom } from './crash-safety-entries.js';

const SEED = Number(process.env.CRASH_SEED ?? 20_260_305);
const ROUNDS = 100;
const ROUNDS_PER_SET = 10;
const here = dirname(fileURLToPath(import.meta.url));

/** The sessions of a round: three, the same for ten rounds. */
const sessionIds = (round: number): string[] =>
  ['a', 'b', 'c'].map((name) => `crash-${Math.floor(round / ROUNDS_PER_SET)}-${name}`);

let work: string;
let childScript: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hello-dave-crash-'));
  // Bundled once: a child started through tsx would spend most of each round compiling.
  childScript = join(work, 'child.mjs');
  await build({
    entryPoints: [join(here, 'crash-safety-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childScript,
    logLevel: 'silent',
    alias: { 'hello-dave/node': join(here, '../../src/node/index.ts') },
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Figures {
  acknowledged: number;
  tornTails: number;
  wholeWithoutNewline: number;
  unacknowledgedKept: number;
  concurrentReads: number;
}

/**
 * A child writer, started ahead of its round (it waits for `go()`): its kill delay, its sessions, the file it
 * acknowledges appends in, whether it is ready, and its end.
 */
interface Writer {
  round: number;
  delay: number;
  sessions: string[];
  ackPath: string;
  process: ChildProcess;
  go: () => void;
  ready: Promise<void>;
  exited: Promise<NodeJS.Signals | null>;
  dead: () => boolean;
}

function startWriter(dir: string, round: number, random: () => number): Writer {
  const delay = 5 + Math.floor(random() * 76);
  const sessions = sessionIds(round);
  const seed = String(Math.floor(random() * 2 ** 32));
  const ackPath = join(work, `acks-${round}.txt`);
  const child = spawn(process.execPath, [childScript, dir, String(round), seed, sessions.join(','), ackPath], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let dead = false;
  const exited = new Promise<NodeJS.Signals | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      dead = true;
      if (signal) resolve(signal);
      else reject(new Error(`the writer exited with ${code} before it was killed: ${stderr}`));
    });
  });
  const ready = Promise.race([
    new Promise<void>((resolve) => child.stdout?.once('data', () => resolve())),
    exited.then(() => undefined),
  ]);
  child.stdin?.on('error', () => undefined);
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const go = () => void child.stdin?.write('go\n');
  return { round, delay, sessions, ackPath, process: child, go, ready, exited, dead: () => dead };
}

/** Kills a writer that is still alive and waits for its end. */
async function stop(writer: Writer): Promise<void> {
  if (!writer.dead()) writer.process.kill('SIGKILL');
  await writer.exited.catch(() => undefined);
}

/** The entry ids a writer has acknowledged so far, per session (whole lines only: a line cut by the kill is not). */
async function acknowledged(writer: Writer): Promise<Map<string, string[]>> {
  const acked = new Map(writer.sessions.map((id) => [id, [] as string[]]));
  const text = await readFile(writer.ackPath, 'utf8').catch(() => '');
  for (const line of text.split('\n').slice(0, -1)) {
    const [sessionId = '', id = ''] = line.split(' ');
    acked.get(sessionId)?.push(id);
  }
  return acked;
}

/**
 * The ids of a session's file: what it held before the round, then this round's from entry 0 on, the
 * acknowledged ones first. Returns how many the round added.
 */
function expectRoundPrefix(ids: string[], before: string[], round: number, acked: readonly string[]): number {
  expect(ids.slice(0, before.length)).toEqual(before);
  const added = ids.slice(before.length);
  expect(added).toEqual(added.map((_, n) => entryId(round, n)));
  expect(added.slice(0, acked.length)).toEqual(acked);
  return added.length;
}

/** Reads every session while the writer runs: each read holds every entry acknowledged before it began. */
async function readWhileWriting(store: FileSessionStore, writer: Writer, before: Map<string, string[]>) {
  let reads = 0;
  while (!writer.dead()) {
    const acked = await acknowledged(writer);
    for (const id of writer.sessions) {
      const ids = (await store.read(id)).map(idOf);
      expectRoundPrefix(ids, before.get(id) ?? [], writer.round, acked.get(id) ?? []);
      reads++;
    }
  }
  return reads;
}

/** After the kill: the file reads, every line is a whole entry but a torn last one; returns the tail's kind. */
async function checkFile(store: FileSessionStore, id: string): Promise<'none' | 'torn' | 'whole'> {
  const text = await readFile(store.pathOf(id), 'utf8');
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  for (const line of lines) expect(parseSessionEntry(JSON.parse(line))).toBeDefined();
  if (tail === '') return 'none';
  try {
    return parseSessionEntry(JSON.parse(tail)) ? 'whole' : 'torn';
  } catch {
    return 'torn';
  }
}

/** Resumes a session after the kill (lock takeover, repair) and appends one entry; returns the file's ids. */
async function resumeAndAppend(store: FileSessionStore, id: string, ids: string[], round: number): Promise<string[]> {
  const session = await store.open(id);
  const resumeId = `p${round}`;
  await session.append({
    type: 'message',
    runId: `run_p${round}`,
    message: { role: 'user', content: [{ type: 'text', text: `${resumeId} resumed` }] },
  });
  expect((await session.read()).map(idOf)).toEqual([...ids, resumeId]);
  await session.close();
  expect((await readFile(store.pathOf(id), 'utf8')).endsWith('\n')).toBe(true);
  return [...ids, resumeId];
}

/** Lets the writer go, is refused the lock, reads while it writes, kills it after its delay. */
async function writeAndKill(store: FileSessionStore, writer: Writer, before: Map<string, string[]>): Promise<number> {
  writer.go();
  await writer.ready;
  // One writer per session: while the child lives (it is killed only after this), opening is refused.
  await expect(store.open(writer.sessions[0] ?? '')).rejects.toBeInstanceOf(SessionLockedError);
  const kill = setTimeout(() => writer.process.kill('SIGKILL'), writer.delay);
  const reads = await readWhileWriting(store, writer, before);
  clearTimeout(kill);
  expect(await writer.exited).toBe('SIGKILL');
  return reads;
}

/** After the kill, for each session at once: its file, its entries against the acknowledgements, a resumed append. */
async function checkAfterKill(
  store: FileSessionStore,
  writer: Writer,
  before: Map<string, string[]>,
  figures: Figures,
): Promise<void> {
  const acked = await acknowledged(writer);
  const check = async (id: string) => {
    const ackedHere = acked.get(id) ?? [];
    const tail = await checkFile(store, id);
    if (tail === 'torn') figures.tornTails++;
    if (tail === 'whole') figures.wholeWithoutNewline++;
    const ids = (await store.read(id)).map(idOf);
    const added = expectRoundPrefix(ids, before.get(id) ?? [], writer.round, ackedHere);
    // At most the entry being written when the kill came is there without its acknowledgement.
    expect(added).toBeLessThanOrEqual(ackedHere.length + 1);
    figures.acknowledged += ackedHere.length;
    figures.unacknowledgedKept += added - ackedHere.length;
    before.set(id, await resumeAndAppend(store, id, ids, writer.round));
  };
  // Settled, all of them, before a failure is reported: no check goes on writing behind it.
  const results = await Promise.allSettled(writer.sessions.map(check));
  for (const result of results) if (result.status === 'rejected') throw result.reason;
}

describe('crash safety of the file session store', () => {
  it(`keeps every acknowledged entry through ${ROUNDS} SIGKILLs mid-append (seed ${SEED})`, async () => {
    const store = new FileSessionStore({ dir: join(work, 'sessions') });
    const random = seededRandom(SEED);
    const before = new Map<string, string[]>();
    const figures: Figures = {
      acknowledged: 0,
      tornTails: 0,
      wholeWithoutNewline: 0,
      unacknowledgedKept: 0,
      concurrentReads: 0,
    };
    const started = performance.now();
    let next: Writer | undefined = startWriter(store.dir, 0, random);
    try {
      for (let round = 0; next; round++) {
        const writer: Writer = next;
        try {
          if (round % ROUNDS_PER_SET === 0) {
            for (const id of sessionIds(round)) await (await store.create({ id })).close();
          }
          figures.concurrentReads += await writeAndKill(store, writer, before);
          // The next child starts while this round is checked (Node's start-up is most of a round).
          next = round + 1 < ROUNDS ? startWriter(store.dir, round + 1, random) : undefined;
          await checkAfterKill(store, writer, before, figures);
        } catch (error) {
          throw new Error(`round ${round} of seed ${SEED} (CRASH_SEED=${SEED} replays it): ${String(error)}`, {
            cause: error,
          });
        } finally {
          await stop(writer);
        }
      }
    } finally {
      if (next) await stop(next);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(JSON.stringify({ seed: SEED, rounds: ROUNDS, ...figures, seconds }));
    expect(figures.acknowledged).toBeGreaterThan(ROUNDS);
  }, 120_000);
});
