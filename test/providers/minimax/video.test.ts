import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BadRequestError,
  ContentFilterError,
  JobFailedError,
  JobTimeoutError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import type { JobRef } from '../../../src/common/jobs.js';
import {
  type CreateVideoParams,
  createVideo,
  downloadVideo,
  minimaxVideoProvider,
  normalizeFileId,
  parseCameraCommands,
  parseVideoCallback,
  queryVideoTask,
  retrieveFile,
  videoTaskStatus,
  waitForVideo,
} from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
/** The documented retrieve example's download_url host (video-task-success.6.json holds it as written). */
const CDN = { baseUrl: 'https://cdn.example.com' };
const TASK = '106916112212032';
const FOX = 'A red fox trots through fresh snow at dawn [Tracking shot]';
const MP4 = new Uint8Array(await readFile(`${FIXTURES}/video-output.mp4`));

const tmp = useTempDir('minimax-video-');
// Registered after the folder's hooks, so it runs before the folder is removed (after-hooks run in reverse).
afterEach(() => {
  vi.useRealTimers();
});

describe('createVideo: every mode', () => {
  it('text-to-video: the documented example, with a job reference', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-09-01T10:00:00Z'));
    const fixtures = await useFixtures(server, `${FIXTURES}/video-task-success.1.json`, API);
    const task = await createVideo(client(), {
      model: 'MiniMax-Hailuo-2.3',
      prompt: FOX,
      duration: 6,
      resolution: '768P',
      prompt_optimizer: true,
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(task).toMatchObject({ task_id: TASK, mode: 'text-to-video', base_resp: { status_code: 0 } });
    expect(task.job).toEqual({
      provider: 'minimax',
      kind: 'video',
      id: TASK,
      createdAt: '2026-09-01T10:00:00.000Z',
      model: 'MiniMax-Hailuo-2.3',
      api: 'v1',
    });
    expect(task.warnings).toBeUndefined();
  });

  it('an error inside HTTP 200 (1026 input sensitive) is the typed error, not a task', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-error`, API);
    const error = await rejection(
      createVideo(client(), { model: 'MiniMax-Hailuo-2.3', prompt: FOX, resolution: '768P', duration: 6 }),
    );
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(1);
    expect(fixtures.requests[0]?.headers.authorization).toBe('Bearer sk-api-test-0123456789abcdef');
    expect(fixtures.requests[0]?.body).toEqual({
      json: { model: 'MiniMax-Hailuo-2.3', prompt: FOX, resolution: '768P', duration: 6 },
    });
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'minimax',
      status: 200,
      code: '1026',
      requestId: 'b6c11f462840300d88d20b5d0bc905d5',
      body: { base_resp: { status_code: 1026, status_msg: 'input new_sensitive' } },
    });
  });

  it('image-to-video from a URL (Hailuo-02 at 512P, 10 s)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-i2v-url`, API);
    const task = await createVideo(client(), {
      model: 'MiniMax-Hailuo-02',
      prompt: 'The statue slowly turns its head [Push in]',
      first_frame_image: 'https://example.com/statue.jpg',
      duration: 10,
      resolution: '512P',
    });
    fixtures.assertAllUsed();
    expect(task.mode).toBe('image-to-video');
  });

  it('image-to-video from a local file: sent as a data URL', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-i2v-file`, API);
    const task = await createVideo(client(), {
      model: 'I2V-01-live',
      prompt: 'The flag waves',
      first_frame_image: `${FIXTURES}/frame-first.png`,
    });
    fixtures.assertAllUsed();
    expect(task.task_id).toBe('106916112212034');
  });

  it('image-to-video from a data URL: sent unchanged', async () => {
    const png = await readFile(`${FIXTURES}/frame-first.png`);
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-i2v-file`, API);
    await createVideo(client(), {
      model: 'I2V-01-live',
      prompt: 'The flag waves',
      first_frame_image: `data:image/png;base64,${png.toString('base64')}`,
    });
    fixtures.assertAllUsed();
  });

  it('first + last frame (Hailuo-02, 1080P)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-fl2v`, API);
    const task = await createVideo(client(), {
      model: 'MiniMax-Hailuo-02',
      prompt: 'A seed grows into a tree',
      first_frame_image: 'https://example.com/seed.jpg',
      last_frame_image: 'https://example.com/tree.jpg',
      duration: 6,
      resolution: '1080P',
    });
    fixtures.assertAllUsed();
    expect(task.mode).toBe('first-last-frame');
  });

  it('subject reference (S2V-01)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-s2v`, API);
    const task = await createVideo(client(), {
      model: 'S2V-01',
      prompt: 'She walks along the beach at sunset',
      subject_reference: [{ type: 'character', image: ['https://example.com/face.jpg'] }],
    });
    fixtures.assertAllUsed();
    expect(task.mode).toBe('subject-reference');
  });

  it('passes callback_url through, with combined camera commands on a Director model', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-create-callback`, API);
    await createVideo(client(), {
      model: 'T2V-01-Director',
      prompt: 'A city street at night [Pan left,Pedestal up]',
      callback_url: 'https://hooks.example.com/minimax',
      aigc_watermark: false,
    });
    fixtures.assertAllUsed();
  });
});

describe('createVideo: rules checked before sending', () => {
  const cases: [string, CreateVideoParams, string][] = [
    ['text-to-video without prompt', { model: 'MiniMax-Hailuo-2.3' }, 'prompt'],
    ['Hailuo-2.3-Fast without a first frame', { model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'p' }, 'model'],
    ['I2V-01 without a first frame', { model: 'I2V-01', prompt: 'p' }, 'model'],
    ['T2V-01 with a first frame', { model: 'T2V-01', prompt: 'p', first_frame_image: 'https://a/b.jpg' }, 'model'],
    [
      'last frame without first',
      { model: 'MiniMax-Hailuo-02', last_frame_image: 'https://a/b.jpg' },
      'first_frame_image',
    ],
    [
      'last frame on Hailuo-2.3',
      { model: 'MiniMax-Hailuo-2.3', first_frame_image: 'https://a', last_frame_image: 'https://b' },
      'model',
    ],
    [
      'subject reference on Hailuo',
      { model: 'MiniMax-Hailuo-2.3', subject_reference: [{ type: 'character', image: ['https://a'] }] },
      'model',
    ],
    ['10 s at 1080P', { model: 'MiniMax-Hailuo-2.3', prompt: 'p', duration: 10, resolution: '1080P' }, 'duration'],
    ['512P on Hailuo-2.3', { model: 'MiniMax-Hailuo-2.3', prompt: 'p', resolution: '512P' }, 'resolution'],
    ['512P on Hailuo-02 text-to-video', { model: 'MiniMax-Hailuo-02', prompt: 'p', resolution: '512P' }, 'resolution'],
    [
      '512P in first+last frame',
      { model: 'MiniMax-Hailuo-02', first_frame_image: 'https://a', last_frame_image: 'https://b', resolution: '512P' },
      'resolution',
    ],
    ['10 s on T2V-01', { model: 'T2V-01', prompt: 'p', duration: 10 }, 'duration'],
    ['768P on T2V-01', { model: 'T2V-01', prompt: 'p', resolution: '768P' }, 'resolution'],
    ['fast_pretreatment on T2V-01', { model: 'T2V-01', prompt: 'p', fast_pretreatment: true }, 'fast_pretreatment'],
    ['camera commands on T2V-01', { model: 'T2V-01', prompt: 'A street [Pan left]' }, 'prompt'],
    ['an unknown camera command', { model: 'MiniMax-Hailuo-2.3', prompt: 'A street [Pan left,Spin around]' }, 'prompt'],
    ['a prompt over 2000 characters', { model: 'MiniMax-Hailuo-2.3', prompt: 'x'.repeat(2001) }, 'prompt'],
    ['duration 8', { model: 'MiniMax-Hailuo-2.3', prompt: 'p', duration: 8 as 6 }, 'duration'],
    [
      'a callback that is not a URL',
      { model: 'MiniMax-Hailuo-2.3', prompt: 'p', callback_url: 'not a url' },
      'callback_url',
    ],
    ['a missing local frame', { model: 'I2V-01', first_frame_image: '/nonexistent/frame.png' }, 'first_frame_image'],
    ['a local frame of another type', { model: 'I2V-01', first_frame_image: './frame.gif' }, 'first_frame_image'],
  ];
  for (const [what, params, field] of cases) {
    it(`rejects ${what}`, async () => {
      const error = await rejection(createVideo(client(), params));
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe(field);
    });
  }

  it('lets unknown models through without model rules', async () => {
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.post('https://api.minimax.io/v1/video_generation', () =>
        HttpResponse.json({ task_id: '1', base_resp: { status_code: 0, status_msg: 'success' } }),
      ),
    );
    const task = await createVideo(client(), {
      model: 'MiniMax-Hailuo-3',
      prompt: 'p',
      duration: 10,
      resolution: '1080P',
    });
    expect(task.task_id).toBe('1');
  });

  it('parseCameraCommands finds the groups and ignores other brackets', () => {
    expect(parseCameraCommands('[Pan left,Pedestal up] walk [note] then [zoom in]')).toEqual({
      groups: [['Pan left', 'Pedestal up'], ['Zoom in']],
      problems: [],
      warnings: [],
    });
  });

  it('recommendations are warnings, not errors: > 3 in a bracket, opposite moves, a moving static shot', async () => {
    expect(parseCameraCommands('x [Pan left,Tilt up,Zoom in,Shake] [Zoom in,Zoom out] [Static shot,Pan left]')).toEqual(
      {
        groups: [
          ['Pan left', 'Tilt up', 'Zoom in', 'Shake'],
          ['Zoom in', 'Zoom out'],
          ['Static shot', 'Pan left'],
        ],
        problems: [],
        warnings: [
          '[Pan left,Tilt up,Zoom in,Shake]: at most 3 camera commands in one bracket are recommended',
          '[Zoom in,Zoom out]: "zoom in" and "zoom out" may cancel each other out',
          '[Static shot,Pan left]: "Static shot" with a camera move',
        ],
      },
    );
    expect(parseCameraCommands('[Pan left,Spin around]').problems).toEqual([
      'unknown camera command(s) "Spin around" in [Pan left,Spin around]',
    ]);
    const { http, HttpResponse } = await import('msw');
    const bodies: unknown[] = [];
    server.use(
      http.post('https://api.minimax.io/v1/video_generation', async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ task_id: TASK, base_resp: { status_code: 0, status_msg: 'success' } });
      }),
    );
    const prompt = 'A street [Pan left,Tilt up,Zoom in,Shake] then [Zoom in,Zoom out] and [Static shot,Pan left]';
    const task = await createVideo(client(), { model: 'MiniMax-Hailuo-2.3', prompt });
    expect(bodies).toEqual([{ model: 'MiniMax-Hailuo-2.3', prompt }]);
    expect(task.warnings).toHaveLength(3);
    expect(task.warnings?.[0]).toContain('at most 3 camera commands');
  });
});

describe('task status, waiting and download', () => {
  it('polls Preparing → Queueing → Processing → Success, retrieves the file and downloads it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(server, `${FIXTURES}/video-task-success`, API);
    const cdn = await useFixtures(server, `${FIXTURES}/video-download`, CDN);
    const mm = client();
    const task = await createVideo(mm, {
      model: 'MiniMax-Hailuo-2.3',
      prompt: FOX,
      duration: 6,
      resolution: '768P',
      prompt_optimizer: true,
    });
    const stored: JobRef[] = [];
    const seen: string[] = [];
    const waiting = waitForVideo(mm, task, {
      onJob: (job) => stored.push(job),
      onProgress: (progress) => seen.push(progress.providerStatus ?? ''),
    });
    expect(stored).toEqual([task.job]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(seen).toEqual(['Preparing']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['Preparing', 'Queueing']);
    await vi.advanceTimersByTimeAsync(30_000);
    const done = await waiting;
    expect(seen).toEqual(['Preparing', 'Queueing', 'Processing', 'Success']);
    expect(done).toMatchObject({
      state: 'succeeded',
      providerStatus: 'Success',
      result: { task_id: TASK, file_id: '176844028768320', video_width: 1366, video_height: 768 },
    });
    vi.useRealTimers();
    const saved = await downloadVideo(mm, done, { to: join(tmp.path, 'fox.mp4') });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(cdn.requests[0]?.headers.authorization).toBeUndefined();
    expect(saved).toMatchObject({
      path: join(tmp.path, 'fox.mp4'),
      bytes: MP4.length,
      file: { file_id: '176844028768320', filename: 'output.mp4' },
    });
    expect(new Uint8Array(await readFile(saved.path))).toEqual(MP4);
  });

  it('a failed task (Fail with 1027) ends waiting with JobFailedError carrying the code', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(server, `${FIXTURES}/video-task-fail`, API);
    const waiting = rejection(waitForVideo(client(), TASK));
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await waiting;
    fixtures.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'minimax', jobId: TASK, code: '1027', reason: 'output new_sensitive' });
  });

  it('gives up at the deadline with JobTimeoutError (the task goes on)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // One answer per poll until the deadline (an unmatched extra call would end the wait).
    await useFixtures(server, Array(8).fill(`${FIXTURES}/video-task-success.3.json`), API);
    const waiting = rejection(waitForVideo(client(), TASK, { timeoutMs: 15_000 }));
    await vi.advanceTimersByTimeAsync(15_000);
    const error = await waiting;
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: TASK, lastStatus: 'Queueing' });
  });

  it('an unknown task id (2013 inside HTTP 200) is a BadRequestError', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-query-unknown`, API);
    const error = await rejection(queryVideoTask(client(), '999'));
    fixtures.assertAllUsed();
    expect(BadRequestError.isInstance(error)).toBe(true);
  });

  it('videoTaskStatus: capitalised and unknown words', () => {
    const base = { task_id: '1', base_resp: { status_code: 0 } };
    expect(videoTaskStatus({ ...base, status: 'Queueing' }).state).toBe('pending');
    expect(videoTaskStatus({ ...base, status: 'Failed' }).state).toBe('failed');
    // A word the docs do not list is pending (bounded by the wait's deadline), not a failure.
    expect(videoTaskStatus({ ...base, status: 'Unknown' })).toMatchObject({
      state: 'pending',
      providerStatus: 'Unknown',
    });
    expect(videoTaskStatus({ ...base, status: 'Success' }).state).toBe('failed');
  });
});

describe('file ids are int64', () => {
  it('keeps a 19-digit file_id exact (query and answer)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/files-retrieve-large-id`, API);
    const file = await retrieveFile(client(), 1234567890123456789n);
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.query).toEqual({ file_id: '1234567890123456789' });
    expect(file.file.file_id).toBe('1234567890123456789');
    expect(file.file.bytes).toBe(5896337);
  });

  it('refuses an unsafe number id', () => {
    expect(() => normalizeFileId(2 ** 60)).toThrow(RequestValidationError);
    expect(normalizeFileId('176844028768320')).toBe('176844028768320');
  });
});

describe('callbacks', () => {
  it('answers the challenge and maps lowercase statuses', () => {
    expect(parseVideoCallback({ challenge: 'abc' })).toEqual({ type: 'challenge', response: { challenge: 'abc' } });
    const update = parseVideoCallback(
      '{"task_id":106916112212032,"status":"success","file_id":1234567890123456789,"base_resp":{"status_code":0,"status_msg":"success"}}',
    );
    expect(update).toMatchObject({
      type: 'status',
      task: { task_id: TASK, status: 'Success', file_id: '1234567890123456789' },
      status: { state: 'succeeded', result: { file_id: '1234567890123456789' } },
    });
    expect(parseVideoCallback({ task_id: '1', status: 'failed' })).toMatchObject({
      task: { status: 'Fail' },
      status: { state: 'failed' },
    });
  });
});

describe('minimaxVideoProvider (media-provider contract)', () => {
  it('start → wait → download', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(
      server,
      [1, 2, 3, 4, 5, 5, 6].map((n) => `${FIXTURES}/video-task-success.${n}.json`),
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/video-download`, CDN);
    const videos = minimaxVideoProvider(client());
    expect(videos).toMatchObject({ provider: 'minimax', kind: 'video' });
    const job = await videos.start({
      model: 'MiniMax-Hailuo-2.3',
      prompt: FOX,
      duration: 6,
      resolution: '768P',
      prompt_optimizer: true,
    });
    const waiting = videos.wait(job, { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await waiting).state).toBe('succeeded');
    vi.useRealTimers();
    const artifact = await videos.download(job, { to: join(tmp.path, 'v.mp4') });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(artifact).toEqual({
      kind: 'video',
      path: join(tmp.path, 'v.mp4'),
      mimeType: 'video/mp4',
      bytes: MP4.length,
      // Read from the saved file's movie header (the fixture clip is 2 s long).
      durationMs: 2000,
      provider: 'minimax',
      job,
    });
  });

  it("the artifact's duration is read from the saved file, not the 10 s requested", async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/video-task-success.5.json`, `${FIXTURES}/video-task-success.6.json`],
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/video-download`, CDN);
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.post('https://api.minimax.io/v1/video_generation', () =>
        HttpResponse.json({ task_id: TASK, base_resp: { status_code: 0, status_msg: 'success' } }),
      ),
    );
    const videos = minimaxVideoProvider(client());
    const job = await videos.start({ model: 'MiniMax-Hailuo-2.3', prompt: FOX, duration: 10, resolution: '768P' });
    const artifact = await videos.download(job, { to: join(tmp.path, 'ten.mp4') });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(artifact).toMatchObject({ durationMs: 2000, bytes: MP4.length });
  });

  it('download of an unfinished task says to wait first', async () => {
    await useFixtures(server, `${FIXTURES}/video-task-success.3.json`, API);
    const videos = minimaxVideoProvider(client(), { model: 'MiniMax-Hailuo-2.3' });
    const error = await rejection(videos.download(TASK, { to: join(tmp.path, 'x.mp4') }));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('Queueing');
    await writeFile(join(tmp.path, 'keep'), '');
  });
});
