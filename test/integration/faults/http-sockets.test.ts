/**
 * Fault scenarios at the socket level (issue 18 item 1): refused connections, resets before and inside a body,
 * stalls before the headers and inside a body, and event streams cut or stalled mid-event — provider clients
 * against a real server on 127.0.0.1, with small time limits so that nothing hangs.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionError, TimeoutError } from '../../../src/common/errors.js';
import type { ModelStreamEvent } from '../../../src/core/model.js';
import { createMessage, streamMessage } from '../../../src/providers/anthropic/index.js';
import { composeMusic } from '../../../src/providers/elevenlabs/index.js';
import { checkLalalTasks } from '../../../src/providers/lalal/index.js';
import { generateSong, queryMurekaTask } from '../../../src/providers/mureka/index.js';
import { openai, retrieveVideo } from '../../../src/providers/openai/index.js';
import { generateCore, getImageResult } from '../../../src/providers/stability/index.js';
import { rejection } from '../../helpers.js';
import { answer, closedOrigin } from '../local-server.js';
import {
  ANTHROPIC_PARAMS,
  anthropicMessage,
  clients,
  murekaTask,
  MUREKA_SONG as SONG,
  soraVideo,
  useScriptedServers,
} from './http-fault-clients.js';

const serve = useScriptedServers();

/** A fetch that counts its calls (attempts that never reach a server leave no trace there). */
function countingFetch(): { calls: () => number; fetch: typeof fetch } {
  let calls = 0;
  const counting: typeof fetch = (input, init) => {
    calls++;
    return fetch(input, init);
  };
  return { calls: () => calls, fetch: counting };
}

/** One SSE frame. */
const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const MESSAGE_START = frame('message_start', {
  type: 'message_start',
  message: { ...anthropicMessage(), content: [], stop_reason: null },
});
const TEXT_START = frame('content_block_start', {
  type: 'content_block_start',
  index: 0,
  content_block: { type: 'text', text: '' },
});

/** Drains an async iterable; the events before the failure, and the failure. */
async function drain<T>(events: AsyncIterable<T>): Promise<{ seen: T[]; error: unknown }> {
  const seen: T[] = [];
  try {
    for await (const event of events) seen.push(event);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

const SSE = { 'content-type': 'text/event-stream' };

describe('connection refused', () => {
  it('Mureka song start on a closed port: ConnectionError (ECONNREFUSED), retried because nothing was sent', async () => {
    const origin = await closedOrigin();
    const counting = countingFetch();
    const error = await rejection(generateSong(clients.mureka(origin, { maxRetries: 2, fetch: counting.fetch }), SONG));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).provider).toBe('mureka');
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(counting.calls()).toBe(3);
  });

  it('Anthropic message on a closed port: ConnectionError naming the host, no key in the message', async () => {
    const origin = await closedOrigin();
    const error = await rejection(createMessage(clients.anthropic(origin, { maxRetries: 0 }), ANTHROPIC_PARAMS));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(origin.replace('http://', ''));
    expect((error as Error).message).not.toContain('sk-ant-test');
  });
});

describe('connection reset', () => {
  it('OpenAI GET reset before any answer, then answered: recovered on the retry', async () => {
    const api = await serve(answer.reset(), answer.json(200, soraVideo('queued')));
    const video = await retrieveVideo(clients.openai(api.origin), 'video_faults_1');
    expect(video.id).toBe('video_faults_1');
    expect(api.requests).toHaveLength(2);
  });

  it('Anthropic message reset before any answer on every attempt: ConnectionError after maxRetries + 1', async () => {
    const api = await serve(answer.reset());
    const error = await rejection(createMessage(clients.anthropic(api.origin, { maxRetries: 2 }), ANTHROPIC_PARAMS));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).provider).toBe('anthropic');
    expect(api.requests).toHaveLength(3);
  });

  it('Mureka task query reset in the middle of its JSON body: ConnectionError without retries', async () => {
    const api = await serve(
      answer.partial(200, { 'content-type': 'application/json', 'content-length': '400' }, '{"id":"1436', 'reset'),
    );
    const error = await rejection(queryMurekaTask(clients.mureka(api.origin, { maxRetries: 0 }), 'song', '1436211'));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it('Mureka task query reset mid-body, then answered: recovered (a query is safe to repeat)', async () => {
    const api = await serve(
      answer.partial(200, { 'content-type': 'application/json', 'content-length': '400' }, '{"id":"1436', 'reset'),
      answer.json(200, murekaTask('running')),
    );
    const task = await queryMurekaTask(clients.mureka(api.origin, { maxRetries: 1 }), 'song', '1436211');
    expect(task.status).toBe('running');
    expect(api.requests).toHaveLength(2);
  });

  it('Stability image reset at 60% of its bytes: ConnectionError, the paid call not sent again', async () => {
    const api = await serve(
      answer.partial(
        200,
        { 'content-type': 'image/png', 'content-length': '10000' },
        new Uint8Array(6_000).fill(7),
        'reset',
      ),
    );
    const error = await rejection(generateCore(clients.stability(api.origin), { prompt: 'a red fox in snow' }));
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });
});

describe('stalls (time limits, no hang)', () => {
  it('Stability result poll stalls before the headers: TimeoutError (request), retried once, within 2 s', async () => {
    const api = await serve(answer.stall());
    const started = Date.now();
    const error = await rejection(
      getImageResult(clients.stability(api.origin, { timeoutMs: 150, maxRetries: 1 }), 'gen_faults_1'),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('request');
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect(api.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('LALAL /check/ stalls in the middle of its JSON body (no overall limit): TimeoutError (idle)', async () => {
    const api = await serve(
      answer.partial(200, { 'content-type': 'application/json' }, '{"result":{"task_1":{"status":"pro', 'stall'),
    );
    const client = clients.lalal(api.origin, {
      timeoutMs: Number.POSITIVE_INFINITY,
      idleTimeoutMs: 150,
      maxRetries: 0,
    });
    const started = Date.now();
    const error = await rejection(checkLalalTasks(client, ['task_1']));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('idle');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('ElevenLabs song audio stalls mid-body: TimeoutError (idle), the composition not sent again', async () => {
    const api = await serve(
      answer.partial(200, { 'content-type': 'audio/mpeg', 'content-length': '50000' }, new Uint8Array(20_000), 'stall'),
    );
    const client = clients.elevenlabs(api.origin, { timeoutMs: Number.POSITIVE_INFINITY, idleTimeoutMs: 150 });
    const error = await rejection(composeMusic(client, { prompt: 'lo-fi beat', music_length_ms: 10_000 }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('idle');
    expect(api.requests).toHaveLength(1);
  });

  it('Anthropic stream stalls before the headers: TimeoutError (request)', async () => {
    const api = await serve(answer.stall());
    const client = clients.anthropic(api.origin, { timeoutMs: 150, maxRetries: 0 });
    const { seen, error } = await drain(streamMessage(client, ANTHROPIC_PARAMS));
    expect(seen).toEqual([]);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('request');
  });
});

describe('event streams cut or stalled mid-event', () => {
  const cutText = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de';

  it('Anthropic stream cut in the middle of an event: the events before it, then ConnectionError', async () => {
    const api = await serve(answer.partial(200, SSE, MESSAGE_START + TEXT_START + cutText, 'reset'));
    const { seen, error } = await drain(streamMessage(clients.anthropic(api.origin), ANTHROPIC_PARAMS));
    expect(seen.map((event) => event.type)).toEqual(['message_start', 'content_block_start']);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it('Anthropic stream stalls in the middle of an event: TimeoutError (idle), no hang', async () => {
    const api = await serve(answer.partial(200, SSE, MESSAGE_START + cutText, 'stall'));
    const client = clients.anthropic(api.origin, { idleTimeoutMs: 150 });
    const { seen, error } = await drain(streamMessage(client, ANTHROPIC_PARAMS));
    expect(seen.map((event) => event.type)).toEqual(['message_start']);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('idle');
  });

  it('OpenAI Responses stream cut in the middle of an event: the text before it, then ConnectionError', async () => {
    const created = frame('response.created', {
      type: 'response.created',
      sequence_number: 0,
      response: { id: 'resp_faults_1', object: 'response', status: 'in_progress', output: [] },
    });
    const delta = frame('response.output_text.delta', {
      type: 'response.output_text.delta',
      sequence_number: 1,
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'Hel',
    });
    const cut = 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_num';
    const api = await serve(answer.partial(200, SSE, created + delta + cut, 'reset'));
    const model = openai('gpt-5', { client: clients.openai(api.origin) });
    const { seen, error } = await drain<ModelStreamEvent>(
      model.stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [] }),
    );
    expect(seen.filter((event) => event.type === 'text-delta')).toEqual([{ type: 'text-delta', delta: 'Hel' }]);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });
});
