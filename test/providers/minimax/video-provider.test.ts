import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobRef } from '../../../src/common/jobs.js';
import { minimaxVideoProvider } from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = 'https://api.minimax.io';
const TASK = '327415094862140';
const tmp = useTempDir('minimax-video-provider-');
afterEach(() => {
  vi.useRealTimers();
});

/** Answers every create with a task id and keeps the bodies sent to each path. */
function captureCreates(): Record<string, unknown[]> {
  const bodies: Record<string, unknown[]> = { v1: [], v2: [] };
  server.use(
    http.post(`${API}/v2/video_generation`, async ({ request }) => {
      bodies.v2?.push(await request.json());
      return HttpResponse.json({ task_id: TASK });
    }),
    http.post(`${API}/v1/video_generation`, async ({ request }) => {
      bodies.v1?.push(await request.json());
      return HttpResponse.json({ task_id: '106916112212032', base_resp: { status_code: 0, status_msg: 'success' } });
    }),
  );
  return bodies;
}

describe('minimaxVideoProvider routes by model', () => {
  it('start({ prompt }) alone makes a MiniMax-H3 video on the v2 API', async () => {
    const bodies = captureCreates();
    const job = await minimaxVideoProvider(client()).start({ prompt: 'A fox in snow' });
    expect(bodies).toEqual({
      v1: [],
      v2: [{ model: 'MiniMax-H3', content: [{ type: 'text', text: 'A fox in snow' }] }],
    });
    expect(job).toMatchObject({ id: TASK, model: 'MiniMax-H3', api: 'v2' });
  });

  it('the simple H3 input becomes ordered content parts; v2 params pass through', async () => {
    const bodies = captureCreates();
    const videos = minimaxVideoProvider(client());
    await videos.start({
      prompt: 'A fox in snow',
      first_frame_image: 'https://example.com/first.png',
      last_frame_image: 'https://example.com/last.png',
      reference_images: ['https://example.com/ref.png'],
      duration: 8,
      ratio: '16:9',
      resolution: '768P',
    });
    await videos.start({ model: 'MiniMax-H3-Max', content: [{ type: 'text', text: 'x' }], duration: 5 });
    expect(bodies.v2).toEqual([
      {
        model: 'MiniMax-H3',
        content: [
          { type: 'text', text: 'A fox in snow' },
          { type: 'image_url', image_url: { url: 'https://example.com/first.png' }, role: 'first_frame' },
          { type: 'image_url', image_url: { url: 'https://example.com/last.png' }, role: 'last_frame' },
          { type: 'image_url', image_url: { url: 'https://example.com/ref.png' }, role: 'reference_image' },
        ],
        duration: 8,
        ratio: '16:9',
        resolution: '768P',
      },
      { model: 'MiniMax-H3-Max', content: [{ type: 'text', text: 'x' }], duration: 5 },
    ]);
  });

  it('a Hailuo model goes to v1 with its v1 fields', async () => {
    const bodies = captureCreates();
    const job = await minimaxVideoProvider(client()).start({ model: 'MiniMax-Hailuo-2.3', prompt: 'p', duration: 6 });
    expect(bodies).toEqual({ v1: [{ model: 'MiniMax-Hailuo-2.3', prompt: 'p', duration: 6 }], v2: [] });
    expect(job.api).toBe('v1');
  });

  it('wait and download a v2 job: the artifact has the clip duration read from the file', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(server, `${FIXTURES}/video-v2-task-success`, { baseUrl: API });
    const cdn = await useFixtures(server, `${FIXTURES}/video-v2-download.1.json`, {
      baseUrl: 'https://cdn.example.com',
    });
    const videos = minimaxVideoProvider(client());
    const job = await videos.start({
      content: [
        { type: 'text', text: 'A red fox trots through fresh snow at dawn' },
        { type: 'image_url', image_url: { url: 'https://example.com/fox-first.png' }, role: 'first_frame' },
      ],
      resolution: '768P',
      duration: 8,
      ratio: '16:9',
    });
    const waiting = videos.wait(job, { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect((await waiting).state).toBe('succeeded');
    vi.useRealTimers();
    // The last status call before the download asks v2 again (one more `succeeded`).
    await useFixtures(server, `${FIXTURES}/video-v2-task-success.5.json`, { baseUrl: API });
    const artifact = await videos.download(job, { to: join(tmp.path, 'h3.mp4') });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(artifact).toMatchObject({ kind: 'video', mimeType: 'video/mp4', durationMs: 2000, job: { api: 'v2' } });
  });

  it('a stored reference goes to its own generation, even on a provider whose default is the other', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/video-v2-task-success.2.json`, { baseUrl: API });
    const stored = JSON.parse(
      JSON.stringify({
        provider: 'minimax',
        kind: 'video',
        id: TASK,
        createdAt: '2026-12-04T10:00:00.000Z',
        api: 'v2',
      }),
    ) as JobRef;
    const status = await minimaxVideoProvider(client(), { model: 'MiniMax-Hailuo-2.3' }).status(stored);
    fixtures.assertAllUsed();
    expect(status).toMatchObject({ state: 'pending', providerStatus: 'queued' });
  });

  it('a bare id: the default generation first, then the other when the first does not know it', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${API}/v2/query/video_generation/:id`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ error: { message: 'task not found' } }, { status: 404 });
      }),
      http.get(`${API}/v1/query/video_generation`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({
          task_id: '106916112212032',
          status: 'Processing',
          base_resp: { status_code: 0, status_msg: 'success' },
        });
      }),
    );
    const videos = minimaxVideoProvider(client());
    expect((await videos.status('106916112212032')).providerStatus).toBe('Processing');
    expect((await videos.status('106916112212032')).providerStatus).toBe('Processing');
    expect(paths).toEqual([
      '/v2/query/video_generation/106916112212032',
      '/v1/query/video_generation',
      '/v1/query/video_generation',
    ]);
  });
});
