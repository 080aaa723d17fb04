import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createRecordingFetch,
  type Fixture,
  isSecretHeader,
  isSecretQueryName,
  redactCredential,
  replayFixtures,
} from '../../src/testing/index.js';
import { server } from '../msw.js';

const base = 'https://api.example.test';

describe('record mode helpers', () => {
  it('knows which header and query names carry credentials', () => {
    for (const name of ['authorization', 'x-api-key', 'xi-api-key', 'api-key', 'x-goog-api-key', 'x-license-key']) {
      expect(isSecretHeader(name), name).toBe(true);
    }
    expect(isSecretHeader('content-type')).toBe(false);
    expect(isSecretHeader('x-custom', ['X-Custom'])).toBe(true);
    for (const name of ['api_key', 'apiKey', 'key', 'access_token', 'X-Amz-Signature', 'sig', 'client_secret']) {
      expect(isSecretQueryName(name), name).toBe(true);
    }
    for (const name of ['max_tokens', 'limit', 'design', 'after']) expect(isSecretQueryName(name), name).toBe(false);
    expect(redactCredential('Bearer sk-abc')).toBe('Bearer <redacted>');
    expect(redactCredential('raw-key')).toBe('<redacted>');
  });

  it('records in memory (binary as base64) and leaves the caller’s body intact', async () => {
    server.use(
      http.post(`${base}/v1/images`, async ({ request }) =>
        HttpResponse.json({ echo: await request.json() }, { headers: { 'x-request-id': 'req_9' } }),
      ),
      http.get(`${base}/v1/images/img_1/content`, () =>
        HttpResponse.arrayBuffer(new Uint8Array([1, 2, 3, 250]).buffer, { headers: { 'content-type': 'image/webp' } }),
      ),
    );
    const recorded: Fixture[] = [];
    const recording = createRecordingFetch({ onRecord: (fixture) => void recorded.push(fixture) });
    const headers = { authorization: 'Bearer sk-unit-0123456789', 'content-type': 'application/json' };
    const created = await recording(`${base}/v1/images?token=tok-123456`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ prompt: 'a fox' }),
    });
    expect(await created.json()).toEqual({ echo: { prompt: 'a fox' } });
    const content = await recording(`${base}/v1/images/img_1/content`, {
      headers: { authorization: headers.authorization },
    });
    expect([...new Uint8Array(await content.arrayBuffer())]).toEqual([1, 2, 3, 250]);
    await recording.flush();

    expect(recording.exchanges.map((exchange) => exchange.name)).toEqual([
      'post-v1-images',
      'get-v1-images-img_1-content',
    ]);
    expect(recorded[0]?.request).toEqual({
      method: 'POST',
      path: '/v1/images',
      query: { token: '<redacted>' },
      headers: { authorization: 'Bearer <redacted>', 'content-type': 'application/json' },
      body: { json: { prompt: 'a fox' } },
    });
    expect(recorded[1]?.response.body).toEqual({ base64: 'AQID+g==' });
    expect(JSON.stringify(recorded)).not.toMatch(/sk-unit|tok-123456/);

    server.resetHandlers();
    const replay = await replayFixtures(recorded, { baseUrl: base });
    server.use(...replay.handlers);
    const again = await fetch(`${base}/v1/images/img_1/content`, { headers: { authorization: 'Bearer x-other' } });
    expect(again.headers.get('content-type')).toBe('image/webp');
    expect([...new Uint8Array(await again.arrayBuffer())]).toEqual([1, 2, 3, 250]);
    const recreated = await fetch(`${base}/v1/images?token=other`, {
      method: 'POST',
      headers: { authorization: 'Bearer x-other', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a fox' }),
    });
    expect(recreated.headers.get('x-request-id')).toBe('req_9');
    expect(await recreated.json()).toEqual({ echo: { prompt: 'a fox' } });
    replay.assertAllUsed();
  });
});
