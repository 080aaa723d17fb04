/**
 * Child process of crash-safety.test.ts. Started ahead of its round, it loads, then waits for a line on stdin;
 * then it opens each session of a FileSessionStore (taking over the lock of the writer the test killed before,
 * which cuts a torn last line), prints `ready`, and appends to every session at once, each session's entries one
 * after another as an agent run records them (each awaited), until it is killed. After each append resolves it
 * writes `<session> <entry id>` to the acknowledgement file, synchronously (a pipe would not do: once its buffer
 * is full, Node queues what is written in the process, and the kill takes it). The last session is written without
 * `fsync` (an append then resolves once the kernel has the line, which a killed process cannot take back).
 *
 * Arguments: the sessions folder, the round, the seed of this round's entry sizes, the session ids
 * (comma-separated), the acknowledgement file.
 */
import { once } from 'node:events';
import { openSync, writeSync } from 'node:fs';
import { FileSessionStore } from 'hello-dave/node';
import { crashEntry, entryId, seededRandom } from './crash-safety-entries.js';

const [dir = '', roundText = '0', seed = '0', ids = '', ackPath = ''] = process.argv.slice(2);
const round = Number(roundText);
const random = seededRandom(Number(seed));
const synced = new FileSessionStore({ dir });
const unsynced = new FileSessionStore({ dir, fsync: false });

const acks = openSync(ackPath, 'a');

process.stdin.resume();
await once(process.stdin, 'data');
const sessionIds = ids.split(',');
const sessions = await Promise.all(
  sessionIds.map((id, index) => (index === sessionIds.length - 1 ? unsynced : synced).open(id)),
);
process.stdout.write('ready\n');

/** Mostly small entries; one in ten from 16 to 256 KiB, long enough for a kill to land inside its write. */
function filler(): string {
  const large = random() < 0.1;
  return 'x'.repeat(large ? 16_384 + Math.floor(random() * 245_760) : Math.floor(random() * 1_024));
}

await Promise.all(
  sessions.map(async (session) => {
    for (let n = 0; ; n++) {
      await session.append(crashEntry(session.id, round, n, filler()));
      writeSync(acks, `${session.id} ${entryId(round, n)}\n`);
    }
  }),
);
