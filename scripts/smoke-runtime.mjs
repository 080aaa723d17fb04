/**
 * Smoke test of the built package under any runtime (Node, Bun, Deno): `.ci/run` runs it under Node 20, Node 24,
 * Bun and Deno. It imports every portable entry point from `dist/` by relative path, drives the HTTP layer offline
 * through a `fetch` override (JSON answer, error answer, server-sent events split across chunks, a missing key),
 * then runs scripts/smoke/cases.mjs against real servers on 127.0.0.1 that this script starts with `node:http`
 * (scripts/smoke/loopback.mjs): the agent loop on a fake model, and each media provider's create → poll →
 * download, saved to files under node_modules/.cache/hello-dave-smoke/. It prints
 * `<runtime> smoke: N passed, M failed` and exits non-zero on any failure.
 *
 * Deno: `deno run --allow-read --allow-env --allow-net=127.0.0.1 --allow-write=node_modules/.cache
 * scripts/smoke-runtime.mjs` (the network permission is for the loopback servers only).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import process from 'node:process';
import pkg from '../package.json' with { type: 'json' };

import { cases } from './smoke/cases.mjs';
import { fixtureBytes, serve } from './smoke/loopback.mjs';

const runtime = globalThis.Bun ? 'bun' : globalThis.Deno ? 'deno' : 'node';
const version = globalThis.Bun?.version ?? globalThis.Deno?.version?.deno ?? process.versions.node;
console.log(`${runtime} ${version}`);
/** Entry points that are Node-only by design (not portable). */
const NODE_ONLY = new Set(['./node', './agents', './cli']);
const SECRET = 'sk-smoke-0123456789abcdef';
const results = { passed: 0, failed: 0 };

async function test(name, fn) {
  try {
    await fn();
    results.passed += 1;
    console.log(`  ok   ${name}`);
  } catch (error) {
    results.failed += 1;
    console.log(
      `  FAIL ${name}\n       ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 4)
        .join('\n       ')}`,
    );
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** A fetch that answers from `respond(request)` and records every request it saw. */
function fakeFetch(respond) {
  const seen = [];
  const fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    seen.push(request);
    return respond(request);
  };
  return { fetch, seen };
}

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

// `--no-env`: the run has no permission to read the environment (Deno without --allow-env). Every entry point
// must work so, except hello-dave/testing, whose msw dependency reads NODE_ENV when it loads.
const noEnv = process.argv.includes('--no-env') || globalThis.Deno?.args?.includes('--no-env');
const portable = Object.entries(pkg.exports)
  .filter(([subpath, target]) => typeof target === 'object' && !NODE_ONLY.has(subpath))
  .filter(([subpath]) => !(noEnv && subpath === './testing'))
  .map(([subpath, target]) => ({ subpath, file: target.import }));

const modules = {};
for (const entry of portable) {
  await test(`import ${entry.subpath} (${entry.file})`, async () => {
    const module = await import(new URL(`../${entry.file}`, import.meta.url).href);
    assert(Object.keys(module).length > 0, `${entry.subpath} has no exports`);
    modules[entry.subpath] = module;
  });
}

// The root entry holds the app names; the HTTP layer (createHttpClient) lives in ./http.
const core = { ...(modules['.'] ?? {}), ...(modules['./http'] ?? {}) };
const provider = {
  provider: 'smoke',
  baseUrl: 'https://api.smoke.invalid/v1',
  apiKeyEnv: ['HELLO_DAVE_SMOKE_API_KEY'],
  auth: { type: 'bearer' },
};

await test('createHttpClient: JSON request through a fetch override', async () => {
  const { fetch, seen } = fakeFetch(() =>
    json(200, { id: 'video_123', status: 'queued' }, { 'x-request-id': 'req_1' }),
  );
  const client = core.createHttpClient(provider, { apiKey: SECRET, fetch, maxRetries: 0, env: {} });
  const answer = await client.request({ method: 'GET', path: 'videos/video_123', query: { limit: 2 } });
  assert(answer.data.id === 'video_123', `unexpected body ${JSON.stringify(answer.data)}`);
  assert(answer.status === 200, `status ${answer.status}`);
  assert(seen.length === 1, `${seen.length} requests sent`);
  const url = new URL(seen[0].url);
  assert(url.href === 'https://api.smoke.invalid/v1/videos/video_123?limit=2', `url ${url.href}`);
  assert(seen[0].headers.get('authorization') === `Bearer ${SECRET}`, 'missing bearer header');
});

await test('createHttpClient: a 401 becomes AuthenticationError, key redacted', async () => {
  const { fetch } = fakeFetch(() =>
    json(401, { error: { message: `Incorrect API key provided: ${SECRET}`, code: 'invalid_api_key' } }),
  );
  const client = core.createHttpClient(provider, { apiKey: SECRET, fetch, maxRetries: 0, env: {} });
  let caught;
  try {
    await client.request({ method: 'GET', path: 'models' });
  } catch (error) {
    caught = error;
  }
  assert(caught !== undefined, 'no error thrown');
  assert(core.HelloDaveError.isInstance(caught), 'not a HelloDaveError');
  assert(core.ApiError.isInstance(caught), 'not an ApiError');
  assert(core.AuthenticationError.isInstance(caught), `not an AuthenticationError: ${caught?.name}`);
  assert(caught.status === 401, `status ${caught.status}`);
  const everything = `${caught.message}\n${caught.stack}\n${String(caught)}\n${JSON.stringify(caught)}`;
  assert(!everything.includes(SECRET), 'the API key leaked into the error');
});

await test('createHttpClient: server-sent events split across chunks', async () => {
  const text = 'event: delta\ndata: {"n":1}\n\ndata: {"n":2}\ndata: more\n\n: comment\nid: 7\ndata: [DONE]\n\n';
  const chunks = [text.slice(0, 9), text.slice(9, 31), text.slice(31, 32), text.slice(32)];
  const { fetch } = fakeFetch(() => {
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  const client = core.createHttpClient(provider, { apiKey: SECRET, fetch, maxRetries: 0, env: {} });
  const events = [];
  for await (const event of client.sse({ method: 'POST', path: 'responses', json: { stream: true } }))
    events.push(event);
  assert(events.length === 3, `got ${events.length} events: ${JSON.stringify(events)}`);
  assert(events[0].event === 'delta' && events[0].data === '{"n":1}', `first event ${JSON.stringify(events[0])}`);
  assert(events[1].data === '{"n":2}\nmore', `second event ${JSON.stringify(events[1])}`);
  assert(events[2].id === '7' && events[2].data === '[DONE]', `third event ${JSON.stringify(events[2])}`);
});

await test('createHttpClient: the runtime environment is read safely (Deno without --allow-env too)', async () => {
  const { fetch, seen } = fakeFetch(() => json(200, { ok: true }));
  // No env option: the client reads the runtime's environment, which Deno may refuse; that must count as unset.
  const client = core.createHttpClient(provider, { apiKey: SECRET, fetch, maxRetries: 0 });
  const { data } = await client.request({ method: 'GET', path: 'models' });
  assert(data.ok === true && seen.length === 1, `unexpected answer ${JSON.stringify(data)}`);
});

await test('createHttpClient: a missing key fails at request time, naming the env var', async () => {
  const { fetch, seen } = fakeFetch(() => json(200, {}));
  const client = core.createHttpClient(provider, { fetch, env: {} });
  let caught;
  try {
    await client.request({ method: 'GET', path: 'models' });
  } catch (error) {
    caught = error;
  }
  assert(core.MissingApiKeyError.isInstance(caught), `expected MissingApiKeyError, got ${caught}`);
  assert(caught.message.includes('HELLO_DAVE_SMOKE_API_KEY'), caught.message);
  assert(seen.length === 0, 'a request was sent without a key');
});

await test('errors: constructed errors redact secrets and keep isInstance', async () => {
  const error = new core.ApiError(`bad key ${SECRET}`, { provider: 'smoke', status: 400 }, { secrets: [SECRET] });
  assert(core.HelloDaveError.isInstance(error) && core.ApiError.isInstance(error), 'isInstance failed');
  assert(!core.AuthenticationError.isInstance(error), 'an ApiError is not an AuthenticationError');
  assert(!core.HelloDaveError.isInstance(new Error('plain')), 'a plain Error is not a HelloDaveError');
  assert(!`${error.message}${JSON.stringify(error)}`.includes(SECRET), 'secret not redacted');
});

for (const entry of portable.filter((item) => item.subpath !== '.')) {
  const module = modules[entry.subpath];
  if (!module) continue;
  for (const [name, value] of Object.entries(module)) {
    if (!/^create\w*Client$/.test(name) || typeof value !== 'function') continue;
    await test(`${entry.subpath}: ${name}() builds a client without touching the network`, async () => {
      const { fetch, seen } = fakeFetch(() => json(200, {}));
      const client = value({ apiKey: SECRET, fetch, baseUrl: 'https://api.smoke.invalid/v1' });
      assert(client && typeof client === 'object', `${name} returned ${typeof client}`);
      assert(seen.length === 0, `${name} sent a request on construction`);
    });
  }
}

// Against real servers on 127.0.0.1: the agent loop and every media provider (scripts/smoke/cases.mjs).
const cacheDir = new URL('../node_modules/.cache/', import.meta.url);
await mkdir(cacheDir, { recursive: true });
const tmp = await mkdtemp(`${decodeURIComponent(cacheDir.pathname)}hello-dave-smoke-`);
const { z } = await import('zod');
const ctx = {
  m: modules,
  z,
  serve,
  fixtureBytes,
  files: { path: (name) => `${tmp}/${name}`, read: async (path) => new Uint8Array(await readFile(path)) },
};
for (const [name, run] of cases) await test(name, () => run(ctx));
await rm(tmp, { recursive: true, force: true });

console.log(`${runtime} smoke: ${results.passed} passed, ${results.failed} failed`);
// Exit explicitly: importing msw (through hello-dave/testing) opens a BroadcastChannel that msw unrefs only on
// Node (mswjs/msw#2196), so under Deno the process would otherwise never end.
process.exit(results.failed > 0 || results.passed === 0 ? 1 : 0);
