import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { RequestValidationError } from '../../../src/common/errors.js';
import { createMiniMaxToolset } from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
const CDN = { baseUrl: 'https://cdn.example.com' };
const TASK = '327415094862140';
const FOX = 'A red fox trots through fresh snow at dawn';
const MP4_BYTES = (await readFile(`${FIXTURES}/video-output.mp4`)).length;

const tmp = useTempDir('minimax-tools-video-');
afterEach(() => {
  vi.useRealTimers();
});

/** Answers the create with a task id and keeps the body. */
function captureCreate(path = '/v2/video_generation', taskId = TASK): unknown[] {
  const bodies: unknown[] = [];
  server.use(
    http.post(`https://api.minimax.io${path}`, async ({ request }) => {
      bodies.push(await request.json());
      return HttpResponse.json({ task_id: taskId, base_resp: { status_code: 0, status_msg: 'success' } });
    }),
  );
  return bodies;
}

describe('MiniMax toolset: H3 video', () => {
  it('the H3 tool offers frames, references, ratio, duration 4–15 and 768P/2K', () => {
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    const create = tools.get('minimax_create_video')!;
    const schema = create.jsonSchema() as { properties: Record<string, Record<string, unknown>> };
    expect(Object.keys(schema.properties)).toEqual([
      'prompt',
      'first_frame',
      'last_frame',
      'reference_images',
      'duration',
      'resolution',
      'ratio',
    ]);
    expect(schema.properties.duration).toMatchObject({ minimum: 4, maximum: 15 });
    expect(schema.properties.resolution?.enum).toEqual(['768P', '2K']);
    expect(schema.properties.reference_images).toMatchObject({ maxItems: 9 });
    expect(create.description).toContain('MiniMax-H3');
    expect(z.safeParse(create.inputSchema, { prompt: FOX, duration: 3 }).success).toBe(false);
  });

  it('records the job before waiting, sends a local frame from the input folder, saves the clip', async () => {
    // Real timers: the frame is read from disk first (real I/O); the polls are 5 ms apart.
    const inputDir = join(tmp.path, 'in');
    await mkdir(inputDir);
    await copyFile(`${FIXTURES}/frame-first.png`, join(inputDir, 'fox.png'));
    const polls = await useFixtures(
      server,
      [2, 3, 4, 5].map((n) => `${FIXTURES}/video-v2-task-success.${n}.json`),
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/video-v2-download.1.json`, CDN);
    // After the fixtures: msw tries the handlers registered last first.
    const bodies = captureCreate();
    const log: string[] = [];
    const recorded: RecordedJob[] = [];
    const outputDir = join(tmp.path, 'out');
    const tools = createMiniMaxToolset(client(), { outputDir, inputDir, intervalMs: 5 });
    const running = tools.get('minimax_create_video')!.run(
      {
        prompt: FOX,
        first_frame: 'fox.png',
        reference_images: ['https://example.com/ref.png'],
        duration: 8,
        ratio: '16:9',
      },
      toolContext(recorded, log),
    );
    const result = await running;
    polls.assertAllUsed();
    cdn.assertAllUsed();
    const png = (await readFile(`${FIXTURES}/frame-first.png`)).toString('base64');
    expect(bodies).toEqual([
      {
        model: 'MiniMax-H3',
        content: [
          { type: 'text', text: FOX },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` }, role: 'first_frame' },
          { type: 'image_url', image_url: { url: 'https://example.com/ref.png' }, role: 'reference_image' },
        ],
        duration: 8,
        ratio: '16:9',
      },
    ]);
    expect(log[0]).toBe('record pending');
    expect(log.at(-1)).toBe('record succeeded');
    expect(recorded[0]?.job).toMatchObject({ id: TASK, model: 'MiniMax-H3', api: 'v2' });
    expect(result).toEqual({
      task_id: TASK,
      state: 'succeeded',
      path: join(outputDir, `video-${TASK}.mp4`),
      mime_type: 'video/mp4',
      bytes: MP4_BYTES,
      duration_ms: 2000,
    });
  });

  it('reads no file outside the input folder: .., absolute paths, folders and symlinks out are refused unsent', async () => {
    const inputDir = join(tmp.path, 'in');
    await mkdir(inputDir);
    await writeFile(join(tmp.path, 'secret.png'), 'not for the model');
    await symlink(join(tmp.path, 'secret.png'), join(inputDir, 'link.png'));
    const bodies = captureCreate();
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path, inputDir });
    const create = tools.get('minimax_create_video')!;
    for (const [input, field] of [
      [{ first_frame: '../secret.png' }, 'first_frame'],
      [{ last_frame: join(tmp.path, 'secret.png') }, 'last_frame'],
      [{ reference_images: ['https://example.com/a.png', 'link.png'] }, 'reference_images.1'],
      [{ first_frame: 'missing.png' }, 'first_frame'],
    ] as const) {
      const error = await rejection(create.run({ prompt: FOX, ...input }, toolContext()));
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe(field);
    }
    expect(bodies).toEqual([]);
  });

  it('upscale: the 2K pass over a finished task, recorded before anything else', async () => {
    const status = await useFixtures(server, `${FIXTURES}/video-v2-task-success.5.json`, API);
    const regenerate = await useFixtures(server, `${FIXTURES}/video-v2-regenerate.1.json`, API);
    const log: string[] = [];
    const recorded: RecordedJob[] = [];
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path, wait: false });
    const result = await tools
      .get('minimax_upscale_video')!
      .run({ task_id: TASK, prompt: FOX }, toolContext(recorded, log));
    status.assertAllUsed();
    regenerate.assertAllUsed();
    expect(result).toMatchObject({ task_id: '327415094862141', state: 'pending', upscaled_from: TASK });
    expect(recorded).toEqual([
      { job: expect.objectContaining({ id: '327415094862141', api: 'v2' }), state: 'pending', artifact: undefined },
    ]);
  });

  it('upscale of an unfinished task says so and starts nothing', async () => {
    await useFixtures(server, `${FIXTURES}/video-v2-task-success.3.json`, API);
    const bodies = captureCreate('/v2/video_regeneration');
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    expect(await tools.get('minimax_upscale_video')!.run({ task_id: TASK }, toolContext())).toMatchObject({
      state: 'pending',
      note: expect.stringContaining('finished'),
    });
    expect(bodies).toEqual([]);
  });

  it('status and download of an H3 task by id go to v2', async () => {
    const fixtures = await useFixtures(
      server,
      [2, 5].map((n) => `${FIXTURES}/video-v2-task-success.${n}.json`),
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/video-v2-download.1.json`, CDN);
    const recorded: RecordedJob[] = [];
    const tools = createMiniMaxToolset(client(), { outputDir: tmp.path });
    expect(await tools.get('minimax_video_status')!.run({ task_id: TASK }, toolContext(recorded))).toEqual({
      task_id: TASK,
      state: 'pending',
      status: 'queued',
    });
    expect(await tools.get('minimax_download_video')!.run({ task_id: TASK }, toolContext(recorded))).toEqual({
      task_id: TASK,
      path: join(tmp.path, `video-${TASK}.mp4`),
      mime_type: 'video/mp4',
      bytes: MP4_BYTES,
      duration_ms: 2000,
    });
    fixtures.assertAllUsed();
    cdn.assertAllUsed();
    expect(recorded.at(-1)?.artifact).toMatchObject({ kind: 'video', durationMs: 2000 });
  });
});
