import type { Hooks, HTTPError, KyRequest } from 'ky';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NotFoundError } from '../../src/common/errors.js';
import { createHttpClient } from '../../src/http/create-http-client.js';
import type { HttpClient, HttpClientOptions } from '../../src/http/types.js';
import { createAnthropicClient } from '../../src/providers/anthropic/client.js';
import { createMiniMaxClient } from '../../src/providers/minimax/client.js';
import { createOpenAIClient } from '../../src/providers/openai/client.js';
import { createChatCompletionsClient } from '../../src/providers/openai-compatible/client.js';
import { createXAIClient } from '../../src/providers/xai/client.js';
import { rejection } from '../helpers.js';
import { server } from '../msw.js';

const BASE = 'https://api.hooks.example/v1';
const KEY = 'sk-hooks-0123456789abcdef';

function acme(hooks: Hooks, extra: HttpClientOptions = {}): HttpClient {
  return createHttpClient(
    { provider: 'acme', baseUrl: BASE, auth: { type: 'bearer' } },
    { apiKey: KEY, env: {}, hooks, ...extra },
  );
}

describe('ky hooks on every provider client', () => {
  const factories: [string, (options: HttpClientOptions) => HttpClient][] = [
    ['createOpenAIClient', (options) => createOpenAIClient(options)],
    ['createXAIClient', (options) => createXAIClient(options)],
    ['createAnthropicClient', (options) => createAnthropicClient(options)],
    ['createMiniMaxClient', (options) => createMiniMaxClient(options)],
    ['createChatCompletionsClient', (options) => createChatCompletionsClient({ baseUrl: BASE, ...options })],
  ];

  it.each(factories)(
    '%s: a beforeRequest hook runs after ours (auth set) and its header reaches the server',
    async (_name, make) => {
      const seen: { trace: string | null; authenticated: boolean }[] = [];
      const fetch = async (input: RequestInfo | URL) => {
        seen.push({ trace: (input as Request).headers.get('x-trace-id'), authenticated: false });
        return Response.json({ base_resp: { status_code: 0 } });
      };
      const authSeen: boolean[] = [];
      const hook = (request: KyRequest) => {
        authSeen.push(request.headers.has('authorization') || request.headers.has('x-api-key'));
        request.headers.set('x-trace-id', 'trace-1');
      };
      const client = make({ apiKey: KEY, env: {}, fetch, hooks: { beforeRequest: [hook] } });
      await client.request({ method: 'GET', path: 'ping' });
      expect(seen.map((entry) => entry.trace)).toEqual(['trace-1']);
      expect(authSeen).toEqual([true]);
    },
  );
});

describe('ky hooks: streamed answers', () => {
  it('afterResponse sees the status and headers of a streamed answer, never its body; the caller gets every byte', async () => {
    const bytes = new Uint8Array(64 * 1024).fill(7);
    server.use(http.get(`${BASE}/file`, () => new HttpResponse(bytes, { headers: { 'x-size': '65536' } })));
    const seen: { status: number; size: string | null; body: unknown }[] = [];
    const hooks: Hooks = {
      afterResponse: [
        (_request, _options, response) => {
          seen.push({ status: response.status, size: response.headers.get('x-size'), body: response.body });
        },
      ],
    };
    const response = await acme(hooks).raw({ method: 'GET', path: 'file' });
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(seen).toEqual([{ status: 200, size: '65536', body: null }]);
  });
});

describe('ky hooks: what each one sees', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('a beforeRequest header reaches a real (msw) server', async () => {
    let trace: string | null = null;
    server.use(
      http.get(`${BASE}/x`, ({ request }) => {
        trace = request.headers.get('traceparent');
        return HttpResponse.json({ ok: true });
      }),
    );
    const hooks: Hooks = { beforeRequest: [(request) => request.headers.set('traceparent', '00-abc-def-01')] };
    await acme(hooks).request({ method: 'GET', path: 'x' });
    expect(trace).toBe('00-abc-def-01');
  });

  it('afterResponse sees each answer, retried ones included, with the text of answers read whole', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json({ error: { message: 'busy' } }, { status: 503 })
          : HttpResponse.json({ ok: true });
      }),
    );
    const seen: { status: number; text: string; retryCount: number }[] = [];
    const hooks: Hooks = {
      afterResponse: [
        async (_request, _options, response, state) => {
          seen.push({ status: response.status, text: await response.text(), retryCount: state.retryCount });
        },
      ],
    };
    const pending = acme(hooks).request<{ ok: boolean }>({ method: 'GET', path: 'x' });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ data: { ok: true } });
    expect(seen).toEqual([
      { status: 503, text: '{"error":{"message":"busy"}}', retryCount: 0 },
      { status: 200, text: '{"ok":true}', retryCount: 1 },
    ]);
  });

  it('beforeError sees ky’s HTTPError with our typed error as its cause; the call rejects with the typed error', async () => {
    server.use(
      http.get(`${BASE}/x`, () => HttpResponse.json({ error: { message: 'no such thing' } }, { status: 404 })),
    );
    const causes: unknown[] = [];
    const hooks: Hooks = {
      beforeError: [
        (error: HTTPError) => {
          causes.push(error.cause);
          expect(error.name).toBe('HTTPError');
          expect(error.response.status).toBe(404);
          return error;
        },
      ],
    };
    const error = await rejection(acme(hooks).request({ method: 'GET', path: 'x' }));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(causes).toEqual([error]);
    expect(ApiError.isInstance(causes[0])).toBe(true);
  });

  it('beforeRetry sees each retry with its count', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return calls < 3 ? HttpResponse.json({}, { status: 502 }) : HttpResponse.json({ ok: 1 });
      }),
    );
    const counts: number[] = [];
    const hooks: Hooks = { beforeRetry: [({ retryCount }) => void counts.push(retryCount)] };
    const pending = acme(hooks).request({ method: 'GET', path: 'x' });
    await vi.advanceTimersByTimeAsync(10_000);
    await pending;
    expect(counts).toEqual([1, 2]);
  });
});
