import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMiniMaxToolset } from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
/** The documented retrieve example's download_url host. */
const CDN = { baseUrl: 'https://cdn.example.com' };
const TASK = '106916112212032';
/** The video the CDN fixture serves (a real 2-second MP4). */
const MP4_BYTES = (await readFile(`${FIXTURES}/video-output.mp4`)).length;
const FOX = 'A red fox trots through fresh snow at dawn [Tracking shot]';
/** The v1 video tool: a Hailuo model. */
const HAILUO = { video: 'MiniMax-Hailuo-2.3' };

const tmp = useTempDir('minimax-tools-');
// Registered after the folder's hooks, so it runs before the folder is removed (after-hooks run in reverse).
afterEach(() => {
  vi.useRealTimers();
});

describe('createMiniMaxToolset', () => {
  it('offers seven tools with JSON Schemas', () => {
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'minimax_generate_image',
      'minimax_generate_music',
      'minimax_generate_lyrics',
      'minimax_create_video',
      'minimax_upscale_video',
      'minimax_video_status',
      'minimax_download_video',
    ]);
    const image = tools.get('minimax_generate_image')!.jsonSchema() as {
      properties: Record<string, { enum?: string[] }>;
    };
    expect(image.properties.aspect_ratio?.enum).toContain('21:9');
  });

  it('image: saves into the output folder and returns paths, not bytes', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-tool`, API);
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    const result = await tools
      .get('minimax_generate_image')!
      .run({ prompt: 'A lighthouse on a basalt cliff at dusk, 35mm photo', aspect_ratio: '16:9' }, toolContext());
    fixtures.assertAllUsed();
    expect(result).toEqual({
      paths: [join(tmp.path, 'image-7a1c2e3d4f5b6a7980c1d2e3f4a5b6c7-0.jpeg')],
      mime_types: ['image/jpeg'],
      made: 1,
      blocked: 0,
    });
    expect(new Uint8Array(await readFile(join(tmp.path, 'image-7a1c2e3d4f5b6a7980c1d2e3f4a5b6c7-0.jpeg')))).toEqual(
      new Uint8Array(await readFile(`${FIXTURES}/image-output-0.jpeg`)),
    );
  });

  it('music: saves the song, returns path, duration and MIME type, records the artifact', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-hex`, API);
    const recorded: RecordedJob[] = [];
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    const result = await tools.get('minimax_generate_music')!.run(
      {
        prompt: 'Indie folk, melancholic, rainy night, warm male vocal, 90 BPM',
        lyrics: '[verse]\nStreetlights flicker on the empty road\n[Chorus]\nCarry me home before the morning',
      },
      toolContext(recorded),
    );
    fixtures.assertAllUsed();
    expect(result).toEqual({
      path: join(tmp.path, 'song-06c11f462840300d88d20b5d0bc905d5.mp3'),
      mime_type: 'audio/mpeg',
      bytes: (await readFile(`${FIXTURES}/music-song.mp3`)).length,
      duration_ms: 173792,
    });
    expect(recorded[0]).toMatchObject({ state: 'succeeded', artifact: { kind: 'audio', durationMs: 173792 } });
  });

  it('lyrics: returns normalised tags', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/lyrics-generation-hyphen-tags`, API);
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    const result = await tools
      .get('minimax_generate_lyrics')!
      .run({ prompt: 'A soulful blues song about a rainy night' }, toolContext());
    fixtures.assertAllUsed();
    expect(result).toMatchObject({ title: 'Rainy Night Blues', lyrics: expect.stringContaining('[Pre Chorus]') });
  });

  it('video: records the job before waiting, then downloads and returns the path', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = await useFixtures(
      server,
      [
        `${FIXTURES}/video-create-tool.1.json`,
        ...[2, 3, 4, 5, 6].map((n) => `${FIXTURES}/video-task-success.${n}.json`),
      ],
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/video-download`, CDN);
    const log: string[] = [];
    const recorded: RecordedJob[] = [];
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path, intervalMs: 1_000, models: HAILUO });
    const running = tools
      .get('minimax_create_video')!
      .run({ prompt: FOX, resolution: '768P', duration: 6 }, toolContext(recorded, log));
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    const result = await running;
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(log[0]).toBe('record pending');
    expect(log.at(-1)).toBe('record succeeded');
    expect(result).toEqual({
      task_id: TASK,
      state: 'succeeded',
      path: join(tmp.path, `video-${TASK}.mp4`),
      mime_type: 'video/mp4',
      bytes: MP4_BYTES,
      // Read from the saved clip (the fixture is a real 2-second MP4), not the 6 s asked for.
      duration_ms: 2000,
      width: 1366,
      height: 768,
    });
    expect(recorded[0]?.job).toMatchObject({ provider: 'minimax', kind: 'video', id: TASK, api: 'v1' });
    expect(recorded.at(-1)?.artifact).toMatchObject({ kind: 'video', mimeType: 'video/mp4', durationMs: 2000 });
    expect(await readdir(tmp.path)).toEqual([`video-${TASK}.mp4`]);
  });

  it('video without waiting returns the requested duration; the download reads the real one', async () => {
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
    const recorded: RecordedJob[] = [];
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path, wait: false, models: HAILUO });
    expect(
      await tools.get('minimax_create_video')!.run({ prompt: FOX, duration: 10 }, toolContext(recorded)),
    ).toMatchObject({ task_id: TASK, state: 'pending', duration_ms: 10_000 });
    expect(await tools.get('minimax_download_video')!.run({ task_id: TASK }, toolContext(recorded))).toEqual({
      task_id: TASK,
      path: join(tmp.path, `video-${TASK}.mp4`),
      mime_type: 'video/mp4',
      bytes: MP4_BYTES,
      duration_ms: 2000,
    });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(recorded.at(-1)?.artifact).toMatchObject({ durationMs: 2000 });
  });

  it('download of a video made elsewhere: the length of the file itself', async () => {
    const fixtures = await useFixtures(
      server,
      [5, 6, 5, 6].map((n) => `${FIXTURES}/video-task-success.${n}.json`),
      API,
    );
    const cdn = await useFixtures(
      server,
      [1, 1].map(() => `${FIXTURES}/video-download.1.json`),
      CDN,
    );
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path, models: HAILUO });
    const download = tools.get('minimax_download_video')!;
    expect(await download.run({ task_id: TASK }, toolContext())).toMatchObject({ duration_ms: 2000 });
    expect(await download.run({ task_id: TASK, duration: 10 }, toolContext())).toMatchObject({
      duration_ms: 2000,
    });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
  });

  it('video status and download of an unfinished task', async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/video-task-success.3.json`, `${FIXTURES}/video-task-success.4.json`],
      API,
    );
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path, models: HAILUO });
    expect(await tools.get('minimax_video_status')!.run({ task_id: TASK }, toolContext())).toEqual({
      task_id: TASK,
      state: 'pending',
      status: 'Queueing',
    });
    expect(await tools.get('minimax_download_video')!.run({ task_id: TASK }, toolContext())).toMatchObject({
      state: 'pending',
      note: expect.stringContaining('Not finished'),
    });
    fixtures.assertAllUsed();
  });
});
