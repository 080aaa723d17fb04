import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ContentFilterError,
  JobFailedError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
  ServerError,
} from '../../../src/common/errors.js';
import {
  createMurekaClient,
  downloadMurekaChoice,
  downloadMurekaFile,
  extendLyrics,
  extendSong,
  generateInstrumental,
  generateLyrics,
  generateSong,
  type MurekaClientOptions,
  murekaJobRef,
  murekaTaskStatus,
  parseMurekaJobId,
  queryMurekaTask,
  separateStems,
  uploadMurekaFile,
  waitForMurekaTask,
} from '../../../src/providers/mureka/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/mureka';
const API = { baseUrl: 'https://api.mureka.ai' };
const CDN = { baseUrl: 'https://cdn.mureka.ai' };
const KEY = 'mureka-test-key-0123456789';
const LYRICS = '[Verse]\nIn the stormy night I wander alone\n[Chorus]\nCarry me home';
const SONG = { lyrics: LYRICS, model: 'auto', prompt: 'r&b, slow, passionate, male vocal', n: 2 };
const bytes = async (name: string) => new Uint8Array(await readFile(join(FIXTURES, name)));

function client(options: MurekaClientOptions = {}) {
  return createMurekaClient({ apiKey: KEY, maxRetries: 0, env: {}, ...options });
}

const tmp = useTempDir('mureka-');
afterEach(() => {
  vi.useRealTimers();
});

describe('client', () => {
  it('reads MUREKA_API_KEY and MUREKA_BASE_URL, and picks the region host', () => {
    expect(createMurekaClient({ env: {} }).baseUrl).toBe('https://api.mureka.ai');
    expect(createMurekaClient({ env: {}, region: 'cn' }).baseUrl).toBe('https://api.mureka.cn');
    const custom = createMurekaClient({ env: { MUREKA_BASE_URL: 'https://proxy.test/', MUREKA_API_KEY: 'k-env' } });
    expect(custom.baseUrl).toBe('https://proxy.test');
    expect(custom.authHeaders()).toEqual({ authorization: 'Bearer k-env' });
  });
});

describe('songs and instrumentals', () => {
  it('generateSong sends the documented body and returns the task with its id as a string', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/song-generate.1.json`, API);
    const task = await generateSong(client(), SONG);
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(task).toMatchObject({ id: '1436211', status: 'preparing', model: 'mureka-8' });
    expect(murekaJobRef(task, 'song')).toEqual({
      provider: 'mureka',
      kind: 'music',
      id: '1436211',
      createdAt: '2023-02-28T18:56:42.000Z',
      model: 'mureka-8',
    });
  });

  it('rejects bad params before any request, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...SONG, n: 4 }, 'n'],
      [{ ...SONG, lyrics: '' }, 'lyrics'],
      [{ ...SONG, lyrics: 'x'.repeat(3001) }, 'lyrics'],
      [{ lyrics: LYRICS }, 'model'],
      [{ ...SONG, melody_id: 'm1' }, 'melody_id'],
      [{ ...SONG, reference_id: 'r1' }, 'reference_id'],
      [{ ...SONG, style: 'pop' }, ''],
    ];
    for (const [params, field] of cases) {
      const error = await rejection(generateSong(client(), params as typeof SONG));
      expect(RequestValidationError.isInstance(error), JSON.stringify(params)).toBe(true);
      expect((error as RequestValidationError).issues[0]?.path).toBe(field);
    }
    const bad = await rejection(generateInstrumental(client(), { model: 'auto', prompt: 'a', instrumental_id: 'i' }));
    expect((bad as RequestValidationError).issues[0]?.path).toBe('prompt');
    const head = await rejection(
      extendSong(client(), { song_id: 's', lyrics: 'x', extend_at: 9000, extend_type: 'head', model: 'mureka-7.6' }),
    );
    expect((head as RequestValidationError).issues[0]?.path).toBe('extend_type');
    const early = await rejection(extendSong(client(), { song_id: 's', lyrics: 'x', extend_at: 100 }));
    expect((early as RequestValidationError).issues[0]).toMatchObject({
      path: 'extend_at',
      message: 'must be >= 8000',
    });
  });

  it('generateInstrumental and its query: the instrumental job id is prefixed, the query goes to /instrumental', async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/instrumental-generate.1.json`, `${FIXTURES}/instrumental-query.1.json`],
      API,
    );
    const task = await generateInstrumental(client(), {
      model: 'auto',
      prompt: 'lo-fi hip hop, mellow piano, vinyl crackle',
      n: 1,
    });
    const ref = murekaJobRef(task, 'instrumental');
    expect(ref.id).toBe('instrumental:2209341');
    expect(parseMurekaJobId(ref)).toEqual({ type: 'instrumental', taskId: '2209341' });
    const done = await waitForMurekaTask(client(), ref);
    fixtures.assertAllUsed();
    expect(done.choices?.[0]).toMatchObject({ id: 'inst-55c1', duration: 61000 });
  });

  it('extendSong sends song_id, lyrics, extend_at and model; the answer is a song task', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/song-extend.1.json`, API);
    const task = await extendSong(client(), {
      song_id: 'song-8812a',
      lyrics: '[Bridge]\nOne more mile',
      extend_at: 150000,
      model: 'mureka-8',
    });
    fixtures.assertAllUsed();
    expect(task).toMatchObject({ id: '1436300', status: 'preparing' });
  });

  it('a job-start POST is not repeated after a 500 (the task may have started), but is after a 429', async () => {
    const five = await useFixtures(server, `${FIXTURES}/errors-500.1.json`, API);
    const error = await rejection(generateSong(client({ maxRetries: 2, maxRetryDelayMs: 1 }), SONG));
    expect(ServerError.isInstance(error)).toBe(true);
    expect(five.requests).toHaveLength(1);
    server.resetHandlers();
    const limited = await useFixtures(
      server,
      [`${FIXTURES}/errors-429-rate.1.json`, `${FIXTURES}/song-generate.1.json`],
      API,
    );
    const task = await generateSong(client({ maxRetries: 2, maxRetryDelayMs: 1 }), SONG);
    limited.assertAllUsed();
    expect(task.id).toBe('1436211');
  });
});

describe('task status', () => {
  it('waits through preparing, queued, running and the undocumented reviewing until succeeded', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(server, `${FIXTURES}/song-query-wait`, API);
    const seen: string[] = [];
    const waiting = waitForMurekaTask(client(), '1436211', {
      intervalMs: 1_000,
      onProgress: (progress) => seen.push(`${progress.providerStatus}:${progress.state}`),
    });
    await vi.advanceTimersByTimeAsync(30_000);
    const done = await waiting;
    fixtures.assertAllUsed();
    expect(seen).toEqual([
      'preparing:pending',
      'queued:pending',
      'running:pending',
      'reviewing:pending',
      'succeeded:succeeded',
    ]);
    expect(done.choices?.[0]?.lyrics_sections?.[0]?.lines?.[0]?.words?.[0]).toEqual({
      start: 9000,
      end: 9400,
      text: 'In',
    });
  });

  it.each([
    ['failed', 'failed', undefined, 'content review failed'],
    ['timeouted', 'expired', 'timeouted', 'Mureka timed the task out'],
    ['cancelled', 'cancelled', 'cancelled', 'the task was cancelled'],
  ])('%s is terminal: state %s, and waiting throws JobFailedError', async (status, state, code, message) => {
    const fixtures = await useFixtures(server, [`${FIXTURES}/song-query-${status}.1.json`], API);
    const task = await queryMurekaTask(client(), 'song', '1436211');
    expect(murekaTaskStatus(task)).toMatchObject({ state, providerStatus: status, error: { message } });
    if (code) expect(murekaTaskStatus(task).error?.code).toBe(code);
    server.resetHandlers();
    await useFixtures(server, [`${FIXTURES}/song-query-${status}.1.json`], API);
    const error = await rejection(waitForMurekaTask(client(), '1436211'));
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ state });
    fixtures.assertAllUsed();
  });

  it('streaming is pending and exposes stream_url', async () => {
    await useFixtures(server, `${FIXTURES}/song-query-streaming.1.json`, API);
    const status = murekaTaskStatus(await queryMurekaTask(client(), 'song', '1436211'));
    expect(status.state).toBe('pending');
    expect((status.raw as { choices: { stream_url: string }[] }).choices[0]?.stream_url).toMatch(/stream/);
  });

  it('refuses a task id that is not one path segment, before any request', async () => {
    for (const id of ['', '..', '../account/billing', 'a/b', '%2e%2e']) {
      const error = await rejection(queryMurekaTask(client(), 'song', id));
      expect(RequestValidationError.isInstance(error), id).toBe(true);
    }
  });

  it('an unknown task id is a BadRequestError carrying the trace id', async () => {
    await useFixtures(server, `${FIXTURES}/song-query-not-found.1.json`, API);
    const error = await rejection(queryMurekaTask(client(), 'song', '1436211'));
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestId: '5b1d6c0e0f3a4b7c9d2e8f1a2b3c4d5e' });
  });
});

describe('lyrics, stems, upload', () => {
  it('generateLyrics and extendLyrics send the prompt / lyrics and read title and lyrics', async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/lyrics-generate.1.json`, `${FIXTURES}/lyrics-extend.1.json`],
      API,
    );
    const written = await generateLyrics(client(), { prompt: 'a birthday song for my daughter Jessica' });
    expect(written).toMatchObject({ title: "Jessica's Day", lyrics: expect.stringMatching(/^\[Verse\]/) });
    const more = await extendLyrics(client(), { lyrics: '[Verse]\nIn the stormy night I wander alone' });
    expect(more.lyrics).toContain('Soaked by the rain');
    fixtures.assertAllUsed();
  });

  it('separateStems sends url and model, and the ZIP downloads without the key', async () => {
    const api = await useFixtures(server, `${FIXTURES}/song-stem.1.json`, API);
    const cdn = await useFixtures(server, `${FIXTURES}/download-stems.1.json`, CDN);
    const stems = await separateStems(client(), { url: 'https://example.com/track.mp3', model: 'audio-separation-2' });
    expect(stems).toMatchObject({ zip_url: 'https://cdn.mureka.ai/stem/77a1.zip', midi_zip_url: null });
    const saved = await downloadMurekaFile(client(), stems.zip_url, { to: join(tmp.path, 'stems.zip') });
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(cdn.requests[0]?.headers.authorization).toBeUndefined();
    const zip = new Uint8Array(await readFile(saved.path as string));
    expect(zip).toEqual(await bytes('stems.zip'));
    expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const bad = await rejection(separateStems(client(), { url: 'file:///etc/passwd' }));
    expect((bad as RequestValidationError).issues[0]?.path).toBe('url');
  });

  it('uploadMurekaFile sends multipart purpose + file (never a JSON content type)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/files-upload.1.json`, API);
    const file = await uploadMurekaFile(client(), {
      file: { data: await bytes('song.mp3'), filename: 'hook.mp3' },
      purpose: 'reference',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(file).toMatchObject({ id: '542321', purpose: 'reference' });
    const bad = await rejection(
      uploadMurekaFile(client(), { file: new Uint8Array(1), purpose: 'lyrics' as 'reference' }),
    );
    expect((bad as RequestValidationError).issues[0]).toMatchObject({
      path: 'purpose',
      allowed: expect.arrayContaining(['reference', 'audio']),
    });
  });
});

describe('downloads', () => {
  it.each(['mp3', 'flac', 'wav'] as const)('saves the %s of the chosen output', async (format) => {
    const api = await useFixtures(server, `${FIXTURES}/song-query-wait.5.json`, API);
    const cdn = await useFixtures(server, `${FIXTURES}/download-${format}.1.json`, CDN);
    const task = await queryMurekaTask(client(), 'song', '1436211');
    const saved = await downloadMurekaChoice(client(), task, { to: join(tmp.path, `song.${format}`), format });
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(new Uint8Array(await readFile(saved.path as string))).toEqual(await bytes(`song.${format}`));
    expect(saved.choice.id).toBe('song-8812a');
  });

  it('refuses a task that has not succeeded, and a missing choice', async () => {
    await useFixtures(server, `${FIXTURES}/song-query-failed.1.json`, API);
    const failed = await queryMurekaTask(client(), 'song', '1436211');
    const error = await rejection(downloadMurekaChoice(client(), failed, { to: join(tmp.path, 'x.mp3') }));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain('failed');
  });
});

describe('errors', () => {
  it.each([
    ['400', BadRequestError, 'Invalid parameters'],
    ['401', AuthenticationError, 'Invalid Authentication'],
    ['403', PermissionDeniedError, 'region'],
    ['429-rate', RateLimitError, 'concurrent'],
    ['429-quota', QuotaExceededError, 'top up'],
    ['451', ContentFilterError, 'change the lyrics'],
    ['500', ServerError, 'Internal server error'],
    ['503', ServerError, 'overloaded'],
  ] as const)(
    '%s becomes its typed error and keeps the trace id; the key is never in the error',
    async (name, kind, words) => {
      await useFixtures(server, `${FIXTURES}/errors-${name}.1.json`, API);
      const error = await rejection(generateSong(client(), SONG));
      expect(kind.isInstance(error), String(error)).toBe(true);
      expect(String((error as Error).message)).toContain(words);
      if (name !== '401') expect(error).toMatchObject({ requestId: '1e94aba5a2de4cc4bff54a2813c8d36c' });
      expect(JSON.stringify(error)).not.toContain(KEY);
      expect(String((error as Error).message)).not.toContain(KEY);
    },
  );
});
