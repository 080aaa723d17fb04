import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NotFoundError, RequestValidationError } from '../../../src/common/errors.js';
import {
  audioToAudio,
  getImageResult,
  startCreativeUpscale,
  textToAudio,
  upscaleConservative,
  upscaleFast,
  waitForImageResult,
} from '../../../src/providers/stability/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection } from '../../helpers.js';
import { server } from '../../msw.js';
import { API, client, FIXTURES, PNG } from './helpers.js';

const ID = 'a6dc6c6e20acda010fe14d71f180658f2896ed9b4ec25aa99a6ff06c796987c4';

describe('upscale', () => {
  it('fast and conservative answer with the image at once', async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/upscale-fast.1.json`, `${FIXTURES}/upscale-conservative.1.json`],
      API,
    );
    const fast = await upscaleFast(client(), { image: PNG });
    const conservative = await upscaleConservative(client(), {
      image: PNG,
      prompt: 'a detailed fox',
      creativity: 0.35,
    });
    fixtures.assertAllUsed();
    expect(Buffer.from(fast.bytes)).toEqual(await readFile(`${FIXTURES}/image-2.png`));
    expect(conservative.seed).toBe(6);
    const creativity = await rejection(upscaleConservative(client(), { image: PNG, prompt: 'x', creativity: 0.6 }));
    expect(RequestValidationError.isInstance(creativity) && creativity.field).toBe('creativity');
  });

  it('creative starts a job (JSON id), then the result is polled: 202 in progress, then 200 with the image', async () => {
    const start = await useFixtures(server, `${FIXTURES}/upscale-creative`, API);
    const { id, job } = await startCreativeUpscale(client(), { image: PNG, prompt: 'a detailed fox', creativity: 0.3 });
    start.assertAllUsed();
    expect(start.requests[0]?.headers.accept).toBe('application/json');
    expect(id).toBe(ID);
    expect(job).toMatchObject({ provider: 'stability', kind: 'image', id: ID, model: 'upscale-creative' });
    const results = await useFixtures(server, `${FIXTURES}/results-creative`, API);
    const states: string[] = [];
    const done = await waitForImageResult(client(), job, {
      intervalMs: 1,
      onProgress: (progress) => states.push(progress.providerStatus ?? progress.state),
    });
    results.assertAllUsed();
    expect(states).toEqual(['in-progress', 'done']);
    expect(done.result).toMatchObject({ mimeType: 'image/png', seed: 77, finishReason: 'SUCCESS' });
  });

  it('an unknown or expired result id is a NotFoundError; an id that is not one path segment is refused', async () => {
    await useFixtures(server, `${FIXTURES}/results-not-found`, API);
    const error = await rejection(getImageResult(client(), '2bca3511d0e7a2f4'));
    expect(NotFoundError.isInstance(error) && error.code).toBe('generation_not_found');
    const traversal = await rejection(getImageResult(client(), '../v1/user/balance'));
    expect(RequestValidationError.isInstance(traversal)).toBe(true);
  });
});

describe('Stable Audio', () => {
  const params = {
    prompt: 'warm lo-fi beat with vinyl crackle, 80 BPM',
    model: 'stable-audio-2.5',
    duration: 30,
    output_format: 'mp3',
  } as const;

  it('text-to-audio: the documented example, MP3 bytes with seed from the headers', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/audio-text-to-audio`, API);
    const audio = await textToAudio(client(), params);
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers.accept).toBe('audio/*');
    expect(fixtures.requests[0]?.body).toEqual({ form: { ...params, duration: '30' } });
    expect(audio).toMatchObject({ mimeType: 'audio/mpeg', seed: 1029384756, finishReason: 'SUCCESS' });
    expect(Buffer.from(audio.bytes)).toEqual(await readFile(`${FIXTURES}/audio.mp3`));
  });

  it('text-to-audio as JSON: base64 audio, MIME type from the content-type parameter', async () => {
    await useFixtures(server, `${FIXTURES}/audio-text-to-audio-json`, API);
    const audio = await textToAudio(client(), params, { accept: 'json' });
    expect(audio.mimeType).toBe('audio/mpeg');
    expect(Buffer.from(audio.bytes)).toEqual(await readFile(`${FIXTURES}/audio.mp3`));
  });

  it('audio-to-audio uploads the clip and reads a WAV', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/audio-audio-to-audio`, API);
    const audio = await audioToAudio(client(), {
      prompt: 'the same melody on a harp',
      audio: { path: `${FIXTURES}/audio.wav` },
      strength: 0.7,
      output_format: 'wav',
    });
    fixtures.assertAllUsed();
    expect(audio.mimeType).toBe('audio/wav');
    expect(Buffer.from(audio.bytes).subarray(0, 4).toString()).toBe('RIFF');
  });

  it('checks duration and the steps each model takes before sending', async () => {
    const long = await rejection(textToAudio(client(), { prompt: 'x', duration: 191 }));
    expect(RequestValidationError.isInstance(long) && long.field).toBe('duration');
    const steps = await rejection(textToAudio(client(), { prompt: 'x', model: 'stable-audio-2.5', steps: 50 }));
    expect(String(steps)).toMatch(/steps: stable-audio-2.5 takes 4–8 steps/);
    const format = await rejection(textToAudio(client(), { prompt: 'x', output_format: 'flac' as 'mp3' }));
    expect(RequestValidationError.isInstance(format) && format.allowed).toEqual(['mp3', 'wav']);
  });
});
