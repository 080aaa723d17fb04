import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A real HTTP server on 127.0.0.1 (random port) for socket-level tests. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Stops listening and destroys every open connection (stalled ones included). */
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0, answering with `handler`. */
export async function startLocalServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One request a {@link ScriptedServer} received. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The whole body, as text (empty when the step answered before reading it). */
  readonly body: string;
}

/** One answer of a {@link ScriptedServer}; `body` is the request's body, read whole. */
export type Step = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A {@link LocalServer} that answers the n-th request with the n-th step (the last one repeats). */
export interface ScriptedServer extends LocalServer {
  /** Every request received so far, in order. */
  readonly requests: ReceivedRequest[];
}

/** Starts a server whose answers follow `steps` in order, the last repeating; each request is recorded. */
export async function startScriptedServer(...steps: Step[]): Promise<ScriptedServer> {
  if (steps.length === 0) throw new Error('startScriptedServer needs at least one step');
  const requests: ReceivedRequest[] = [];
  const server = await startLocalServer((request, response) => {
    const step = steps[Math.min(requests.length, steps.length - 1)] as Step;
    const chunks: Buffer[] = [];
    const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: '' };
    requests.push(entry);
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      entry.body = Buffer.concat(chunks).toString('utf8');
      step(request, response, entry.body);
    });
  });
  return { ...server, requests };
}

/** The origin of a port nothing listens on (connecting is refused). */
export async function closedOrigin(): Promise<string> {
  const server = await startLocalServer(() => undefined);
  await server.close();
  return server.origin;
}

/** Steps for {@link startScriptedServer}. */
export const answer = {
  /** A JSON answer. */
  json:
    (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
    (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    },
  /** A text answer with the given content type (malformed JSON, an HTML error page, …). */
  text:
    (status: number, text: string, contentType = 'application/json', headers: Record<string, string> = {}): Step =>
    (_request, response) => {
      response.writeHead(status, { 'content-type': contentType, ...headers });
      response.end(text);
    },
  /** Bytes with a content-length. */
  bytes:
    (bytes: Uint8Array, contentType = 'application/octet-stream'): Step =>
    (_request, response) => {
      response.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes.byteLength) });
      response.end(bytes);
    },
  /** The connection is reset before any answer. */
  reset: (): Step => (request) => request.socket.destroy(),
  /** Never answers (a stall before the headers). */
  stall: (): Step => () => undefined,
  /** Headers and the first part of the body, then `then`: the connection reset, or a stall. */
  partial:
    (status: number, headers: Record<string, string>, first: string | Uint8Array, then: 'reset' | 'stall'): Step =>
    (_request, response) => {
      response.writeHead(status, headers);
      response.write(first);
      if (then === 'reset') setTimeout(() => response.socket?.destroy(), 20);
    },
  /** A redirect to `location`. */
  redirect:
    (status: number, location: string): Step =>
    (_request, response) => {
      response.writeHead(status, { location });
      response.end();
    },
};
