/**
 * Child process for the crash test: appends whole session entries, then the first half of one more entry (no
 * newline, as a crash mid-write leaves it), prints `ready` and waits to be killed (kill -9).
 * Usage: node --import tsx session-writer-child.ts <dir> <sessionId>
 */
import { appendFile } from 'node:fs/promises';
import { FileSessionStore } from '../../src/node/file-session-store.js';

const [dir, id] = process.argv.slice(2);
if (!dir || !id) throw new Error('usage: session-writer-child.ts <dir> <sessionId>');
const store = new FileSessionStore({ dir });
const session = await store.create({ id });
const runId = 'run_child';
await session.append({ type: 'start', runId, sessionId: id, agent: 'writer' });
const padding = 'x'.repeat(64 * 1024);
for (let index = 0; index < 6; index++) {
  await session.append({
    type: 'message',
    runId,
    message: { role: 'user', content: [{ type: 'text', text: `entry ${index} ${padding}` }] },
  });
}
// The write the crash interrupts: half of the next entry's line reached the file, its newline never did.
const next = `${JSON.stringify({
  v: 1,
  at: new Date().toISOString(),
  runId,
  type: 'message',
  message: { role: 'user', content: [{ type: 'text', text: `entry 6 ${padding}` }] },
})}\n`;
await appendFile(store.pathOf(id), next.slice(0, Math.floor(next.length / 2)));
process.stdout.write('ready\n');
// Stay alive until killed.
setInterval(() => undefined, 60_000);
