// A download server for the benchmark, run in its own process: serves BENCH_DOWNLOAD_BYTES bytes on
// 127.0.0.1 with a content-length, generated on the fly from one 64 KiB block (never held whole in memory).
// Prints one JSON line {"port": n} once it listens.
import { createServer } from 'node:http';
import { streamBlocks } from '../lib/server.mjs';

const bytes = Number(process.env.BENCH_DOWNLOAD_BYTES);

const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes) });
  streamBlocks(request, response, bytes);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
