/**
 * Fault scenarios, answers that cannot be used (issue 18 item 1): malformed JSON, bodies that do not match the
 * response schema, empty bodies, and HTML pages from a proxy — provider clients against a real server on
 * 127.0.0.1. Each ends in a ResponseValidationError (or the typed API error of the status) naming the provider,
 * and none is sent again.
 */
import { describe, expect, it } from 'vitest';
import { ResponseValidationError, ServerError } from '../../../src/common/errors.js';
import { createMessage } from '../../../src/providers/anthropic/index.js';
import { checkLalalTasks } from '../../../src/providers/lalal/index.js';
import { queryVideoTask } from '../../../src/providers/minimax/index.js';
import { queryMurekaTask } from '../../../src/providers/mureka/index.js';
import { retrieveVideo } from '../../../src/providers/openai/index.js';
import { generateCore } from '../../../src/providers/stability/index.js';
import { generateVideo } from '../../../src/providers/xai/index.js';
import { rejection } from '../../helpers.js';
import { answer } from '../local-server.js';
import { ANTHROPIC_PARAMS, anthropicMessage, clients, useScriptedServers } from './http-fault-clients.js';

const serve = useScriptedServers();

/** Asserts a ResponseValidationError of `provider` and returns it. */
function expectInvalid(error: unknown, provider: string): ResponseValidationError {
  expect(ResponseValidationError.isInstance(error), String(error)).toBe(true);
  const invalid = error as ResponseValidationError;
  expect(invalid.provider).toBe(provider);
  expect(invalid.message).toContain('unexpected response');
  return invalid;
}

describe('malformed JSON', () => {
  it('OpenAI video retrieve answering truncated JSON: ResponseValidationError holding the text, not retried', async () => {
    const api = await serve(answer.text(200, '{"id":"video_faults_1","status":'));
    const error = await rejection(retrieveVideo(clients.openai(api.origin), 'video_faults_1'));
    const invalid = expectInvalid(error, 'openai');
    expect(invalid.body).toBe('{"id":"video_faults_1","status":');
    expect(api.requests).toHaveLength(1);
  });

  it('MiniMax task query answering malformed JSON: ResponseValidationError', async () => {
    const api = await serve(answer.text(200, '{"task_id":"1","status":"Processing",base_resp:{}}'));
    const error = await rejection(queryVideoTask(clients.minimax(api.origin), '106916112212032'));
    expectInvalid(error, 'minimax');
    expect(api.requests).toHaveLength(1);
  });

  it('OpenAI video retrieve answering an HTML page with status 200 (a captive portal): ResponseValidationError', async () => {
    const api = await serve(answer.text(200, '<html><body>Sign in to the Wi-Fi</body></html>', 'text/html'));
    const error = await rejection(retrieveVideo(clients.openai(api.origin), 'video_faults_1'));
    expectInvalid(error, 'openai');
  });
});

describe('bodies that do not match the response schema', () => {
  it('OpenAI video whose id is a number: ResponseValidationError naming the call and the field', async () => {
    const api = await serve(answer.json(200, { id: 42, object: 'video', status: 'queued' }));
    const error = await rejection(retrieveVideo(clients.openai(api.origin), 'video_faults_1'));
    const invalid = expectInvalid(error, 'openai');
    expect(invalid.message).toContain('retrieveVideo: id:');
    expect(invalid.body).toEqual({ id: 42, object: 'video', status: 'queued' });
  });

  it('Anthropic message without content: ResponseValidationError, not retried', async () => {
    const { content: _content, ...noContent } = anthropicMessage();
    const api = await serve(answer.json(200, noContent));
    const error = await rejection(createMessage(clients.anthropic(api.origin), ANTHROPIC_PARAMS));
    const invalid = expectInvalid(error, 'anthropic');
    expect(invalid.message).toMatch(/content/);
    expect(api.requests).toHaveLength(1);
  });

  it('xAI video start answering without request_id: ResponseValidationError, the job start not sent again', async () => {
    const api = await serve(answer.json(200, { id: 'not-the-field' }));
    const error = await rejection(
      generateVideo(clients.xai(api.origin), { model: 'grok-imagine-video', prompt: 'a fox in snow' }),
    );
    const invalid = expectInvalid(error, 'xai');
    expect(invalid.message).toContain('request_id');
    expect(invalid.body).toEqual({ id: 'not-the-field' });
    expect(api.requests).toHaveLength(1);
  });

  it('LALAL /check/ answering without its result map: ResponseValidationError', async () => {
    const api = await serve(answer.json(200, { status: 'success' }));
    const error = await rejection(checkLalalTasks(clients.lalal(api.origin), ['task_1']));
    expect(expectInvalid(error, 'lalal').message).toContain('result');
  });

  it('Mureka task query answering a JSON array: ResponseValidationError', async () => {
    const api = await serve(answer.json(200, [{ id: '1436211' }]));
    const error = await rejection(queryMurekaTask(clients.mureka(api.origin), 'song', '1436211'));
    expectInvalid(error, 'mureka');
  });

  it('Stability image answering 200 with an empty body: ResponseValidationError (the answer is empty)', async () => {
    const api = await serve(answer.bytes(new Uint8Array(0), 'image/png'));
    const error = await rejection(generateCore(clients.stability(api.origin), { prompt: 'a red fox in snow' }));
    expect(expectInvalid(error, 'stability').message).toContain('empty');
    expect(api.requests).toHaveLength(1);
  });
});

describe('error pages that are not JSON', () => {
  it("Anthropic behind a proxy answering 502 with an HTML page: ServerError (502), retried, the page's text kept short", async () => {
    const page = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5_000)}</body></html>`;
    const api = await serve(answer.text(502, page, 'text/html'));
    const error = await rejection(createMessage(clients.anthropic(api.origin, { maxRetries: 1 }), ANTHROPIC_PARAMS));
    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as ServerError).status).toBe(502);
    expect((error as Error).message).toContain('502 Bad Gateway');
    expect((error as Error).message.length).toBeLessThan(1_000);
    expect(api.requests).toHaveLength(2);
  });
});
