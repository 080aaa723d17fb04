import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ContentFilterError,
  QuotaExceededError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import {
  editImages,
  generateImages,
  getDeferredImages,
  saveXAIImage,
  xaiImageProvider,
} from '../../../src/providers/xai/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { API, client, FIXTURES, IMAGES, XAI_TEST_KEY } from './media-helpers.js';

const FOX = 'A red fox in a snowy forest, watercolor';
const tmp = useTempDir('xai-images-');
const jpeg = () => readFile(`${FIXTURES}/image.jpeg`);

describe('generateImages', () => {
  it('sends the documented example and saves both URL images without sending the key to the image host', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/images-generations-url`, API);
    const downloads = await useFixtures(server, `${FIXTURES}/images-download`, IMAGES);
    const made = await generateImages(client(), {
      model: 'grok-imagine-image',
      prompt: FOX,
      n: 2,
      response_format: 'url',
      aspect_ratio: '16:9',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers.authorization).toBe(`Bearer ${XAI_TEST_KEY}`);
    if (made.deferred) throw new Error('not deferred');
    expect(made.response.usage?.cost_in_usd_ticks).toBe(400_000_000);
    const saved = [];
    for (const [index, image] of made.response.data.entries()) {
      saved.push(await saveXAIImage(image, join(tmp.path, `fox-${index}.jpeg`)));
    }
    downloads.assertAllUsed();
    expect(downloads.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect(saved.map((item) => item.mimeType)).toEqual(['image/jpeg', 'image/jpeg']);
    expect(await readFile(join(tmp.path, 'fox-1.jpeg'))).toEqual(await jpeg());
  });

  it('b64_json: decodes the image; revised prompt and request id kept', async () => {
    await useFixtures(server, `${FIXTURES}/images-generations-b64`, API);
    const made = await generateImages(client(), {
      model: 'grok-imagine-image-2.0',
      prompt: FOX,
      n: 1,
      response_format: 'b64_json',
      aspect_ratio: '3:2',
      resolution: '1k',
      quality: 'medium',
    });
    if (made.deferred) throw new Error('not deferred');
    expect(made.requestId).toBe('img-7f3c');
    expect(made.response.data[0]?.revised_prompt).toMatch(/watercolor/);
    const saved = await saveXAIImage(made.response.data[0] ?? {}, join(tmp.path, 'fox.jpeg'));
    expect(await readFile(saved.path)).toEqual(await jpeg());
  });

  it('deferred: a request id, then 202 (empty body) → pending, 200 done → succeeded; failure inside a 200', async () => {
    await useFixtures(server, `${FIXTURES}/images-generations-deferred`, API);
    const made = await generateImages(client(), {
      model: 'grok-imagine-image',
      prompt: FOX,
      deferred: true,
      response_format: 'url',
    });
    if (!made.deferred) throw new Error('deferred');
    expect(made.job).toMatchObject({ provider: 'xai', kind: 'image', id: 'e5b1b4d4-7b6a-4a0e-9c0d-7f3c7d8a1b2c' });
    const results = await useFixtures(server, `${FIXTURES}/images-deferred`, API);
    expect(await getDeferredImages(client(), made.job)).toMatchObject({ state: 'pending' });
    const done = await getDeferredImages(client(), made.job);
    results.assertAllUsed();
    expect(done.state).toBe('succeeded');
    expect(done.result?.data[0]?.url).toMatch(/^https:\/\/imgen\.x\.ai\//);
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/images-deferred-failed`, API);
    expect(await getDeferredImages(client(), made.requestId)).toMatchObject({
      state: 'failed',
      error: { code: 'invalid_argument', message: 'The prompt could not be processed.' },
    });
  });

  it('refuses bad input before sending, naming the field', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/images-generations-b64`, API);
    const cases: [unknown, string][] = [
      [{ prompt: FOX, n: 11 }, 'n'],
      [{ prompt: FOX, aspect_ratio: '5:4' }, 'aspect_ratio'],
      [{ prompt: FOX, size: '1024x1024' }, ''],
      [{ prompt: FOX, deferred: true, response_format: 'b64_json' }, 'response_format'],
      [{ prompt: '' }, 'prompt'],
    ];
    for (const [params, field] of cases) {
      const error = await rejection(generateImages(client(), params as never));
      expect(RequestValidationError.isInstance(error) && error.field).toBe(field);
    }
    const both = await rejection(
      editImages(client(), { prompt: 'x', image: { url: 'https://a.b/c.png' }, images: [{ file_id: 'f' }] }),
    );
    expect(RequestValidationError.isInstance(both) && both.field).toBe('image');
    const ratio = await rejection(editImages(client(), { prompt: 'x', image: { file_id: 'f' }, aspect_ratio: '1:1' }));
    expect(RequestValidationError.isInstance(ratio) && ratio.field).toBe('aspect_ratio');
    const local = await rejection(editImages(client(), { prompt: 'x', image: { url: '/etc/passwd' } }));
    expect(RequestValidationError.isInstance(local) && local.field).toMatch(/^image/);
    expect(fixtures.requests).toHaveLength(0);
  });

  it('maps moderation, a bad key (HTTP 400) and exhausted credits (HTTP 429) to typed errors', async () => {
    await useFixtures(server, `${FIXTURES}/images-generations-moderated`, API);
    const moderated = await rejection(
      generateImages(client(), {
        model: 'grok-imagine-image',
        prompt: 'something flagged',
        response_format: 'b64_json',
      }),
    );
    expect(ContentFilterError.isInstance(moderated)).toBe(true);
    const params = { model: 'grok-imagine-image', prompt: FOX, response_format: 'b64_json' } as const;
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/images-generations-bad-key`, API);
    expect(AuthenticationError.isInstance(await rejection(generateImages(client(), params)))).toBe(true);
    server.resetHandlers();
    const credits = await useFixtures(server, `${FIXTURES}/images-generations-credits`, API);
    const error = await rejection(generateImages(client({ maxRetries: 2 }), params));
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect(credits.requests).toHaveLength(1);
  });
});

describe('editImages', () => {
  it('sends the documented JSON edit with a data URL', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/images-edits`, API);
    const url = `data:image/jpeg;base64,${(await jpeg()).toString('base64')}`;
    const made = await editImages(client(), {
      model: 'grok-imagine-image',
      prompt: 'Add a small red scarf to the fox',
      image: { url },
      response_format: 'b64_json',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(made.deferred).toBe(false);
  });

  it('multi-reference edit with aspect_ratio', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/images-edits-multi`, API);
    await editImages(client(), {
      model: 'grok-imagine-image',
      prompt: 'Put <IMAGE_0> next to <IMAGE_1>',
      images: [{ url: 'https://example.com/fox.jpeg' }, { file_id: 'file_a128090d' }],
      aspect_ratio: '16:9',
      response_format: 'url',
    });
    fixtures.assertAllUsed();
  });
});

describe('xaiImageProvider (immediate)', () => {
  it('start makes one b64 image with the default model; download writes it', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/images-generations-provider`, API);
    const images = xaiImageProvider(client());
    expect(images).toMatchObject({ provider: 'xai', kind: 'image', completion: 'immediate' });
    const job = await images.start({ prompt: FOX, aspect_ratio: '16:9' });
    fixtures.assertAllUsed();
    expect(job).toMatchObject({ provider: 'xai', kind: 'image', id: 'img-0001', model: 'grok-imagine-image' });
    expect(await images.status(job)).toMatchObject({ state: 'succeeded', result: { costInUsdTicks: 200_000_000 } });
    const artifact = await images.download(job, { to: join(tmp.path, 'fox.jpeg') });
    expect(artifact).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', provider: 'xai' });
    expect(await readFile(join(tmp.path, 'fox.jpeg'))).toEqual(await jpeg());
  });
});
