import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  JobFailedError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import {
  cancelAllLalalTasks,
  cancelLalalTasks,
  cleanVoice,
  contentDisposition,
  createLalalClient,
  deleteLalalSource,
  downloadLalalTrack,
  type LalalClientOptions,
  lalalMinutesLeft,
  lalalTaskStatusOf,
  removeMusic,
  type SplitStemParams,
  splitMultistem,
  splitStem,
  uploadLalalFile,
  waitForLalalTask,
} from '../../../src/providers/lalal/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/lalal';
const API = { baseUrl: 'https://www.lalal.ai' };
const CDN = { baseUrl: 'https://d.lalal.ai' };
const KEY = '1a2b3c4d5e6f7a8b';
const SRC = 'ecb6c2c5-6263-48b9-80c9-f54248e30892';
const TASK = '2fe8f214-1771-4900-9e7e-570f823bd359';
const IDEMPOTENCY = '0b7d6f0e-3c1a-4f55-9a9e-2f8f2b6c1d11';
const SPLIT: SplitStemParams = {
  source_id: SRC,
  presets: { stem: 'vocals', splitter: 'perseus', extraction_level: 'deep_extraction', encoder_format: 'wav' },
  idempotency_key: IDEMPOTENCY,
};
const SOURCE_MP3 = new Uint8Array(await readFile(join(FIXTURES, 'source.mp3')));
const tmp = useTempDir('lalal-');

function client(options: LalalClientOptions = {}) {
  return createLalalClient({ apiKey: KEY, maxRetries: 0, env: {}, ...options });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('client and upload', () => {
  it('speaks API v1: X-License-Key from LALAL_API_KEY, https://www.lalal.ai', () => {
    const lalal = createLalalClient({ env: { LALAL_API_KEY: 'k-env' } });
    expect(lalal.authHeaders()).toEqual({ 'x-license-key': 'k-env' });
    expect(lalal.baseUrl).toBe('https://www.lalal.ai');
  });

  it('uploads the raw bytes (not multipart) with the name in Content-Disposition', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/upload.1.json`, API);
    const source = await uploadLalalFile(client(), { file: { data: SOURCE_MP3, filename: 'song.mp3' } });
    fixtures.assertAllUsed();
    expect(source).toMatchObject({ id: SRC, duration: 215 });
    expect(fixtures.requests[0]?.headers['x-license-key']).toBe(KEY);
    const body = fixtures.requests[0]?.body;
    expect(body && 'text' in body ? body.text.length : 0).toBeGreaterThan(0);
  });

  it('uses filename*= for a non-ASCII name', async () => {
    expect(contentDisposition('song.mp3')).toBe('attachment; filename="song.mp3"');
    expect(contentDisposition('歌.mp3')).toBe("attachment; filename*=utf-8''%E6%AD%8C.mp3");
    const fixtures = await useFixtures(server, `${FIXTURES}/upload-unicode.1.json`, API);
    await uploadLalalFile(client(), { file: SOURCE_MP3, filename: '歌.mp3' });
    fixtures.assertAllUsed();
  });
});

describe('splits', () => {
  it('splitStem sends the documented body with the idempotency key and returns the task id', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/split-stem.1.json`, API);
    expect(await splitStem(client(), SPLIT)).toEqual({ task_id: TASK, idempotency_key: IDEMPOTENCY });
    fixtures.assertAllUsed();
  });

  it('sends a fresh UUID idempotency key on every split that has none', async () => {
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const text = input instanceof Request ? await input.clone().text() : String(init?.body);
      seen.push(JSON.parse(text).idempotency_key);
      return Response.json({ task_id: TASK });
    };
    const lalal = client({ fetch });
    const { idempotency_key: _drop, ...params } = SPLIT;
    const a = await splitStem(lalal, params);
    const b = await splitStem(lalal, params);
    expect(seen).toEqual([a.idempotency_key, b.idempotency_key]);
    expect(a.idempotency_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.idempotency_key).not.toBe(b.idempotency_key);
  });

  it('a retried split repeats the same key after a 500 (so it cannot be charged twice)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/split-stem-retry`, API);
    const task = await splitStem(client({ maxRetries: 2, maxRetryDelayMs: 1 }), SPLIT);
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(2);
    expect(fixtures.requests[1]?.body).toEqual(fixtures.requests[0]?.body);
    expect(task.task_id).toBe(TASK);
  });

  it('idempotency_key_used is a ConflictError that explains the split already started', async () => {
    await useFixtures(server, `${FIXTURES}/split-key-used.1.json`, API);
    const error = await rejection(splitStem(client(), SPLIT));
    expect(ConflictError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'idempotency_key_used' });
    expect((error as Error).message).toContain('not charged twice');
  });

  it('multistem, voice clean and demuser send their presets', async () => {
    const fixtures = await useFixtures(
      server,
      [
        `${FIXTURES}/split-multistem.1.json`,
        `${FIXTURES}/split-voice-clean.1.json`,
        `${FIXTURES}/split-demuser.1.json`,
      ],
      API,
    );
    const key = { idempotency_key: IDEMPOTENCY };
    await splitMultistem(client(), {
      source_id: SRC,
      presets: { stem_list: ['vocals', 'drum', 'bass'], extraction_level: 'clear_cut' },
      ...key,
    });
    await cleanVoice(client(), { source_id: SRC, presets: { noise_cancelling_level: 2 }, ...key });
    await removeMusic(client(), { source_id: SRC, presets: { splitter: 'lyra' }, ...key });
    fixtures.assertAllUsed();
  });

  it('refuses bad splits before any request, naming the field and the allowed values', async () => {
    const cases: [unknown, string][] = [
      [{ ...SPLIT, presets: { stem: 'guitars' } }, 'presets.stem'],
      [{ ...SPLIT, presets: { stem: 'vocals', splitter: 'auto' } }, 'presets.splitter'],
      [{ ...SPLIT, presets: { stem: 'wind', splitter: 'perseus' } }, 'presets.splitter'],
      [{ ...SPLIT, presets: { stem: 'drum', multivocal: 'lead_back' } }, 'presets.multivocal'],
      [{ ...SPLIT, source_id: '../check' }, 'source_id'],
      [{ ...SPLIT, preset: { stem: 'vocals' } }, ''],
    ];
    for (const [params, path] of cases) {
      const error = await rejection(splitStem(client(), params as SplitStemParams));
      expect(RequestValidationError.isInstance(error), JSON.stringify(params)).toBe(true);
      expect((error as RequestValidationError).issues.map((issue) => issue.path)).toContain(path);
    }
    const stem = await rejection(splitStem(client(), { ...SPLIT, presets: { stem: 'guitars' as 'vocals' } }));
    expect((stem as RequestValidationError).issues[0]?.allowed).toContain('electric_guitar');
    const many = await rejection(splitMultistem(client(), { source_id: SRC, presets: { stem_list: [] } }));
    expect((many as RequestValidationError).issues[0]?.path).toBe('presets.stem_list');
  });
});

describe('check until done, cancel, delete, minutes', () => {
  it('waits through progress 0 and 42 to success, then downloads the stem and the back track without the key', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const api = await useFixtures(server, `${FIXTURES}/check-wait`, API);
    const cdn = await useFixtures(
      server,
      [`${FIXTURES}/download-vocals.1.json`, `${FIXTURES}/download-no-vocals.1.json`],
      CDN,
    );
    const percents: (number | undefined)[] = [];
    const waiting = waitForLalalTask(client(), TASK, {
      intervalMs: 1_000,
      onProgress: (p) => percents.push(p.percent),
    });
    await vi.advanceTimersByTimeAsync(20_000);
    const done = await waiting;
    api.assertAllUsed();
    expect(percents).toEqual([0, 42, 100]);
    vi.useRealTimers();
    const stem = await downloadLalalTrack(client(), done, { track: 'stem', to: join(tmp.path, 'vocals.wav') });
    const back = await downloadLalalTrack(client(), done, { track: 'back', to: join(tmp.path, 'no_vocals.wav') });
    cdn.assertAllUsed();
    expect(stem.track.label).toBe('vocals');
    expect(back.track.label).toBe('no_vocals');
    expect(new Uint8Array(await readFile(stem.path as string))).toEqual(
      new Uint8Array(await readFile(`${FIXTURES}/vocals.wav`)),
    );
    expect((await readFile(back.path as string)).subarray(0, 4).toString()).toBe('RIFF');
    expect(cdn.requests.every((request) => request.headers['x-license-key'] === undefined)).toBe(true);
    const missing = await rejection(downloadLalalTrack(client(), done, { track: 'drum', to: join(tmp.path, 'x.wav') }));
    expect((missing as Error).message).toContain('stem:vocals, back:no_vocals');
  });

  it.each([
    ['error', 'failed', 'inference_error', 'Unable to detect voice'],
    ['server-error', 'failed', 'server_error', 'not been uploaded properly'],
    ['cancelled', 'cancelled', undefined, undefined],
    ['unknown', 'expired', undefined, '24 h'],
  ])('check status %s → %s', async (fixture, state, code, words) => {
    await useFixtures(server, [`${FIXTURES}/check-${fixture}.1.json`, `${FIXTURES}/check-${fixture}.1.json`], API);
    const status = await lalalTaskStatusOf(client(), TASK);
    expect(status.state).toBe(state);
    if (code) expect(status.error?.code).toBe(code);
    if (words) expect(status.error?.message).toContain(words);
    const error = await rejection(waitForLalalTask(client(), TASK));
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ state });
  });

  it('a 429 on /check/ is a RateLimitError that says to poll more slowly', async () => {
    await useFixtures(server, `${FIXTURES}/check-rate-limited.1.json`, API);
    const error = await rejection(lalalTaskStatusOf(client(), TASK));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('30 requests a minute');
  });

  it('cancels one task, all tasks, deletes a source and reads the minutes left', async () => {
    const fixtures = await useFixtures(
      server,
      [
        `${FIXTURES}/cancel.1.json`,
        `${FIXTURES}/cancel-not-running.1.json`,
        `${FIXTURES}/cancel-all.1.json`,
        `${FIXTURES}/delete.1.json`,
        `${FIXTURES}/minutes-left.1.json`,
      ],
      API,
    );
    expect(await cancelLalalTasks(client(), [TASK])).toEqual({ [TASK]: { status: 'success' } });
    expect((await cancelLalalTasks(client(), [TASK]))[TASK]).toEqual({
      status: 'server_error',
      error: 'Task is not in progress state',
    });
    expect(await cancelAllLalalTasks(client())).toEqual({ [TASK]: { status: 'success' } });
    await deleteLalalSource(client(), SRC);
    expect(await lalalMinutesLeft(client())).toBe(183.5);
    fixtures.assertAllUsed();
    const bad = await rejection(cancelLalalTasks(client(), []));
    expect((bad as RequestValidationError).issues[0]?.path).toBe('task_ids');
  });
});

describe('errors', () => {
  it.each([
    ['403', AuthenticationError, 'LALAL_API_KEY'],
    ['422', BadRequestError, 'presets.stem: Input should be'],
    ['exceeded-duration', QuotaExceededError, 'no processing minutes left'],
  ] as const)('%s becomes its typed error; the key never appears', async (name, kind, words) => {
    await useFixtures(server, `${FIXTURES}/errors-${name}.1.json`, API);
    const error = await rejection(splitStem(client(), SPLIT));
    expect(kind.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toContain(words);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});
