// Serves the prepared answers: POST /v1/music_generation → answer.json, or answer.sse when the body asks to stream.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const folder = process.env.BENCH_MINIMAX_DIR;
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    const stream = /"stream"\s*:\s*true/.test(body);
    response.writeHead(200, {
      'content-type': stream ? 'text/event-stream' : 'application/json',
      'trace-id': '06c11f462840300d88d20b5d0bc905d5',
    });
    createReadStream(join(folder, stream ? 'answer.sse' : 'answer.json')).pipe(response);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
