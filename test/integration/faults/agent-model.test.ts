/**
 * Fault suite, an agent against a fake model server on 127.0.0.1 (Chat Completions wire format): a stream that
 * stalls, a body that stalls, an SSE line without end, a stream cut mid-event, secrets at any depth in what the
 * server and the model send back, and prototype keys in the provider's JSON. Each ends in the right typed error
 * (named below) or a clean run, and no secret reaches an error view or the session file.
 */

import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ApiError, ResponseValidationError, TimeoutError } from '../../../src/common/errors.js';
import { Agent } from '../../../src/core/agent/agent.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import { FileSessionStore } from '../../../src/node/index.js';
import {
  type ChatCompletionsClientOptions,
  chatCompletions,
  createChatCompletionsClient,
} from '../../../src/providers/openai-compatible/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { type LocalServer, startLocalServer } from '../local-server.js';

const tmp = useTempDir('faults-agent-model-');
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A gateway key with no known shape: only registration by value (the client registers it) can catch it. */
const KEY = 'gwk_faults_7Hq2Lm9Xc4Vb1Nz8';

type Answer = (response: ServerResponse, body: Record<string, unknown>, call: number) => void;

/** A fake Chat Completions server answering call n with answers[n]; returns a model bound to it. */
async function fakeModel(answers: readonly Answer[], options: Partial<ChatCompletionsClientOptions> = {}) {
  let call = 0;
  const bodies: Record<string, unknown>[] = [];
  server = await startLocalServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      bodies.push(body);
      const answer = answers[call] ?? answers.at(-1);
      answer?.(response, body, call++);
    });
  });
  const client = createChatCompletionsClient({
    baseUrl: `${server.origin}/v1`,
    provider: 'gateway',
    apiKey: KEY,
    env: {},
    maxRetries: 0,
    ...options,
  });
  return { model: chatCompletions('fake-1', { client }), bodies, calls: () => call };
}

const completion = (message: Record<string, unknown>, finish = 'stop') => ({
  id: 'chatcmpl_1',
  object: 'chat.completion',
  created: 1,
  model: 'fake-1',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake-1', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** Every view of an error a user or a log could see. */
function views(error: unknown): string[] {
  const e = error as Error & { body?: unknown; cause?: unknown };
  return [String(e.message), String(e.stack), JSON.stringify(e), inspect(e, { depth: Number.POSITIVE_INFINITY })];
}

describe('model stream and body faults', () => {
  it('a model stream that stalls mid-answer (idle): agent.stream rejects with TimeoutError (phase idle), no hang', async () => {
    const { model } = await fakeModel(
      [
        (response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write(chunk({ role: 'assistant', content: 'Once upon' }));
          // …and nothing more, the connection held open.
        },
      ],
      { idleTimeoutMs: 200, timeoutMs: Number.POSITIVE_INFINITY },
    );
    const started = Date.now();
    const error = await rejection(new Agent({ name: 'a', model }).stream('tell a story').result);
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('idle');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a model JSON body that stalls after its headers: agent.run rejects with TimeoutError (phase idle)', async () => {
    const { model } = await fakeModel(
      [
        (response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"id":"chatcmpl_1","choices":[');
        },
      ],
      { idleTimeoutMs: 200, timeoutMs: Number.POSITIVE_INFINITY },
    );
    const error = await rejection(new Agent({ name: 'a', model }).run('hi'));
    expect(TimeoutError.isInstance(error), String(error)).toBe(true);
  });

  it('an SSE line that never ends: a ResponseValidationError naming maxSseLineLength once past the cap, not an out-of-memory crash', async () => {
    let written = 0;
    const { model } = await fakeModel(
      [
        (response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write('data: {"choices":[{"delta":{"content":"');
          const piece = 'x'.repeat(16 * 1024);
          const pump = () => {
            while (!response.destroyed && written < 64 * 1024 * 1024) {
              written += piece.length;
              if (!response.write(piece)) return void response.once('drain', pump);
            }
          };
          pump();
        },
      ],
      { maxSseLineLength: 256 * 1024 },
    );
    const error = await rejection(new Agent({ name: 'a', model }).stream('hi').result);
    expect(ResponseValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/maxSseLineLength/);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('a model stream cut in the middle of an event (no finish, no [DONE]): ResponseValidationError, not a truncated answer taken as whole', async () => {
    const { model } = await fakeModel([
      (response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(chunk({ role: 'assistant', content: 'Half an ans' }));
        response.end('data: {"id":"c1","choices":[{"index":0,"delta":{"content":"wer');
      },
    ]);
    const error = await rejection(new Agent({ name: 'a', model }).stream('hi').result);
    expect(error).toBeInstanceOf(Error);
    expect(ResponseValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/not JSON/);
  });
});

describe('secrets at any depth', () => {
  /** A value `depth` levels deep, alternating objects and arrays, carrying the key as a value, a key and in text. */
  function nested(depth: number): unknown {
    let value: unknown = { echo: `your key ${KEY} is bad`, [KEY]: [KEY, { auth: `Bearer ${KEY}` }] };
    for (let level = 0; level < depth; level++) value = level % 2 ? { level: value } : [value, level];
    return value;
  }

  it('an error body with the key 40 levels deep (objects and arrays, as a key and a value) and in response headers: no error view and no session line holds it', async () => {
    const { model } = await fakeModel([
      json(
        400,
        { error: { message: `bad key ${KEY}`, param: KEY }, detail: nested(40) },
        { 'x-echo-authorization': `Bearer ${KEY}`, 'x-request-id': `req_${KEY}` },
      ),
    ]);
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const session = await store.create({ id: 'leak' });
    const error = await rejection(new Agent({ name: 'a', model }).run('hi', { session }));
    await session.close();
    expect(ApiError.isInstance(error), String(error)).toBe(true);
    for (const view of views(error)) expect(view).not.toContain(KEY);
    expect(JSON.stringify((error as ApiError).body)).not.toContain(KEY);
    expect(await readFile(store.pathOf('leak'), 'utf8')).not.toContain(KEY);
  });

  it('a model that echoes the key in its text and deep in tool-call arguments (arrays of objects): the session file holds no key', async () => {
    let toolSaw = '';
    const lookup = defineTool({
      name: 'lookup',
      description: 'Looks things up',
      input: z.looseObject({ query: z.array(z.unknown()) }),
      run: (input) => {
        toolSaw = JSON.stringify(input);
        return { found: [{ note: `used ${KEY}` }] };
      },
    });
    const args = JSON.stringify({ query: [{ deep: [[{ [KEY]: KEY }]] }, `x ${KEY}`] });
    const { model } = await fakeModel([
      json(
        200,
        completion(
          {
            content: `My key is ${KEY}`,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: args } }],
          },
          'tool_calls',
        ),
      ),
      json(200, completion({ content: `done with ${KEY}` })),
    ]);
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const session = await store.create({ id: 'echo' });
    await new Agent({ name: 'a', model, tools: [lookup] }).run('go', { session });
    await session.close();
    expect(toolSaw).toContain('deep');
    const file = await readFile(store.pathOf('echo'), 'utf8');
    expect(file).toContain('<redacted>');
    expect(file).not.toContain(KEY);
  });

  it("a tool error whose cause chain holds the key (in arrays and a header map): the model's tool result and the session hold none", async () => {
    const failing = defineTool({
      name: 'upload',
      description: 'Uploads',
      input: z.object({}),
      run: () => {
        const inner = Object.assign(new Error(`upstream refused ${KEY}`), {
          headers: { authorization: `Bearer ${KEY}` },
        });
        throw new Error(`upload failed: ${KEY}`, { cause: { attempts: [{ error: inner }, [KEY]] } });
      },
    });
    const { model, bodies } = await fakeModel([
      json(
        200,
        completion(
          {
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'upload', arguments: '{}' } }],
          },
          'tool_calls',
        ),
      ),
      json(200, completion({ content: 'it failed' })),
    ]);
    const store = new FileSessionStore({ dir: tmp.path, fsync: false });
    const session = await store.create({ id: 'cause' });
    const result = await new Agent({ name: 'a', model, tools: [failing] }).run('go', { session });
    await session.close();
    expect(result.steps[0]?.toolResults[0]?.isError).toBe(true);
    expect(JSON.stringify(bodies[1])).toContain('upload failed');
    expect(JSON.stringify(bodies[1])).not.toContain(KEY);
    expect(await readFile(store.pathOf('cause'), 'utf8')).not.toContain(KEY);
  });
});

describe('prototype keys in provider responses', () => {
  it('a completion whose JSON carries __proto__, constructor and prototype (top level, message, tool arguments): the run works and nothing is polluted', async () => {
    let seen: unknown;
    const echo = defineTool({
      name: 'echo',
      description: 'Echoes',
      input: z.looseObject({ text: z.string() }),
      run: (input) => {
        seen = input;
        return 'ok';
      },
    });
    const args = '{"text":"hi","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    const first = JSON.stringify(
      completion(
        {
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'echo', arguments: args } }],
        },
        'tool_calls',
      ),
    ).replace(
      '{"id":"chatcmpl_1"',
      '{"__proto__":{"polluted":"yes","choices":[]},"prototype":{"polluted":"yes"},"id":"chatcmpl_1"',
    );
    const second = JSON.stringify(completion({ content: 'done' })).replace(
      '"role":"assistant"',
      '"role":"assistant","__proto__":{"polluted":"yes","content":"phantom"}',
    );
    const { model } = await fakeModel([json(200, first), json(200, second)]);
    const result = await new Agent({ name: 'a', model, tools: [echo] }).run('go');
    expect(result.text).toBe('done');
    expect((seen as { text?: string }).text).toBe('hi');
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
    expect((seen as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('an unknown finish_reason from the provider: the run ends with its text and finishReason "other", not a crash', async () => {
    const { model } = await fakeModel([json(200, completion({ content: 'fine' }, 'mystery_reason'))]);
    const result = await new Agent({ name: 'a', model }).run('hi');
    expect(result.text).toBe('fine');
    expect(result.finishReason).toBe('other');
  });
});
