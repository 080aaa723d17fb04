/**
 * Generations answered whole (a model's answer not streamed, MiniMax music, Stability's synchronous endpoints,
 * ElevenLabs compose) run under the client's `generationTimeoutMs` (10 min by default) instead of its `timeoutMs`
 * (60 s): they commonly take minutes, and a timed-out one is paid for. A per-call `timeoutMs` still wins. An upload's
 * timeout grows with its size.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError } from '../../src/common/errors.js';
import type { Message } from '../../src/core/prompt/message.js';
import { createHttpClient } from '../../src/http/create-http-client.js';
import type { HttpClient, HttpRequest } from '../../src/http/types.js';
import { anthropic, createAnthropicClient } from '../../src/providers/anthropic/index.js';
import { composeMusic, createElevenLabsClient } from '../../src/providers/elevenlabs/index.js';
import { createMiniMaxClient, generateImage, generateLyrics } from '../../src/providers/minimax/index.js';
import { musicRequest } from '../../src/providers/minimax/music-request.js';
import { createMurekaClient, separateStems } from '../../src/providers/mureka/index.js';
import { createOpenAIClient, openai } from '../../src/providers/openai/index.js';
import { chatCompletions, createChatCompletionsClient } from '../../src/providers/openai-compatible/index.js';
import { createStabilityClient, generateUltra } from '../../src/providers/stability/index.js';
import { createXAIClient, generateImages } from '../../src/providers/xai/index.js';

/** Stops the call at the client (nothing is sent) and hands back the request it was given. */
class Captured extends Error {
  constructor(readonly request: HttpRequest) {
    super('captured');
  }
}

/** Makes `client.request` and `client.raw` capture their request instead of sending it. */
function capturing<T extends HttpClient>(client: T): T {
  const base: HttpClient = client;
  vi.spyOn(base, 'raw').mockImplementation((request) => Promise.reject(new Captured(request)));
  vi.spyOn(base, 'request').mockImplementation((request) => Promise.reject(new Captured(request)));
  return client;
}

async function captured(run: () => Promise<unknown>): Promise<HttpRequest> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Captured)) throw new Error(`expected the request to be captured, got ${String(error)}`);
  return error.request;
}

const user: Message = { role: 'user', content: [{ type: 'text', text: 'hi' }] };

describe('requests that are generations answered whole', () => {
  it('model answers not streamed: OpenAI Responses, Chat Completions and Anthropic', async () => {
    const responses = capturing(createOpenAIClient({ apiKey: 'sk-test-openai-0000', env: {} }));
    const chat = capturing(createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:9/v1', env: {} }));
    const messages = capturing(createAnthropicClient({ apiKey: 'sk-ant-test-0000', env: {} }));
    const request = { messages: [user], tools: [] };
    for (const model of [
      openai('gpt-5.4', { client: responses }),
      chatCompletions('llama3.2', { client: chat }),
      anthropic('claude-sonnet-4-6', { client: messages }),
    ]) {
      expect((await captured(() => model.generate(request))).generation, model.provider).toBe(true);
    }
  });

  it('Stability synchronous generations (bytes and JSON answers), ElevenLabs compose, MiniMax music', async () => {
    const stability = capturing(createStabilityClient({ apiKey: 'sk-test-stability-0000', env: {} }));
    const ultra = { prompt: 'a lighthouse at dusk' };
    expect((await captured(() => generateUltra(stability, ultra))).generation).toBe(true);
    expect((await captured(() => generateUltra(stability, ultra, { accept: 'json' }))).generation).toBe(true);
    const eleven = capturing(createElevenLabsClient({ apiKey: 'el-test-key-00000000', env: {} }));
    const song = { prompt: 'lo-fi beat', music_length_ms: 30_000, model_id: 'music_v1' } as const;
    expect((await captured(() => composeMusic(eleven, song))).generation).toBe(true);
    const music = { model: 'music-2.5', prompt: 'lo-fi beat', lyrics: '[Verse]\nla la' } as const;
    expect(musicRequest(music, {}).generation).toBe(true);
    const minimax = capturing(createMiniMaxClient({ apiKey: 'mm-test-key-00000000', env: {} }));
    expect((await captured(() => generateImage(minimax, { model: 'image-01', prompt: 'a fox' }))).generation).toBe(
      true,
    );
    expect(
      (await captured(() => generateLyrics(minimax, { mode: 'write_full_song', prompt: 'rain' }))).generation,
    ).toBe(true);
    const mureka = capturing(createMurekaClient({ apiKey: 'mu-test-key-00000000', env: {} }));
    const split = { url: 'https://example.com/song.mp3' };
    expect((await captured(() => separateStems(mureka, split))).generation).toBe(true);
    const xaiClient = capturing(createXAIClient({ apiKey: 'xai-test-key-00000000', env: {} }));
    const draw = { model: 'grok-imagine-image', prompt: 'a fox' };
    expect((await captured(() => generateImages(xaiClient, draw))).generation).toBe(true);
    // A deferred request is answered at once with an id: the client's timeoutMs.
    expect((await captured(() => generateImages(xaiClient, { ...draw, deferred: true }))).generation).toBe(false);
  });
});

describe('the timeout a generation runs under', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  /** How many requests reached the silent fetch: the request's timer is running once one has. */
  let sent = 0;

  /** A client whose fetch never answers (until aborted), with the given options. */
  function silent(options: { timeoutMs?: number; generationTimeoutMs?: number } = {}) {
    const fetch: typeof globalThis.fetch = (input, init) =>
      new Promise((_resolve, reject) => {
        sent += 1;
        const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    return createHttpClient(
      { provider: 'test', baseUrl: 'https://api.example.test', auth: { type: 'none' } },
      { env: {}, maxRetries: 0, fetch, ...options },
    );
  }

  /** Sends `request`; checks it is still waiting 1 ms before `ms` and timed out at `ms`. */
  async function timedOut(client: HttpClient, request: HttpRequest, ms: number): Promise<TimeoutError> {
    const before = sent;
    let settled = false;
    const pending = client.request(request).then(
      () => undefined,
      (error: unknown) => error,
    );
    void pending.then(() => {
      settled = true;
    });
    // A body is read into the request before it is sent (real I/O, not timers): wait until it reached fetch.
    while (sent === before && !settled) await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    if (!TimeoutError.isInstance(error)) throw new Error(`expected a TimeoutError, got ${String(error)}`);
    return error;
  }

  const post = { method: 'POST', path: 'make', json: {}, retry: 'safe' } as const;

  it('is generationTimeoutMs (default 10 min), where other requests get timeoutMs (default 60 s)', async () => {
    const client = silent();
    expect(client.options).toMatchObject({ timeoutMs: 60_000, generationTimeoutMs: 600_000 });
    expect((await timedOut(client, post, 60_000)).timeoutMs).toBe(60_000);
    expect((await timedOut(client, { ...post, generation: true }, 600_000)).timeoutMs).toBe(600_000);
  });

  it('follows the client option, and a per-call timeoutMs wins over both', async () => {
    const client = silent({ timeoutMs: 1_000, generationTimeoutMs: 5_000 });
    expect((await timedOut(client, { ...post, generation: true }, 5_000)).timeoutMs).toBe(5_000);
    expect((await timedOut(client, { ...post, generation: true, timeoutMs: 2_000 }, 2_000)).timeoutMs).toBe(2_000);
  });

  it('grows with the size of an upload: the answer comes only after it (128 KB/s allowed), for a body or a form', async () => {
    const client = silent({ timeoutMs: 1_000 });
    const file = new Blob([new Uint8Array(1_280_000)], { type: 'audio/mpeg' });
    const upload = { method: 'POST', path: 'upload', body: file, retry: 'safe' } as const;
    expect((await timedOut(client, upload, 11_000)).timeoutMs).toBe(11_000);
    const form = new FormData();
    form.append('file', file, 'song.mp3');
    form.append('purpose', 'audio');
    const multipart = { method: 'POST', path: 'upload', form, retry: 'safe' } as const;
    // The form's text field counts too (5 bytes: one ms more).
    expect((await timedOut(client, multipart, 11_001)).timeoutMs).toBe(11_001);
  });
});
