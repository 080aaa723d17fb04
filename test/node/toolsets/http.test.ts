import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKind } from '../../../src/node/toolsets/address-policy.js';
import { type HttpFetchResult, type HttpResolver, httpToolset, send } from '../../../src/node/toolsets/http.js';
import { callTool } from './call-tool.js';

let server: Server;
let base: string;
let port: number;
const seen: { url: string; method: string; host: string; headers: IncomingMessage['headers']; body: string }[] = [];

function route(request: IncomingMessage, response: ServerResponse, body: string) {
  const url = new URL(request.url ?? '/', 'http://x');
  seen.push({
    url: url.pathname,
    method: request.method ?? '',
    host: request.headers.host ?? '',
    headers: request.headers,
    body,
  });
  const to = url.searchParams.get('to');
  if (url.pathname === '/redirect' && to) {
    response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
  } else if (url.pathname === '/loop') {
    response.writeHead(302, { location: '/loop' }).end();
  } else if (url.pathname === '/big') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('b'.repeat(5000));
  } else if (url.pathname === '/png') {
    response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
  } else if (url.pathname === '/slow') {
    response.writeHead(200);
    response.write('start');
  } else if (url.pathname === '/echo') {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ method: request.method, type: request.headers['content-type'], body }));
  } else if (url.pathname === '/missing') {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
  } else {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello from 127.0.0.1');
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => route(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A resolver from a table (a name not in it does not resolve); counts its calls. */
function tableResolver(table: Record<string, string[] | (() => string[])>): HttpResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return typeof entry === 'function' ? entry() : entry;
  };
  return Object.assign(resolve, { calls });
}

const resolver = tableResolver({
  localhost: ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'mixed.test': ['93.184.216.34', '10.0.0.5'],
  'rebind.test': ['192.168.0.10'],
  'app.test': ['127.0.0.1'],
  'other.test': ['127.0.0.1'],
});

describe('http toolset: refusals reach the model with a reason (nothing is connected)', () => {
  const strict = httpToolset({ resolve: resolver });
  it.each([
    ['file:///etc/passwd', /file: URLs are not fetched/],
    ['ftp://example.com/x', /ftp: URLs are not fetched/],
    ['javascript:alert(1)', /javascript: URLs are not fetched/],
    ['data:text/plain,hi', /data: URLs are not fetched/],
    ['gopher://127.0.0.1:70/', /gopher: URLs are not fetched/],
    ['example.com/x', /not an absolute URL/],
    ['http://user:pw@example.com/', /user name or password/],
    ['LOOPBACK', /is a loopback address \(127\.0\.0\.1\)/],
    ['http://localhost:1/', /localhost:1 is a loopback address/],
    ['http://[::1]/', /loopback address \(::1\)/],
    ['http://2130706433/', /loopback address \(127\.0\.0\.1\)/],
    ['http://0x7f.1/', /loopback address \(127\.0\.0\.1\)/],
    ['http://127.1/', /loopback address/],
    ['http://[::ffff:127.0.0.1]/', /loopback address \(::ffff:7f00:1\)/],
    ['http://0.0.0.0/', /reserved address/],
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata address/],
    ['http://metadata.google.internal/computeMetadata/v1/', /metadata\.google\.internal is a cloud metadata address/],
    ['http://100.100.100.200/', /cloud metadata address/],
    ['http://[fd00:ec2::254]/', /cloud metadata address/],
    ['http://[::ffff:a9fe:a9fe]/', /cloud metadata address/],
    ['http://[64:ff9b::a9fe:a9fe]/', /cloud metadata address/],
    ['http://10.0.0.1/', /private address/],
    ['http://172.16.5.4/', /private address/],
    ['http://192.168.1.1/', /private address/],
    ['http://100.64.0.1/', /private address/],
    ['http://[fc00::1]/', /private address/],
    ['http://[2002:c0a8:101::1]/', /private address/],
    ['http://169.254.1.1/', /link-local address/],
    ['http://[fe80::1]/', /link-local address/],
    ['http://224.0.0.1/', /reserved address/],
    ['http://mixed.test/', /mixed\.test is a private address \(10\.0\.0\.5\)/],
  ])('http_get %s', async (url, why) => {
    const before = seen.length;
    const outcome = await callTool(strict, 'http_get', { url: url === 'LOOPBACK' ? `${base}/text` : url });
    expect(outcome.status).toBe('error');
    expect(outcome.result.output).toMatch(/ToolRefusedError/);
    expect(outcome.result.output).toMatch(why);
    expect(seen.length).toBe(before);
  });

  it.each([
    ['http_get', { url: 'http://example.com/', headers: { Host: '127.0.0.1' } }, /"Host" is set by the toolset/],
    ['http_get', { url: 'http://example.com/', headers: { 'x-a': 'b\r\nhost: evil' } }, /line break/],
    ['http_post', { url: 'http://example.com/', body: 'x'.repeat(101) }, /101 bytes; the limit is 100/],
    ['http_post', { url: 'http://example.com/', body: '{}', content_type: 'a\r\nx: y' }, /line break/],
  ])('%s %j', async (name, args, why) => {
    const tools = httpToolset({ resolve: resolver, maxRequestBytes: 100 });
    const outcome = await callTool(tools, name, args);
    expect(outcome.result.output).toMatch(/ToolRefusedError/);
    expect(outcome.result.output).toMatch(why);
  });

  it('an unresolvable name is a connection error the model reads', async () => {
    const outcome = await callTool(strict, 'http_get', { url: 'http://nowhere.test/' });
    expect(outcome.result.output).toMatch(/ConnectionError: http: nowhere\.test could not be resolved/);
  });
});

describe('http toolset: every redirect hop is checked', () => {
  const local = httpToolset({ allow: { loopback: true }, resolve: resolver, maxRedirects: 3 });
  const redirect = (to: string, status = 302) => `${base}/redirect?status=${status}&to=${encodeURIComponent(to)}`;

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /cloud metadata address/],
    ['http://rebind.test/', /rebind\.test is a private address \(192\.168\.0\.10\)/],
    ['http://[::ffff:10.1.2.3]/', /private address/],
    ['file:///etc/passwd', /redirected to file:.*file: URLs are not fetched/],
  ])('a redirect to %s is refused', async (to, why) => {
    const outcome = await callTool(local, 'http_get', { url: redirect(to) });
    expect(outcome.result.output).toMatch(/ToolRefusedError/);
    expect(outcome.result.output).toMatch(why);
  });

  it('a redirect loop stops at the limit', async () => {
    const outcome = await callTool(local, 'http_get', { url: `${base}/loop` });
    expect(outcome.result.output).toMatch(/Stopped after 3 redirects/);
  });

  it('follows allowed redirects; 303 turns a POST into a GET, 307 keeps it; authorization is dropped across origins', async () => {
    const tools = httpToolset({
      allow: { loopback: true },
      resolve: resolver,
      headers: { authorization: 'Bearer test-token' },
    });
    const followed = (await callTool(tools, 'http_get', { url: redirect(`${base}/text`) })).value as HttpFetchResult;
    expect(followed).toMatchObject({ url: `${base}/text`, status: 200, body: 'hello from 127.0.0.1' });
    expect(followed.redirects).toEqual([redirect(`${base}/text`)]);
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer test-token');

    await callTool(tools, 'http_get', { url: redirect(`http://other.test:${port}/text`) });
    expect(seen.at(-1)).toMatchObject({ host: `other.test:${port}` });
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();

    const see = await callTool(tools, 'http_post', { url: redirect(`${base}/echo`, 303), body: '{"a":1}' });
    expect(JSON.parse((see.value as HttpFetchResult).body ?? '')).toEqual({ method: 'GET', body: '' });
    const keep = await callTool(tools, 'http_post', { url: redirect(`${base}/echo`, 307), body: '{"a":1}' });
    expect(JSON.parse((keep.value as HttpFetchResult).body ?? '')).toEqual({
      method: 'POST',
      type: 'application/json',
      body: '{"a":1}',
    });
  });
});

describe('http toolset: what works', () => {
  it('GET returns status, type and text; a 404 is a result, not a failure', async () => {
    const tools = httpToolset({ allow: { loopback: true } });
    const ok = await callTool(tools, 'http_get', { url: `${base}/text` });
    expect(ok.value).toEqual({
      url: `${base}/text`,
      status: 200,
      content_type: 'text/plain; charset=utf-8',
      body: 'hello from 127.0.0.1',
      bytes: 20,
    });
    const missing = await callTool(tools, 'http_get', { url: `${base}/missing` });
    expect(missing.status).toBe('ok');
    expect(missing.value).toMatchObject({ status: 404, body: 'no such page' });
  });

  it('connects to the address the resolver gave and checked, resolving once per hop (no rebinding)', async () => {
    let answers = 0;
    const rebinding = tableResolver({ 'app.test': () => (answers++ === 0 ? ['127.0.0.1'] : ['10.9.9.9']) });
    const tools = httpToolset({ allow: { loopback: true }, resolve: rebinding });
    const outcome = await callTool(tools, 'http_get', { url: `http://app.test:${port}/text` });
    expect(outcome.value).toMatchObject({ status: 200, body: 'hello from 127.0.0.1' });
    expect(seen.at(-1)).toMatchObject({ url: '/text', host: `app.test:${port}` });
    expect(rebinding.calls).toEqual(['app.test']);
  });

  it('caps the body, describes binary bodies, and stops a slow server at the time limit', async () => {
    const tools = httpToolset({ allow: { loopback: true }, maxResponseBytes: 1000, timeoutMs: 200 });
    const big = (await callTool(tools, 'http_get', { url: `${base}/big` })).value as HttpFetchResult;
    expect(big).toMatchObject({ status: 200, bytes: 1000, truncated: true, body: 'b'.repeat(1000) });
    const png = (await callTool(tools, 'http_get', { url: `${base}/png` })).value as HttpFetchResult;
    expect(png.body).toBeUndefined();
    expect(png.binary).toBe('binary content (8 bytes, looks like image/png); not shown as text.');
    const slow = await callTool(tools, 'http_get', { url: `${base}/slow` });
    expect(slow.result.output).toMatch(/TimeoutError: http: timed out \(no answer within 200 ms\)/);
  });

  it('POST sends the body with its type; post: false leaves only http_get; approval per method', async () => {
    const tools = httpToolset({ allow: { loopback: true }, needsApproval: { post: true } });
    const refused = await callTool(tools, 'http_post', { url: `${base}/echo`, body: 'a=1' });
    expect(refused.status).toBe('refused');
    const sent = await callTool(
      tools,
      'http_post',
      { url: `${base}/echo`, body: 'a=1', content_type: 'application/x-www-form-urlencoded' },
      { approved: true },
    );
    expect(sent.value).toMatchObject({ status: 201 });
    expect(JSON.parse((sent.value as HttpFetchResult).body ?? '')).toEqual({
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: 'a=1',
    });
    expect(httpToolset({ post: false }).tools.map((tool) => tool.name)).toEqual(['http_get']);
  });
});

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['::', 'reserved'],
    ['::127.0.0.1', 'loopback'],
    ['fec0::1', 'private'],
    ['64:ff9b:1::1', 'private'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['ff02::1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['[::1]', 'loopback'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});

describe('http toolset: the connected address is checked on the socket too', () => {
  it('a socket that connects to an address the policy refuses is destroyed before any request reaches the server', async () => {
    const before = seen.length;
    const url = new URL(`${base}/text`);
    // The address list says 127.0.0.1 (as a resolver might, had it been checked against another policy): the socket
    // check refuses it once connected.
    const sent = send({ url, method: 'GET', headers: {} }, ['127.0.0.1'], {}, new AbortController().signal);
    await expect(sent).rejects.toThrow(/is a loopback address \(127\.0\.0\.1\)/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.length).toBe(before);
  });
});
