import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  MissingApiKeyError,
  NotFoundError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../../src/common/errors.js';
import { createHttpClient } from '../../src/http/create-http-client.js';
import { defaultClassifier, parseRetryAfter } from '../../src/http/retry.js';
import type { ProviderConfig } from '../../src/http/types.js';
import { createOpenAIClient } from '../../src/providers/openai/client.js';
import { classifyOpenAIAnswer } from '../../src/providers/openai/errors.js';
import { rejection } from '../helpers.js';
import { server } from '../msw.js';

const BASE = 'https://api.test.example/v1';
const KEY = 'sk-test-SECRET-0123456789abcdef';
const config: ProviderConfig = {
  provider: 'acme',
  baseUrl: BASE,
  apiKeyEnv: ['ACME_API_KEY', 'ACMEKEY'],
  baseUrlEnv: ['ACME_BASE_URL'],
  auth: { type: 'bearer' },
};

function client(extra: Parameters<typeof createHttpClient>[1] = {}) {
  return createHttpClient(config, { apiKey: KEY, env: {}, ...extra });
}

describe('createHttpClient: requests', () => {
  it('sends method, path, query, auth, user agent and JSON, and parses JSON', async () => {
    let seen: Request | undefined;
    let body: unknown;
    server.use(
      http.post(`${BASE}/things`, async ({ request }) => {
        seen = request;
        body = await request.json();
        return HttpResponse.json({ id: 't1' }, { headers: { 'x-request-id': 'req_1' } });
      }),
    );
    const result = await client({ userAgent: 'my-app/1.0', headers: { 'x-extra': 'yes' } }).request<{ id: string }>({
      method: 'POST',
      path: '/things',
      query: { limit: 2, tags: ['a', 'b'], skip: undefined },
      json: { name: 'x' },
    });
    expect(result.data).toEqual({ id: 't1' });
    expect(result.requestId).toBe('req_1');
    const url = new URL(seen!.url);
    expect(url.searchParams.get('limit')).toBe('2');
    expect(url.searchParams.getAll('tags')).toEqual(['a', 'b']);
    expect(url.searchParams.has('skip')).toBe(false);
    expect(seen!.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(seen!.headers.get('user-agent')).toMatch(/^my-app\/1\.0 hello-dave\//);
    expect(seen!.headers.get('x-extra')).toBe('yes');
    expect(seen!.headers.get('content-type')).toContain('application/json');
    expect(body).toEqual({ name: 'x' });
  });

  it('reads the key from env vars (with aliases) only when a request is made', async () => {
    const lazy = createHttpClient(config, { env: {} });
    await expect(lazy.request({ method: 'GET', path: 'x' })).rejects.toSatisfy(
      (error) => MissingApiKeyError.isInstance(error) && /ACME_API_KEY or ACMEKEY/.test((error as Error).message),
    );
    let auth: string | null = null;
    server.use(
      http.get(`${BASE}/x`, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({});
      }),
    );
    await createHttpClient(config, { env: { ACMEKEY: 'alias-key' } }).request({ method: 'GET', path: 'x' });
    expect(auth).toBe('Bearer alias-key');
  });

  it('takes the base URL from the option, then the env var', async () => {
    expect(createHttpClient(config, { env: { ACME_BASE_URL: 'https://proxy.test/v9/' } }).baseUrl).toBe(
      'https://proxy.test/v9',
    );
    expect(
      createHttpClient(config, { env: { ACME_BASE_URL: 'https://proxy.test' }, baseUrl: 'https://o.test' }).baseUrl,
    ).toBe('https://o.test');
    const openai = createOpenAIClient({ env: { OPENAIKEY: 'seed-key', OPENAI_BASE_URL: 'https://gw.test/v1' } });
    expect(openai.baseUrl).toBe('https://gw.test/v1');
    expect(openai.authHeaders()).toEqual({ authorization: 'Bearer seed-key' });
  });

  it('works where reading the environment throws (Deno without --allow-env)', async () => {
    const refusing = new Proxy({} as Record<string, string | undefined>, {
      get() {
        throw new Error('NotCapable: Requires env access');
      },
    });
    server.use(http.get(`${BASE}/x`, () => HttpResponse.json({ ok: 1 })));
    const withKey = createHttpClient(config, { apiKey: KEY, env: refusing });
    await expect(withKey.request({ method: 'GET', path: 'x' })).resolves.toMatchObject({ data: { ok: 1 } });
    const withoutKey = createHttpClient(config, { env: refusing });
    await expect(withoutKey.request({ method: 'GET', path: 'x' })).rejects.toSatisfy(
      MissingApiKeyError.isInstance.bind(MissingApiKeyError),
    );
  });

  it('sends a custom auth header', async () => {
    let header: string | null = null;
    server.use(
      http.get(`${BASE}/x`, ({ request }) => {
        header = request.headers.get('xi-api-key');
        return HttpResponse.json({});
      }),
    );
    await createHttpClient(
      { ...config, auth: { type: 'header', name: 'xi-api-key' } },
      { apiKey: 'k-1', env: {} },
    ).request({
      method: 'GET',
      path: 'x',
    });
    expect(header).toBe('k-1');
  });
});

describe('createHttpClient: the signal', () => {
  /** A fetch that answers only when the request's signal aborts. */
  const hanging = (input: RequestInfo | URL) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = (input as Request).signal;
      if (signal.aborted) reject(new DOMException('aborted', 'AbortError'));
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });

  it.each([
    ['with a time limit', 60_000],
    ['without a time limit', Number.POSITIVE_INFINITY],
  ])("%s, an abort of the caller's signal ends the request with an AbortedError", async (_name, timeoutMs) => {
    const caller = new AbortController();
    const http = client({ timeoutMs, fetch: hanging });
    const pending = rejection(http.request({ method: 'GET', path: 'a', signal: caller.signal }));
    caller.abort();
    expect(AbortedError.isInstance(await pending)).toBe(true);
  });

  it('a request that outlives its time limit is a TimeoutError naming the limit', async () => {
    const error = await rejection(
      client({ timeoutMs: 20, maxRetries: 0, fetch: hanging }).request({ method: 'GET', path: 'a' }),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'acme', phase: 'request', timeoutMs: 20 });
  });
});

describe('createHttpClient: request URLs', () => {
  it('joins every path to the base URL exactly as the URL parser would', async () => {
    const paths = [
      'responses',
      '/responses',
      '//videos/video_1/content',
      'v1/query/video_generation',
      'files/file.mp4',
      'a/./b',
      'a/../b',
      '../escape',
      'a b/ü',
      'a%2Fb',
      'x?y=1',
      'x#frag',
      'a:b@c~d',
      '',
    ];
    for (const base of ['https://api.test.example/v1', 'HTTPS://API.Test.Example:443/v1/', 'http://127.0.0.1:8080']) {
      const urls: string[] = [];
      const fetch = async (input: RequestInfo | URL) => {
        urls.push((input as Request).url);
        return Response.json({});
      };
      const api = createHttpClient(config, { apiKey: KEY, env: {}, baseUrl: base, fetch });
      for (const path of paths) await api.request({ method: 'GET', path });
      const normalised = base.replace(/\/+$/, '');
      // Always relative to the base: `a:b@c~d` is a path segment, not a URL with the scheme `a:`.
      expect(urls).toEqual(paths.map((path) => new URL(`./${path.replace(/^\/+/, '')}`, `${normalised}/`).toString()));
      expect(urls).toContain(`${new URL(normalised).origin}${new URL(`${normalised}/`).pathname}a:b@c~d`);
    }
  });

  it('reuses the fixed headers between requests without letting one request change another', async () => {
    const seen: Record<string, string>[] = [];
    const fetch = async (input: RequestInfo | URL) => {
      seen.push(Object.fromEntries((input as Request).headers));
      return Response.json({});
    };
    const api = client({ fetch, headers: { 'x-extra': 'yes' } });
    await api.request({ method: 'POST', path: 'a', json: {}, headers: { 'x-one': '1' }, idempotencyKey: 'k' });
    await api.request({ method: 'GET', path: 'b' });
    await api.raw({ method: 'GET', path: 'c' });
    expect(seen[0]).toMatchObject({ 'x-one': '1', 'content-type': 'application/json', accept: 'application/json' });
    expect(seen[1]).toEqual({
      accept: 'application/json',
      'user-agent': expect.stringMatching(/^hello-dave\//),
      'x-extra': 'yes',
      authorization: `Bearer ${KEY}`,
    });
    expect(seen[2]?.accept).toBe('*/*');
  });
});

describe('createHttpClient: retries', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('retries a 429 after the Retry-After it was given, then succeeds', async () => {
    const times: number[] = [];
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        times.push(Date.now());
        calls++;
        if (calls === 1)
          return HttpResponse.json(
            { error: { message: 'slow down' } },
            { status: 429, headers: { 'retry-after': '3' } },
          );
        if (calls === 2)
          return HttpResponse.json(
            { error: { message: 'again' } },
            { status: 503, headers: { 'retry-after-ms': '1500' } },
          );
        return HttpResponse.json({ ok: true });
      }),
    );
    const pending = client().request<{ ok: boolean }>({ method: 'GET', path: 'x' });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(pending).resolves.toMatchObject({ data: { ok: true } });
    expect(calls).toBe(3);
    expect(times[1]! - times[0]!).toBe(3000);
    expect(times[2]! - times[1]!).toBe(1500);
  });

  it('fails at once with a RateLimitError carrying retryAfterMs when Retry-After exceeds maxRetryDelayMs', async () => {
    const times: number[] = [];
    server.use(
      http.get(`${BASE}/x`, () => {
        times.push(Date.now());
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3600' } });
      }),
    );
    const error = await rejection(client({ maxRetryDelayMs: 2000 }).request({ method: 'GET', path: 'x' }));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(times).toHaveLength(1);
  });

  it('fails at once the same way for an error inside HTTP 200 whose Retry-After exceeds the cap', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json(
          { base_resp: { status_code: 1002, status_msg: 'rate limit' } },
          { headers: { 'retry-after': '120' } },
        );
      }),
    );
    const classify: ProviderConfig['classify'] = (answer) =>
      (answer.body as { base_resp?: { status_code: number } }).base_resp?.status_code === 1002
        ? { kind: 'rate-limit', message: 'rate limit', retryable: true, jobMayHaveStarted: false }
        : defaultClassifier(answer);
    const api = createHttpClient({ ...config, classify }, { apiKey: KEY, env: {}, maxRetryDelayMs: 60_000 });
    const error = await rejection(api.request({ method: 'POST', path: 'gen', json: {} }));
    expect(error).toMatchObject({ status: 200, retryAfterMs: 120_000 });
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(calls).toBe(1);
  });

  it('backs off exponentially from 500 ms with jitter, each wait capped at maxRetryDelayMs', async () => {
    const times: number[] = [];
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    server.use(
      http.get(`${BASE}/x`, () => {
        times.push(Date.now());
        return times.length < 4 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: 1 });
      }),
    );
    const pending = client({ maxRetries: 3, maxRetryDelayMs: 1500 }).request({ method: 'GET', path: 'x' });
    await vi.advanceTimersByTimeAsync(10_000);
    await pending;
    vi.mocked(Math.random).mockRestore();
    expect(times.slice(1).map((time, index) => time - times[index]!)).toEqual([500, 1000, 1500]);
  });

  it.each([400, 401, 403, 404, 422])('does not retry a %i', async (status) => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return HttpResponse.json({ error: { message: 'nope', code: 'bad' } }, { status });
      }),
    );
    await expect(client().request({ method: 'GET', path: 'x' })).rejects.toSatisfy(
      (error) => ApiError.isInstance(error) && error.status === status && error.code === undefined,
    );
    expect(calls).toBe(1);
  });

  it('does not retry a quota 429 (OpenAI insufficient_quota) and says what to do', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.openai.com/v1/x', () => {
        calls++;
        return HttpResponse.json(
          {
            error: {
              message: 'You exceeded your current quota',
              type: 'insufficient_quota',
              code: 'insufficient_quota',
            },
          },
          { status: 429, headers: { 'x-request-id': 'req_q' } },
        );
      }),
    );
    const error = await rejection(createOpenAIClient({ apiKey: KEY, env: {} }).request({ method: 'GET', path: 'x' }));
    expect(calls).toBe(1);
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ provider: 'openai', status: 429, code: 'insufficient_quota', requestId: 'req_q' });
    expect((error as Error).message).toMatch(/billing/);
  });

  it('gives up after maxRetries with the last typed error', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return HttpResponse.json({ error: { message: 'boom' } }, { status: 500 });
      }),
    );
    const pending = rejection(client({ maxRetries: 2 }).request({ method: 'GET', path: 'x' }));
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await pending;
    expect(ServerError.isInstance(error)).toBe(true);
    expect(calls).toBe(3);
  });

  it('never retries a job-starting POST after a 5xx (the job may have started), but does after a 429', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/jobs`, () => {
        calls++;
        return HttpResponse.json({ error: { message: 'boom' } }, { status: 500 });
      }),
    );
    await expect(client().request({ method: 'POST', path: 'jobs', json: {} })).rejects.toSatisfy(
      ServerError.isInstance.bind(ServerError),
    );
    expect(calls).toBe(1);

    calls = 0;
    server.use(
      http.post(`${BASE}/jobs`, () => {
        calls++;
        return calls === 1 ? HttpResponse.json({}, { status: 429 }) : HttpResponse.json({ id: 'job' });
      }),
    );
    const pending = client().request({ method: 'POST', path: 'jobs', json: {} });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ data: { id: 'job' } });
    expect(calls).toBe(2);
  });

  it('retries a job-starting POST after a 5xx when an idempotency key is sent, reusing the same key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/jobs`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? HttpResponse.json({}, { status: 502 }) : HttpResponse.json({ id: 'job' });
      }),
    );
    const pending = createHttpClient(
      { ...config, idempotencyHeader: 'idempotency-key' },
      { apiKey: KEY, env: {} },
    ).request({
      method: 'POST',
      path: 'jobs',
      json: {},
      idempotencyKey: 'idem-1',
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await pending;
    expect(keys).toEqual(['idem-1', 'idem-1']);
  });

  it('does not count an idempotency key the provider cannot take: no retry after a 5xx', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/jobs`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return HttpResponse.json({}, { status: 502 });
      }),
    );
    await expect(
      client().request({ method: 'POST', path: 'jobs', json: {}, idempotencyKey: 'idem-1' }),
    ).rejects.toSatisfy(ServerError.isInstance.bind(ServerError));
    expect(keys).toEqual([null]);
  });

  it('treats a NaN or negative maxRetries as the default and an infinite timeout as none', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return calls < 3 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: true });
      }),
    );
    const pending = client({ maxRetries: Number.NaN, timeoutMs: Number.POSITIVE_INFINITY }).request({
      method: 'GET',
      path: 'x',
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(pending).resolves.toMatchObject({ data: { ok: true } });
    expect(calls).toBe(3);
  });

  it('says what to do: a rate limit names the wait', async () => {
    server.use(
      http.get(`${BASE}/x`, () =>
        HttpResponse.json({ error: { message: 'Slow down' } }, { status: 429, headers: { 'retry-after': '3' } }),
      ),
    );
    const error = await rejection(client({ maxRetries: 0 }).request({ method: 'GET', path: 'x' }));
    expect((error as Error).message).toBe('acme 429: Slow down — too many requests; retry after 3 s');
    expect((error as RateLimitError).retryAfterMs).toBe(3000);
  });

  it('uses the provider classifier: an error inside HTTP 200 is thrown and retried when it says so', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json(
          calls === 1
            ? { base_resp: { status_code: 1002, status_msg: 'rate limit' } }
            : { ok: 1, base_resp: { status_code: 0 } },
        );
      }),
    );
    const classify: ProviderConfig['classify'] = (answer) => {
      const code = (answer.body as { base_resp?: { status_code: number; status_msg: string } }).base_resp;
      if (code && code.status_code !== 0)
        return {
          kind: 'rate-limit',
          message: code.status_msg,
          code: String(code.status_code),
          retryable: true,
          jobMayHaveStarted: false,
        };
      return defaultClassifier(answer);
    };
    const pending = createHttpClient({ ...config, classify }, { apiKey: KEY, env: {} }).request({
      method: 'POST',
      path: 'gen',
      json: {},
    });
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ data: { ok: 1 } });
    expect(calls).toBe(2);
  });

  it('abort during a retry wait rejects at once with AbortedError', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } });
      }),
    );
    const controller = new AbortController();
    const pending = rejection(client().request({ method: 'GET', path: 'x', signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(1);
    controller.abort();
    const error = await pending;
    expect(AbortedError.isInstance(error)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });

  it('retries network errors for safe requests and reports a ConnectionError at the end', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const pending = rejection(client({ maxRetries: 1 }).request({ method: 'GET', path: 'x' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ConnectionError.isInstance(await pending)).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('createHttpClient: setup errors say what is wrong', () => {
  it('a 404 from a base URL that is not the default names it and asks about the version path', async () => {
    server.use(http.get('https://gateway.test.example/x', () => HttpResponse.json({ error: 'nope' }, { status: 404 })));
    const error = await rejection(
      client({ baseUrl: 'https://gateway.test.example' }).request({ method: 'GET', path: 'x' }),
    );
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'the base URL https://gateway.test.example is wrong: does it include the version path /v1, as the default https://api.test.example/v1 does?',
    );
  });

  it('a 404 from the default base URL keeps the plain not-found hint', async () => {
    server.use(http.get(`${BASE}/x`, () => HttpResponse.json({ error: 'nope' }, { status: 404 })));
    const error = await rejection(client().request({ method: 'GET', path: 'x' }));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('base URL');
  });

  it('the fixture kit\'s answer to an unmatched request is "no fixture matched" with the diff, sent once, never "retry later"', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/x`, () => {
        calls++;
        return new HttpResponse('no fixture matched: body.json.model: expected "a", got "b"', {
          status: 599,
          headers: { 'x-fixture-mismatch': '1', 'content-type': 'text/plain' },
        });
      }),
    );
    const error = await rejection(client({ maxRetries: 3 }).request({ method: 'GET', path: 'x' }));
    const message = (error as Error).message;
    expect(message).toContain('no fixture matched: body.json.model: expected "a", got "b"');
    expect(message).toContain('fix the request or the fixture');
    expect(message).not.toMatch(/retry later/i);
    expect(calls).toBe(1);
  });
});

describe('createHttpClient: rawRead', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  type Envelope = { audio?: string; base_resp?: { status_code: number; status_msg: string } };
  /** Classifies an HTTP-200 `base_resp` like MiniMax: 1002 is a rate limit (no job started), 1000 may have started. */
  const classify: ProviderConfig['classify'] = (answer) => {
    const code = (answer.body as Envelope | undefined)?.base_resp;
    if (code && code.status_code !== 0)
      return {
        kind: code.status_code === 1002 ? 'rate-limit' : 'server',
        message: code.status_msg,
        code: String(code.status_code),
        retryable: true,
        jobMayHaveStarted: code.status_code !== 1002,
      };
    return defaultClassifier(answer);
  };
  const envelope = (status_code: number, status_msg: string) => ({ base_resp: { status_code, status_msg } });
  /** Reads the whole body: `audio` is the value, anything else goes back as `{ body }`. */
  const read = async (response: Response) => {
    const json = (await response.json()) as Envelope;
    return json.audio ? { value: json.audio } : { body: json };
  };
  const rawClient = (extra: Parameters<typeof createHttpClient>[1] = {}) =>
    createHttpClient({ ...config, classify }, { apiKey: KEY, env: {}, ...extra });
  const gen = { method: 'POST', path: 'gen', json: {} } as const;

  it('returns what the reader made of a 2xx answer, reading its body once', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json({ audio: 'abc' });
      }),
    );
    let seen: Response | undefined;
    const value = await rawClient().rawRead(gen, async (response) => {
      seen = response;
      return read(response);
    });
    expect(value).toBe('abc');
    expect(seen?.status).toBe(200);
    expect(calls).toBe(1);
  });

  it('retries a { body } the classifier marks retryable with no job started, with backoff, then succeeds', async () => {
    const times: number[] = [];
    const lines: string[] = [];
    server.use(
      http.post(`${BASE}/gen`, () => {
        times.push(Date.now());
        return times.length < 3
          ? HttpResponse.json(envelope(1002, 'rate limit'), { headers: { 'retry-after': '2' } })
          : HttpResponse.json({ audio: 'song' });
      }),
    );
    const pending = rawClient({ maxRetries: 2, logger: { debug: (line) => lines.push(line) } }).rawRead(gen, read);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(pending).resolves.toBe('song');
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(2000);
    expect(times[2]! - times[1]!).toBe(2000);
    expect(lines.filter((line) => line.startsWith('retrying POST gen in 2000 ms after:'))).toHaveLength(2);
  });

  it('gives up after maxRetries with the typed error of the last envelope', async () => {
    const times: number[] = [];
    server.use(
      http.post(`${BASE}/gen`, () => {
        times.push(Date.now());
        return HttpResponse.json(envelope(1002, 'rate limit'));
      }),
    );
    const pending = rejection(rawClient({ maxRetries: 1, maxRetryDelayMs: 1000 }).rawRead(gen, read));
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await pending;
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'acme', status: 200, code: '1002' });
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeLessThanOrEqual(1000);
  });

  it('does not retry a { body } whose job may have started, even with retries left', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json(envelope(1000, 'unknown error'));
      }),
    );
    const error = await rejection(rawClient({ maxRetries: 3 }).rawRead(gen, read));
    expect(ServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: '1000' });
    expect(calls).toBe(1);
  });

  it('throws a ResponseValidationError for a { body } the classifier finds no fault in', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json(envelope(0, 'success'));
      }),
    );
    const error = await rejection(rawClient().rawRead(gen, read));
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'acme', body: envelope(0, 'success') });
    expect((error as Error).message).toMatch(/no usable content/);
    expect(calls).toBe(1);
  });

  it('keeps raw behaviour for non-2xx answers (classified and retried, never read) and does not retry what read throws', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return calls === 1 ? HttpResponse.json({}, { status: 429 }) : HttpResponse.json({ audio: 'x' });
      }),
    );
    const reader = vi.fn(read);
    const pending = rawClient().rawRead(gen, reader);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(pending).resolves.toBe('x');
    expect(calls).toBe(2);
    expect(reader).toHaveBeenCalledTimes(1);

    calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json({ audio: 'x' });
      }),
    );
    const failure = new Error('bad audio');
    await expect(
      rawClient().rawRead(gen, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('abort during a retry wait rejects at once with AbortedError', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/gen`, () => {
        calls++;
        return HttpResponse.json(envelope(1002, 'rate limit'), { headers: { 'retry-after': '30' } });
      }),
    );
    const controller = new AbortController();
    const pending = rejection(rawClient().rawRead({ ...gen, signal: controller.signal }, read));
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(1);
    controller.abort();
    expect(AbortedError.isInstance(await pending)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });
});

describe('createHttpClient: sse', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  /** Like MiniMax: an HTTP-200 `base_resp` 1002 is a rate limit with no job started, 2013 a bad request. */
  const classify: ProviderConfig['classify'] = (answer) => {
    const code = (answer.body as { base_resp?: { status_code: number; status_msg: string } } | undefined)?.base_resp;
    if (code && code.status_code !== 0)
      return {
        kind: code.status_code === 1002 ? 'rate-limit' : 'bad-request',
        message: code.status_msg,
        code: String(code.status_code),
        retryable: code.status_code === 1002,
        jobMayHaveStarted: false,
      };
    return defaultClassifier(answer);
  };
  const sseClient = (extra: Parameters<typeof createHttpClient>[1] = {}) =>
    createHttpClient({ ...config, classify }, { apiKey: KEY, env: {}, ...extra });
  const stream = { method: 'POST', path: 'stream', json: { stream: true } } as const;
  const events = 'data: {"delta":"a"}\n\ndata: {"delta":"b"}\n\n';
  const collect = async (iterable: AsyncIterable<{ data: string }>) => {
    const out: string[] = [];
    for await (const event of iterable) out.push(event.data);
    return out;
  };

  it('retries a streamed request answered by a retryable JSON error inside HTTP 200, then streams', async () => {
    const accepts: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/stream`, ({ request }) => {
        accepts.push(request.headers.get('accept'));
        return accepts.length === 1
          ? HttpResponse.json(
              { base_resp: { status_code: 1002, status_msg: 'rate limit' } },
              { headers: { 'retry-after': '1' } },
            )
          : new HttpResponse(events, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    const pending = collect(sseClient({ maxRetries: 2 }).sse(stream));
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toEqual(['{"delta":"a"}', '{"delta":"b"}']);
    expect(accepts).toEqual(['text/event-stream', 'text/event-stream']);
  });

  it('throws the typed error of a JSON error that is not retryable, after one request', async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/stream`, () => {
        calls++;
        return HttpResponse.json({ base_resp: { status_code: 2013, status_msg: 'invalid params' } });
      }),
    );
    const error = await rejection(collect(sseClient({ maxRetries: 2 }).sse(stream)));
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect((error as BadRequestError).code).toBe('2013');
    expect(calls).toBe(1);
  });

  it('yields any other JSON answer as the one event of the stream', async () => {
    server.use(http.post(`${BASE}/stream`, () => HttpResponse.json({ id: 'x', done: true })));
    await expect(collect(sseClient().sse(stream))).resolves.toEqual(['{"id":"x","done":true}']);
  });
});

describe('retry helpers', () => {
  it('parses Retry-After as seconds, HTTP date and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), now)).toBe(10_000);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
  it('honours x-should-retry', () => {
    const base = { body: {}, request: { method: 'GET', path: '/' } };
    expect(
      defaultClassifier({ ...base, status: 500, headers: new Headers({ 'x-should-retry': 'false' }) })?.retryable,
    ).toBe(false);
    expect(
      defaultClassifier({ ...base, status: 400, headers: new Headers({ 'x-should-retry': 'true' }) })?.retryable,
    ).toBe(true);
  });
});

describe('secrets', () => {
  it('never puts the key in errors or debug logs, even when the provider echoes it', async () => {
    const lines: string[] = [];
    server.use(
      http.get(`${BASE}/x`, () =>
        HttpResponse.json(
          { error: { message: `Incorrect API key provided: ${KEY}`, code: 'invalid_api_key' } },
          { status: 401 },
        ),
      ),
    );
    const error = await rejection(
      client({ logger: { debug: (m, d) => lines.push(m + JSON.stringify(d ?? {})) } }).request({
        method: 'GET',
        path: 'x',
        query: { api_key: KEY },
      }),
    );
    expect(AuthenticationError.isInstance(error)).toBe(true);
    const dump = [
      String(error),
      (error as Error).stack,
      JSON.stringify(error),
      JSON.stringify((error as ApiError).body),
      ...lines,
    ].join('\n');
    expect(dump).not.toContain(KEY);
    expect(dump).not.toContain('SECRET-0123');
    expect(dump).toContain('<redacted>');
    expect(lines.some((line) => line.includes('authorization'))).toBe(true);
  });

  it('bad request errors carry provider, status, code, param and request id', async () => {
    server.use(
      http.post(`${BASE}/x`, () =>
        HttpResponse.json(
          {
            error: {
              message: 'Invalid value for seconds',
              type: 'invalid_request_error',
              code: 'invalid_value',
              param: 'seconds',
            },
          },
          { status: 400, headers: { 'x-request-id': 'req_9' } },
        ),
      ),
    );
    const error = await rejection(
      createHttpClient({ ...config, classify: classifyOpenAIAnswer }, { apiKey: KEY, env: {} }).request({
        method: 'POST',
        path: 'x',
        json: {},
      }),
    );
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'acme',
      status: 400,
      code: 'invalid_value',
      param: 'seconds',
      requestId: 'req_9',
    });
    expect((error as Error).message).toBe(
      'acme 400 invalid_value: Invalid value for seconds — fix the request as the message says (request id req_9)',
    );
  });
});

describe('createHttpClient: setup errors', () => {
  it.each([
    [{ baseUrl: 'not a url' }, {}, 'baseUrl', '"not a url" is not a URL'],
    [{ baseUrl: 'ftp://files.test/v1' }, {}, 'baseUrl', '"ftp://files.test/v1" uses ftp:'],
    [{}, { ACME_BASE_URL: 'api.acme.test/v1' }, 'ACME_BASE_URL', '"api.acme.test/v1" is not a URL'],
  ])(
    'an unusable base URL (%o, env %o) fails when the client is made, naming %s and the value',
    (options, env, source, text) => {
      const error = (() => {
        try {
          createHttpClient(config, { apiKey: KEY, env, ...options });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ field: source });
      expect((error as Error).message).toContain(text);
    },
  );
});
