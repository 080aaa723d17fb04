/**
 * Escape corpus of the http toolset (issue 18, item 6): every attempt to reach a scheme other than http(s), or an
 * address of the machine's own network (loopback, private, link-local, cloud metadata, reserved) — written as a
 * literal in any spelling, behind a hostname, or behind a redirect — is its own test, and every one must come back
 * to the model as a refusal, with nothing connected. The only server is a real one on 127.0.0.1; names resolve
 * through an injected table, so nothing here touches the network.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ToolSet } from '../../../src/core/tools/tool-set.js';
import { addressKind } from '../../../src/node/toolsets/address-policy.js';
import { createHttpTools, type HttpResolver, httpToolset } from '../../../src/node/toolsets/http.js';
import { callTool } from './call-tool.js';
import { expectRefusal, type Refusal } from './escape-helpers.js';

const CANARY = 'loopback server answered';

let server: Server;
let port: number;
let seen: string[] = [];

function route(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://x');
  seen.push(url.pathname);
  const to = url.searchParams.get('to');
  if (url.pathname === '/redirect' && to) {
    response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
  } else {
    response.writeHead(200, { 'content-type': 'text/plain' }).end(CANARY);
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
});

/** Names and what they resolve to, as a hostile DNS answer would give them. */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  localhost: ['127.0.0.1', '::1'],
  'localhost.': ['127.0.0.1'],
  'loopback.test': ['127.0.0.1'],
  '127.0.0.1.nip.test': ['127.0.0.1'],
  'loopback6.test': ['::1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'mapped-hex.test': ['::ffff:7f00:1'],
  'private10.test': ['10.1.2.3'],
  'private172.test': ['172.20.0.1'],
  'private192.test': ['192.168.1.1'],
  'cgnat.test': ['100.64.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'metadata6.test': ['fd00:ec2::254'],
  'alibaba-metadata.test': ['100.100.100.200'],
  'link-local.test': ['169.254.10.10'],
  'link-local6.test': ['fe80::1'],
  'zone.test': ['fe80::1%eth0'],
  'ula.test': ['fd12:3456::1'],
  'zero.test': ['0.0.0.0'],
  'unspecified6.test': ['::'],
  'multicast.test': ['224.0.0.251'],
  'one-private.test': ['93.184.216.34', '10.0.0.5'],
  'one-private6.test': ['2606:4700::1111', '::1'],
  'not-an-address.test': ['not-an-address'],
  'decimal-answer.test': ['2130706433'],
};

const resolve: HttpResolver = async (hostname) => {
  const answer = TABLE[hostname];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return answer;
};

/** No address kind allowed; a short time cap, so that a wrongly allowed address could not hang the suite. */
const strict = httpToolset({ resolve, timeoutMs: 500 });

async function expectGetRefused(url: string, refusal: Refusal, tools: ToolSet = strict): Promise<void> {
  const outcome = await callTool(tools, 'http_get', { url });
  expectRefusal(outcome, refusal, [CANARY]);
  expect(seen).toEqual([]);
}

const refusedAs = (kind: string): Refusal => ({ reason: 'private-address', message: new RegExp(`is ${kind}`) });
const loopback = refusedAs('a loopback address');
const privateNet = refusedAs('a private address');
const linkLocal = refusedAs('a link-local address');
const metadata = refusedAs('a cloud metadata address');
const reserved = refusedAs('a reserved address');
const scheme: Refusal = { reason: 'scheme', message: /URLs are not fetched; only http: and https:/ };
const invalid: Refusal = { reason: 'invalid-url', message: /not an absolute URL/ };

describe('http: schemes other than http and https are refused', () => {
  it.each<[string, string, Refusal]>([
    ['file', 'file:///etc/passwd', scheme],
    ['file, upper case', 'FILE:///etc/passwd', scheme],
    ['file with a host', 'file://localhost/etc/passwd', scheme],
    ['file, one slash', 'file:/etc/passwd', scheme],
    ['file, Windows drive', 'file:///C:/Windows/win.ini', scheme],
    ['file, UNC', 'file://server/share/secret.txt', scheme],
    ['ftp', 'ftp://127.0.0.1/secret.txt', scheme],
    ['sftp', 'sftp://127.0.0.1/secret.txt', scheme],
    ['data', 'data:text/plain,hello', scheme],
    ['data, base64 HTML', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', scheme],
    ['gopher', 'gopher://127.0.0.1:6379/_FLUSHALL', scheme],
    ['javascript', 'javascript:alert(1)', scheme],
    ['javascript, mixed case', 'JaVaScRiPt:alert(1)', scheme],
    ['vbscript', 'vbscript:msgbox(1)', scheme],
    ['dict', 'dict://127.0.0.1:11211/stats', scheme],
    ['ldap', 'ldap://127.0.0.1/dc=example', scheme],
    ['ws', 'ws://127.0.0.1/socket', scheme],
    ['wss', 'wss://example.com/socket', scheme],
    ['jar', 'jar:file:///tmp/x.jar!/secret.txt', scheme],
    ['blob', 'blob:http://example.com/uuid', scheme],
    ['view-source', 'view-source:http://127.0.0.1/', scheme],
    ['smb', 'smb://server/share', scheme],
    ['netdoc', 'netdoc:///etc/passwd', scheme],
    ['mailto', 'mailto:someone@example.com', scheme],
    ['no scheme', '127.0.0.1/secret', invalid],
    ['scheme-relative', '//127.0.0.1/secret', invalid],
    ['a plain path', '/etc/passwd', invalid],
    ['IPv6 zone id', 'http://[fe80::1%25eth0]/', invalid],
    ['credentials', 'http://user:pw@example.com/', { reason: 'credentials', message: /user name or password/ }],
    ['credentials before a loopback host', 'http://example.com@127.0.0.1/', { reason: 'credentials' }],
  ])('%s: %j', async (_name, url, refusal) => {
    await expectGetRefused(url, refusal);
  });

  it.each<[string, string, Refusal]>([
    ['file', 'file:///etc/passwd', scheme],
    ['gopher', 'gopher://127.0.0.1:70/_', scheme],
    ['data', 'data:text/plain,hello', scheme],
  ])('http_post to %s: %j', async (_name, url, refusal) => {
    expectRefusal(await callTool(strict, 'http_post', { url, body: '{}' }), refusal);
    expect(seen).toEqual([]);
  });
});

describe('http: loopback, private, link-local, metadata and reserved addresses, in every spelling', () => {
  it.each<[string, string, Refusal]>([
    ['loopback', 'http://127.0.0.1/', loopback],
    ['loopback, https', 'https://127.0.0.1/', loopback],
    ['loopback, the test server itself', 'SERVER', loopback],
    ['loopback, top of 127/8', 'http://127.255.255.254/', loopback],
    ['loopback, short form', 'http://127.1/', loopback],
    ['loopback, three parts', 'http://127.0.1/', loopback],
    ['loopback, decimal', 'http://2130706433/', loopback],
    ['loopback, hex', 'http://0x7f000001/', loopback],
    ['loopback, hex short', 'http://0x7f.1/', loopback],
    ['loopback, hex parts', 'http://0x7F.0x00.0x00.0x01/', loopback],
    ['loopback, octal parts', 'http://0177.0.0.1/', loopback],
    ['loopback, octal short', 'http://0177.1/', loopback],
    ['loopback, octal whole', 'http://017700000001/', loopback],
    ['loopback, zero-padded', 'http://127.000.000.001/', loopback],
    ['loopback, trailing dot', 'http://127.0.0.1./', loopback],
    ['loopback, leading space', ' http://127.0.0.1/', loopback],
    ['loopback, leading tab', '\thttp://127.0.0.1/', loopback],
    ['loopback, backslash before @', 'http://127.0.0.1\\@example.com/', loopback],
    ['loopback, fragment with @', 'http://127.0.0.1#@example.com/', loopback],
    ['loopback, missing slashes', 'http:127.0.0.1/', loopback],
    ['loopback, backslashes', 'http:\\\\127.0.0.1\\', loopback],
    ['IPv6 loopback', 'http://[::1]/', loopback],
    ['IPv6 loopback, long form', 'http://[0:0:0:0:0:0:0:1]/', loopback],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/', loopback],
    ['IPv4-mapped IPv6 loopback, hex', 'http://[::ffff:7f00:1]/', loopback],
    ['IPv4-mapped IPv6 loopback, long form', 'http://[0:0:0:0:0:ffff:127.0.0.1]/', loopback],
    ['IPv4-compatible IPv6 loopback', 'http://[::127.0.0.1]/', loopback],
    ['NAT64 loopback', 'http://[64:ff9b::127.0.0.1]/', loopback],
    ['6to4 loopback', 'http://[2002:7f00:1::]/', loopback],
    ['unspecified', 'http://0.0.0.0/', reserved],
    ['unspecified, short', 'http://0/', reserved],
    ['unspecified, hex', 'http://0x0/', reserved],
    ['IPv6 unspecified', 'http://[::]/', reserved],
    ['IPv4-translated (SIIT) loopback', 'http://[::ffff:0:7f00:1]/', reserved],
    ['other ::/8 address', 'http://[0:0:1::]/', reserved],
    ['10/8', 'http://10.0.0.1/', privateNet],
    ['10/8, top', 'http://10.255.255.255/', privateNet],
    ['10/8, decimal', 'http://167772161/', privateNet],
    ['10/8, octal part', 'http://012.0.0.1/', privateNet],
    ['10/8, hex part', 'http://0xa.0.0.1/', privateNet],
    ['10/8, IPv4-mapped', 'http://[::ffff:10.0.0.1]/', privateNet],
    ['172.16/12', 'http://172.16.0.1/', privateNet],
    ['172.16/12, top', 'http://172.31.255.255/', privateNet],
    ['172.16/12, hex parts', 'http://0xac.0x10.0.1/', privateNet],
    ['172.16/12, IPv4-mapped', 'http://[::ffff:172.16.0.1]/', privateNet],
    ['192.168/16', 'http://192.168.0.1/', privateNet],
    ['192.168/16, decimal', 'http://3232235521/', privateNet],
    ['192.168/16, hex', 'http://0xc0a80001/', privateNet],
    ['192.168/16, octal parts', 'http://0300.0250.0.1/', privateNet],
    ['192.168/16, IPv4-mapped hex', 'http://[::ffff:c0a8:1]/', privateNet],
    ['192.168/16, 6to4', 'http://[2002:c0a8:101::1]/', privateNet],
    ['100.64/10 (carrier-grade NAT)', 'http://100.64.0.1/', privateNet],
    ['fc00::/7', 'http://[fc00::]/', privateNet],
    ['fc00::/7, fd', 'http://[fd12:3456::1]/', privateNet],
    ['fec0::/10 (site-local)', 'http://[fec0::1]/', privateNet],
    ['metadata', 'http://169.254.169.254/latest/meta-data/', metadata],
    ['metadata, https', 'https://169.254.169.254/', metadata],
    ['metadata, decimal', 'http://2852039166/', metadata],
    ['metadata, hex', 'http://0xa9fea9fe/', metadata],
    ['metadata, octal parts', 'http://0251.0376.0251.0376/', metadata],
    ['metadata, three parts', 'http://169.254.43518/', metadata],
    ['metadata, IPv4-mapped', 'http://[::ffff:169.254.169.254]/', metadata],
    ['metadata, IPv4-mapped hex', 'http://[::ffff:a9fe:a9fe]/', metadata],
    ['metadata, NAT64', 'http://[64:ff9b::a9fe:a9fe]/', metadata],
    ['metadata, 6to4', 'http://[2002:a9fe:a9fe::]/', metadata],
    ['metadata, AWS IPv6', 'http://[fd00:ec2::254]/', metadata],
    ['metadata, Alibaba', 'http://100.100.100.200/', metadata],
    ['169.254/16', 'http://169.254.0.1/', linkLocal],
    ['fe80::/10', 'http://[fe80::]/', linkLocal],
    ['fe80::/10, one', 'http://[fe80::1]/', linkLocal],
    ['fe80::/10, top', 'http://[febf:ffff::1]/', linkLocal],
    ['multicast', 'http://224.0.0.1/', reserved],
    ['IPv6 multicast', 'http://[ff02::1]/', reserved],
    ['broadcast', 'http://255.255.255.255/', reserved],
    ['benchmark range', 'http://198.18.0.1/', reserved],
    ['documentation range', 'http://192.0.2.1/', reserved],
    ['Teredo', 'http://[2001::1]/', reserved],
  ])('%s: %j', async (_name, url, refusal) => {
    await expectGetRefused(url === 'SERVER' ? `http://127.0.0.1:${port}/` : url, refusal);
  });

  it.each<[string, string, Refusal]>([
    ['loopback', 'http://127.0.0.1/', loopback],
    ['metadata', 'http://169.254.169.254/latest/api/token', metadata],
    ['private', 'http://[fc00::1]/', privateNet],
  ])('http_post to %s: %j', async (_name, url, refusal) => {
    expectRefusal(await callTool(strict, 'http_post', { url, body: '{}' }), refusal);
  });

  it('allowing one kind does not allow the others', async () => {
    const local = httpToolset({ resolve, allow: { loopback: true, private: true }, timeoutMs: 500 });
    await expectGetRefused('http://169.254.169.254/', metadata, local);
    await expectGetRefused('http://169.254.0.1/', linkLocal, local);
    await expectGetRefused('http://0.0.0.0/', reserved, local);
  });
});

describe('http: hostnames that resolve to such addresses are refused', () => {
  it.each<[string, string, Refusal]>([
    ['localhost', 'http://localhost/', loopback],
    ['localhost, upper case', 'http://LOCALHOST/', loopback],
    ['localhost, trailing dot', 'http://localhost./', loopback],
    ['a name for 127.0.0.1', 'http://loopback.test/', loopback],
    ['a wildcard-DNS style name', 'http://127.0.0.1.nip.test/', loopback],
    ['a name for ::1', 'http://loopback6.test/', loopback],
    ['a name for ::ffff:127.0.0.1', 'http://mapped.test/', loopback],
    ['a name for ::ffff:7f00:1', 'http://mapped-hex.test/', loopback],
    ['a name for 10/8', 'http://private10.test/', privateNet],
    ['a name for 172.16/12', 'http://private172.test/', privateNet],
    ['a name for 192.168/16', 'http://private192.test/', privateNet],
    ['a name for 100.64/10', 'http://cgnat.test/', privateNet],
    ['a name for fd00::/8', 'http://ula.test/', privateNet],
    ['metadata.google.internal', 'http://metadata.google.internal/computeMetadata/v1/', metadata],
    ['a name for the AWS IPv6 metadata address', 'http://metadata6.test/', metadata],
    ['a name for the Alibaba metadata address', 'http://alibaba-metadata.test/', metadata],
    ['a name for 169.254/16', 'http://link-local.test/', linkLocal],
    ['a name for fe80::1', 'http://link-local6.test/', linkLocal],
    ['a name for fe80::1 with a zone', 'http://zone.test/', linkLocal],
    ['a name for 0.0.0.0', 'http://zero.test/', reserved],
    ['a name for ::', 'http://unspecified6.test/', reserved],
    ['a name for multicast', 'http://multicast.test/', reserved],
    ['one public and one private address', 'http://one-private.test/', privateNet],
    ['one public and one loopback IPv6 address', 'http://one-private6.test/', loopback],
    ['an answer that is no address', 'http://not-an-address.test/', reserved],
    ['an answer in decimal', 'http://decimal-answer.test/', reserved],
  ])('%s: %j', async (_name, url, refusal) => {
    await expectGetRefused(url, refusal);
  });

  it('localhost through the system resolver (no injected table)', async () => {
    const system = httpToolset({ timeoutMs: 2000 });
    expectRefusal(await callTool(system, 'http_get', { url: `http://localhost:${port}/` }), loopback, [CANARY]);
    expect(seen).toEqual([]);
  });

  it('a name with no address is an error result, nothing connected', async () => {
    const empty = httpToolset({ resolve: async () => [], timeoutMs: 500 });
    const outcome = await callTool(empty, 'http_get', { url: 'http://empty.test/' });
    expect(outcome.status).toBe('error');
    expect(outcome.result.output).toMatch(/ConnectionError: http: empty\.test has no address/);
    expect(seen).toEqual([]);
  });
});

describe('http: redirects into such addresses are refused (a real server on 127.0.0.1 answers the first hop)', () => {
  /** Loopback is allowed for the first hop only (the test seam); every later hop meets the strict policy. */
  const tools = new ToolSet(createHttpTools({ resolve, timeoutMs: 2000 }, { firstHop: { loopback: true } }));
  const redirect = (to: string, status = 302) =>
    `http://127.0.0.1:${port}/redirect?status=${status}&to=${encodeURIComponent(to)}`;
  const fromScheme = (name: string): Refusal => ({
    reason: 'scheme',
    message: new RegExp(`redirected to ${name}//…: .*${name} URLs are not fetched`),
  });

  it.each<[string, string, Refusal]>([
    ['the test server itself', 'SELF/text', loopback],
    ['a relative path (same loopback server)', '/text', loopback],
    ['scheme-relative', '//127.0.0.1:PORT/text', loopback],
    ['backslash-relative', '/\\127.0.0.1:PORT/text', loopback],
    ['localhost', 'http://localhost:PORT/text', loopback],
    ['IPv6 loopback', 'http://[::1]:PORT/text', loopback],
    ['loopback, decimal', 'http://2130706433:PORT/text', loopback],
    ['loopback, hex', 'http://0x7f.1:PORT/text', loopback],
    ['loopback, octal', 'http://0177.0.0.1:PORT/text', loopback],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]:PORT/text', loopback],
    ['a name for 127.0.0.1', 'http://loopback.test:PORT/text', loopback],
    ['unspecified', 'http://0.0.0.0:PORT/text', reserved],
    ['10/8', 'http://10.0.0.1/', privateNet],
    ['172.16/12', 'http://172.16.0.1/', privateNet],
    ['192.168/16', 'http://192.168.0.1/', privateNet],
    ['a name for 10/8', 'http://private10.test/', privateNet],
    ['fc00::/7', 'http://[fc00::1]/', privateNet],
    ['metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', metadata],
    ['metadata, decimal', 'http://2852039166/', metadata],
    ['metadata.google.internal', 'http://metadata.google.internal/computeMetadata/v1/', metadata],
    ['169.254/16', 'http://169.254.1.1/', linkLocal],
    ['fe80::/10', 'http://[fe80::1]/', linkLocal],
    ['file', 'file:///etc/passwd', fromScheme('file:')],
    ['data', 'data:text/plain,hello', fromScheme('data:')],
    ['gopher', 'gopher://127.0.0.1:6379/_FLUSHALL', fromScheme('gopher:')],
    ['javascript', 'javascript:alert(1)', fromScheme('javascript:')],
    ['ftp', 'ftp://127.0.0.1/secret.txt', fromScheme('ftp:')],
    ['credentials', 'http://user:pw@example.com/', { reason: 'credentials' }],
  ])('302 to %s: %j', async (_name, to, refusal) => {
    const target = to.replace('SELF', `http://127.0.0.1:${port}`).replace('PORT', String(port));
    const outcome = await callTool(tools, 'http_get', { url: redirect(target) });
    expectRefusal(outcome, refusal, [CANARY]);
    expect(seen).toEqual(['/redirect']);
  });

  it.each([301, 302, 303, 307, 308])('%i to the metadata address', async (status) => {
    const outcome = await callTool(tools, 'http_get', { url: redirect('http://169.254.169.254/', status) });
    expectRefusal(outcome, metadata);
    expect(seen).toEqual(['/redirect']);
  });

  it.each([302, 307, 308])('a POST answered by %i to the loopback server is not sent again', async (status) => {
    const outcome = await callTool(tools, 'http_post', {
      url: redirect(`http://127.0.0.1:${port}/text`, status),
      body: '{}',
    });
    expectRefusal(outcome, loopback, [CANARY]);
    expect(seen).toEqual(['/redirect']);
  });

  it('the seam itself: without a redirect, the first hop reaches the loopback server', async () => {
    const outcome = await callTool(tools, 'http_get', { url: `http://127.0.0.1:${port}/text` });
    expect(outcome.value).toMatchObject({ status: 200, body: CANARY });
  });
});

describe('addressKind: the ::/8 block holds no public address', () => {
  it.each([
    ['::ffff:0:7f00:1', 'reserved'],
    ['::ffff:0:a00:1', 'reserved'],
    ['0:0:1::', 'reserved'],
    ['ff::1', 'reserved'],
    ['100::1', 'reserved'],
    ['64:ff9b::808:808', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});
