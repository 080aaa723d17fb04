import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, ConnectionError, TimeoutError } from '../../src/common/errors.js';
import { download } from '../../src/http/download.js';
import { type LocalServer, startLocalServer } from './local-server.js';

const SIZE = 1024 * 1024;
const CHUNK = 64 * 1024;

/** Deterministic content: byte i is i mod 251. */
function bodyBytes(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = i % 251;
  return out;
}
const BODY = bodyBytes(SIZE);

let folder: string;
const servers: LocalServer[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hello-dave-download-it-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(folder, { recursive: true, force: true });
});

async function serve(handler: Parameters<typeof startLocalServer>[0]): Promise<string> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server.origin;
}

/** Sends the head and `sentBytes` of the body, then does what `then` says. */
function partialBody(sentBytes: number, then: 'stall' | 'reset'): Parameters<typeof startLocalServer>[0] {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(SIZE) });
    response.write(BODY.subarray(0, sentBytes), () => {
      if (then === 'reset') setTimeout(() => response.socket?.destroy(), 20);
    });
  };
}

describe('download against a real server', () => {
  it('writes the exact bytes through a temporary file renamed at the end', async () => {
    const origin = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(SIZE) });
      let offset = 0;
      const next = (): void => {
        while (offset < SIZE) {
          const chunk = BODY.subarray(offset, offset + CHUNK);
          offset += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', next);
            return;
          }
        }
        response.end();
      };
      next();
    });
    const target = join(folder, 'video.mp4');
    const targetSeenEarly: boolean[] = [];
    const result = await download(`${origin}/video.mp4`, {
      to: target,
      idleTimeoutMs: 2000,
      onProgress: () => {
        if (targetSeenEarly.length === 0) targetSeenEarly.push(existsSync(target));
      },
    });
    expect(result).toEqual({ path: target, bytes: SIZE, contentType: 'video/mp4' });
    expect(targetSeenEarly).toEqual([false]);
    const written = await readFile(target);
    expect(written.equals(BODY)).toBe(true);
    expect(await readdir(folder)).toEqual(['video.mp4']);
  });

  it('shows only a hidden .part file while the body is arriving', async () => {
    let release: (() => void) | undefined;
    const origin = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '8' });
      response.write('1234');
      release = () => response.end('5678');
    });
    const target = join(folder, 'clip.bin');
    let seen: string[] = [];
    const promise = download(`${origin}/clip.bin`, {
      to: target,
      idleTimeoutMs: 2000,
      onProgress: ({ bytes }) => {
        if (bytes === 4) {
          void readdir(folder).then((names) => {
            seen = names;
            release?.();
          });
        }
      },
    });
    await promise;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\.clip\.bin\.[0-9a-f]{12}\.part$/);
    expect(await readdir(folder)).toEqual(['clip.bin']);
  });

  it('ends a mid-body stall with TimeoutError (idle) and leaves no file', async () => {
    const origin = await serve(partialBody(100_000, 'stall'));
    const started = Date.now();
    const error = await download(`${origin}/stall`, { to: join(folder, 'stall.bin'), idleTimeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'idle', timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(900);
    expect(await readdir(folder)).toEqual([]);
  });

  it('ends a stall before the headers with TimeoutError (request)', async () => {
    const origin = await serve(() => undefined);
    const error = await download(`${origin}/silent`, { to: join(folder, 'x.bin'), idleTimeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('request');
    expect(await readdir(folder)).toEqual([]);
  });

  it('stops at once on abort mid-body and leaves no file', async () => {
    const origin = await serve(partialBody(100_000, 'stall'));
    const controller = new AbortController();
    const started = Date.now();
    const error = await download(`${origin}/abort`, {
      to: join(folder, 'abort.bin'),
      signal: controller.signal,
      idleTimeoutMs: 5000,
      onProgress: () => setTimeout(() => controller.abort(), 50),
    }).catch((e: unknown) => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(900);
    expect(await readdir(folder)).toEqual([]);
  });

  it('fails on a connection reset mid-body and leaves no file', async () => {
    const origin = await serve(partialBody(100_000, 'reset'));
    const error = await download(`${origin}/reset`, { to: join(folder, 'reset.bin'), idleTimeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(await readdir(folder)).toEqual([]);
  });

  it('does not forward auth headers through a real cross-origin redirect', async () => {
    const seen: { host: string; auth: string | undefined }[] = [];
    const cdn = await serve((request, response) => {
      seen.push({ host: 'cdn', auth: request.headers.authorization });
      response.end('media');
    });
    // 127.0.0.1 and localhost are different origins for the same machine.
    const cdnOtherOrigin = cdn.replace('127.0.0.1', 'localhost');
    const api = await serve((request, response) => {
      seen.push({ host: 'api', auth: request.headers.authorization });
      response.writeHead(302, { location: `${cdnOtherOrigin}/file.mp4` });
      response.end();
    });
    const result = await download(`${api}/content`, {
      to: join(folder, 'file.mp4'),
      authHeaders: { authorization: 'Bearer sk-test-abcdefghijkl' },
      authOrigin: api,
      idleTimeoutMs: 2000,
    });
    expect(result.bytes).toBe(5);
    expect(seen).toEqual([
      { host: 'api', auth: 'Bearer sk-test-abcdefghijkl' },
      { host: 'cdn', auth: undefined },
    ]);
  });
});
