/**
 * Issue 18 item 4: no key of any provider leaks, whichever way a call ends. Every provider (OpenAI, Anthropic,
 * xAI, an OpenAI-compatible gateway, MiniMax, Stability, Mureka, ElevenLabs, LALAL) is run through its public
 * client against a real server on 127.0.0.1: a success, a 401 and a 500 that echo the key in every form (see
 * `leakyBody`), an error inside a 200, a connection reset, a refused connection and input rejected before
 * sending (the key in the bad value and as an unknown field name). Each run has a debug logger and record mode
 * on; the error's every view, each log line and each fixture file written is checked for the key, its
 * JSON-escaped, URL-encoded and base64 forms. The same failures inside an agent run check the emitted events and
 * the session file the file session store wrote.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../src/core/agent/agent.js';
import type { ChatModel } from '../../src/core/model.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import type { HttpClientOptions, Logger } from '../../src/http/index.js';
import { FileSessionStore } from '../../src/node/index.js';
import { anthropic, createAnthropicClient, createMessage } from '../../src/providers/anthropic/index.js';
import { composeMusic, createElevenLabsClient } from '../../src/providers/elevenlabs/index.js';
import { createLalalClient, splitStem } from '../../src/providers/lalal/index.js';
import { createMiniMaxClient, generateLyrics as minimaxLyrics } from '../../src/providers/minimax/index.js';
import { createMurekaClient, generateLyrics as murekaLyrics } from '../../src/providers/mureka/index.js';
import { createOpenAIClient, createVideo, openai, retrieveVideo } from '../../src/providers/openai/index.js';
import {
  chatCompletions,
  createChatCompletion,
  createChatCompletionsClient,
} from '../../src/providers/openai-compatible/index.js';
import { createStabilityClient, generateCore } from '../../src/providers/stability/index.js';
import { createXAIClient, generateImages, xai } from '../../src/providers/xai/index.js';
import type { Fixture } from '../../src/testing/index.js';
import { createRecordingFetch, loadFixture, scriptedModel } from '../../src/testing/index.js';
import { startLocalServer } from './local-server.js';
import {
  errorViews,
  expectClean,
  filesText,
  KEYS,
  leakyBody,
  leakyHeaders,
  type ProviderName,
  perTestPlace,
} from './secrets-harness.js';

/** What every client of the matrix is made with. */
type Common = Pick<HttpClientOptions, 'baseUrl' | 'fetch' | 'logger' | 'maxRetries' | 'env'> & { apiKey: string };

/** One provider: its success fixture and how to make a call (and a call with bad input) with a client. */
interface ProviderCase {
  provider: ProviderName;
  /** Success fixture, under test/fixtures. */
  fixture: string;
  /** Appended to the server's origin to make the base URL. */
  basePath: string;
  /** Whether the provider also serves an agent's model. */
  chat: boolean;
  open(options: Common): { call(): Promise<unknown>; invalid(): Promise<unknown>; chat?: ChatModel };
}

const SECRET = (provider: ProviderName): string => KEYS[provider];
/** Bad input: the key as an enum value and as the name of an unknown field. */
const bad = <T extends object>(params: T, field: string, provider: ProviderName): T =>
  ({ ...params, [field]: SECRET(provider), [SECRET(provider)]: SECRET(provider) }) as T;

const CASES: readonly ProviderCase[] = [
  {
    provider: 'openai',
    chat: true,
    fixture: 'openai/videos-retrieve-completed.1.json',
    basePath: '/v1',
    open(options) {
      const client = createOpenAIClient(options);
      return {
        call: () => retrieveVideo(client, 'video_68e1c2a9f0d48190a1b2c3d4e5f60718'),
        invalid: () => createVideo(client, bad({ model: 'sora-2', prompt: 'a cat' }, 'seconds', 'openai')),
        chat: openai('gpt-5', { client }),
      };
    },
  },
  {
    provider: 'anthropic',
    chat: true,
    fixture: 'anthropic/messages-basic.1.json',
    basePath: '/v1',
    open(options) {
      const client = createAnthropicClient(options);
      const params = {
        model: 'claude-sonnet-4-6',
        max_tokens: 512,
        system: 'Be brief.',
        messages: [{ role: 'user' as const, content: 'Why is the sky blue?' }],
      };
      return {
        call: () => createMessage(client, params),
        invalid: () => createMessage(client, bad(params, 'max_tokens', 'anthropic')),
        chat: anthropic('claude-sonnet-4-6', { client }),
      };
    },
  },
  {
    provider: 'xai',
    chat: true,
    fixture: 'xai/images-generations-b64.1.json',
    basePath: '/v1',
    open(options) {
      const client = createXAIClient(options);
      const params = {
        model: 'grok-imagine-image-2.0',
        prompt: 'A red fox in a snowy forest, watercolor',
        n: 1,
        response_format: 'b64_json' as const,
      };
      return {
        call: () => generateImages(client, params),
        invalid: () => generateImages(client, bad(params, 'response_format', 'xai')),
        chat: xai('grok-4', { client }),
      };
    },
  },
  {
    provider: 'compatible',
    chat: true,
    fixture: 'openai-compatible/chat-completions-structured.1.json',
    basePath: '/v1',
    open(options) {
      const client = createChatCompletionsClient({ ...options, baseUrl: options.baseUrl ?? '', provider: 'gateway' });
      const params = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Paris weather as JSON' }] };
      return {
        call: () => createChatCompletion(client, params),
        invalid: () =>
          createChatCompletion(client, {
            ...bad(params, 'max_tokens', 'compatible'),
            messages: [{ role: SECRET('compatible') as 'user', content: 'x' }],
          }),
        chat: chatCompletions('llama3.2', { client }),
      };
    },
  },
  {
    provider: 'minimax',
    chat: false,
    fixture: 'minimax/lyrics-generation-full.1.json',
    basePath: '',
    open(options) {
      const client = createMiniMaxClient(options);
      const params = { mode: 'write_full_song' as const, prompt: 'A soulful blues song about a rainy night' };
      return {
        call: () => minimaxLyrics(client, params),
        invalid: () => minimaxLyrics(client, bad(params, 'mode', 'minimax')),
      };
    },
  },
  {
    provider: 'stability',
    chat: false,
    fixture: 'stability/generate-core-json.1.json',
    basePath: '',
    open(options) {
      const client = createStabilityClient(options);
      const params = { prompt: 'a red fox in a snowy forest', output_format: 'png' as const };
      return {
        call: () => generateCore(client, params, { accept: 'json' }),
        invalid: () => generateCore(client, bad(params, 'output_format', 'stability'), { accept: 'json' }),
      };
    },
  },
  {
    provider: 'mureka',
    chat: false,
    fixture: 'mureka/lyrics-generate.1.json',
    basePath: '',
    open(options) {
      const client = createMurekaClient(options);
      const params = { prompt: 'a birthday song for my daughter Jessica' };
      return {
        call: () => murekaLyrics(client, params),
        invalid: () => murekaLyrics(client, bad(params, 'prompt', 'mureka')),
      };
    },
  },
  {
    provider: 'elevenlabs',
    chat: false,
    fixture: 'elevenlabs/compose.1.json',
    basePath: '',
    open(options) {
      const client = createElevenLabsClient(options);
      const params = {
        prompt: 'Upbeat indie pop with jangly guitars and a catchy female vocal about summer road trips',
        music_length_ms: 30_000,
        model_id: 'music_v1' as const,
      };
      return {
        call: () => composeMusic(client, params),
        invalid: () => composeMusic(client, bad(params, 'music_length_ms', 'elevenlabs')),
      };
    },
  },
  {
    provider: 'lalal',
    chat: false,
    fixture: 'lalal/split-stem.1.json',
    basePath: '',
    open(options) {
      const client = createLalalClient(options);
      const params = {
        source_id: 'ecb6c2c5-6263-48b9-80c9-f54248e30892',
        presets: { stem: 'vocals' as const, splitter: 'perseus' as const },
      };
      return {
        call: () => splitStem(client, params),
        invalid: () =>
          splitStem(client, {
            ...bad(params, 'source_id', 'lalal'),
            presets: { ...params.presets, stem: SECRET('lalal') as 'vocals' },
          }),
      };
    },
  },
];

type Mode = 'success' | '401 echoing the key' | '500 echoing the key' | 'error inside a 200' | 'connection reset';

const place = perTestPlace('secrets-providers-');

/** Writes a fixture's answer (status, headers, body) with the key-echoing headers added. */
function answerWith(response: ServerResponse, fixture: Fixture, extra: Record<string, string>): void {
  const { status, headers = {}, body } = fixture.response;
  const all: Record<string, string> = { ...headers, ...extra };
  if (!body) {
    response.writeHead(status, all).end();
  } else if ('json' in body) {
    response.writeHead(status, { 'content-type': 'application/json', ...all }).end(JSON.stringify(body.json));
  } else if ('text' in body) {
    response.writeHead(status, { 'content-type': 'text/plain', ...all }).end(body.text);
  } else if ('file' in body) {
    response.writeHead(status, all).end(Buffer.from(body.bytes ?? new Uint8Array()));
  } else if ('base64' in body) {
    response.writeHead(status, all).end(Buffer.from(body.base64, 'base64'));
  } else {
    response.writeHead(status, { 'content-type': 'text/event-stream', ...all });
    for (const event of body.sse)
      response.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`);
    response.end();
  }
}

/** A server on 127.0.0.1 answering every request the way `mode` says; counts requests. */
async function serve(c: ProviderCase, mode: Mode): Promise<{ origin: string; requests: () => number }> {
  const fixture = await loadFixture(`test/fixtures/${c.fixture}`);
  const secret = SECRET(c.provider);
  let requests = 0;
  const json = (response: ServerResponse, status: number, extra: Record<string, string> = {}) =>
    response
      .writeHead(status, { 'content-type': 'application/json', ...leakyHeaders(secret), ...extra })
      .end(JSON.stringify(leakyBody(secret, status >= 500 ? 'server' : 'auth')));
  place.server = await startLocalServer((request: IncomingMessage, response: ServerResponse) => {
    requests += 1;
    request.resume();
    request.on('end', () => {
      if (mode === 'success') answerWith(response, fixture, { 'x-request-id': `req_${secret}` });
      else if (mode === '401 echoing the key') json(response, 401);
      else if (mode === '500 echoing the key') json(response, 500, { 'retry-after': '0' });
      else if (mode === 'error inside a 200') json(response, 200);
      else request.socket.destroy();
    });
  });
  return { origin: place.server.origin, requests: () => requests };
}

/** What one call left behind: how it ended, the debug lines, the fixture files written. */
interface Trace {
  outcome: unknown;
  error: unknown;
  failed: boolean;
  lines: string[];
  fixtures: string[];
  requests: number;
}

function loggerInto(lines: string[]): Logger {
  return {
    debug: (message, data) => {
      lines.push(message, inspect(data, { depth: Number.POSITIVE_INFINITY }), JSON.stringify(data ?? null));
    },
  };
}

/** Runs one call of `c` against `origin` with a debug logger and record mode on. */
async function trace(
  c: ProviderCase,
  origin: string,
  requests: () => number,
  which: 'call' | 'invalid' = 'call',
): Promise<Trace> {
  const lines: string[] = [];
  const fixturesDir = join(place.dir, 'fixtures');
  const recording = createRecordingFetch({ dir: fixturesDir });
  const api = c.open({
    apiKey: SECRET(c.provider),
    baseUrl: `${origin}${c.basePath}`,
    env: {},
    maxRetries: 1,
    fetch: recording,
    logger: loggerInto(lines),
  });
  let outcome: unknown;
  let error: unknown;
  let failed = false;
  try {
    outcome = await api[which]();
  } catch (caught) {
    error = caught;
    failed = true;
  }
  await recording.flush().catch((flushError: unknown) => lines.push(inspect(flushError)));
  return { outcome, error, failed, lines, fixtures: await filesText(fixturesDir), requests: requests() };
}

function expectNoLeak(c: ProviderCase, result: Trace): void {
  const secret = SECRET(c.provider);
  if (result.failed) expectClean(`${c.provider} error`, errorViews(result.error), secret);
  expectClean(`${c.provider} debug log`, result.lines, secret);
  expectClean(`${c.provider} recorded fixture`, result.fixtures, secret);
}

describe.each(CASES)('$provider', (c) => {
  it('success: the debug log and the recorded fixture hold no key (the request sent it, the answer echoed it)', async () => {
    const { origin, requests } = await serve(c, 'success');
    const result = await trace(c, origin, requests);
    expect(result.error).toBeUndefined();
    expect(result.lines.join('\n')).toMatch(/→ (GET|POST) /);
    expect(result.fixtures.join('\n')).toContain('<redacted>');
    expectNoLeak(c, result);
  });

  it.each<Mode>(['401 echoing the key', '500 echoing the key', 'error inside a 200', 'connection reset'])(
    '%s: no form of the key in the error, its stack, JSON, inspect, the log or the fixture',
    async (mode) => {
      const { origin, requests } = await serve(c, mode);
      const result = await trace(c, origin, requests);
      if (mode !== 'error inside a 200') expect(result.failed).toBe(true);
      if (result.failed) expect(result.error).toBeInstanceOf(Error);
      // Which typed error each failure is (an error inside a 200 depends on the provider: MiniMax's base_resp is
      // an authentication failure, a gateway's `error` member a server error, elsewhere an unexpected answer).
      const expected: Partial<Record<Mode, string>> = {
        '401 echoing the key': 'AuthenticationError',
        '500 echoing the key': 'ServerError',
        'connection reset': 'ConnectionError',
      };
      if (expected[mode]) expect((result.error as Error).name).toBe(expected[mode]);
      expectNoLeak(c, result);
    },
  );

  it('connection refused: no form of the key in the error or the log', async () => {
    const { origin, requests } = await serve(c, 'success');
    await place.server?.close();
    place.server = undefined;
    const result = await trace(c, origin, requests);
    expect(result.failed).toBe(true);
    expect(inspect(result.error)).toMatch(/ECONNREFUSED|refused|failed/i);
    expectNoLeak(c, result);
  });

  it('bad input (the key as a value and as a field name): rejected before sending, the key in no view', async () => {
    const { origin, requests } = await serve(c, 'success');
    const result = await trace(c, origin, requests, 'invalid');
    expect(result.failed).toBe(true);
    expect((result.error as Error).name).toBe('RequestValidationError');
    expect(result.requests).toBe(0);
    expectNoLeak(c, result);
  });

  it('inside an agent run: the tool-call event, the text sent to the model and the session file hold no key', async () => {
    const { origin } = await serve(c, '401 echoing the key');
    const secret = SECRET(c.provider);
    const lines: string[] = [];
    const api = c.open({ apiKey: secret, baseUrl: `${origin}${c.basePath}`, env: {}, maxRetries: 0 });
    const probe = defineTool({
      name: 'probe',
      description: `Calls ${c.provider}`,
      input: z.object({}),
      run: () => api.call(),
    });
    const model = scriptedModel([{ toolCalls: [{ name: 'probe', arguments: {} }] }, { text: 'done' }]);
    const store = new FileSessionStore({ dir: join(place.dir, 'sessions'), fsync: false });
    const session = await store.create();
    const events: unknown[] = [];
    const stream = new Agent({ name: 'a', model, tools: [probe] }).stream('go', { session });
    for await (const event of stream) events.push(event);
    const result = await stream.result;
    lines.push(JSON.stringify(result), inspect(result, { depth: Number.POSITIVE_INFINITY }));
    const finished = events.find((event) => (event as { type: string }).type === 'tool-call-finished') as {
      status: string;
      error: unknown;
    };
    expect(finished.status).toBe('error');
    expect(finished.error).toBeInstanceOf(Error);
    expectClean(`${c.provider} events`, [inspect(events, { depth: Number.POSITIVE_INFINITY })], secret);
    expectClean(`${c.provider} events (JSON)`, [JSON.stringify(events)], secret);
    expectClean(`${c.provider} thrown error`, errorViews(finished.error), secret);
    expectClean(`${c.provider} model input`, [JSON.stringify(model.requests)], secret);
    expectClean(`${c.provider} run result`, lines, secret);
    const file = await readFile(store.pathOf(session.id), 'utf8');
    expect(file).toContain('probe');
    expectClean(`${c.provider} session file`, [file], secret);
  });
});

describe.each(CASES.filter((c) => c.chat))("$provider as the agent's model", (c) => {
  it('the model itself refused (401 echoing the key): stream events, the run error and the session file', async () => {
    const { origin } = await serve(c, '401 echoing the key');
    const secret = SECRET(c.provider);
    const lines: string[] = [];
    const api = c.open({
      apiKey: secret,
      baseUrl: `${origin}${c.basePath}`,
      env: {},
      maxRetries: 0,
      logger: loggerInto(lines),
    });
    const store = new FileSessionStore({ dir: join(place.dir, 'sessions'), fsync: false });
    const session = await store.create();
    const events: unknown[] = [];
    const stream = new Agent({ name: 'a', model: api.chat as ChatModel }).stream('hi', { session });
    const error = await (async () => {
      for await (const event of stream) events.push(event);
      await stream.result;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expectClean(`${c.provider} run error`, errorViews(error), secret);
    expectClean(
      `${c.provider} events`,
      [inspect(events, { depth: Number.POSITIVE_INFINITY }), JSON.stringify(events)],
      secret,
    );
    expectClean(`${c.provider} debug log`, lines, secret);
    expectClean(`${c.provider} session file`, [await readFile(store.pathOf(session.id), 'utf8')], secret);
  });
});
