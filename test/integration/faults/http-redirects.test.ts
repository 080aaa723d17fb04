/**
 * Fault scenarios of redirects (issue 18 item 1): an API that redirects to another origin. No key reaches the
 * other origin, whatever header the provider carries it in (`Authorization`, `x-api-key`, `xi-api-key`,
 * `X-License-Key`); a redirect on the same origin keeps it; a request body that cannot be sent again is not.
 * Two real servers on 127.0.0.1 (different ports are different origins).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../src/common/errors.js';
import { composeMusic } from '../../../src/providers/elevenlabs/index.js';
import { downloadVideoContent } from '../../../src/providers/openai/index.js';
import { generateVideo } from '../../../src/providers/xai/index.js';
import { rejection } from '../../helpers.js';
import { answer, type ScriptedServer } from '../local-server.js';
import { clients, KEYS, useScriptedServers } from './http-fault-clients.js';

const serve = useScriptedServers();

/** Every header value the other origin received, as one text. */
function headerText(server: ScriptedServer): string {
  return JSON.stringify(server.requests.map((request) => request.headers));
}

describe('a redirect to another origin', () => {
  it('Anthropic GET redirected (302) to another origin: answered there, without x-api-key', async () => {
    const other = await serve(answer.json(200, { data: [{ id: 'claude-sonnet-4-6', type: 'model' }] }));
    const api = await serve(answer.redirect(302, `${other.origin}/v1/models`));
    const client = clients.anthropic(api.origin);
    const { data } = await client.request<{ data: { id: string }[] }>({ method: 'GET', path: 'models' });
    expect(data.data[0]?.id).toBe('claude-sonnet-4-6');
    expect(api.requests[0]?.headers['x-api-key']).toBe(KEYS.anthropic);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(headerText(other)).not.toContain(KEYS.anthropic);
  });

  it('ElevenLabs compose answered 303 to another origin: the audio fetched there with GET, without xi-api-key', async () => {
    const audio = new Uint8Array(2_048).fill(9);
    const other = await serve(answer.bytes(audio, 'audio/mpeg'));
    const api = await serve(answer.redirect(303, `${other.origin}/renders/song.mp3`));
    const song = await composeMusic(clients.elevenlabs(api.origin), { prompt: 'lo-fi beat', music_length_ms: 10_000 });
    expect(song.audio).toEqual(audio);
    expect(api.requests[0]?.headers['xi-api-key']).toBe(KEYS.elevenlabs);
    expect(other.requests.map((request) => [request.method, request.body])).toEqual([['GET', '']]);
    expect(headerText(other)).not.toContain(KEYS.elevenlabs);
  });

  it('LALAL GET redirected (301) to another origin: no X-License-Key there, nor any custom header', async () => {
    const other = await serve(answer.json(200, { ok: true }));
    const api = await serve(answer.redirect(301, `${other.origin}/elsewhere`));
    const client = clients.lalal(api.origin, { headers: { 'x-gateway-token': 'gw_faults_0000' } });
    await client.request({ method: 'GET', path: '/api/v1/anything/' });
    expect(api.requests[0]?.headers['x-license-key']).toBe(KEYS.lalal);
    expect(other.requests[0]?.headers['x-license-key']).toBeUndefined();
    expect(headerText(other)).not.toContain('gw_faults_0000');
  });

  it('Sora video content redirected (302) to a CDN: saved from there, no Authorization sent to it', async () => {
    const bytes = new Uint8Array(4_096).fill(3);
    const cdn = await serve(answer.bytes(bytes, 'video/mp4'));
    const api = await serve(answer.redirect(302, `${cdn.origin}/signed/video.mp4?sig=abc`));
    const dir = await mkdtemp(join(tmpdir(), 'faults-redirect-'));
    try {
      const saved = await downloadVideoContent(clients.openai(api.origin), 'video_faults_1', {
        to: join(dir, 'video.mp4'),
      });
      expect(saved.bytes).toBe(bytes.byteLength);
      expect(new Uint8Array(await readFile(join(dir, 'video.mp4')))).toEqual(bytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
    expect(cdn.requests[0]?.headers.authorization).toBeUndefined();
    expect(headerText(cdn)).not.toContain(KEYS.openai);
  });

  it('xAI video start answered 307 to another origin: ConnectionError, the paid request not sent anywhere again', async () => {
    const other = await serve(answer.json(200, { request_id: 'should-not-happen' }));
    const api = await serve(answer.redirect(307, `${other.origin}/v1/videos/generations`));
    const error = await rejection(
      generateVideo(clients.xai(api.origin, { maxRetries: 2 }), { model: 'grok-imagine-video', prompt: 'a fox' }),
    );
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('307');
    expect(api.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });
});

describe('a redirect on the same origin', () => {
  it('Anthropic GET redirected (308) on its own origin: followed with the key, as fetch does', async () => {
    const api = await serve(answer.redirect(308, '/v1/models/moved'), answer.json(200, { data: [] }));
    await clients.anthropic(api.origin).request({ method: 'GET', path: 'models' });
    expect(api.requests.map((request) => request.url)).toEqual(['/models', '/v1/models/moved']);
    expect(api.requests[1]?.headers['x-api-key']).toBe(KEYS.anthropic);
    expect(api.requests[1]?.headers['anthropic-version']).toBeDefined();
  });
});
