/**
 * Child process of session-lock.test.ts: opens a session whose lock file is a FIFO, so the lock takeover blocks
 * where the test wants it. The parent writes a dead pid into the FIFO (the child then starts its takeover, makes
 * its takeover marker, and blocks reading the FIFO again) and kills the child with SIGKILL while it holds the
 * marker: the state a writer killed at that point leaves behind.
 * Usage: node --import tsx session-takeover-child.ts <dir> <sessionId>
 */
import { FileSessionStore } from '../../../src/node/file-session-store.js';

const [dir, id] = process.argv.slice(2);
if (!dir || !id) throw new Error('usage: session-takeover-child.ts <dir> <sessionId>');
process.stdout.write('started\n');
await new FileSessionStore({ dir, fsync: false }).open(id);
process.stdout.write('opened\n');
