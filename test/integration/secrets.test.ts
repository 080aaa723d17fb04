/**
 * Issue 11 item 3: secrets never appear, at any depth. Each client registers the keys it holds with the secrets
 * module when it is made; errors (message, stack, JSON, util.inspect, body), stream error events, the tool-error
 * text sent to the model and session files all consult it. Black-box: public clients against real servers on
 * 127.0.0.1, keys with no known shape (a gateway's `gsk_…`, a custom header's value).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../src/core/agent/agent.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import { FileSessionStore } from '../../src/node/index.js';
import { createAnthropicClient, streamMessage } from '../../src/providers/anthropic/index.js';
import { createOpenAIClient, openai } from '../../src/providers/openai/index.js';
import {
  chatCompletions,
  createChatCompletion,
  createChatCompletionsClient,
} from '../../src/providers/openai-compatible/index.js';
import { createXAIClient, xai } from '../../src/providers/xai/index.js';
import { createRecordingFetch, scriptedModel } from '../../src/testing/index.js';
import { type LocalServer, startLocalServer } from './local-server.js';

let server: LocalServer | undefined;
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secrets-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Keys with no known shape: only registration by value can catch them. */
const GATEWAY_KEY = 'gsk_live_9f8e7d6c5b4a3210ZYXWVUtsrq';
const HEADER_SECRET = 'hdr_Q7w8e9r0t1y2u3i4o5p6';

/** A value `depth` levels deep: `{ level: { level: … { key, [key]: key } } }`. */
function nested(depth: number, secret: string): unknown {
  let value: unknown = { echoed: `your key ${secret} is invalid`, [secret]: secret, list: [secret] };
  for (let level = 0; level < depth; level++) value = { level: value };
  return value;
}

/** Every view of an error a user or a log could see. */
function views(error: unknown): string[] {
  const e = error as Error & { body?: unknown; cause?: unknown };
  return [
    String(e.message),
    String(e.stack),
    JSON.stringify(e),
    inspect(e, { depth: Number.POSITIVE_INFINITY }),
    JSON.stringify(e.body ?? null),
    inspect(e.cause, { depth: Number.POSITIVE_INFINITY }),
  ];
}

function expectClean(texts: readonly string[], ...secrets: string[]): void {
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

async function serveJson(status: number, body: unknown): Promise<string> {
  server = await startLocalServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  return server.origin;
}

async function serveSse(events: readonly { event?: string; data: unknown }[]): Promise<string> {
  server = await startLocalServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const { event, data } of events) {
      response.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    }
    response.end();
  });
  return server.origin;
}

describe('error bodies', () => {
  it('a key nested 20 levels deep, used as an object key, and in a custom header is in no view of the error', async () => {
    const base = await serveJson(400, {
      error: { message: `Invalid key ${GATEWAY_KEY} (header ${HEADER_SECRET})`, param: GATEWAY_KEY },
      detail: nested(20, GATEWAY_KEY),
      headers_seen: { 'x-gateway-token': HEADER_SECRET },
    });
    const client = createChatCompletionsClient({
      baseUrl: `${base}/v1`,
      provider: 'gateway',
      apiKey: GATEWAY_KEY,
      headers: { 'x-gateway-token': HEADER_SECRET },
      env: {},
      maxRetries: 0,
    });
    const error = await createChatCompletion(client, {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectClean(views(error), GATEWAY_KEY, HEADER_SECRET);
    // Redacted, not dropped: the structure is all there, 20 levels down.
    let deep = (error as { body: { detail: unknown } }).body.detail as Record<string, unknown>;
    for (let level = 0; level < 20; level++) deep = deep.level as Record<string, unknown>;
    expect(deep).toEqual({
      echoed: 'your key <redacted> is invalid',
      '<redacted>': '<redacted>',
      list: ['<redacted>'],
    });
  });

  it('a cyclic cause is redacted without a stack overflow', async () => {
    const { HelloDaveError } = await import('../../src/common/errors.js');
    createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: GATEWAY_KEY, env: {} });
    const cause: Record<string, unknown> = { note: GATEWAY_KEY };
    cause.self = cause;
    let deep: Record<string, unknown> = cause;
    for (let level = 0; level < 10_000; level++) deep = deep.next = { note: GATEWAY_KEY };
    const error = new HelloDaveError('failed', { cause });
    const copy = error.cause as Record<string, unknown>;
    expect(copy.self).toBe(copy);
    expect(copy.note).toBe('<redacted>');
    expectClean([inspect(error, { depth: 50 })], GATEWAY_KEY);
  });
});

describe('stream error events', () => {
  it('the Responses stream `error` event (OpenAI): message and stored body', async () => {
    const key = 'proj_Zz9Yy8Xx7Ww6Vv5Uu4Tt3';
    const base = await serveSse([
      {
        event: 'response.created',
        data: { type: 'response.created', response: { id: 'resp_1', status: 'in_progress' } },
      },
      {
        event: 'error',
        data: { type: 'error', code: 'invalid_api_key', message: `bad key ${key}`, param: key, echo: nested(20, key) },
      },
    ]);
    const model = openai('gpt-5', {
      client: createOpenAIClient({ apiKey: key, baseUrl: base, env: {}, maxRetries: 0 }),
    });
    const error = await new Agent({ name: 'a', model }).stream('hi').result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectClean(views(error), key);
  });

  it('xAI (Responses) stream error', async () => {
    const key = 'xk_9f8e7d6c5b4a3210abcdefgh';
    const base = await serveSse([
      { event: 'error', data: { type: 'error', error: { message: `key ${key}`, detail: nested(20, key) } } },
    ]);
    const model = xai('grok-4', { client: createXAIClient({ apiKey: key, baseUrl: base, env: {}, maxRetries: 0 }) });
    const error = await new Agent({ name: 'a', model }).stream('hi').result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectClean(views(error), key);
  });

  it('Anthropic streamMessage `error` event', async () => {
    const key = 'ant_custom_0a1b2c3d4e5f6g7h8i9j';
    const base = await serveSse([
      {
        event: 'message_start',
        data: {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            content: [],
            model: 'claude',
            usage: { input_tokens: 1, output_tokens: 0 },
          },
        },
      },
      {
        event: 'error',
        data: { type: 'error', error: { type: 'overloaded_error', message: `key ${key}`, echo: nested(20, key) } },
      },
    ]);
    const client = createAnthropicClient({ apiKey: key, baseUrl: base, env: {}, maxRetries: 0 });
    const error = await (async () => {
      for await (const _event of streamMessage(client, {
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })) {
        // read on
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectClean(views(error), key);
  });

  it('chat completions stream error chunk', async () => {
    const base = await serveSse([
      { data: { error: { message: `key ${GATEWAY_KEY}`, code: 401, detail: nested(20, GATEWAY_KEY) } } },
    ]);
    const client = createChatCompletionsClient({ baseUrl: `${base}/v1`, apiKey: GATEWAY_KEY, env: {}, maxRetries: 0 });
    const error = await new Agent({ name: 'a', model: chatCompletions('m', { client }) })
      .stream('hi')
      .result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expectClean(views(error), GATEWAY_KEY);
  });
});

describe('tool errors and sessions', () => {
  it('a tool error echoing a registered key reaches neither the model nor the session file', async () => {
    createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: GATEWAY_KEY, env: {} });
    const leaky = defineTool({
      name: 'lookup',
      description: 'Looks something up',
      input: z.object({ q: z.string() }),
      run: () => {
        throw new Error(`upstream refused ${GATEWAY_KEY}`);
      },
    });
    const echo = defineTool({
      name: 'echo',
      description: 'Echoes a nested value',
      input: z.object({ q: z.string() }),
      run: () => ({ deep: nested(20, GATEWAY_KEY), [GATEWAY_KEY]: 'as a key' }),
    });
    const model = scriptedModel([
      {
        toolCalls: [
          { name: 'lookup', arguments: { q: 'x' } },
          { name: 'echo', arguments: { q: 'y' } },
        ],
      },
      { text: `done (${GATEWAY_KEY})` },
    ]);
    const store = new FileSessionStore({ dir, fsync: false });
    const session = await store.create();
    await new Agent({ name: 'a', model, tools: [leaky, echo] }).run(`use ${GATEWAY_KEY}`, { session });
    // The error text sent to the model is redacted (a successful result reaches the model as the tool made it).
    const toolResults = model.requests[1]?.messages.at(-1) as { content: { output: string }[] };
    expect(toolResults.content[0]?.output).toBe('lookup failed: upstream refused <redacted>');
    const file = await readFile(store.pathOf(session.id), 'utf8');
    expect(file).toContain('<redacted>');
    expectClean([file], GATEWAY_KEY);
  });
});

describe('logging and recording', () => {
  it('debug logs and recorded fixtures hold no registered key, header secret or key echoed in a body', async () => {
    const base = await serveJson(200, {
      id: 'c1',
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `echo ${HEADER_SECRET}` } }],
      echo: nested(20, GATEWAY_KEY),
    });
    const lines: string[] = [];
    const recording = createRecordingFetch({ name: () => 'chat' });
    const client = createChatCompletionsClient({
      baseUrl: `${base}/v1`,
      apiKey: GATEWAY_KEY,
      headers: { 'x-gateway-token': HEADER_SECRET },
      env: {},
      maxRetries: 0,
      fetch: recording,
      logger: { debug: (message, data) => lines.push(message, inspect(data, { depth: Number.POSITIVE_INFINITY })) },
    });
    await createChatCompletion(client, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    await recording.flush();
    expect(lines.length).toBeGreaterThan(0);
    expectClean(lines, GATEWAY_KEY, HEADER_SECRET);
    const fixtures = recording.exchanges.map((exchange) => JSON.stringify(exchange.fixture));
    expect(fixtures.join('')).toContain('<redacted>');
    expectClean(fixtures, GATEWAY_KEY, HEADER_SECRET);
  });
});
