import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentFilterError, JobFailedError, RequestValidationError } from '../../../src/common/errors.js';
import {
  createStabilityToolset,
  stabilityAudioProvider,
  stabilityImageProvider,
} from '../../../src/providers/stability/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';
import { API, client, FIXTURES } from './helpers.js';

const tmp = useTempDir('stability-tools-');

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
  it('offers four tools', () => {
    const tools = createStabilityToolset(client(), { outputDir: tmp.path });
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'stability_generate_image',
      'stability_edit_image',
      'stability_upscale_image',
      'stability_generate_audio',
    ]);
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
    const start = JSON.parse(await readFile(`${FIXTURES}/upscale-creative.1.json`, 'utf8'));
    delete start.request.body.form.creativity; // the tool leaves creativity to the API default
    await useFixtures(server, [start], API);
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
