import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ContentFilterError,
  QuotaExceededError,
  RequestValidationError,
  ServerError,
} from '../../../src/common/errors.js';
import {
  eraseImage,
  generateCore,
  generateSd3,
  generateUltra,
  inpaintImage,
  outpaintImage,
  removeBackground,
  saveStabilityMedia,
  searchAndRecolor,
  searchAndReplace,
} from '../../../src/providers/stability/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { API, client, FIXTURES, MASK, PNG, STABILITY_TEST_KEY } from './helpers.js';

const tmp = useTempDir('stability-image-');
const png = () => readFile(`${FIXTURES}/image.png`);

describe('generate', () => {
  it('sd3: sends the documented multipart example and reads the PNG bytes, finish reason and seed from headers', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/generate-sd3-bytes`, API);
    const image = await generateSd3(client(), {
      prompt: 'a lighthouse on a cliff at golden hour',
      model: 'sd3.5-large',
      output_format: 'png',
    });
    fixtures.assertAllUsed();
    const request = fixtures.requests[0];
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.headers.accept).toBe('image/*');
    expect(request?.headers.authorization).toBe(`Bearer ${STABILITY_TEST_KEY}`);
    expect(request?.body).toEqual({
      form: { prompt: 'a lighthouse on a cliff at golden hour', model: 'sd3.5-large', output_format: 'png' },
    });
    expect(image).toMatchObject({
      mimeType: 'image/png',
      finishReason: 'SUCCESS',
      seed: 343940597,
      requestId: '7f9c1e2ab3d44c0f',
    });
    expect(Buffer.from(image.bytes)).toEqual(await png());
    const saved = await saveStabilityMedia(image, join(tmp.path, 'lighthouse.png'));
    expect(await readFile(saved.path)).toEqual(await png());
  });

  it('sd3 image-to-image sends the file part and the strength as form text', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/generate-sd3-image-to-image`, API);
    await generateSd3(client(), {
      prompt: 'the same lighthouse in winter',
      model: 'sd3.5-flash',
      mode: 'image-to-image',
      image: PNG,
      strength: 0.95,
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toMatchObject({
      form: { image: { filename: 'image.png', type: 'image/png', size: 96 }, strength: '0.95' },
    });
  });

  it('ultra: every documented field', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/generate-ultra-bytes`, API);
    const image = await generateUltra(client(), {
      prompt: 'a red fox in a snowy forest',
      aspect_ratio: '16:9',
      negative_prompt: 'blurry',
      style_preset: 'photographic',
      seed: 42,
    });
    fixtures.assertAllUsed();
    expect(image.seed).toBe(42);
  });

  it('core with accept json: decodes the base64 image; finish_reason and seed from the body', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/generate-core-json`, API);
    const image = await generateCore(
      client(),
      { prompt: 'a red fox in a snowy forest', output_format: 'png' },
      { accept: 'json' },
    );
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers.accept).toBe('application/json');
    expect(image).toMatchObject({ mimeType: 'image/png', finishReason: 'SUCCESS', seed: 343940597, requestId: 'c1' });
    expect(Buffer.from(image.bytes)).toEqual(await png());
  });

  it('a blurred (CONTENT_FILTERED) image is still a result, and says so', async () => {
    await useFixtures(server, `${FIXTURES}/generate-core-filtered`, API);
    const image = await generateCore(client(), { prompt: 'a red fox in a snowy forest' });
    expect(image.finishReason).toBe('CONTENT_FILTERED');
  });

  it('refuses bad input before sending, naming the field and the allowed values', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/generate-core-json`, API);
    const bad = await rejection(generateCore(client(), { prompt: 'x', aspect_ratio: '4:3' as '1:1' }));
    expect(RequestValidationError.isInstance(bad) && bad.field).toBe('aspect_ratio');
    expect(RequestValidationError.isInstance(bad) && bad.allowed).toContain('16:9');
    const extra = await rejection(generateCore(client(), { prompt: 'x', size: '1024x1024' } as never));
    expect(String(extra)).toMatch(/unknown field.*size/);
    const strength = await rejection(generateUltra(client(), { prompt: 'x', image: PNG }));
    expect(RequestValidationError.isInstance(strength) && strength.field).toBe('strength');
    const mode = await rejection(generateSd3(client(), { prompt: 'x', image: PNG, strength: 0.5 }));
    expect(RequestValidationError.isInstance(mode) && mode.field).toBe('mode');
    const seed = await rejection(generateCore(client(), { prompt: 'x', seed: 4_294_967_295 }));
    expect(RequestValidationError.isInstance(seed) && seed.field).toBe('seed');
    const file = await rejection(generateUltra(client(), { prompt: 'x', image: 'photo.png' as never, strength: 1 }));
    expect(RequestValidationError.isInstance(file) && file.field).toBe('image');
    expect(fixtures.requests).toHaveLength(0);
  });
});

describe('edit', () => {
  it('erase, inpaint, outpaint, search-and-replace, search-and-recolor: the documented fields as form parts', async () => {
    const fixtures = await useFixtures(
      server,
      ['edit-erase', 'edit-inpaint', 'edit-outpaint', 'edit-search-and-replace', 'edit-search-and-recolor'].map(
        (name) => `${FIXTURES}/${name}.1.json`,
      ),
      API,
    );
    const seeds = [
      (await eraseImage(client(), { image: PNG, mask: MASK, grow_mask: 5 })).seed,
      (await inpaintImage(client(), { image: PNG, prompt: 'a small red scarf', mask: MASK })).seed,
      (await outpaintImage(client(), { image: PNG, left: 200, right: 200, prompt: 'more forest', creativity: 0.5 }))
        .seed,
      (await searchAndReplace(client(), { image: PNG, prompt: 'a grey cat', search_prompt: 'fox' })).seed,
      (await searchAndRecolor(client(), { image: PNG, prompt: 'a blue scarf', select_prompt: 'scarf' })).seed,
    ];
    fixtures.assertAllUsed();
    expect(seeds).toEqual([1, 2, 3, 4, 5]);
    expect(fixtures.requests[0]?.body).toMatchObject({ form: { mask: { filename: 'mask.png', type: 'image/png' } } });
  });

  it('outpaint needs at least one side; erase grow_mask is 0–20', async () => {
    const none = await rejection(outpaintImage(client(), { image: PNG }));
    expect(RequestValidationError.isInstance(none) && none.field).toBe('left');
    const grow = await rejection(eraseImage(client(), { image: PNG, grow_mask: 21 }));
    expect(RequestValidationError.isInstance(grow) && grow.field).toBe('grow_mask');
    const format = await rejection(removeBackground(client(), { image: PNG, output_format: 'jpeg' as 'png' }));
    expect(RequestValidationError.isInstance(format) && format.allowed).toEqual(['png', 'webp']);
  });

  it('remove-background: the documented JSON example gives a WebP', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/edit-remove-background`, API);
    const image = await removeBackground(client(), { image: PNG, output_format: 'webp' }, { accept: 'json' });
    fixtures.assertAllUsed();
    expect(image).toMatchObject({ mimeType: 'image/webp', seed: 0 });
    expect(Buffer.from(image.bytes).subarray(0, 4).toString()).toBe('RIFF');
  });
});

describe('errors', () => {
  const core = () => generateCore(client(), { prompt: 'a red fox in a snowy forest' });

  it('403 content_moderation is a ContentFilterError with the name as code and the errors[] text', async () => {
    await useFixtures(server, `${FIXTURES}/generate-core-moderation`, API);
    const error = await rejection(generateCore(client(), { prompt: 'something flagged' }));
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, code: 'content_moderation' });
    expect(String((error as Error).message)).toMatch(/flagged by our content moderation system.*not charged/);
  });

  it('401, 402, 400, 413, 422 map to typed errors that say what to do', async () => {
    await useFixtures(server, `${FIXTURES}/generate-core-unauthorized`, API);
    const auth = await rejection(core());
    expect(AuthenticationError.isInstance(auth) && auth.message).toMatch(/missing authorization header/);
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/generate-core-payment-required`, API);
    const credits = await rejection(core());
    expect(QuotaExceededError.isInstance(credits) && credits.message).toMatch(/top up/);
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/generate-core-bad-request`, API);
    const bad = await rejection(core());
    expect(BadRequestError.isInstance(bad) && bad.code).toBe('bad_request');
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/generate-ultra-too-large`, API);
    const large = await rejection(
      generateUltra(client(), { prompt: 'a red fox in a snowy forest', image: PNG, strength: 0.5 }),
    );
    expect(BadRequestError.isInstance(large) && large.message).toMatch(/10MiB.*smaller file/);
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/generate-core-invalid-language`, API);
    const language = await rejection(generateCore(client(), { prompt: 'un renard roux dans la neige' }));
    expect(BadRequestError.isInstance(language) && language.code).toBe('invalid_language');
    server.resetHandlers();
    await useFixtures(server, `${FIXTURES}/generate-core-public-figure`, API);
    const figure = await rejection(generateCore(client(), { prompt: 'a portrait of a famous president' }));
    expect(ContentFilterError.isInstance(figure) && figure.code).toBe('public_figure');
  });

  it('a synchronous paid POST is a job start: 429 is retried (no job started), 500 is not', async () => {
    const limited = await useFixtures(server, `${FIXTURES}/generate-core-rate-limited`, API);
    const image = await generateCore(client({ maxRetries: 2 }), { prompt: 'a red fox in a snowy forest' });
    limited.assertAllUsed();
    expect(image.seed).toBe(5);
    server.resetHandlers();
    const failing = await useFixtures(server, `${FIXTURES}/generate-core-server-error`, API);
    const error = await rejection(generateCore(client({ maxRetries: 2 }), { prompt: 'a red fox in a snowy forest' }));
    expect(ServerError.isInstance(error)).toBe(true);
    expect(failing.requests).toHaveLength(1);
    expect(ApiError.isInstance(error) && JSON.stringify(error)).not.toContain(STABILITY_TEST_KEY);
  });
});
