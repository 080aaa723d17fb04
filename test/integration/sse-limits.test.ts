/**
 * Issue 11 item 8: bounded SSE lines (a typed error past a configurable cap, not an out-of-memory crash), and the
 * raw Anthropic `streamMessage` throws on a stream that ends without `message_stop`. Real servers on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseValidationError } from '../../src/common/errors.js';
import { createAnthropicClient, streamMessage } from '../../src/providers/anthropic/index.js';
import { createChatCompletionsClient, streamChatCompletion } from '../../src/providers/openai-compatible/index.js';
import { type LocalServer, startLocalServer } from './local-server.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Streams `data: xxxx…` without ever ending the line, in 64 KiB writes, until the client goes away. */
async function endlessLine(): Promise<{ origin: string; written: () => number }> {
  let written = 0;
  server = await startLocalServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: ');
    const piece = 'x'.repeat(64 * 1024);
    const pump = () => {
      while (!response.destroyed && written < 512 * 1024 * 1024) {
        written += piece.length;
        if (!response.write(piece)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    response.on('close', () => undefined);
    pump();
  });
  return { origin: server.origin, written: () => written };
}

async function drain(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of iterable) {
      // read on
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('bounded SSE lines', () => {
  it('a line past the configured cap is a typed error naming the option, and the connection is dropped', async () => {
    const { origin, written } = await endlessLine();
    const client = createChatCompletionsClient({
      baseUrl: `${origin}/v1`,
      apiKey: 'sk-test-0123456789abcdef',
      env: {},
      maxRetries: 0,
      maxSseLineLength: 1024 * 1024,
    });
    const error = await drain(
      streamChatCompletion(client, { model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(ResponseValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/maxSseLineLength/);
    // Stopped near the cap, not after reading everything the server would send.
    expect(written()).toBeLessThan(64 * 1024 * 1024);
  });

  it('the default cap (64 MiB) holds on the raw Anthropic stream too', async () => {
    const { origin } = await endlessLine();
    const client = createAnthropicClient({ apiKey: 'sk-ant-test-0123456789', baseUrl: origin, env: {}, maxRetries: 0 });
    const error = await drain(
      streamMessage(client, {
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(ResponseValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/67108864|64 MiB/);
  });
});

describe('the raw Anthropic streamMessage', () => {
  it('throws on a stream that ends without message_stop', async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const events = [
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            content: [],
            model: 'claude-sonnet-4-6',
            usage: { input_tokens: 1, output_tokens: 0 },
          },
        },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      ];
      for (const event of events) response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      response.end();
    });
    const client = createAnthropicClient({
      apiKey: 'sk-ant-test-0123456789',
      baseUrl: server.origin,
      env: {},
      maxRetries: 0,
    });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const event of streamMessage(client, {
          model: 'claude-sonnet-4-6',
          max_tokens: 10,
          messages: [{ role: 'user', content: 'hi' }],
        })) {
          seen.push(event.type);
        }
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(seen).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(ResponseValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/message_stop/);
  });
});
