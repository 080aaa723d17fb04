import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortedError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
} from '../../src/common/errors.js';
import { type DownloadProgress, download, saveResponse } from '../../src/http/download.js';
import { server } from '../msw.js';

const API = 'https://api.example.com';
const CDN = 'https://cdn.example.net';
const KEY = 'sk-test-0123456789abcdef';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hello-dave-download-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(folder, { recursive: true, force: true });
});

const encoder = new TextEncoder();

/** A body that sends the given chunks, then ends (or stays open when `hang`). */
function streamOf(chunks: string[], hang = false): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
      else if (!hang) controller.close();
      else return new Promise<void>(() => undefined);
    },
  });
}

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('download to a file', () => {
  it('streams to a temporary file, renames it, and reports progress in bytes and percent', async () => {
    server.use(
      http.get(`${API}/file.bin`, () => {
        return new HttpResponse(streamOf(['aaaa', 'bbbb', 'cc']), {
          headers: { 'content-length': '10', 'content-type': 'video/mp4' },
        });
      }),
    );
    const progress: DownloadProgress[] = [];
    const target = join(folder, 'nested', 'out.mp4');
    const result = await download(`${API}/file.bin`, { to: target, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ path: target, bytes: 10, contentType: 'video/mp4' });
    expect(await readFile(target, 'utf8')).toBe('aaaabbbbcc');
    expect(progress).toEqual([
      { bytes: 4, total: 10, percent: 40 },
      { bytes: 8, total: 10, percent: 80 },
      { bytes: 10, total: 10, percent: 100 },
    ]);
    expect(await filesIn(join(folder, 'nested'))).toEqual(['out.mp4']);
  });

  it('can skip the fsync before the rename', async () => {
    server.use(http.get(`${API}/file.bin`, () => new HttpResponse('quick')));
    const target = join(folder, 'quick.bin');
    const result = await download(`${API}/file.bin`, { to: target, fsync: false });
    expect(result.bytes).toBe(5);
    expect(await readFile(target, 'utf8')).toBe('quick');
  });

  it('reports bytes only when no content-length is sent', async () => {
    server.use(http.get(`${API}/file.bin`, () => new HttpResponse(streamOf(['abc', 'de']))));
    const progress: DownloadProgress[] = [];
    const result = await download(`${API}/file.bin`, { to: join(folder, 'x'), onProgress: (p) => progress.push(p) });
    expect(result.bytes).toBe(5);
    expect(progress).toEqual([{ bytes: 3 }, { bytes: 5 }]);
  });

  it('fails on a body shorter than its content-length and leaves no file', async () => {
    server.use(
      http.get(`${API}/short`, () => new HttpResponse(streamOf(['12345']), { headers: { 'content-length': '100' } })),
    );
    const error = await download(`${API}/short`, { to: join(folder, 'short.bin') }).catch((e: unknown) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('5 of 100 bytes');
    expect(await filesIn(folder)).toEqual([]);
  });

  it('refuses a body whose content-length exceeds maxBytes before reading it', async () => {
    server.use(
      http.get(`${API}/big`, () => {
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new Uint8Array(1000));
          },
        });
        return new HttpResponse(body, { headers: { 'content-length': '1000000' } });
      }),
    );
    const onProgress = vi.fn();
    const error = await download(`${API}/big`, { to: join(folder, 'big.bin'), maxBytes: 1000, onProgress }).catch(
      (e: unknown) => e,
    );
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('maxBytes');
    expect(await filesIn(folder)).toEqual([]);
    expect(onProgress).not.toHaveBeenCalled();
  });

  it('aborts mid-stream once maxBytes is passed and leaves no file', async () => {
    server.use(http.get(`${API}/big`, () => new HttpResponse(streamOf(['aaaa', 'bbbb', 'cccc', 'dddd']))));
    const error = await download(`${API}/big`, { to: join(folder, 'big.bin'), maxBytes: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(await filesIn(folder)).toEqual([]);
  });

  it('maps a non-2xx answer to the error family and creates no file', async () => {
    server.use(
      http.get(`${API}/missing`, () =>
        HttpResponse.json(
          { error: { message: 'No such file' } },
          { status: 404, headers: { 'x-request-id': 'req_1' } },
        ),
      ),
      http.get(`${API}/busy`, () => new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '3' } })),
    );
    const missing = await download(`${API}/missing`, { to: join(folder, 'm'), provider: 'openai' }).catch(
      (e: unknown) => e,
    );
    expect(NotFoundError.isInstance(missing)).toBe(true);
    expect(missing).toMatchObject({ provider: 'openai', status: 404, requestId: 'req_1' });
    expect((missing as Error).message).toContain('No such file');
    const busy = await download(`${API}/busy`, { to: join(folder, 'b') }).catch((e: unknown) => e);
    expect(RateLimitError.isInstance(busy)).toBe(true);
    expect((busy as RateLimitError).retryAfterMs).toBe(3000);
    expect(await filesIn(folder)).toEqual([]);
  });
});

describe('download: URLs and credentials', () => {
  it.each(['file:///etc/passwd', 'data:text/plain,hi', 'ftp://example.com/x', 'not a url'])(
    'refuses %s before any request',
    async (url) => {
      const fetch = vi.fn<typeof globalThis.fetch>();
      const error = await download(url, { to: join(folder, 'x'), fetch }).catch((e: unknown) => e);
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect(fetch).not.toHaveBeenCalled();
    },
  );

  it('makes no request when the signal is already aborted', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const error = await download(`${API}/x`, { to: join(folder, 'x'), fetch, signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
    expect(await filesIn(folder)).toEqual([]);
  });

  it('refuses a redirect to a non-http URL', async () => {
    server.use(
      http.get(`${API}/go`, () => new HttpResponse(null, { status: 302, headers: { location: 'file:///etc/passwd' } })),
    );
    const error = await download(`${API}/go`, { to: join(folder, 'x') }).catch((e: unknown) => e);
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as RequestValidationError).field).toBe('redirect location');
  });

  it('sends auth headers to authOrigin only, and drops them (and credential headers) after a cross-origin redirect', async () => {
    const seen: { url: string; auth: string | null; cookie: string | null; extra: string | null }[] = [];
    const record = (request: Request): void => {
      seen.push({
        url: request.url,
        auth: request.headers.get('authorization'),
        cookie: request.headers.get('cookie'),
        extra: request.headers.get('x-extra'),
      });
    };
    server.use(
      http.get(`${API}/videos/1/content`, ({ request }) => {
        record(request);
        return new HttpResponse(null, { status: 302, headers: { location: `${CDN}/signed/1.mp4?sig=abc` } });
      }),
      http.get(`${CDN}/signed/1.mp4`, ({ request }) => {
        record(request);
        return new HttpResponse(null, { status: 307, headers: { location: '/final.mp4' } });
      }),
      http.get(`${CDN}/final.mp4`, ({ request }) => {
        record(request);
        return new HttpResponse('video');
      }),
    );
    const result = await download(`${API}/videos/1/content`, {
      to: join(folder, 'v.mp4'),
      authHeaders: { Authorization: `Bearer ${KEY}` },
      authOrigin: `${API}/v1`,
      headers: { 'x-extra': '1', cookie: 'session=1' },
    });
    expect(result.bytes).toBe(5);
    expect(seen).toEqual([
      { url: `${API}/videos/1/content`, auth: `Bearer ${KEY}`, cookie: 'session=1', extra: '1' },
      { url: `${CDN}/signed/1.mp4?sig=abc`, auth: null, cookie: null, extra: '1' },
      { url: `${CDN}/final.mp4`, auth: null, cookie: null, extra: '1' },
    ]);
  });

  it('never sends auth headers to a URL of another origin, nor without authOrigin', async () => {
    const auth: (string | null)[] = [];
    server.use(
      http.get(`${CDN}/a.mp4`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return new HttpResponse('a');
      }),
    );
    const authHeaders = { Authorization: `Bearer ${KEY}` };
    await download(`${CDN}/a.mp4`, { to: join(folder, 'a'), authHeaders, authOrigin: API });
    await download(`${CDN}/a.mp4`, { to: join(folder, 'b'), authHeaders });
    expect(auth).toEqual([null, null]);
  });

  it('gives up after 5 redirects', async () => {
    let hops = 0;
    server.use(
      http.get(`${API}/loop`, () => {
        hops++;
        return new HttpResponse(null, { status: 302, headers: { location: `${API}/loop` } });
      }),
    );
    const error = await download(`${API}/loop`, { to: join(folder, 'x') }).catch((e: unknown) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('more than 5 redirects');
    expect(hops).toBe(6);
  });

  it('keeps keys and signed queries out of error messages', async () => {
    server.use(http.get(`${API}/denied`, () => HttpResponse.json({ error: `bad key ${KEY}` }, { status: 401 })));
    const error = await download(`${API}/denied?sig=secret-signature`, {
      to: join(folder, 'x'),
      authHeaders: { Authorization: `Bearer ${KEY}` },
      authOrigin: API,
    }).catch((e: unknown) => e);
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('secret-signature');
  });
});

describe('download to a WritableStream', () => {
  it('writes every chunk and closes the stream', async () => {
    server.use(http.get(`${API}/s`, () => new HttpResponse(streamOf(['he', 'llo']))));
    const chunks: string[] = [];
    let closed = false;
    const to = new WritableStream<Uint8Array>({
      write(chunk) {
        chunks.push(new TextDecoder().decode(chunk));
      },
      close() {
        closed = true;
      },
    });
    const result = await download(`${API}/s`, { to });
    expect(result).toEqual({ bytes: 5 });
    expect(chunks.join('')).toBe('hello');
    expect(closed).toBe(true);
  });

  it('aborts the stream on failure', async () => {
    server.use(http.get(`${API}/s`, () => new HttpResponse(streamOf(['aaaa', 'bbbb']))));
    let abortReason: unknown;
    const to = new WritableStream<Uint8Array>({
      abort(reason) {
        abortReason = reason;
      },
    });
    const error = await download(`${API}/s`, { to, maxBytes: 6 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(abortReason).toBe(error);
  });
});

describe('saveResponse', () => {
  it('saves a Response it is given', async () => {
    const target = join(folder, 'r.txt');
    const result = await saveResponse(new Response('ready', { headers: { 'content-type': 'text/plain' } }), {
      to: target,
    });
    expect(result).toEqual({ path: target, bytes: 5, contentType: 'text/plain' });
    expect(await readFile(target, 'utf8')).toBe('ready');
  });

  it('ends a stalled body with TimeoutError (phase idle) and leaves no file', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const outcome = saveResponse(new Response(streamOf(['part'], true)), {
      to: join(folder, 'stall.bin'),
      idleTimeoutMs: 1000,
    }).catch((e: unknown) => e);
    // Let the file open and the first chunk land, then let time pass without data.
    await vi.waitFor(async () => expect((await filesIn(folder)).length).toBe(1));
    await vi.advanceTimersByTimeAsync(1000);
    const error = await outcome;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'idle', timeoutMs: 1000 });
    expect(await filesIn(folder)).toEqual([]);
  });

  it('stops at once on abort and leaves no file', async () => {
    const controller = new AbortController();
    const outcome = saveResponse(new Response(streamOf(['part'], true)), {
      to: join(folder, 'abort.bin'),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await vi.waitFor(async () => expect((await filesIn(folder)).length).toBe(1));
    controller.abort();
    const error = await outcome;
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(await filesIn(folder)).toEqual([]);
  });
});

describe('download: secrets in error answers', () => {
  it('redacts a bare key a server echoes back, not only the whole header value', async () => {
    const plain = 'plainkey-NOT-sk-shaped-42';
    server.use(
      http.get(`${API}/secret.bin`, () =>
        HttpResponse.json({ error: { message: `bad key ${plain}` } }, { status: 401 }),
      ),
    );
    const dir = await mkdtemp(join(tmpdir(), 'hd-dl-secret-'));
    const error = await download(`${API}/secret.bin`, {
      to: join(dir, 'x.bin'),
      authHeaders: { authorization: `Bearer ${plain}` },
      authOrigin: API,
    }).catch((e: unknown) => e);
    const dump = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`;
    expect(dump).not.toContain(plain);
    expect(dump).toContain('<redacted>');
    expect(await readdir(dir)).toEqual([]);
  });
});
