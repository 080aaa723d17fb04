import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError, ConnectionError, TimeoutError } from '../../src/common/errors.js';
import { createHttpClient } from '../../src/http/create-http-client.js';
import type { ProviderConfig } from '../../src/http/types.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientFor(baseUrl: string, extra: Parameters<typeof createHttpClient>[1] = {}) {
  const config: ProviderConfig = { provider: 'local', baseUrl, auth: { type: 'bearer' } };
  return createHttpClient(config, { apiKey: 'k', env: {}, maxRetries: 0, ...extra });
}

describe('HTTP layer against real sockets', () => {
  it('times out when no headers arrive', async () => {
    const base = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const error = await clientFor(base, { timeoutMs: 150 })
      .request({ method: 'GET', path: 'x' })
      .catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('request');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out when a JSON body stalls half way (no hang)', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"partial":');
    });
    const error = await clientFor(base, { timeoutMs: 200 })
      .request({ method: 'GET', path: 'x' })
      .catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
  });

  it('ends a stalled raw body with an idle timeout', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(1024, 1));
    });
    const response = await clientFor(base, { idleTimeoutMs: 150 }).raw({ method: 'GET', path: 'file' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBe(1024);
    const error = await reader.read().catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('idle');
  });

  it('does not time out a consumer that pauses between reads (only network waits count)', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(10, 1));
      setTimeout(() => response.end(Buffer.alloc(10, 2)), 30);
    });
    const response = await clientFor(base, { idleTimeoutMs: 150 }).raw({ method: 'GET', path: 'file' });
    const reader = response.body!.getReader();
    let total = 0;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      total += chunk.value.byteLength;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(total).toBe(20);
  });

  it('streams SSE events as they are written, and an idle stream times out', async () => {
    let writeMore: (() => void) | undefined;
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      writeMore = () => response.write('data: two\n\n');
    });
    const events = clientFor(base, { idleTimeoutMs: 300 }).sse({
      method: 'POST',
      path: 'stream',
      json: {},
      retry: 'safe',
    });
    const iterator = events[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ data: 'one' });
    writeMore!();
    expect((await iterator.next()).value).toEqual({ data: 'two' });
    const error = await iterator.next().catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
  });

  it('abort mid-stream ends the body with AbortedError', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
    });
    const controller = new AbortController();
    const iterator = clientFor(base)
      .sse({ method: 'GET', path: 'stream', signal: controller.signal })
      [Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next().catch((e: unknown) => e);
    controller.abort();
    expect(AbortedError.isInstance(await pending)).toBe(true);
  });

  it('a reset connection mid-body is a ConnectionError', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '100000' });
      response.write(Buffer.alloc(1000));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const response = await clientFor(base).raw({ method: 'GET', path: 'file' });
    const reader = response.body!.getReader();
    let error: unknown;
    try {
      while (!(await reader.read()).done) {
        /* drain */
      }
    } catch (e) {
      error = e;
    }
    expect(ConnectionError.isInstance(error)).toBe(true);
  });

  it('retries a job-starting POST when the connection was refused (no job can have started)', async () => {
    // Find a free port, then close it so connecting is refused.
    const base = await serve(() => undefined);
    const server = servers.pop()!;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const error = await clientFor(base, { maxRetries: 2, maxRetryDelayMs: 10, fetch: counting })
      .request({ method: 'POST', path: 'jobs', json: {}, retry: 'job-start' })
      .catch((e: unknown) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(attempts).toBe(3);
  });

  it('does not retry a job-starting POST whose connection broke after sending', async () => {
    let attempts = 0;
    const base = await serve((request) => {
      attempts++;
      request.socket.destroy();
    });
    const error = await clientFor(base, { maxRetries: 2, maxRetryDelayMs: 10 })
      .request({ method: 'POST', path: 'jobs', json: { prompt: 'x' }, retry: 'job-start' })
      .catch((e: unknown) => e);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(attempts).toBe(1);
  });
});
