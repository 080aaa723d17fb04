import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_BASE_URL,
  type Fixture,
  loadFixture,
  loadFixtureSequence,
  parseFixture,
  replayFixtures,
  useFixtures,
} from '../../src/testing/index.js';
import { server } from '../msw.js';

const base = 'https://api.example.test';
const dir = 'test/testing/fixtures';

function poll(status: string): Fixture {
  return {
    source: 'recorded',
    request: { method: 'GET', path: '/v1/videos/video_123' },
    response: { status: 200, body: { json: { id: 'video_123', status } } },
  };
}

const createFixture: Fixture = {
  source: 'docs',
  notes: 'test § create',
  request: {
    method: 'POST',
    path: '/v1/videos',
    headers: { authorization: 'Bearer <redacted>', 'content-type': 'application/json' },
    body: { json: { model: 'sora-2', prompt: 'a cat', size: '720x1280' } },
  },
  response: {
    status: 200,
    headers: { 'x-request-id': 'req_1' },
    body: { json: { id: 'video_123', status: 'queued' } },
  },
};

function postJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/v1/videos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Resolves to 'pending' unless `promise` settles within a few macrotask turns. */
async function settlesSoon<T>(promise: Promise<T>): Promise<'settled' | 'pending'> {
  const turns = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20));
  return Promise.race([promise.then(() => 'settled' as const), turns]);
}

describe('replayFixtures', () => {
  it('answers a sequence in order, then reports an extra call', async () => {
    const replay = await useFixtures(server, [poll('queued'), poll('in_progress'), poll('completed')], {
      baseUrl: base,
    });
    const states: unknown[] = [];
    for (let call = 0; call < 3; call++) {
      const response = await fetch(`${base}/v1/videos/video_123`);
      expect(response.status).toBe(200);
      states.push(((await response.json()) as { status: string }).status);
    }
    expect(states).toEqual(['queued', 'in_progress', 'completed']);
    replay.assertAllUsed();

    const extra = await fetch(`${base}/v1/videos/video_123`);
    expect(extra.status).toBe(599);
    expect(await extra.text()).toContain('unexpected extra call #4');
    expect(replay.mismatches).toHaveLength(1);
    expect(() => replay.assertAllUsed()).toThrow(/unexpected extra call/);
    expect(replay.requests).toHaveLength(4);
  });

  it('loads a sequence from files in numeric order', async () => {
    const fixtures = await loadFixtureSequence(`${dir}/videos-poll`);
    expect(fixtures.map((fixture) => fixture.response.body)).toEqual([
      { json: { id: 'video_123', status: 'in_progress', progress: 40 } },
      { json: { id: 'video_123', status: 'completed', progress: 100 } },
    ]);
    const replay = await useFixtures(server, `${dir}/videos-poll`);
    const first = await fetch(`${FIXTURE_BASE_URL}/v1/videos/video_123`);
    expect(await first.json()).toMatchObject({ status: 'in_progress' });
    expect(() => replay.assertAllUsed()).toThrow(
      /never requested: GET \/v1\/videos\/video_123 \(.*videos-poll\.2\.json\)/,
    );
    const second = await fetch(`${FIXTURE_BASE_URL}/v1/videos/video_123`);
    expect(await second.json()).toMatchObject({ status: 'completed' });
    replay.assertAllUsed();
  });

  it('serves a matching request and captures what was sent', async () => {
    const replay = await useFixtures(server, [createFixture], { baseUrl: base });
    const response = await postJson(
      { model: 'sora-2', prompt: 'a cat', size: '720x1280' },
      { authorization: 'Bearer sk-test' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(await response.json()).toEqual({ id: 'video_123', status: 'queued' });
    expect(replay.requests[0]).toMatchObject({
      method: 'POST',
      url: `${base}/v1/videos`,
      path: '/v1/videos',
      query: {},
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: { json: { model: 'sora-2', prompt: 'a cat', size: '720x1280' } },
    });
    replay.assertAllUsed();
  });

  it('answers a mismatching request with 599 and a field-by-field diff', async () => {
    const replay = await useFixtures(server, [createFixture], { baseUrl: base });
    const response = await postJson({ model: 'sora-2-pro', prompt: 'a cat', seconds: '8' });
    expect(response.status).toBe(599);
    const text = await response.text();
    expect(text).toContain('header authorization: expected "Bearer <redacted>", got (missing)');
    expect(text).toContain('body.json.model: expected "sora-2", got "sora-2-pro"');
    expect(text).toContain('body.json.size: expected "720x1280", got (missing)');
    expect(text).toContain('body.json.seconds: unexpected field, got "8"');
    expect(replay.mismatches).toEqual([text]);
    expect(() => replay.assertAllUsed()).toThrow(/body\.json\.model: expected "sora-2", got "sora-2-pro"/);
  });

  it('treats <redacted> as "any non-empty value with the same prefix"', async () => {
    const replay = await useFixtures(server, [createFixture, createFixture], { baseUrl: base });
    const body = { model: 'sora-2', prompt: 'a cat', size: '720x1280' };
    expect((await postJson(body, { authorization: 'Token abc' })).status).toBe(599);
    expect((await postJson(body, { authorization: 'Bearer ' })).status).toBe(599);
    expect(replay.mismatches).toHaveLength(2);
    expect(replay.mismatches[0]).toContain('header authorization: expected "Bearer <redacted>", got "Token abc"');
  });

  it('compares query parameters exactly', async () => {
    const fixture: Fixture = {
      source: 'recorded',
      request: { method: 'GET', path: '/v1/videos', query: { limit: '2', order: 'desc', tag: ['a', 'b'] } },
      response: { status: 200, body: { json: { data: [] } } },
    };
    const replay = await useFixtures(server, [fixture, fixture], { baseUrl: base });
    expect((await fetch(`${base}/v1/videos?limit=2&order=desc&tag=a&tag=b`)).status).toBe(200);
    const bad = await fetch(`${base}/v1/videos?limit=3&tag=a&after=x`);
    expect(bad.status).toBe(599);
    const text = await bad.text();
    expect(text).toContain('query limit: expected "2", got "3"');
    expect(text).toContain('query order: expected "desc", got (missing)');
    expect(text).toContain('query tag: expected ["a","b"], got "a"');
    expect(text).toContain('query after: unexpected parameter, got "x"');
    expect(replay.mismatches).toHaveLength(1);
  });

  it('matches multipart form fields and describes files', async () => {
    const fixture: Fixture = {
      source: 'docs',
      notes: 'test § form',
      request: {
        method: 'POST',
        path: '/v1/videos',
        headers: { 'content-type': 'multipart/form-data' },
        body: {
          form: { prompt: 'a cat', input_reference: { filename: 'cat.png', type: 'image/png', size: 4 } },
        },
      },
      response: { status: 200, body: { json: { id: 'video_1' } } },
    };
    const replay = await useFixtures(server, [fixture, fixture], { baseUrl: base });
    const send = (bytes: number[]) => {
      const form = new FormData();
      form.set('prompt', 'a cat');
      form.set('input_reference', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'cat.png');
      return fetch(`${base}/v1/videos`, { method: 'POST', body: form });
    };
    expect((await send([1, 2, 3, 4])).status).toBe(200);
    expect(replay.requests[0]?.body).toEqual({
      form: { prompt: 'a cat', input_reference: { filename: 'cat.png', type: 'image/png', size: 4 } },
    });
    const bad = await send([1, 2, 3, 4, 5]);
    expect(bad.status).toBe(599);
    expect(await bad.text()).toContain('body.form.input_reference.size: expected 4, got 5');
  });

  it('compares text bodies and requires no body when the fixture has none', async () => {
    const fixtures: Fixture[] = [
      {
        source: 'recorded',
        request: { method: 'POST', path: '/echo', body: { text: 'hello' } },
        response: { status: 200, body: { text: 'hi' } },
      },
      { source: 'recorded', request: { method: 'POST', path: '/echo' }, response: { status: 204 } },
      {
        source: 'recorded',
        request: { method: 'POST', path: '/echo', body: { any: true } },
        response: { status: 204 },
      },
    ];
    const replay = await useFixtures(server, fixtures, { baseUrl: base });
    const first = await fetch(`${base}/echo`, { method: 'POST', body: 'hello' });
    expect(await first.text()).toBe('hi');
    const second = await fetch(`${base}/echo`, { method: 'POST', body: 'unexpected' });
    expect(await second.text()).toContain('body: expected no body, got text "unexpected"');
    const third = await fetch(`${base}/echo`, { method: 'POST', body: JSON.stringify({ whatever: 1 }) });
    expect(third.status).toBe(204);
    expect(replay.mismatches).toHaveLength(1);
  });

  it('holds a stream back until release(): the first event arrives before the server finishes', async () => {
    const fixture: Fixture = {
      source: 'docs',
      notes: 'test § stream',
      request: { method: 'POST', path: '/v1/responses', body: { any: true } },
      response: {
        status: 200,
        body: {
          sse: [
            { event: 'response.created', data: '{"n":1}' },
            { event: 'response.output_text.delta', data: '{"n":2}' },
            { event: 'response.completed', data: 'line one\nline two', id: '3' },
          ],
        },
      },
    };
    const replay = await useFixtures(server, [fixture], { baseUrl: base, holdStreams: true });
    const response = await fetch(`${base}/v1/responses`, { method: 'POST', body: '{}' });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();

    const first = await reader.read();
    expect(first.value).toBe('event: response.created\ndata: {"n":1}\n\n');

    const next = reader.read();
    expect(await settlesSoon(next)).toBe('pending');

    replay.release();
    let rest = (await next).value ?? '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(rest).toBe(
      'event: response.output_text.delta\ndata: {"n":2}\n\n' +
        'event: response.completed\nid: 3\ndata: line one\ndata: line two\n\n',
    );
    replay.assertAllUsed();
  });

  it('serves a binary body from a sibling file', async () => {
    const fixture = await loadFixture(`${dir}/download-tiny.1.json`);
    const expected = new Uint8Array(await readFile(`${dir}/download-tiny.1.bin`));
    const replay = await useFixtures(server, [fixture], { baseUrl: base });
    const response = await fetch(`${base}/v1/videos/video_123/content?variant=thumbnail`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(expected);
    replay.assertAllUsed();
  });

  it('holds back the second half of a binary body', async () => {
    const replay = await useFixtures(server, `${dir}/download-tiny.1.json`, { baseUrl: base, holdStreams: true });
    const response = await fetch(`${base}/v1/videos/video_123/content?variant=thumbnail`);
    const whole = response.arrayBuffer();
    expect(await settlesSoon(whole)).toBe('pending');
    replay.release();
    expect((await whole).byteLength).toBe(19);
  });

  it('answers other paths of the fixture origin with 599 and leaves other origins to msw (unhandled fails)', async () => {
    const replay = await useFixtures(server, [poll('queued')], { baseUrl: base });
    expect((await fetch(`${base}/v1/other`)).status).toBe(599);
    expect(() => replay.assertAllUsed()).toThrow(/no fixture for GET \/v1\/other/);
    await expect(fetch(`https://elsewhere.test/v1/videos/video_123`)).rejects.toThrow();
  });

  it('works without msw server helpers: handlers are plain msw handlers', async () => {
    const replay = await replayFixtures([poll('queued')]);
    expect(replay.handlers).toHaveLength(1);
    server.use(...replay.handlers);
    expect((await fetch(`${FIXTURE_BASE_URL}/v1/videos/video_123`)).status).toBe(200);
    replay.assertAllUsed();
  });
});

describe('fixture validation', () => {
  it('names the file and each bad field', () => {
    const bad = {
      source: 'docs',
      request: { method: 'GET', path: 'v1/videos', body: { xml: '<a/>' } },
      response: { status: '200', body: { sse: [{ event: 'x' }] } },
    };
    let message = '';
    try {
      parseFixture(bad, 'test/fixtures/openai/videos-bad.1.json');
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('Invalid fixture test/fixtures/openai/videos-bad.1.json');
    expect(message).toContain('request.path');
    expect(message).toContain('request.body: must be one of');
    expect(message).toContain('response.status');
    expect(message).toMatch(/response\.body/);
  });

  it('requires notes on docs fixtures', () => {
    expect(() =>
      parseFixture({ source: 'docs', request: { method: 'GET', path: '/x' }, response: { status: 200 } }, 'x.1.json'),
    ).toThrow(/notes: docs fixtures must name the notes section/);
  });

  it('reports a missing sequence clearly', async () => {
    await expect(loadFixtureSequence(`${dir}/nothing-here`)).rejects.toThrow(/No fixtures found for .*nothing-here/);
  });
});

describe('useFixtures: requests no fixture matches', () => {
  it('answers 599 and fails assertAllUsed for a request to the fixture origin that no fixture matches', async () => {
    const replay = await useFixtures(
      server,
      [
        {
          source: 'docs',
          notes: 'test',
          request: { method: 'GET', path: '/v1/known' },
          response: { status: 200, body: { json: { ok: true } } },
        },
      ],
      { baseUrl: 'https://strict.example' },
    );
    expect((await fetch('https://strict.example/v1/known')).status).toBe(200);
    const unknown = await fetch('https://strict.example/v1/unknown?x=1');
    expect(unknown.status).toBe(599);
    expect(() => replay.assertAllUsed()).toThrow(/no fixture for GET \/v1\/unknown\?x=1/);
  });

  it('keeps fixtures of a second useFixtures on the same origin reachable', async () => {
    const first = await useFixtures(
      server,
      [
        {
          source: 'docs',
          notes: 't',
          request: { method: 'GET', path: '/a' },
          response: { status: 200, body: { text: 'a' } },
        },
      ],
      { baseUrl: 'https://two.example' },
    );
    const second = await useFixtures(
      server,
      [
        {
          source: 'docs',
          notes: 't',
          request: { method: 'GET', path: '/b' },
          response: { status: 200, body: { text: 'b' } },
        },
      ],
      { baseUrl: 'https://two.example' },
    );
    expect(await (await fetch('https://two.example/a')).text()).toBe('a');
    expect(await (await fetch('https://two.example/b')).text()).toBe('b');
    first.assertAllUsed();
    second.assertAllUsed();
  });
});
