/**
 * Direct tests of `src/testing/match.ts`: the `<redacted>` pattern, capturing a request's body by its content type,
 * and the field-by-field diff between a fixture's request and what was sent. replay.test.ts covers the same code
 * through msw handlers; this file pins the edge cases.
 */
import { describe, expect, it } from 'vitest';
import type { FixtureRequest } from '../../src/testing/index.js';
import {
  captureRequest,
  diffRequest,
  diffValues,
  isTextual,
  matchesPattern,
  queryOf,
  safeDecode,
  show,
} from '../../src/testing/match.js';

const URL_BASE = 'http://fixtures.test';

async function diff(expected: FixtureRequest, request: Request): Promise<string[]> {
  return diffRequest(expected, await captureRequest(request));
}

function post(body: BodyInit, headers: Record<string, string> = {}, path = '/v1/x'): Request {
  return new Request(`${URL_BASE}${path}`, { method: 'POST', body, headers });
}

describe('matchesPattern', () => {
  it('compares exactly without a placeholder, regex characters included', () => {
    expect(matchesPattern('a.b*c', 'a.b*c')).toBe(true);
    expect(matchesPattern('a.b*c', 'aXbbbc')).toBe(false);
  });

  it('lets each <redacted> stand for a non-empty run, across lines, with the rest fixed', () => {
    expect(matchesPattern('Bearer <redacted>', 'Bearer sk-1')).toBe(true);
    expect(matchesPattern('Bearer <redacted>', 'Bearer ')).toBe(false);
    expect(matchesPattern('Bearer <redacted>', 'Token sk-1')).toBe(false);
    expect(matchesPattern('key=<redacted>&sig=<redacted>', 'key=a\nb&sig=(c)')).toBe(true);
    expect(matchesPattern('key=<redacted>&sig=<redacted>', 'key=a&sig=')).toBe(false);
    expect(matchesPattern('<redacted>', 'x')).toBe(true);
  });
});

describe('queryOf and safeDecode', () => {
  it('gives single values as strings and repeated keys as lists, in order', () => {
    expect(queryOf(new URL(`${URL_BASE}/?a=1&b=2&a=3&a=4&c=`))).toEqual({ a: ['1', '3', '4'], b: '2', c: '' });
  });

  it('decodes percent-escapes and leaves malformed ones as they are', () => {
    expect(safeDecode('/v1/files/a%20b')).toBe('/v1/files/a b');
    expect(safeDecode('/v1/100%')).toBe('/v1/100%');
  });
});

describe('isTextual', () => {
  it.each([
    ['text/plain', true],
    ['application/json; charset=utf-8', true],
    ['application/problem+json', true],
    ['application/x-ndjson', true],
    ['text/event-stream', true],
    ['application/x-www-form-urlencoded', true],
    ['APPLICATION/XML', true],
    ['', true],
    ['application/octet-stream', false],
    ['image/png', false],
    ['multipart/form-data; boundary=x', false],
  ])('%s → %s', (type, textual) => {
    expect(isTextual(type)).toBe(textual);
  });
});

describe('show', () => {
  it('prints JSON, (missing) for undefined, and cuts long values at 200 characters', () => {
    expect(show({ a: 1 })).toBe('{"a":1}');
    expect(show(undefined)).toBe('(missing)');
    const long = show('x'.repeat(300));
    expect(long).toHaveLength(200);
    expect(long.endsWith('...')).toBe(true);
  });

  it('falls back to String() for values JSON cannot print', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).toBe('[object Object]');
    expect(show(() => 1)).toBe('() => 1');
  });
});

describe('diffValues', () => {
  const lines = (expected: unknown, actual: unknown) => {
    const out: string[] = [];
    diffValues(expected, actual, 'body', out);
    return out;
  };

  it('names every differing field by its path, nested objects and arrays included', () => {
    expect(lines({ a: { b: [1, { c: 'x' }] }, gone: 1 }, { a: { b: [1, { c: 'y' }] }, extra: true })).toEqual([
      'body.a.b[1].c: expected "x", got "y"',
      'body.gone: expected 1, got (missing)',
      'body.extra: unexpected field, got true',
    ]);
  });

  it('reports a length difference and still compares the shared items', () => {
    expect(lines([1, 2, 3], [1, 9])).toEqual(['body: expected 3 item(s), got 2', 'body[1]: expected 2, got 9']);
  });

  it('tells types apart (no coercion) and treats NaN as equal to NaN', () => {
    expect(lines('1', 1)).toEqual(['body: expected "1", got 1']);
    expect(lines(null, {})).toEqual(['body: expected null, got {}']);
    expect(lines([], {})).toEqual(['body: expected [], got {}']);
    expect(lines(Number.NaN, Number.NaN)).toEqual([]);
  });

  it('applies <redacted> inside strings only', () => {
    expect(lines({ key: 'sk-<redacted>' }, { key: 'sk-123' })).toEqual([]);
    expect(lines({ key: '<redacted>' }, { key: 123 })).toEqual(['body.key: expected "<redacted>", got 123']);
  });

  it('lists a field present with the value undefined as present', () => {
    expect(lines({ a: 1 }, { a: 1, b: undefined })).toEqual(['body.b: unexpected field, got (missing)']);
  });
});

describe('captureRequest', () => {
  it('parses a JSON body when the content type says JSON, and keeps other text as text', async () => {
    const json = await captureRequest(post('{"a":1}', { 'content-type': 'application/json' }));
    expect(json.request.body).toEqual({ json: { a: 1 } });
    expect(json.rawText).toBe('{"a":1}');
    const text = await captureRequest(post('{"a":1}', { 'content-type': 'text/plain' }));
    expect(text.request.body).toEqual({ text: '{"a":1}' });
    const broken = await captureRequest(post('{"a":', { 'content-type': 'application/json' }));
    expect(broken.request.body).toEqual({ text: '{"a":' });
  });

  it('reads url-encoded and multipart forms into fields, repeated names as lists, files described', async () => {
    const encoded = await captureRequest(
      post(
        new URLSearchParams([
          ['tag', 'a'],
          ['tag', 'b'],
          ['n', '1'],
        ]),
      ),
    );
    expect(encoded.request.body).toEqual({ form: { tag: ['a', 'b'], n: '1' } });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(3)], { type: 'audio/mpeg' }), 'a.mp3');
    form.append('file', new Blob([new Uint8Array(5)], { type: 'audio/mpeg' }), 'b.mp3');
    const multipart = await captureRequest(post(form));
    expect(multipart.request.body).toEqual({
      form: {
        file: [
          { filename: 'a.mp3', type: 'audio/mpeg', size: 3 },
          { filename: 'b.mp3', type: 'audio/mpeg', size: 5 },
        ],
      },
    });
    expect(multipart.rawText).toBe('');
  });

  it('has no body for a bodiless request or an empty one, and lower-case header names', async () => {
    const get = await captureRequest(new Request(`${URL_BASE}/v1/x?q=1`, { headers: { 'X-Trace': 't' } }));
    expect(get.request).toEqual({
      method: 'GET',
      url: `${URL_BASE}/v1/x?q=1`,
      path: '/v1/x',
      query: { q: '1' },
      headers: { 'x-trace': 't' },
    });
    expect((await captureRequest(post(''))).request.body).toBeUndefined();
  });
});

describe('diffRequest', () => {
  const base: FixtureRequest = { method: 'post', path: '/v1/x' };

  it('compares the method case-insensitively and the path after decoding', async () => {
    expect(await diff(base, post('', {}, '/v1/x'))).toEqual([]);
    expect(await diff({ method: 'POST', path: '/v1/a b' }, post('', {}, '/v1/a%20b'))).toEqual([]);
    expect(await diff({ method: 'PUT', path: '/v1/y' }, post(''))).toEqual([
      'method: expected PUT, got POST',
      'path: expected "/v1/y", got "/v1/x"',
    ]);
  });

  it('checks only the listed headers; a content type without parameters ignores the sent ones', async () => {
    const request = () => post('{}', { 'content-type': 'application/json; charset=utf-8', 'x-extra': '1' });
    const json = { ...base, body: { json: {} } };
    expect(await diff({ ...json, headers: { 'content-type': 'application/json' } }, request())).toEqual([]);
    expect(await diff({ ...json, headers: { 'content-type': 'application/json; charset=latin1' } }, request())).toEqual(
      ['header content-type: expected "application/json; charset=latin1", got "application/json; charset=utf-8"'],
    );
    expect(await diff({ ...json, headers: { authorization: 'Bearer <redacted>' } }, request())).toEqual([
      'header authorization: expected "Bearer <redacted>", got (missing)',
    ]);
  });

  it('reads a JSON body sent as text/plain as JSON, and says when the body is not JSON at all', async () => {
    expect(
      await diff({ ...base, body: { json: { a: 1 } } }, post('{"a":1}', { 'content-type': 'text/plain' })),
    ).toEqual([]);
    expect(await diff({ ...base, body: { json: { a: 1 } } }, post('a=1', { 'content-type': 'text/plain' }))).toEqual([
      'body: expected JSON {"a":1}, got text "a=1"',
    ]);
    expect(await diff({ ...base, body: { json: { a: 1 } } }, post(''))).toEqual([
      'body: expected JSON {"a":1}, got no body',
    ]);
  });

  it('compares form fields: values, files, counts, missing and unexpected fields', async () => {
    const form = new FormData();
    form.append('prompt', 'a cat');
    form.append('image', new Blob([new Uint8Array(4)], { type: 'image/png' }), 'cat.png');
    form.append('tag', 'a');
    form.append('extra', 'x');
    const lines = await diff(
      {
        ...base,
        body: {
          form: {
            prompt: { filename: 'cat.png' },
            image: 'cat.png',
            tag: ['a', 'b'],
            missing: 'y',
          },
        },
      },
      post(form),
    );
    expect(lines).toEqual([
      'body.form.prompt: expected a file {"filename":"cat.png"}, got the string "a cat"',
      'body.form.image: expected "cat.png", got a file {"filename":"cat.png","type":"image/png","size":4}',
      'body.form.tag: expected 2 value(s), got 1: "a"',
      'body.form.missing: expected "y", got (missing)',
      'body.form.extra: unexpected field, got "x"',
    ]);
  });

  it('checks only the listed properties of a file', async () => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(4)], { type: 'image/png' }), 'cat.png');
    expect(await diff({ ...base, body: { form: { image: { type: 'image/png' } } } }, post(form))).toEqual([]);
    expect(await diff({ ...base, body: { form: { image: { size: 5, filename: 'dog.png' } } } }, post(form))).toEqual([
      'body.form.image.filename: expected "dog.png", got "cat.png"',
      'body.form.image.size: expected 5, got 4',
    ]);
  });

  it('compares text bodies with <redacted>, and a form expected where JSON came is a kind mismatch', async () => {
    expect(
      await diff({ ...base, body: { text: 'token=<redacted>' } }, post('token=abc', { 'content-type': 'text/plain' })),
    ).toEqual([]);
    expect(await diff({ ...base, body: { text: 'hello' } }, post('bye', { 'content-type': 'text/plain' }))).toEqual([
      'body.text: expected "hello", got "bye"',
    ]);
    expect(
      await diff({ ...base, body: { form: { a: '1' } } }, post('{"a":"1"}', { 'content-type': 'application/json' })),
    ).toEqual(['body: expected form {"a":"1"}, got JSON {"a":"1"}']);
    expect(await diff({ ...base, body: { text: 'a=1' } }, post(new URLSearchParams({ a: '1' })))).toEqual([
      'body: expected text "a=1", got form {"a":"1"}',
    ]);
  });

  it('compares repeated query values in order, <redacted> allowed', async () => {
    const request = new Request(`${URL_BASE}/v1/x?sig=abc&tag=b&tag=a`, { method: 'POST' });
    expect(await diff({ ...base, query: { sig: '<redacted>', tag: ['b', 'a'] } }, request.clone())).toEqual([]);
    expect(await diff({ ...base, query: { sig: '<redacted>', tag: ['a', 'b'] } }, request)).toEqual([
      'query tag: expected ["a","b"], got ["b","a"]',
    ]);
  });
});
