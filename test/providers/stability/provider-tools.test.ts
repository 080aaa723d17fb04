import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeParse } from 'zod/v4/core';
import { ContentFilterError, JobFailedError, RequestValidationError } from '../../../src/common/errors.js';
import {
  createStabilityToolset,
  stabilityAudioProvider,
  stabilityImageProvider,
} from '../../../src/providers/stability/index.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';
import { API, client, FIXTURES } from './helpers.js';

const tmp = useTempDir('stability-tools-');
const UPSCALE_ID = 'a6dc6c6e20acda010fe14d71f180658f2896ed9b4ec25aa99a6ff06c796987c4';

afterEach(() => {
  vi.useRealTimers();
});

/** The creative upscale start fixture as the tool sends it (creativity left to the API default). */
async function creativeStart(): Promise<Fixture> {
  const start: Fixture = JSON.parse(await readFile(`${FIXTURES}/upscale-creative.1.json`, 'utf8'));
  const form = (start.request.body as { form: Record<string, unknown> }).form;
  delete form.creativity;
  return start;
}

describe('Stability media providers (immediate)', () => {
  it('image: start makes the picture (model picks the endpoint); status is succeeded; download writes it', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/generate-sd3-bytes`, API);
    const images = stabilityImageProvider(client());
    expect(images).toMatchObject({ provider: 'stability', kind: 'image', completion: 'immediate' });
    const job = await images.start({
      model: 'sd3.5-large',
      prompt: 'a lighthouse on a cliff at golden hour',
      output_format: 'png',
    });
    fixtures.assertAllUsed();
    expect(job).toMatchObject({ provider: 'stability', kind: 'image', id: '7f9c1e2ab3d44c0f', model: 'sd3.5-large' });
    expect(await images.status(job)).toMatchObject({
      state: 'succeeded',
      result: { finishReason: 'SUCCESS', seed: 343940597 },
    });
    const to = join(tmp.path, 'out.png');
    const artifact = await images.download(job, { to });
    expect(artifact).toMatchObject({
      kind: 'image',
      path: to,
      mimeType: 'image/png',
      bytes: 96,
      provider: 'stability',
    });
    expect(await readFile(to)).toEqual(await readFile(`${FIXTURES}/image.png`));
  });

  it('image: core by default; a moderation refusal propagates (no job, nothing held)', async () => {
    await useFixtures(server, `${FIXTURES}/generate-core-moderation`, API);
    const images = stabilityImageProvider(client());
    const error = await rejection(images.start({ prompt: 'something flagged' }));
    expect(ContentFilterError.isInstance(error)).toBe(true);
    const missing = await rejection(images.wait('anything'));
    expect(JobFailedError.isInstance(missing) && missing.state).toBe('expired');
  });

  it('audio: kind music, artifact duration is the requested one', async () => {
    await useFixtures(server, `${FIXTURES}/audio-text-to-audio`, API);
    const music = stabilityAudioProvider(client());
    expect(music.kind).toBe('music');
    const job = await music.start({
      prompt: 'warm lo-fi beat with vinyl crackle, 80 BPM',
      model: 'stable-audio-2.5',
      duration: 30,
      output_format: 'mp3',
    });
    const artifact = await music.download(job, { to: join(tmp.path, 'beat.mp3') });
    expect(artifact).toMatchObject({
      kind: 'audio',
      mimeType: 'audio/mpeg',
      durationMs: 30_000,
      provider: 'stability',
    });
  });
});

describe('createStabilityToolset', () => {
  it('offers six tools; the upscale tools name the job tools that go on with a creative upscale', () => {
    const tools = createStabilityToolset(client(), { outputDir: tmp.path, namePrefix: 'st_' });
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'st_generate_image',
      'st_edit_image',
      'st_upscale_image',
      'st_upscale_status',
      'st_download_upscale',
      'st_generate_audio',
    ]);
    for (const name of ['st_upscale_image', 'st_upscale_status', 'st_download_upscale']) {
      expect(tools.get(name)?.jobTools, name).toEqual(['st_upscale_status', 'st_download_upscale']);
    }
  });

  it('generate_image saves the picture and reports finish reason and seed (a blurred result says so)', async () => {
    await useFixtures(server, `${FIXTURES}/generate-core-filtered`, API);
    const tools = createStabilityToolset(client(), { outputDir: tmp.path });
    const result = await tools
      .get('stability_generate_image')
      ?.run({ prompt: 'a red fox in a snowy forest' }, toolContext());
    expect(result).toMatchObject({
      kind: 'image',
      path: join(tmp.path, 'image-core.png'),
      mimeType: 'image/png',
      finish_reason: 'CONTENT_FILTERED',
      seed: 9,
    });
  });

  it('edit_image reads input files only from the output folder', async () => {
    await copyFile(`${FIXTURES}/image.png`, join(tmp.path, 'image.png'));
    await copyFile(`${FIXTURES}/mask.png`, join(tmp.path, 'mask.png'));
    const fixtures = await useFixtures(server, `${FIXTURES}/edit-inpaint`, API);
    const tools = createStabilityToolset(client(), { outputDir: tmp.path });
    const edit = tools.get('stability_edit_image');
    const result = await edit?.run(
      { operation: 'inpaint', image: 'image.png', mask: 'mask.png', prompt: 'a small red scarf' },
      toolContext(),
    );
    fixtures.assertAllUsed();
    expect(result).toMatchObject({ path: join(tmp.path, 'inpaint-image.png'), seed: 2 });
    for (const image of ['../image.png', '/etc/passwd', 'missing.png']) {
      const error = await rejection(edit?.run({ operation: 'erase', image }, toolContext()) ?? Promise.resolve());
      expect(RequestValidationError.isInstance(error)).toBe(true);
    }
  });

  it('creative upscale records the job before waiting, then saves the result', async () => {
    await copyFile(`${FIXTURES}/image.png`, join(tmp.path, 'image.png'));
    await useFixtures(server, [await creativeStart()], API);
    await useFixtures(server, `${FIXTURES}/results-creative`, API);
    const log: string[] = [];
    const recorded: RecordedJob[] = [];
    const tools = createStabilityToolset(client(), { outputDir: tmp.path, intervalMs: 1 });
    const result = await tools
      .get('stability_upscale_image')
      ?.run({ mode: 'creative', image: 'image.png', prompt: 'a detailed fox' }, toolContext(recorded, log));
    expect(log[0]).toBe('record pending');
    expect(log.at(-1)).toBe('record succeeded');
    expect(result).toMatchObject({ path: join(tmp.path, 'upscaled-image.png'), seed: 77 });
    expect(recorded[1]?.artifact).toMatchObject({ kind: 'image', mimeType: 'image/png' });
  });

  it('creative upscale without wait returns the job; upscale_status checks it; download_upscale saves it', async () => {
    await copyFile(`${FIXTURES}/image.png`, join(tmp.path, 'image.png'));
    const start = await useFixtures(server, [await creativeStart()], API);
    const recorded: RecordedJob[] = [];
    const tools = createStabilityToolset(client(), { outputDir: tmp.path, wait: false });
    const pending = await tools
      .get('stability_upscale_image')
      ?.run({ mode: 'creative', image: 'image.png', prompt: 'a detailed fox' }, toolContext(recorded));
    start.assertAllUsed();
    expect(pending).toMatchObject({
      state: 'pending',
      job: { provider: 'stability', kind: 'image', id: UPSCALE_ID, model: 'upscale-creative' },
      next: expect.stringContaining('stability_upscale_status'),
    });
    expect(recorded).toMatchObject([{ job: { id: UPSCALE_ID }, state: 'pending' }]);

    const results = await useFixtures(server, `${FIXTURES}/results-creative`, API);
    expect(await tools.get('stability_upscale_status')?.run({ job_id: UPSCALE_ID }, toolContext())).toEqual({
      job_id: UPSCALE_ID,
      state: 'pending',
      status: 'in-progress',
      next: expect.stringContaining('stability_download_upscale'),
    });
    const saved = await tools.get('stability_download_upscale')?.run({ job_id: UPSCALE_ID }, toolContext(recorded));
    results.assertAllUsed();
    const path = join(tmp.path, `upscaled-${UPSCALE_ID}.png`);
    expect(saved).toMatchObject({ kind: 'image', path, mimeType: 'image/png', seed: 77, job: { id: UPSCALE_ID } });
    expect(await readFile(path)).toEqual(await readFile(`${FIXTURES}/image-2.png`));
    expect(recorded[1]).toMatchObject({
      state: 'succeeded',
      artifact: { kind: 'image', path, job: { id: UPSCALE_ID } },
    });
  });

  it('upscale_status of a finished upscale saves the image it was answered with and records the job', async () => {
    const results = await useFixtures(server, `${FIXTURES}/results-creative`, API);
    const recorded: RecordedJob[] = [];
    const tools = createStabilityToolset(client(), { outputDir: tmp.path });
    const status = tools.get('stability_upscale_status');
    expect(await status?.run({ job_id: UPSCALE_ID }, toolContext(recorded))).toMatchObject({ state: 'pending' });
    const done = await status?.run({ job_id: UPSCALE_ID }, toolContext(recorded));
    results.assertAllUsed();
    const path = join(tmp.path, `upscaled-${UPSCALE_ID}.png`);
    expect(done).toMatchObject({ kind: 'image', path, mimeType: 'image/png', seed: 77, job: { id: UPSCALE_ID } });
    expect(await readFile(path)).toEqual(await readFile(`${FIXTURES}/image-2.png`));
    expect(recorded).toMatchObject([{ state: 'succeeded', artifact: { kind: 'image', path } }]);
  });

  it('download_upscale of a running job saves nothing; an unknown or expired id is recorded as expired', async () => {
    const tools = createStabilityToolset(client(), { outputDir: tmp.path });
    await useFixtures(server, `${FIXTURES}/results-creative.1.json`, API);
    const recorded: RecordedJob[] = [];
    expect(await tools.get('stability_download_upscale')?.run({ job_id: UPSCALE_ID }, toolContext(recorded))).toEqual({
      job_id: UPSCALE_ID,
      state: 'pending',
      next: expect.stringContaining('stability_upscale_status'),
    });
    expect(recorded).toEqual([]);
    await useFixtures(server, `${FIXTURES}/results-not-found`, API);
    const expired = await tools
      .get('stability_upscale_status')
      ?.run({ job_id: '2bca3511d0e7a2f4' }, toolContext(recorded));
    expect(expired).toEqual({
      job_id: '2bca3511d0e7a2f4',
      state: 'expired',
      error: expect.stringContaining('the generation either does not exist or has expired'),
    });
    expect(recorded).toMatchObject([{ job: { id: '2bca3511d0e7a2f4', provider: 'stability' }, state: 'expired' }]);
    const input = tools.get('stability_upscale_status')?.inputSchema;
    expect(input && safeParse(input, { job_id: '../v1/user/balance' }).success).toBe(false);
  });

  it('a creative upscale whose wait passes its deadline returns the job as pending, to go on with the job tools', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await copyFile(`${FIXTURES}/image.png`, join(tmp.path, 'image.png'));
    await useFixtures(server, [await creativeStart()], API);
    const polls = await useFixtures(server, Array(8).fill(`${FIXTURES}/results-creative.1.json`), API);
    const recorded: RecordedJob[] = [];
    const tools = createStabilityToolset(client(), { outputDir: tmp.path, waitTimeoutMs: 30_000 });
    const running = tools
      .get('stability_upscale_image')
      ?.run({ mode: 'creative', image: 'image.png', prompt: 'a detailed fox' }, toolContext(recorded));
    // The start reads the image file (real I/O): advance the clock once the job is recorded.
    await vi.waitFor(() => expect(recorded).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await running).toMatchObject({
      state: 'pending',
      job: { id: UPSCALE_ID },
      next: expect.stringMatching(/^Not finished yet\. Call stability_upscale_status with job_id "a6dc/),
    });
    expect(polls.requests.length).toBeGreaterThan(1);
    expect(recorded).toMatchObject([{ state: 'pending' }]);
  });

  it('generate_audio: 30 s by default', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/audio-text-to-audio`, API);
    const tools = createStabilityToolset(client(), { outputDir: tmp.path });
    const result = await tools
      .get('stability_generate_audio')
      ?.run(
        { prompt: 'warm lo-fi beat with vinyl crackle, 80 BPM', model: 'stable-audio-2.5', output_format: 'mp3' },
        toolContext(),
      );
    fixtures.assertAllUsed();
    expect(result).toMatchObject({
      kind: 'audio',
      mimeType: 'audio/mpeg',
      durationMs: 30_000,
      path: join(tmp.path, 'audio.mp3'),
    });
  });
});
