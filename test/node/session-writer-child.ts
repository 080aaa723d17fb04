/**
 * Child process for the crash test: appends session entries as fast as it can until it is killed (kill -9).
 * Usage: node --import tsx session-writer-child.ts <dir> <sessionId>
 */
import { FileSessionStore } from '../../src/node/file-session-store.js';

const [dir, id] = process.argv.slice(2);
if (!dir || !id) throw new Error('usage: session-writer-child.ts <dir> <sessionId>');
const store = new FileSessionStore({ dir });
const session = await store.create({ id });
const runId = 'run_child';
await session.append({ type: 'start', runId, sessionId: id, agent: 'writer' });
const padding = 'x'.repeat(256 * 1024);
for (let index = 0; ; index++) {
  await session.append({
    type: 'message',
    runId,
    message: { role: 'user', content: [{ type: 'text', text: `entry ${index} ${padding}` }] },
  });
  if (index === 5) process.stdout.write('ready\n');
}
