/**
 * Issue 11 item 6: the idle timeout guards every body, parsed JSON included. Black-box: a provider client against
 * a real server on 127.0.0.1 that sends headers and part of a JSON body, then stalls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError } from '../../src/common/errors.js';
import { createOpenAIClient, retrieveVideo } from '../../src/providers/openai/index.js';
import { type LocalServer, startLocalServer } from './local-server.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('idle timeout on parsed JSON bodies', () => {
  it('ends a JSON body that stalls after its headers when timeoutMs is off', async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":"video_1","object":');
    });
    const client = createOpenAIClient({
      apiKey: 'sk-test-idle-0000',
      baseUrl: server.origin,
      env: {},
      timeoutMs: Number.POSITIVE_INFINITY,
      idleTimeoutMs: 150,
      maxRetries: 0,
    });
    const error = await retrieveVideo(client, 'video_1').catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('idle');
  });

  it('ends an error body (4xx JSON) that stalls after its headers', async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.write('{"error":{"message":"bad');
    });
    const client = createOpenAIClient({
      apiKey: 'sk-test-idle-0000',
      baseUrl: server.origin,
      env: {},
      timeoutMs: Number.POSITIVE_INFINITY,
      idleTimeoutMs: 150,
      maxRetries: 0,
    });
    const error = await retrieveVideo(client, 'video_1').catch((e: unknown) => e);
    expect(TimeoutError.isInstance(error)).toBe(true);
  });
});
