import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ContentFilterError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import type { JobRef } from '../../../src/common/jobs.js';
import { mp4DurationMs } from '../../../src/common/media-duration.js';
import {
  baseVideoPart,
  type CreateVideoV2Params,
  cancelVideoV2,
  createVideo,
  createVideoV2,
  downloadVideo,
  minimaxVideoApiOf,
  minimaxVideoApiOfJob,
  queryVideoTaskV2,
  regenerateVideoV2,
  type VideoV2Task,
  videoV2TaskStatus,
  waitForVideo,
} from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
const CDN = { baseUrl: 'https://cdn.example.com' };
const TASK = '327415094862140';
const FOX = 'A red fox trots through fresh snow at dawn';
const RESULT_URL = 'https://cdn.example.com/minimax/h3-output.mp4?Expires=1736415911&Signature=abc123';
const MP4 = new Uint8Array(await readFile(`${FIXTURES}/video-output.mp4`));

const tmp = useTempDir('minimax-video-v2-');
afterEach(() => {
  vi.useRealTimers();
});

const fixture = (name: string) => `${FIXTURES}/${name}`;
const base64Of = async (path: string) => (await readFile(path)).toString('base64');

describe('one way to choose the API generation', () => {
  it('MiniMax-H models are v2, Hailuo and the 01-series v1', () => {
    expect(minimaxVideoApiOf('MiniMax-H3')).toBe('v2');
    expect(minimaxVideoApiOf('minimax-h3-max')).toBe('v2');
    expect(minimaxVideoApiOf('MiniMax-H4')).toBe('v2');
    expect(minimaxVideoApiOf('MiniMax-Hailuo-2.3')).toBe('v1');
    expect(minimaxVideoApiOf('MINIMAX-HAILUO-02')).toBe('v1');
    expect(minimaxVideoApiOf('T2V-01')).toBe('v1');
    expect(minimaxVideoApiOfJob({ api: 'v2' })).toBe('v2');
    expect(minimaxVideoApiOfJob({ model: 'MiniMax-H3' })).toBe('v2');
    expect(minimaxVideoApiOfJob({})).toBeUndefined();
  });

  it('createVideo refuses an H3 model before sending, naming createVideoV2', async () => {
    const error = await rejection(createVideo(client(), { model: 'MiniMax-H3', prompt: FOX }));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as RequestValidationError).field).toBe('model');
    expect((error as Error).message).toContain('createVideoV2');
  });

  it('createVideoV2 refuses a Hailuo model before sending, naming createVideo', async () => {
    const error = await rejection(
      createVideoV2(client(), { model: 'MiniMax-Hailuo-2.3', content: [{ type: 'text', text: FOX }] }),
    );
    expect((error as RequestValidationError).field).toBe('model');
    expect((error as Error).message).toContain('call createVideo instead');
  });
});

describe('createVideoV2: every content part type', () => {
  it('the issue example: text and a first frame, with a v2 job reference', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T10:00:00Z'));
    const fixtures = await useFixtures(server, fixture('video-v2-task-success.1.json'), API);
    const task = await createVideoV2(client(), {
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: FOX },
        { type: 'image_url', image_url: { url: 'https://example.com/fox-first.png' }, role: 'first_frame' },
      ],
      resolution: '768P',
      duration: 8,
      ratio: '16:9',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.path).toBe('/v2/video_generation');
    expect(task).toMatchObject({ task_id: TASK, mode: 'frames-to-video' });
    expect(task.job).toEqual({
      provider: 'minimax',
      kind: 'video',
      id: TASK,
      createdAt: '2026-12-04T10:00:00.000Z',
      model: 'MiniMax-H3',
      api: 'v2',
    });
    expect(task.warnings).toBeUndefined();
  });

  it('text only on H3-Max at 2K, 15 s, adaptive ratio', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-create-text.1.json'), API);
    const task = await createVideoV2(client(), {
      model: 'MiniMax-H3-Max',
      content: [{ type: 'text', text: FOX }],
      resolution: '2K',
      duration: 15,
      ratio: 'adaptive',
    });
    fixtures.assertAllUsed();
    expect(task.mode).toBe('text-to-video');
  });

  it('references by URL: images, a video and an audio clip (URLs are not measured)', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-create-refs.1.json'), API);
    const task = await createVideoV2(client(), {
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: 'The two foxes from the pictures play to the music' },
        { type: 'image_url', image_url: { url: 'https://example.com/fox-a.png' }, role: 'reference_image' },
        { type: 'image_url', image_url: { url: 'https://example.com/fox-b.png' }, role: 'reference_image' },
        { type: 'video_url', video_url: { url: 'https://example.com/moves.mp4' }, role: 'reference_video' },
        { type: 'audio_url', audio_url: { url: 'https://example.com/tune.mp3' }, role: 'reference_audio' },
      ],
      duration: 10,
    });
    fixtures.assertAllUsed();
    expect(task.mode).toBe('reference-to-video');
    expect(task.warnings).toBeUndefined();
  });

  it('local files go as data URLs of their exact bytes, after their lengths are checked', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-create-local.1.json'), API);
    await createVideoV2(client(), {
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: 'The statue dances to the tune' },
        { type: 'image_url', image_url: { url: `${FIXTURES}/frame-first.png` }, role: 'first_frame' },
        { type: 'video_url', video_url: { url: `${FIXTURES}/reference-6s.mp4` }, role: 'reference_video' },
        { type: 'audio_url', audio_url: { url: `${FIXTURES}/reference-3s.mp3` }, role: 'reference_audio' },
      ],
    });
    fixtures.assertAllUsed();
    const sent = (fixtures.requests[0]?.body as { json: CreateVideoV2Params } | undefined)?.json.content ?? [];
    expect(sent.map((part) => Object.values(part).find((value) => typeof value === 'object'))).toEqual([
      undefined,
      { url: `data:image/png;base64,${await base64Of(`${FIXTURES}/frame-first.png`)}` },
      { url: `data:video/mp4;base64,${await base64Of(`${FIXTURES}/reference-6s.mp4`)}` },
      { url: `data:audio/mpeg;base64,${await base64Of(`${FIXTURES}/reference-3s.mp3`)}` },
    ]);
  });

  it('a data URL clip is measured too', async () => {
    const wav = `data:audio/wav;base64,${await base64Of(`${FIXTURES}/reference-1s.wav`)}`;
    const error = await rejection(
      createVideoV2(client(), {
        model: 'MiniMax-H3',
        content: [
          { type: 'text', text: FOX },
          { type: 'audio_url', audio_url: { url: wav }, role: 'reference_audio' },
        ],
      }),
    );
    expect((error as RequestValidationError).field).toBe('content.1');
    expect((error as Error).message).toContain('1.0 s');
  });

  it('an error inside HTTP 200 (base_resp 1026) is the typed error, not a task', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-create-error.1.json'), API);
    const error = await rejection(
      createVideoV2(client(), { model: 'MiniMax-H3', content: [{ type: 'text', text: FOX }] }),
    );
    fixtures.assertAllUsed();
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: '1026', requestId: '0a5c5e4f3f6a43b2a1a9f7c3d2e1b0a9' });
  });
});

describe('createVideoV2: limits checked before sending', () => {
  const text = { type: 'text', text: FOX } as const;
  const image = (n: number, role?: 'first_frame' | 'last_frame') =>
    ({ type: 'image_url', image_url: { url: `https://example.com/${n}.png` }, ...(role ? { role } : {}) }) as const;
  const video = (url = 'https://example.com/v.mp4') =>
    ({ type: 'video_url', video_url: { url }, role: 'reference_video' }) as const;
  const audio = (url = 'https://example.com/a.mp3') =>
    ({ type: 'audio_url', audio_url: { url }, role: 'reference_audio' }) as const;
  const many = <T>(count: number, make: (n: number) => T) => Array.from({ length: count }, (_, n) => make(n));
  const cases: [string, Partial<CreateVideoV2Params>, string][] = [
    ['a duration of 3 s', { duration: 3 }, 'duration'],
    ['a duration of 16 s', { duration: 16 }, 'duration'],
    ['a fractional duration', { duration: 8.5 }, 'duration'],
    ['1080P', { resolution: '1080P' as '2K' }, 'resolution'],
    ['an unknown ratio', { ratio: '2:1' as '1:1' }, 'ratio'],
    ['empty content', { content: [] }, 'content'],
    ['an unknown part type', { content: [{ type: 'file_url' } as never] }, 'content.0.type'],
    ['an unknown image role', { content: [text, { ...image(1), role: 'style' as 'first_frame' }] }, 'content.1.role'],
    ['10 images', { content: [text, ...many(10, (n) => image(n))] }, 'content.10'],
    ['4 video clips', { content: [text, ...many(4, () => video())] }, 'content.4'],
    ['4 audio clips', { content: [text, ...many(4, () => audio())] }, 'content.4'],
    [
      '13 files',
      { content: [text, ...many(6, (n) => image(n)), ...many(3, () => video()), ...many(3, () => audio()), image(9)] },
      'content.13',
    ],
    ['two first frames', { content: [text, image(1, 'first_frame'), image(2, 'first_frame')] }, 'content.2'],
    ['two last frames', { content: [image(1, 'last_frame'), text, image(2, 'last_frame')] }, 'content.2'],
    [
      'a base video outside a regeneration',
      { content: [text, { type: 'video_url', video_url: { url: RESULT_URL }, role: 'base_video' }] },
      'content.1',
    ],
    ['a local clip of 1 s', { content: [text, audio(`${FIXTURES}/reference-1s.wav`)] }, 'content.1'],
    [
      'local clips over 15 s in all',
      { content: [text, video(), ...many(3, () => video(`${FIXTURES}/reference-6s.mp4`))] },
      'content.4',
    ],
    [
      'a local image of another type',
      { content: [text, image(1), { ...image(2), image_url: { url: 'x.gif' } }] },
      'content.2.image_url.url',
    ],
    [
      'an audio file as a video clip',
      { content: [text, video(`${FIXTURES}/reference-3s.mp3`)] },
      'content.1.video_url.url',
    ],
    ['a missing local clip', { content: [text, video('/nonexistent/clip.mp4')] }, 'content.1.video_url.url'],
  ];
  for (const [what, change, field] of cases) {
    it(`rejects ${what}, naming the part`, async () => {
      const params: CreateVideoV2Params = { model: 'MiniMax-H3', content: [text], ...change };
      const error = await rejection(createVideoV2(client(), params));
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe(field);
    });
  }

  it('accepts the limits themselves: 9 images, 3 + 3 clips, 12 files, 4 and 15 s', async () => {
    const { http, HttpResponse } = await import('msw');
    const bodies: unknown[] = [];
    server.use(
      http.post('https://api.minimax.io/v2/video_generation', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ task_id: TASK });
      }),
    );
    const content = [text, ...many(6, (n) => image(n)), ...many(3, () => video()), ...many(3, () => audio())];
    await createVideoV2(client(), { model: 'MiniMax-H3', content, duration: 4 });
    await createVideoV2(client(), { model: 'MiniMax-H3', content: [text, ...many(9, (n) => image(n))], duration: 15 });
    expect(bodies).toHaveLength(2);
  });
});

describe('regeneration to 2K', () => {
  it('sends the base video of a finished task and resolution 2K', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-regenerate.1.json'), API);
    const done = videoV2TaskStatus({ task: { task_id: TASK, status: 'succeeded', content: { url: RESULT_URL } } });
    const task = await regenerateVideoV2(client(), {
      model: 'MiniMax-H3',
      content: [{ type: 'text', text: FOX }, baseVideoPart(done)],
    });
    fixtures.assertAllUsed();
    expect(task).toMatchObject({ task_id: '327415094862141', mode: 'regeneration', job: { api: 'v2' } });
  });

  it('needs a base video, refuses 768P, and refuses a base part of an unfinished task', async () => {
    const text = { type: 'text', text: FOX } as const;
    const missing = await rejection(regenerateVideoV2(client(), { model: 'MiniMax-H3', content: [text] }));
    expect((missing as RequestValidationError).field).toBe('content');
    const base = baseVideoPart(RESULT_URL);
    const low = await rejection(
      regenerateVideoV2(client(), { model: 'MiniMax-H3', content: [text, base], resolution: '768P' }),
    );
    expect((low as RequestValidationError).field).toBe('resolution');
    const twice = await rejection(regenerateVideoV2(client(), { model: 'MiniMax-H3', content: [text, base, base] }));
    expect((twice as RequestValidationError).field).toBe('content.2');
    expect(() => baseVideoPart(videoV2TaskStatus({ task: { status: 'running' } }))).toThrow(RequestValidationError);
  });
});

describe('v2 status, waiting, download', () => {
  it('polls queued → running → processing → succeeded and downloads the result URL', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(server, `${FIXTURES}/video-v2-task-success`, API);
    const cdn = await useFixtures(server, fixture('video-v2-download.1.json'), CDN);
    const mm = client();
    const task = await createVideoV2(mm, {
      model: 'MiniMax-H3',
      content: [
        { type: 'text', text: FOX },
        { type: 'image_url', image_url: { url: 'https://example.com/fox-first.png' }, role: 'first_frame' },
      ],
      resolution: '768P',
      duration: 8,
      ratio: '16:9',
    });
    const seen: string[] = [];
    const waiting = waitForVideo(mm, task, { onProgress: (progress) => seen.push(progress.providerStatus ?? '') });
    await vi.advanceTimersByTimeAsync(60_000);
    const done = await waiting;
    expect(seen).toEqual(['queued', 'running', 'processing', 'succeeded']);
    expect(done).toMatchObject({ state: 'succeeded', result: { task_id: TASK, url: RESULT_URL } });
    vi.useRealTimers();
    const saved = await downloadVideo(mm, done, { to: join(tmp.path, 'h3.mp4') });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(cdn.requests[0]?.headers.authorization).toBeUndefined();
    expect(saved).toEqual({ path: join(tmp.path, 'h3.mp4'), bytes: MP4.length, url: RESULT_URL });
    const written = new Uint8Array(await readFile(saved.path));
    expect(written).toEqual(MP4);
    expect(mp4DurationMs(written)).toBe(2000);
  });

  it('resumes a v2 job from its stored JSON reference: the wait and the download go to v2', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stored = JSON.stringify({
      provider: 'minimax',
      kind: 'video',
      id: TASK,
      createdAt: '2026-12-04T10:00:00.000Z',
      model: 'MiniMax-H3',
      api: 'v2',
    });
    const fixtures = await useFixtures(
      server,
      [3, 4, 5].map((n) => fixture(`video-v2-task-success.${n}.json`)),
      API,
    );
    const cdn = await useFixtures(server, fixture('video-v2-download.1.json'), CDN);
    const mm = client();
    const waiting = waitForVideo(mm, JSON.parse(stored) as JobRef, { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    const done = await waiting;
    vi.useRealTimers();
    const saved = await downloadVideo(mm, done, { to: join(tmp.path, 'resumed.mp4') });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(fixtures.requests.map((request) => request.path)).toEqual(
      Array(3).fill(`/v2/query/video_generation/${TASK}`),
    );
    expect(saved.bytes).toBe(MP4.length);
  });

  it('a failed task ends the wait with JobFailedError carrying its reason', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(server, `${FIXTURES}/video-v2-task-fail`, API);
    const waiting = rejection(waitForVideo(client(), { ...jobOf(TASK) }));
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await waiting;
    fixtures.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: TASK, state: 'failed', code: '1027', reason: 'output new_sensitive' });
  });

  it('a cancelled task is cancelled; an unlisted word is pending until the deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await useFixtures(server, fixture('video-v2-task-cancelled.1.json'), API);
    const cancelled = await rejection(waitForVideo(client(), jobOf(TASK)));
    expect(error(cancelled)).toMatchObject({ state: 'cancelled' });
    // One answer per poll until the deadline (an unmatched extra call would end the wait).
    await useFixtures(server, Array(8).fill(fixture('video-v2-task-unknown-word.1.json')), API);
    const waiting = rejection(waitForVideo(client(), jobOf(TASK), { timeoutMs: 15_000 }));
    await vi.advanceTimersByTimeAsync(15_000);
    const timedOut = await waiting;
    expect(JobTimeoutError.isInstance(timedOut)).toBe(true);
    expect(timedOut).toMatchObject({ lastStatus: 'uploading' });
  });

  it('an HTTP error status without base_resp is the typed error', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-query-error.1.json'), API);
    const failure = await rejection(queryVideoTaskV2(client(), '999'));
    fixtures.assertAllUsed();
    expect(NotFoundError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toContain('task not found');
  });

  it('a task id is one path segment: traversal is refused before sending', async () => {
    for (const id of ['..', '../v1/files', 'a/b', '']) {
      const failure = await rejection(queryVideoTaskV2(client(), id));
      expect((failure as RequestValidationError).field).toBe('task_id');
      expect((await rejection(cancelVideoV2(client(), id))) as RequestValidationError).toMatchObject({
        field: 'task_id',
      });
    }
  });

  it('cancelVideoV2 sends DELETE to the task', async () => {
    const fixtures = await useFixtures(server, fixture('video-v2-cancel.1.json'), API);
    expect(await cancelVideoV2(client(), jobOf(TASK))).toMatchObject({ base_resp: { status_code: 0 } });
    fixtures.assertAllUsed();
  });

  it('videoV2TaskStatus: words, results and reasons', () => {
    const status = (task: VideoV2Task['task'], extra: Partial<VideoV2Task> = {}) =>
      videoV2TaskStatus({ task, ...extra });
    expect(status({ status: 'queued' }).state).toBe('pending');
    expect(status({ status: 'RUNNING', progress: 40 })).toMatchObject({ state: 'pending', progress: 40 });
    expect(status({ status: 'succeeded' })).toMatchObject({ state: 'failed', error: { message: expect.any(String) } });
    expect(status({ status: 'canceled' }).state).toBe('cancelled');
    expect(
      status({ status: 'failed' }, { base_resp: { status_code: 1027, status_msg: 'output new_sensitive' } }),
    ).toMatchObject({ state: 'failed', error: { code: '1027', message: 'output new_sensitive' } });
    expect(status({ status: 'failed', error: 'bad frame' })).toMatchObject({ error: { message: 'bad frame' } });
  });
});

function jobOf(id: string): JobRef {
  return {
    provider: 'minimax',
    kind: 'video',
    id,
    createdAt: '2026-12-04T10:00:00.000Z',
    model: 'MiniMax-H3',
    api: 'v2',
  };
}

function error(value: unknown): unknown {
  expect(JobFailedError.isInstance(value)).toBe(true);
  return value;
}
