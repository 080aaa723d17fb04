import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingFetch, type Fixture, replayFixtures } from '../../src/testing/index.js';

const TOKEN = 'sk-live-TOKEN0123456789abcdef';
const QUERY_SECRET = 'secret';
const HEADER_KEY = 'xi-KEY-9876543210';
const BINARY = Uint8Array.from({ length: 2048 }, (_, index) => (index * 7) % 256);

let server: Server;
let origin: string;
let dir: string;
let pollCount = 0;
let releaseStream: () => void = () => {};
const streamGate = new Promise<void>((resolve) => {
  releaseStream = resolve;
});

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const body = await readBody(request);
  if (url.pathname === '/v1/things' && request.method === 'POST') {
    response.writeHead(201, {
      'content-type': 'application/json',
      'x-request-id': 'req_abc',
      'set-cookie': 'session=1',
    });
    response.end(JSON.stringify({ id: 'thing_1', status: 'queued', received: JSON.parse(body) as unknown }));
  } else if (url.pathname === '/v1/things/thing_1') {
    pollCount += 1;
    response.writeHead(200, { 'content-type': 'application/json', 'retry-after': '1' });
    response.end(JSON.stringify({ id: 'thing_1', status: pollCount === 1 ? 'in_progress' : 'completed' }));
  } else if (url.pathname === '/v1/stream') {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write('event: delta\ndata: {"text":"Hel"}\n\n');
    await streamGate;
    response.write(': keep-alive comment\n\n');
    response.write('event: delta\ndata: {"text":"lo"}\n\n');
    response.end('event: done\nid: 7\ndata: [DONE]\n\n');
  } else if (url.pathname === '/v1/file') {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(BINARY.length) });
    response.end(BINARY);
  } else if (url.pathname === '/v1/denied') {
    response.writeHead(401, { 'content-type': 'text/plain' });
    response.end(`Incorrect API key provided: ${TOKEN}`);
  } else {
    response.writeHead(404);
    response.end();
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-record-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const names: Record<string, string> = {
  'POST /v1/things': 'things-create',
  'GET /v1/things/thing_1': 'things-retrieve',
  'GET /v1/stream': 'stream-events',
  'GET /v1/file': 'file-download',
  'GET /v1/denied': 'things-unauthorized',
};

describe('createRecordingFetch against a real server', () => {
  const seen: Record<string, { status: number; contentType: string | null; body: string | Uint8Array }> = {};

  it('records JSON, SSE, binary and error exchanges with every secret redacted', async () => {
    const recorded: Fixture[] = [];
    const recording = createRecordingFetch({
      dir,
      name: (request) => names[`${request.method} ${new URL(request.url).pathname}`] ?? 'unknown',
      onRecord: (fixture) => {
        recorded.push(fixture);
      },
    });
    const auth = { authorization: `Bearer ${TOKEN}`, 'xi-api-key': HEADER_KEY };

    const created = await recording(`${origin}/v1/things?api_key=${QUERY_SECRET}&limit=2`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a cat', seconds: 4 }),
    });
    seen['things-create'] = {
      status: created.status,
      contentType: created.headers.get('content-type'),
      body: await created.text(),
    };

    for (let call = 0; call < 2; call++) {
      const polled = await recording(`${origin}/v1/things/thing_1?api_key=${QUERY_SECRET}`, { headers: auth });
      seen[`things-retrieve-${call + 1}`] = {
        status: polled.status,
        contentType: polled.headers.get('content-type'),
        body: await polled.text(),
      };
    }

    // The caller reads the stream as it arrives: the first event comes before the server has finished.
    const stream = await recording(`${origin}/v1/stream?api_key=${QUERY_SECRET}`, { headers: auth });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    expect(first.value).toBe('event: delta\ndata: {"text":"Hel"}\n\n');
    releaseStream();
    let streamText = first.value ?? '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) streamText += chunk.value;
    seen['stream-events'] = {
      status: stream.status,
      contentType: stream.headers.get('content-type'),
      body: streamText,
    };

    const file = await recording(`${origin}/v1/file`, { headers: auth });
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes).toEqual(BINARY);
    seen['file-download'] = { status: file.status, contentType: file.headers.get('content-type'), body: bytes };

    const denied = await recording(`${origin}/v1/denied`, { headers: auth });
    expect(await denied.text()).toContain(TOKEN);

    await recording.flush();
    expect(recorded).toHaveLength(6);
    expect(recording.exchanges.map((exchange) => `${exchange.name}.${exchange.n}`)).toEqual([
      'things-create.1',
      'things-retrieve.1',
      'things-retrieve.2',
      'stream-events.1',
      'file-download.1',
      'things-unauthorized.1',
    ]);

    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      'file-download.1.json',
      'file-download.1.png',
      'stream-events.1.json',
      'things-create.1.json',
      'things-retrieve.1.json',
      'things-retrieve.2.json',
      'things-unauthorized.1.json',
    ]);
    for (const name of files) {
      const content = (await readFile(join(dir, name))).toString('latin1');
      expect(content, name).not.toContain(TOKEN);
      expect(content, name).not.toContain(HEADER_KEY);
      expect(content, name).not.toContain(QUERY_SECRET);
    }

    const create = JSON.parse(await readFile(join(dir, 'things-create.1.json'), 'utf8')) as Fixture;
    expect(create.source).toBe('recorded');
    expect(create.request).toEqual({
      method: 'POST',
      path: '/v1/things',
      query: { api_key: '<redacted>', limit: '2' },
      headers: { authorization: 'Bearer <redacted>', 'xi-api-key': '<redacted>', 'content-type': 'application/json' },
      body: { json: { prompt: 'a cat', seconds: 4 } },
    });
    expect(create.response).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_abc' },
      body: { json: { id: 'thing_1', status: 'queued', received: { prompt: 'a cat', seconds: 4 } } },
    });

    const events = JSON.parse(await readFile(join(dir, 'stream-events.1.json'), 'utf8')) as Fixture;
    expect(events.response.body).toEqual({
      sse: [
        { event: 'delta', data: '{"text":"Hel"}' },
        { event: 'delta', data: '{"text":"lo"}' },
        { event: 'done', id: '7', data: '[DONE]' },
      ],
    });
    const download = JSON.parse(await readFile(join(dir, 'file-download.1.json'), 'utf8')) as Fixture;
    expect(download.response.body).toEqual({ file: 'file-download.1.png' });
    const unauthorized = JSON.parse(await readFile(join(dir, 'things-unauthorized.1.json'), 'utf8')) as Fixture;
    expect(unauthorized.response).toMatchObject({
      status: 401,
      body: { text: 'Incorrect API key provided: <redacted>' },
    });
  });

  it('replays the written fixtures with the same answers', async () => {
    server.closeAllConnections();
    const msw = setupServer();
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const replay = await replayFixtures(dir, { baseUrl: origin });
      msw.use(...replay.handlers);
      // Other credentials than the recorded ones: `<redacted>` matches any value.
      const auth = { authorization: 'Bearer sk-other-credential', 'xi-api-key': 'another-key' };

      const created = await fetch(`${origin}/v1/things?api_key=other&limit=2`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a cat', seconds: 4 }),
      });
      expect(created.status).toBe(seen['things-create']?.status);
      expect(created.headers.get('content-type')).toBe(seen['things-create']?.contentType);
      expect(created.headers.get('x-request-id')).toBe('req_abc');
      expect(await created.text()).toBe(seen['things-create']?.body);

      for (let call = 1; call <= 2; call++) {
        const polled = await fetch(`${origin}/v1/things/thing_1?api_key=other`, { headers: auth });
        expect(await polled.text()).toBe(seen[`things-retrieve-${call}`]?.body);
        expect(polled.headers.get('retry-after')).toBe('1');
      }

      const stream = await fetch(`${origin}/v1/stream?api_key=other`, { headers: auth });
      expect(stream.headers.get('content-type')).toBe('text/event-stream');
      // The comment line is not kept; every event is, in order.
      expect(await stream.text()).toBe(String(seen['stream-events']?.body).replace(': keep-alive comment\n\n', ''));

      const file = await fetch(`${origin}/v1/file`, { headers: auth });
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(seen['file-download']?.body);

      const denied = await fetch(`${origin}/v1/denied`, { headers: auth });
      expect(denied.status).toBe(401);

      expect(replay.mismatches).toEqual([]);
      replay.assertAllUsed();
    } finally {
      msw.close();
    }
  });
});
