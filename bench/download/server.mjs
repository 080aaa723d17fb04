// A download server for the benchmark, run in its own process: serves BENCH_DOWNLOAD_BYTES bytes on
// 127.0.0.1 with a content-length, generated on the fly from one 64 KiB block (never held whole in memory).
// Prints one JSON line {"port": n} once it listens.
import { createServer } from 'node:http';

const bytes = Number(process.env.BENCH_DOWNLOAD_BYTES);
const block = Buffer.alloc(64 * 1024);
for (let i = 0; i < block.length; i++) block[i] = i % 251;

const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes) });
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const chunk = left >= block.length ? block : block.subarray(0, left);
      left -= chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  request.on('close', () => {
    left = 0;
  });
  pump();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
