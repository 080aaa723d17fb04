import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentFilterError,
  MissingApiKeyError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../../src/common/errors.js';
import {
  classifyMiniMaxAnswer,
  createMiniMaxClient,
  createVideo,
  generateImage,
  generateLyrics,
  generateMusic,
  MINIMAX_BASE_URLS,
  type MiniMaxClient,
  preprocessMusicCover,
  queryVideoTask,
  retrieveFile,
} from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection } from '../../helpers.js';
import { server } from '../../msw.js';
import { client, MINIMAX_TEST_KEY as KEY } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const TASK = '106916112212032';

describe('createMiniMaxClient', () => {
  it('uses the global host by default and the mainland host for region cn', () => {
    expect(client().baseUrl).toBe('https://api.minimax.io');
    expect(client().region).toBe('global');
    expect(client({ region: 'cn' }).baseUrl).toBe('https://api.minimaxi.com');
    expect(MINIMAX_BASE_URLS).toEqual({ global: 'https://api.minimax.io', cn: 'https://api.minimaxi.com' });
  });

  it('reads MINIMAX_API_KEY, MINIMAX_BASE_URL (a trailing /v1 dropped) and MINIMAX_GROUP_ID', () => {
    const mm = createMiniMaxClient({
      env: { MINIMAX_API_KEY: KEY, MINIMAX_BASE_URL: 'https://api.minimax.cn/v1/', MINIMAX_GROUP_ID: '42' },
    });
    expect(mm.baseUrl).toBe('https://api.minimax.cn');
    expect(mm.region).toBe('cn');
    expect(mm.groupId).toBe('42');
    expect(mm.authHeaders()).toEqual({ authorization: `Bearer ${KEY}` });
  });

  it('names MINIMAX_API_KEY when no key is set', async () => {
    const mm = createMiniMaxClient({ env: {}, maxRetries: 0 });
    const error = await rejection(queryVideoTask(mm, TASK));
    expect(MissingApiKeyError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain('MINIMAX_API_KEY');
  });

  it('sends Bearer auth and no GroupId unless configured', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-task-success.5.json`, {
      baseUrl: 'https://api.minimax.io',
    });
    const task = await queryVideoTask(client(), TASK);
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fixtures.requests[0]?.query).toEqual({ task_id: TASK });
    expect(task.status).toBe('Success');
  });

  it('appends GroupId when configured; a foreign group (1004) says so and keeps the trace id', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/files-retrieve-group`, {
      baseUrl: 'https://api.minimax.io',
    });
    const error = await rejection(retrieveFile(client({ groupId: '1948563511118405991' }), '176844028768320'));
    fixtures.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: '1004', status: 200, requestId: '76c11f462840300d88d20b5d0bc905d5' });
    expect((error as Error).message).toContain('GroupId');
  });

  it('a rejected key says keys are region-bound and names the other region', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/errors-2049`, { baseUrl: 'https://api.minimaxi.com' });
    const error = await rejection(queryVideoTask(client({ region: 'cn' }), TASK));
    fixtures.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('region-bound');
    expect(message).toContain("region: 'global'");
    expect(message).not.toContain(KEY);
  });
});

describe('classifier: every documented base_resp code becomes a typed error', () => {
  const table: [number, (value: unknown) => boolean, string][] = [
    [1000, (e) => ServerError.isInstance(e), 'server'],
    [1001, (e) => ServerError.isInstance(e), 'server'],
    [1002, (e) => RateLimitError.isInstance(e), 'rate limit'],
    [1004, (e) => AuthenticationError.isInstance(e), 'auth'],
    [1008, (e) => QuotaExceededError.isInstance(e), 'insufficient balance'],
    [1013, (e) => ServerError.isInstance(e), 'server'],
    [1024, (e) => ServerError.isInstance(e), 'server'],
    [1026, (e) => ContentFilterError.isInstance(e), 'input sensitive'],
    [1027, (e) => ContentFilterError.isInstance(e), 'output sensitive'],
    [1028, (e) => QuotaExceededError.isInstance(e), 'quota'],
    [1030, (e) => QuotaExceededError.isInstance(e), 'quota'],
    [1033, (e) => ServerError.isInstance(e), 'server'],
    [1039, (e) => RateLimitError.isInstance(e), 'token limit'],
    [1041, (e) => RateLimitError.isInstance(e), 'connection limit'],
    [1042, (e) => BadRequestError.isInstance(e), 'invisible characters'],
    [1043, (e) => BadRequestError.isInstance(e), 'ASR similarity'],
    [1044, (e) => BadRequestError.isInstance(e), 'clone prompt similarity'],
    [2013, (e) => BadRequestError.isInstance(e), 'invalid params'],
    [20132, (e) => BadRequestError.isInstance(e), 'invalid samples or voice_id'],
    [2037, (e) => BadRequestError.isInstance(e), 'voice sample length'],
    [2038, (e) => PermissionDeniedError.isInstance(e), 'real-name'],
    [2039, (e) => ConflictError.isInstance(e), 'duplicate voice_id'],
    [2042, (e) => PermissionDeniedError.isInstance(e), 'voice_id access'],
    [2045, (e) => RateLimitError.isInstance(e), 'rate growth'],
    [2048, (e) => BadRequestError.isInstance(e), 'prompt audio too long'],
    [2049, (e) => AuthenticationError.isInstance(e), 'invalid key'],
    [2056, (e) => QuotaExceededError.isInstance(e), 'usage window'],
    [2061, (e) => PermissionDeniedError.isInstance(e), 'plan'],
    [2067, (e) => QuotaExceededError.isInstance(e), 'plan allowance'],
  ];
  for (const [code, check, what] of table) {
    it(`${code} (${what}) inside HTTP 200`, async () => {
      const fixtures = await useFixtures(server, `${FIXTURES}/errors-${code}`, { baseUrl: 'https://api.minimax.io' });
      const error = await rejection(queryVideoTask(client(), TASK));
      fixtures.assertAllUsed();
      expect(check(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'minimax', status: 200, code: String(code), requestId: `trace-${code}` });
      expect((error as ApiError).body).toMatchObject({ base_resp: { status_code: code } });
    });
  }

  it('2056 (5-hour usage window) is not retried and says when to retry', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/errors-2056`, { baseUrl: 'https://api.minimax.io' });
    const error = await rejection(queryVideoTask(client({ maxRetries: 2, maxRetryDelayMs: 1 }), TASK));
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(1);
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('retry once the next 5-hour window starts');
    expect(message).toContain('at most 5 hours from now');
    expect(
      classifyMiniMaxAnswer({
        status: 200,
        headers: new Headers(),
        body: { base_resp: { status_code: 2056, status_msg: 'usage limit exceeded' } },
        request: { method: 'POST', path: '/v1/music_generation' },
      }),
    ).toMatchObject({ kind: 'quota', retryable: false });
  });

  it('gateway 401 with a base_resp is an auth error with the region hint', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/errors-http-401`, { baseUrl: 'https://api.minimax.io' });
    const error = await rejection(queryVideoTask(client(), TASK));
    fixtures.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: '1004' });
    expect((error as Error).message).toContain("region: 'cn'");
  });

  it('gateway 429 keeps Retry-After; a 502 HTML body is a server error', async () => {
    const limited = await useFixtures(server, `${FIXTURES}/errors-http-429`, { baseUrl: 'https://api.minimax.io' });
    const error = await rejection(queryVideoTask(client(), TASK));
    limited.assertAllUsed();
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3000 });
    const broken = await useFixtures(server, `${FIXTURES}/errors-http-502`, { baseUrl: 'https://api.minimax.io' });
    const gateway = await rejection(queryVideoTask(client(), TASK));
    broken.assertAllUsed();
    expect(ServerError.isInstance(gateway)).toBe(true);
  });

  it('retries a rate-limit code on a job-start POST like a 429 (no job started)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-rate-limited`, {
      baseUrl: 'https://api.minimax.io',
    });
    const mm = createMiniMaxClient({ apiKey: KEY, env: {}, maxRetries: 1, maxRetryDelayMs: 1 });
    const result = await generateImage(mm, {
      model: 'image-01',
      prompt: 'A lighthouse on a basalt cliff at dusk, 35mm photo',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(2);
    expect(result.images).toHaveLength(1);
  });

  // The endpoints read through `client.request` do not check `base_resp` again: the client's classifier is the only
  // check, so it must throw for each of them, with the client's region advice and the trace id.
  const parsedEndpoints: [string, 'get' | 'post', string, (mm: MiniMaxClient) => Promise<unknown>][] = [
    ['generateImage', 'post', '/v1/image_generation', (mm) => generateImage(mm, { model: 'image-01', prompt: 'x' })],
    [
      'createVideo',
      'post',
      '/v1/video_generation',
      (mm) => createVideo(mm, { model: 'MiniMax-Hailuo-2.3', prompt: 'x' }),
    ],
    ['queryVideoTask', 'get', '/v1/query/video_generation', (mm) => queryVideoTask(mm, TASK)],
    ['retrieveFile', 'get', '/v1/files/retrieve', (mm) => retrieveFile(mm, '176844028768320')],
    [
      'generateMusic (url)',
      'post',
      '/v1/music_generation',
      (mm) => generateMusic(mm, { model: 'music-2.6', prompt: 'x', is_instrumental: true, output_format: 'url' }),
    ],
    [
      'preprocessMusicCover',
      'post',
      '/v1/music_cover_preprocess',
      (mm) => preprocessMusicCover(mm, { audio_url: 'https://example.com/reference.mp3' }),
    ],
    [
      'generateLyrics',
      'post',
      '/v1/lyrics_generation',
      (mm) => generateLyrics(mm, { mode: 'write_full_song', prompt: 'x' }),
    ],
  ];
  for (const [name, method, path, call] of parsedEndpoints) {
    it(`${name}: a rejected key inside HTTP 200 is thrown once, with the region advice`, async () => {
      let calls = 0;
      const body = { base_resp: { status_code: 2049, status_msg: 'invalid api key' }, trace_id: 'trace-parsed' };
      server.use(
        http[method](`https://api.minimaxi.com${path}`, () => {
          calls++;
          return HttpResponse.json(body);
        }),
      );
      const error = await rejection(call(client({ region: 'cn' })));
      expect(calls).toBe(1);
      expect(AuthenticationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'minimax', status: 200, code: '2049', requestId: 'trace-parsed', body });
      expect((error as Error).message).toContain("region: 'global'");
    });
  }

  it('verdicts: retryable flags and jobMayHaveStarted', () => {
    const answer = (code: number, status = 200) => ({
      status,
      headers: new Headers({ 'trace-id': 'abc' }),
      body: { base_resp: { status_code: code, status_msg: 'x' } },
      request: { method: 'POST', path: '/v1/video_generation' },
    });
    expect(classifyMiniMaxAnswer(answer(0))).toBeNull();
    expect(classifyMiniMaxAnswer(answer(1002))).toMatchObject({
      kind: 'rate-limit',
      retryable: true,
      jobMayHaveStarted: false,
      requestId: 'abc',
    });
    expect(classifyMiniMaxAnswer(answer(1000))).toMatchObject({
      kind: 'server',
      retryable: true,
      jobMayHaveStarted: true,
    });
    expect(classifyMiniMaxAnswer(answer(2013))).toMatchObject({ kind: 'bad-request', retryable: false });
    expect(classifyMiniMaxAnswer(answer(99999))).toMatchObject({ kind: 'other', retryable: false, code: '99999' });
    expect(
      classifyMiniMaxAnswer({
        ...answer(0),
        body: '{"base_resp":{"status_code":1008,"status_msg":"insufficient balance"}}',
      }),
    ).toMatchObject({
      kind: 'quota',
    });
  });
});
