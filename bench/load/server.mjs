/** The fake Chat Completions model of bench/lib/fake-chat.mjs on 127.0.0.1, in its own process; prints `{"port": n}`. */
import { createServer } from 'node:http';
import { fakeChatHandler } from '../lib/fake-chat.mjs';

const server = createServer(fakeChatHandler);
server.keepAliveTimeout = 30_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
