// Mimics GET /v1/videos/{video_id}/content on 127.0.0.1, in its own process: BENCH_DOWNLOAD_BYTES bytes of
// video/mp4 with a content-length, generated from one 64 KiB block (never held whole in memory). Checks the
// bearer token and the variant like the API would; anything else gets OpenAI's JSON 404.
// Prints one JSON line {"port": n} once it listens.
import { createServer } from 'node:http';
import { streamBlocks } from '../lib/server.mjs';

const bytes = Number(process.env.BENCH_DOWNLOAD_BYTES);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const match = /^\/v1\/videos\/([^/]+)\/content$/.exec(url.pathname);
  const variant = url.searchParams.get('variant') ?? 'video';
  if (request.method !== 'GET' || !match || variant !== 'video') {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: { message: `Invalid URL (${request.method} ${url.pathname})`, type: 'invalid_request_error' },
      }),
    );
    return;
  }
  if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: 'Missing bearer token', type: 'invalid_request_error' } }));
    return;
  }
  response.writeHead(200, {
    'content-type': 'video/mp4',
    'content-length': String(bytes),
    'x-request-id': 'req_bench',
  });
  streamBlocks(request, response, bytes);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
