/**
 * The JSON server of the HTTP benchmark, run in its own process so its CPU time is not counted against the client.
 * Listens on 127.0.0.1 (port from argv, 0 = any free one) and prints `{"port": n}` once it listens.
 */
import { createServer } from 'node:http';

const body = Buffer.from(
  JSON.stringify({ id: 'video_68d7512d07848190b3e45da0ecbebcde', object: 'video', status: 'completed', progress: 100 }),
);
let count = 0;
const server = createServer((request, response) => {
  count += 1;
  request.resume();
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': body.length,
    'x-request-id': `req_${count}`,
  });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
