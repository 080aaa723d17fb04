/**
 * Real HTTP servers on 127.0.0.1 for the smoke test of the built package (scripts/smoke-runtime.mjs under Node,
 * Bun and Deno; scripts/smoke-edge.mjs runs them in the host Node process while the package runs in the edge VM).
 * Only `node:http` and `node:fs/promises`, which all three runtimes provide.
 *
 * `serve(scenario)` starts two servers, an API origin and a CDN origin (two ports, so two origins: the auth header
 * must never reach the CDN), and answers from the project's fixtures (test/fixtures/, docs/fixtures.md):
 * - `api` / `cdn`: fixture files per origin, `<provider>/<name>.json`. Each answers one request, in order per
 *   method + path. A request is checked against what its fixture says it must be (path, query, listed headers
 *   with `<redacted>` as a wildcard, a JSON body deep-equal); a mismatch or an unexpected request is answered
 *   with 599 and reported by `problems()`.
 * - The CDN hosts named in the fixtures' answers (`https://d.lalal.ai/…`) are rewritten to the CDN server.
 * - `model: 'responses' | 'chat'`: a fake chat model instead, speaking the OpenAI Responses or Chat Completions wire
 *   format (JSON or server-sent events): asked without a tool result, it calls the `add` tool with
 *   `{"a":2,"b":3}`; given one, it answers `the sum is <output>`.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const WILDCARD = '<redacted>';

/** The bytes of a fixture's sibling file (`lalal/vocals.wav`). */
export async function fixtureBytes(name) {
  return new Uint8Array(await readFile(new URL(name, FIXTURES)));
}

async function loadFixture(name) {
  const fixture = JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8'));
  fixture.name = name;
  fixture.dir = name.slice(0, name.lastIndexOf('/') + 1);
  return fixture;
}

/** `expected` (a fixture string, `<redacted>` matching any non-empty run) matches `actual`. */
function matchesText(expected, actual) {
  if (typeof actual !== 'string') return false;
  if (!expected.includes(WILDCARD)) return expected === actual;
  const pattern = expected
    .split(WILDCARD)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`, 's').test(actual);
}

function matchesJson(expected, actual) {
  if (typeof expected === 'string') return matchesText(expected, actual);
  if (expected === null || typeof expected !== 'object') return Object.is(expected, actual);
  if (actual === null || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) return false;
  const keys = Object.keys(expected);
  if (keys.length !== Object.keys(actual).length) return false;
  return keys.every((key) => Object.hasOwn(actual, key) && matchesJson(expected[key], actual[key]));
}

/** What is wrong with `request` for `fixture` (empty when it matches). */
async function mismatches(fixture, request, url, body) {
  const want = fixture.request;
  const found = [];
  const query = {};
  for (const [key, value] of url.searchParams) {
    query[key] = key in query ? [query[key], value].flat() : value;
  }
  if (!matchesJson(want.query ?? {}, query)) found.push(`query ${JSON.stringify(query)}`);
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const actual = request.headers[name];
    const ok =
      name === 'content-type' && !value.includes(';')
        ? typeof actual === 'string' && actual.split(';')[0].trim() === value
        : matchesText(value, actual);
    if (!ok) found.push(`header ${name}: ${actual === undefined ? '(absent)' : JSON.stringify(actual)}`);
  }
  if (want.body?.json !== undefined) {
    let json;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = undefined;
    }
    if (!matchesJson(want.body.json, json)) found.push(`body ${body.toString('utf8').slice(0, 400)}`);
  } else if (want.body?.form !== undefined) {
    found.push(...(await formMismatches(want.body.form, request.headers['content-type'], body)));
  } else if (want.body === undefined && body.length > 0) {
    found.push(`a body of ${body.length} bytes where none was expected`);
  }
  return found;
}

/** A multipart body against a fixture's `form`: every field, text by value and files by the properties listed. */
async function formMismatches(want, contentType, body) {
  let form;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch (error) {
    return [`a form body that does not parse (${error})`];
  }
  const found = [];
  const names = new Set(form.keys());
  for (const [name, expected] of Object.entries(want)) {
    names.delete(name);
    const values = form.getAll(name);
    const wanted = Array.isArray(expected) ? expected : [expected];
    if (values.length !== wanted.length) found.push(`form ${name}: ${values.length} values`);
    wanted.forEach((item, index) => {
      const value = values[index];
      if (typeof item === 'string') {
        if (!matchesText(item, value)) found.push(`form ${name}: ${JSON.stringify(value)}`);
      } else if (typeof value === 'string' || value === undefined) {
        found.push(`form ${name}: not a file`);
      } else {
        const actual = { filename: value.name, type: value.type, size: value.size };
        for (const key of Object.keys(item))
          if (item[key] !== actual[key]) found.push(`form ${name}.${key}: ${JSON.stringify(actual[key])}`);
      }
    });
  }
  for (const name of names) found.push(`form field ${name} not expected`);
  return found;
}

/** Sends a fixture's answer, with CDN hosts in text and JSON answers pointed at `cdnOrigin`. */
async function answer(response, fixture, rewrite) {
  const { status, headers = {}, body = {} } = fixture.response;
  let bytes;
  let type;
  if (body.json !== undefined) {
    bytes = Buffer.from(rewrite(JSON.stringify(body.json)));
    type = 'application/json';
  } else if (body.text !== undefined) {
    bytes = Buffer.from(rewrite(body.text));
    type = 'text/plain; charset=utf-8';
  } else if (body.sse !== undefined) {
    const text = body.sse
      .map((event) =>
        [event.event && `event: ${event.event}`, event.id && `id: ${event.id}`, `data: ${event.data}`]
          .filter(Boolean)
          .join('\n'),
      )
      .join('\n\n');
    bytes = Buffer.from(`${rewrite(text)}\n\n`);
    type = 'text/event-stream';
  } else if (body.file !== undefined) {
    bytes = Buffer.from(await fixtureBytes(`${fixture.dir}${body.file}`));
    type = 'application/octet-stream';
  } else if (body.base64 !== undefined) {
    bytes = Buffer.from(body.base64, 'base64');
    type = 'application/octet-stream';
  } else {
    bytes = Buffer.alloc(0);
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  if (type && !lower['content-type'] && bytes.length > 0) lower['content-type'] = type;
  lower['content-length'] = String(bytes.length);
  response.writeHead(status, lower);
  response.end(bytes);
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function listen(handler) {
  const server = createServer((request, response) => {
    handler(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(599, { 'content-type': 'text/plain' });
      response.end(String(error?.stack ?? error));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

function close(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** Headers that carry a key, for one provider or another. */
const CREDENTIALS = ['authorization', 'x-api-key', 'xi-api-key', 'x-license-key'];
const CDN_HOSTS = /https:\/\/(?:d\.lalal\.ai|cdn\.mureka\.ai|vidgen\.x\.ai|imgen\.x\.ai|cdn\.example\.com)/g;

/** The fake model's answer to one Responses request body (a JSON response object). */
function responsesAnswer(body, turn) {
  const result = body.input?.find?.((item) => item.type === 'function_call_output');
  const output = result
    ? [
        {
          type: 'message',
          id: `msg_${turn}`,
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: `the sum is ${result.output}`, annotations: [] }],
        },
      ]
    : [
        {
          type: 'function_call',
          id: `fc_${turn}`,
          call_id: `call_${turn}`,
          name: 'add',
          arguments: '{"a":2,"b":3}',
          status: 'completed',
        },
      ];
  return {
    id: `resp_${turn}`,
    object: 'response',
    created_at: 1767225600,
    status: 'completed',
    error: null,
    incomplete_details: null,
    model: body.model,
    output,
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
  };
}

/** The same answer as Responses server-sent events, split so that text and arguments arrive in pieces. */
function responsesEvents(response) {
  const events = [{ type: 'response.created', response: { ...response, status: 'in_progress', output: [] } }];
  response.output.forEach((item, index) => {
    if (item.type === 'function_call') {
      events.push({ type: 'response.output_item.added', output_index: index, item: { ...item, arguments: '' } });
      for (const delta of [item.arguments.slice(0, 6), item.arguments.slice(6)])
        events.push({ type: 'response.function_call_arguments.delta', output_index: index, item_id: item.id, delta });
    } else {
      const text = item.content[0].text;
      for (const delta of [text.slice(0, 4), text.slice(4)])
        events.push({ type: 'response.output_text.delta', output_index: index, content_index: 0, delta });
    }
    events.push({ type: 'response.output_item.done', output_index: index, item });
  });
  events.push({ type: 'response.completed', response });
  return events;
}

/** The fake model's answer to one Chat Completions request body. */
function chatAnswer(body, turn) {
  const result = body.messages?.findLast?.((message) => message.role === 'tool');
  const message = result
    ? { role: 'assistant', content: `the sum is ${result.content}` }
    : {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } }],
      };
  return {
    id: `chatcmpl-${turn}`,
    object: 'chat.completion',
    created: 1741569952,
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: result ? 'stop' : 'tool_calls' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/**
 * Starts the servers of one scenario. Returns `{ api, cdn, requests, problems(), close() }`: `api` / `cdn` are the
 * origins, `requests` what each server received (`{ server, method, path, authorization, body }`).
 */
export async function serve(scenario) {
  const queues = { api: new Map(), cdn: new Map() };
  for (const side of ['api', 'cdn']) {
    for (const name of scenario[side] ?? []) {
      const fixture = await loadFixture(name);
      const key = `${fixture.request.method} ${fixture.request.path}`;
      if (!queues[side].has(key)) queues[side].set(key, []);
      queues[side].get(key).push(fixture);
    }
  }
  const requests = [];
  const problems = [];
  let cdnOrigin = '';
  const rewrite = (text) => text.replace(CDN_HOSTS, cdnOrigin);
  let turn = 0;

  const handler = (side) => async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const body = await readBody(request);
    const authorization = CREDENTIALS.map((name) => request.headers[name]).find((value) => value !== undefined);
    requests.push({ server: side, method: request.method, path: url.pathname, authorization, body });
    if (side === 'api' && scenario.model) {
      turn += 1;
      const json = JSON.parse(body.toString('utf8'));
      if (!matchesText('Bearer <redacted>', request.headers.authorization))
        problems.push(`model request ${turn} without a bearer token`);
      if (scenario.model === 'chat') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(chatAnswer(json, turn)));
        return;
      }
      const answer = responsesAnswer(json, turn);
      if (!json.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of responsesEvents(answer)) {
        const text = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
        // Two writes per event: a line boundary falls inside a chunk, as on a real network.
        response.write(text.slice(0, 11));
        response.write(text.slice(11));
      }
      response.end();
      return;
    }
    if (side === 'cdn' && authorization !== undefined) problems.push(`the CDN received credentials at ${url.pathname}`);
    const fixture = queues[side].get(`${request.method} ${url.pathname}`)?.shift();
    if (!fixture) {
      problems.push(`unexpected ${side} request ${request.method} ${url.pathname}${url.search}`);
      response.writeHead(599, { 'content-type': 'text/plain' });
      response.end('no fixture for this request');
      return;
    }
    const wrong = await mismatches(fixture, request, url, body);
    if (wrong.length > 0) {
      problems.push(`${fixture.name}: ${wrong.join('; ')}`);
      response.writeHead(599, { 'content-type': 'text/plain' });
      response.end(`request does not match ${fixture.name}`);
      return;
    }
    await answer(response, fixture, rewrite);
  };

  const api = await listen(handler('api'));
  const cdn = await listen(handler('cdn'));
  cdnOrigin = cdn.origin;
  return {
    api: api.origin,
    cdn: cdn.origin,
    requests,
    /** Mismatched or unexpected requests, and fixtures never asked for. */
    problems() {
      const unused = [...queues.api.values(), ...queues.cdn.values()].flat().map((fixture) => `unused ${fixture.name}`);
      return [...problems, ...unused];
    },
    async close() {
      await Promise.all([close(api.server), close(cdn.server)]);
    },
  };
}
