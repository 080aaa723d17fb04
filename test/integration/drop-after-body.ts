import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LocalServer, startLocalServer } from './local-server.js';

/** One request the server read to its end. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** The whole body, as bytes. */
  readonly body: Buffer;
}

/** A server on 127.0.0.1 that reads each whole request, then answers some (`answer`) and drops the rest. */
export interface DropAfterBodyServer extends LocalServer {
  /** Every request received, in order (read to its end). */
  readonly received: ReceivedRequest[];
  /** The requests that were dropped (connection destroyed without a byte of answer). */
  readonly dropped: ReceivedRequest[];
}

/**
 * What the server does with a request it has read: answer it (`{ status, json }` or a function that writes the
 * answer itself) or `'drop'`: destroy the socket without answering, as when a connection dies after the
 * provider took the request (and perhaps started a paid job).
 */
export type DropDecision =
  | 'drop'
  | { status: number; json: unknown; headers?: Record<string, string> }
  | ((response: ServerResponse) => void);

/**
 * Starts a server that reads every request body whole and then acts on `decide` (default: drop them all).
 * @example
 * const server = await startDropAfterBodyServer();
 * await createVideo(client(server.origin), params).catch(() => undefined);
 * expect(server.received).toHaveLength(1);
 */
export async function startDropAfterBodyServer(
  decide: (request: ReceivedRequest) => DropDecision = () => 'drop',
): Promise<DropAfterBodyServer> {
  const received: ReceivedRequest[] = [];
  const dropped: ReceivedRequest[] = [];
  const server = await startLocalServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(seen);
      const decision = decide(seen);
      if (decision === 'drop') {
        dropped.push(seen);
        request.socket.destroy();
      } else if (typeof decision === 'function') {
        decision(response);
      } else {
        response.writeHead(decision.status, { 'content-type': 'application/json', ...decision.headers });
        response.end(JSON.stringify(decision.json));
      }
    });
  });
  return { ...server, received, dropped };
}

/** The error a call failed with (the test fails when it succeeds). */
export async function failureOf(promise: Promise<unknown> | undefined): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
