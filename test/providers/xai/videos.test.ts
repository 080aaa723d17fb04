import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobFailedError, NotFoundError, RequestValidationError, ServerError } from '../../../src/common/errors.js';
import {
  createXAIMediaToolset,
  editVideo,
  extendVideo,
  generateVideo,
  getVideo,
  waitForXAIVideo,
  xaiVideoProvider,
} from '../../../src/providers/xai/index.js';
import { downloadXAIVideo, xaiVideoStatus } from '../../../src/providers/xai/videos.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';
import { API, client, FIXTURES, VIDEO_ID, VIDEOS } from './media-helpers.js';

const FOX = 'A red fox trots through fresh snow at dawn';
const tmp = useTempDir('xai-videos-');

describe('xAI video endpoints', () => {
  it('generate → 202 pending with progress → 200 done → download the MP4 (no key to the video host)', async () => {
    const start = await useFixtures(server, `${FIXTURES}/videos-generations`, API);
    const { request_id, job } = await generateVideo(client(), {
      model: 'grok-imagine-video',
      prompt: FOX,
      duration: 8,
      aspect_ratio: '16:9',
      resolution: '720p',
    });
    start.assertAllUsed();
    expect(request_id).toBe(VIDEO_ID);
    expect(job).toMatchObject({ provider: 'xai', kind: 'video', id: VIDEO_ID, model: 'grok-imagine-video' });
    const polls = await useFixtures(server, `${FIXTURES}/videos-get`, API);
    const progress: (number | undefined)[] = [];
    const done = await waitForXAIVideo(client(), job, { intervalMs: 1, onProgress: (p) => progress.push(p.percent) });
    expect(progress).toEqual([42, 100]);
    expect(done.result?.video?.duration).toBe(8);
    const downloads = await useFixtures(server, `${FIXTURES}/videos-download`, VIDEOS);
    const artifact = await xaiVideoProvider(client()).download(job, { to: join(tmp.path, 'fox.mp4') });
    polls.assertAllUsed();
    downloads.assertAllUsed();
    expect(downloads.requests[0]?.headers.authorization).toBeUndefined();
    expect(artifact).toMatchObject({
      kind: 'video',
      mimeType: 'video/mp4',
      durationMs: 8000,
      bytes: 1552,
      provider: 'xai',
    });
    expect(await readFile(join(tmp.path, 'fox.mp4'))).toEqual(await readFile(`${FIXTURES}/video.mp4`));
  });

  it('edit and extend: the documented requests', async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/videos-edits.1.json`, `${FIXTURES}/videos-extensions.1.json`],
      API,
    );
    await editVideo(client(), {
      model: 'grok-imagine-video',
      prompt: 'Add snow to the scene',
      video: { url: 'https://example.com/clip.mp4' },
    });
    await extendVideo(client(), {
      model: 'grok-imagine-video',
      prompt: 'Camera pulls back to reveal the skyline',
      video: { file_id: 'file_a128090d-f0c9-4873-bd84-e499777e7417' },
      duration: 6,
    });
    fixtures.assertAllUsed();
  });

  it('failed, withheld by moderation, expired and unknown videos', async () => {
    await useFixtures(server, `${FIXTURES}/videos-get-failed`, API);
    expect(await getVideo(client(), VIDEO_ID)).toMatchObject({
      state: 'failed',
      error: { code: 'invalid_argument', message: 'Input image could not be decoded.' },
    });
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/videos-get-moderated`, API);
    const moderated = await rejection(waitForXAIVideo(client(), VIDEO_ID, { intervalMs: 1 }));
    expect(JobFailedError.isInstance(moderated) && moderated.code).toBe('moderated');
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/videos-get-expired`, API);
    expect((await getVideo(client(), VIDEO_ID)).state).toBe('expired');
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/videos-get-not-found`, API);
    expect(NotFoundError.isInstance(await rejection(getVideo(client(), '0000dead-0000-0000-0000-000000000000')))).toBe(
      true,
    );
    expect(RequestValidationError.isInstance(await rejection(getVideo(client(), '../files')))).toBe(true);
  });

  it('a finished video with no URL that passed moderation or was stored is delivered, not withheld', async () => {
    const done = (video: Record<string, unknown>) => ({ status: 'done', progress: 100, video: { url: '', ...video } });
    // Delivered to the caller's output.upload_url: moderation passed, no URL of xAI's.
    const uploaded = xaiVideoStatus(done({ respect_moderation: true }));
    expect(uploaded.state).toBe('succeeded');
    // Stored in the Files API (storage_options).
    const stored = xaiVideoStatus(done({ file_output: { file_id: 'file_v1', filename: 'fox.mp4' } }));
    expect(stored.state).toBe('succeeded');
    // Withheld: respect_moderation false, or nothing saying where it went.
    expect(xaiVideoStatus(done({ respect_moderation: false }))).toMatchObject({
      state: 'failed',
      error: { code: 'moderated' },
    });
    expect(xaiVideoStatus(done({}))).toMatchObject({ state: 'failed', error: { code: 'moderated' } });
    // Downloading one says where the video is instead.
    const to = join(tmp.path, 'never.mp4');
    const fromFiles = await rejection(downloadXAIVideo(client(), stored, { to }));
    expect(JobFailedError.isInstance(fromFiles) && fromFiles.message).toMatch(/stored as file file_v1/);
    const fromUpload = await rejection(downloadXAIVideo(client(), uploaded, { to }));
    expect(JobFailedError.isInstance(fromUpload) && fromUpload.message).toMatch(/output\.upload_url/);
  });

  it('refuses bad input before sending; a 5xx after the body was sent is never retried', async () => {
    const bad = await rejection(generateVideo(client(), { prompt: FOX, duration: 16 }));
    expect(RequestValidationError.isInstance(bad) && bad.field).toBe('duration');
    const noPrompt = await rejection(generateVideo(client(), {}));
    expect(RequestValidationError.isInstance(noPrompt) && noPrompt.field).toBe('prompt');
    const extend = await rejection(extendVideo(client(), { prompt: 'x', video: { file_id: 'f' }, duration: 12 }));
    expect(RequestValidationError.isInstance(extend) && extend.field).toBe('duration');
    const keyframe = await rejection(
      generateVideo(client(), { prompt: FOX, duration: 4, keyframes: [{ image: { file_id: 'f' }, timestamp_s: 5 }] }),
    );
    expect(RequestValidationError.isInstance(keyframe) && keyframe.field).toBe('keyframes.0.timestamp_s');
    const failing = await useFixtures(server, `${FIXTURES}/videos-generations-server-error`, API);
    const error = await rejection(
      generateVideo(client({ maxRetries: 2 }), { model: 'grok-imagine-video', prompt: FOX }),
    );
    expect(ServerError.isInstance(error)).toBe(true);
    expect(failing.requests).toHaveLength(1);
  });
});

describe('createXAIMediaToolset', () => {
  it('create_video records the job before waiting, then saves the video', async () => {
    await useFixtures(server, `${FIXTURES}/videos-generations`, API);
    await useFixtures(server, `${FIXTURES}/videos-get`, API);
    await useFixtures(server, `${FIXTURES}/videos-download`, VIDEOS);
    const log: string[] = [];
    const recorded: RecordedJob[] = [];
    const tools = createXAIMediaToolset(client(), { outputDir: tmp.path, intervalMs: 1 });
    const result = await tools
      .get('xai_create_video')
      ?.run({ prompt: FOX, duration: 8, aspect_ratio: '16:9', resolution: '720p' }, toolContext(recorded, log));
    expect(log[0]).toBe('record pending');
    expect(log.at(-1)).toBe('record succeeded');
    expect(result).toMatchObject({ kind: 'video', path: join(tmp.path, `video-${VIDEO_ID}.mp4`), durationMs: 8000 });
    expect(recorded[1]?.artifact?.path).toBe(join(tmp.path, `video-${VIDEO_ID}.mp4`));
  });

  it('without wait returns the pending job; status and download take the request id', async () => {
    await useFixtures(server, `${FIXTURES}/videos-generations`, API);
    const tools = createXAIMediaToolset(client(), { outputDir: tmp.path, wait: false });
    const pending = await tools
      .get('xai_create_video')
      ?.run({ prompt: FOX, duration: 8, aspect_ratio: '16:9', resolution: '720p' }, toolContext());
    expect(pending).toMatchObject({
      state: 'pending',
      job: { id: VIDEO_ID },
      next: expect.stringContaining('xai_video_status'),
    });
    await useFixtures(server, `${FIXTURES}/videos-get`, API);
    await useFixtures(server, `${FIXTURES}/videos-download`, VIDEOS);
    expect(await tools.get('xai_video_status')?.run({ request_id: VIDEO_ID }, toolContext())).toMatchObject({
      state: 'pending',
      progress: 42,
    });
    expect(await tools.get('xai_download_video')?.run({ request_id: VIDEO_ID }, toolContext())).toMatchObject({
      kind: 'video',
      bytes: 1552,
    });
  });

  it('each video tool names the status and download tools that finish its job (jobTools)', () => {
    const tools = createXAIMediaToolset(client(), { namePrefix: 'x_' });
    for (const name of ['x_create_video', 'x_edit_video', 'x_video_status', 'x_download_video']) {
      expect(tools.get(name)?.jobTools, name).toEqual(['x_video_status', 'x_download_video']);
    }
  });

  it('edit_video records an edit or an extension before any wait and, without wait, returns it', async () => {
    const extension: Fixture = JSON.parse(await readFile(`${FIXTURES}/videos-extensions.1.json`, 'utf8'));
    (extension.request.body as { json: Record<string, unknown> }).json.video = { url: 'https://example.com/clip.mp4' };
    const api = await useFixtures(server, [`${FIXTURES}/videos-edits.1.json`, extension], API);
    const tools = createXAIMediaToolset(client(), { outputDir: tmp.path, wait: false });
    const recorded: RecordedJob[] = [];
    const video = 'https://example.com/clip.mp4';
    const edit = await tools
      .get('xai_edit_video')
      ?.run({ operation: 'edit', prompt: 'Add snow to the scene', video }, toolContext(recorded));
    const extend = await tools
      .get('xai_edit_video')
      ?.run(
        { operation: 'extend', prompt: 'Camera pulls back to reveal the skyline', video, duration: 6 },
        toolContext(recorded),
      );
    api.assertAllUsed();
    for (const result of [edit, extend]) {
      expect(result).toMatchObject({
        state: 'pending',
        job: { id: VIDEO_ID },
        next: expect.stringContaining('xai_video_status'),
      });
    }
    expect(recorded).toMatchObject([
      { job: { provider: 'xai', kind: 'video', id: VIDEO_ID }, state: 'pending' },
      { job: { provider: 'xai', kind: 'video', id: VIDEO_ID }, state: 'pending' },
    ]);
  });

  it('edit_image reads a file of the output folder as a data URL; other paths are refused', async () => {
    await copyFile(`${FIXTURES}/image.jpeg`, join(tmp.path, 'fox.jpeg'));
    const fixtures = await useFixtures(server, `${FIXTURES}/images-edits`, API);
    const tools = createXAIMediaToolset(client(), { outputDir: tmp.path });
    const edit = tools.get('xai_edit_image');
    const result = await edit?.run({ prompt: 'Add a small red scarf to the fox', images: ['fox.jpeg'] }, toolContext());
    fixtures.assertAllUsed();
    expect(result).toMatchObject({
      images: [{ kind: 'image', mimeType: 'image/jpeg', path: join(tmp.path, 'edited.jpeg') }],
    });
    const error = await rejection(
      edit?.run({ prompt: 'x', images: ['../fox.jpeg'] }, toolContext()) ?? Promise.resolve(),
    );
    expect(RequestValidationError.isInstance(error) && error.field).toBe('images.0');
  });
});
