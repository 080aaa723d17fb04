/**
 * Child process of session-lock.test.ts: opens (or creates) a session, appends `count` entries (every fifth about
 * 600 KB), printing `ack <n>` after each append resolves, then prints `done` and exits. With `hold`, it prints
 * `ready` after the first append and then stays alive, holding the lock, until killed.
 * Usage: node --import tsx session-append-child.ts <dir> <sessionId> <count> [hold]
 */
import { FileSessionStore } from '../../src/node/file-session-store.js';

const [dir, id, count, mode] = process.argv.slice(2);
if (!dir || !id || !count) throw new Error('usage: session-append-child.ts <dir> <sessionId> <count> [hold]');
const store = new FileSessionStore({ dir, fsync: false });
const session = await store.create({ id });
const big = 'b'.repeat(600 * 1024);
for (let index = 0; index < Number(count); index++) {
  await session.append({
    type: 'message',
    runId: 'run_child',
    message: { role: 'user', content: [{ type: 'text', text: `entry ${index}${index % 5 === 0 ? ` ${big}` : ''}` }] },
  });
  process.stdout.write(`ack ${index}\n`);
  if (mode === 'hold') {
    process.stdout.write('ready\n');
    setInterval(() => undefined, 60_000);
    break;
  }
}
process.stdout.write('done\n');
