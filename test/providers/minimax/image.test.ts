import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ContentFilterError, RequestValidationError, ResponseValidationError } from '../../../src/common/errors.js';
import { type GenerateImageParams, generateImage, saveImages } from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
const CDN = { baseUrl: 'https://cdn.minimax.test' };
const LIGHT = 'A lighthouse on a basalt cliff at dusk, 35mm photo';

const tmp = useTempDir('minimax-image-');

describe('generateImage', () => {
  it('sends the documented example and returns its URLs and counts', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-url`, API);
    const result = await generateImage(client(), {
      model: 'image-01',
      prompt: LIGHT,
      aspect_ratio: '16:9',
      n: 2,
      response_format: 'url',
      prompt_optimizer: true,
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toEqual({
      json: {
        model: 'image-01',
        prompt: LIGHT,
        aspect_ratio: '16:9',
        n: 2,
        response_format: 'url',
        prompt_optimizer: true,
      },
    });
    expect(result.response.metadata).toEqual({ success_count: 2, failed_count: 0 });
    expect(result).toMatchObject({ successCount: 2, failedCount: 0, traceId: '0391a5b8f3c04b1fa3fd0e5a7c2e61b2' });
    expect(result.images.map((image) => image.url)).toEqual([
      'https://cdn.minimax.test/image/0391a5b8/output-0.jpeg',
      'https://cdn.minimax.test/image/0391a5b8/output-1.jpeg',
    ]);
  });

  it('parses counts sent as strings and an image_base64 of null', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-url-string-counts`, API);
    const result = await generateImage(client(), {
      model: 'image-01',
      prompt: LIGHT,
      aspect_ratio: '16:9',
      n: 2,
      response_format: 'url',
      prompt_optimizer: true,
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(fixtures.requests[0]?.headers.authorization).toBe('Bearer sk-api-test-0123456789abcdef');
    expect(result).toMatchObject({ successCount: 2, failedCount: 0, traceId: '0391a5b8f3c04b1fa3fd0e5a7c2e61b2' });
    expect(result.response.id).toBe('0391a5b8f3c04b1fa3fd0e5a7c2e61b2');
    expect(result.images).toEqual([
      { index: 0, url: 'https://cdn.minimax.test/image/0391a5b8/output-0.jpeg', mimeType: 'image/jpeg' },
      { index: 1, url: 'https://cdn.minimax.test/image/0391a5b8/output-1.jpeg', mimeType: 'image/jpeg' },
    ]);
  });

  it('saves URL images into a folder, without sending the key to the CDN', async () => {
    await useFixtures(server, `${FIXTURES}/image-generation-url`, API);
    const downloads = await useFixtures(server, `${FIXTURES}/image-download-url`, CDN);
    const result = await generateImage(client(), {
      model: 'image-01',
      prompt: LIGHT,
      aspect_ratio: '16:9',
      n: 2,
      response_format: 'url',
      prompt_optimizer: true,
    });
    const paths = await saveImages(result, tmp.path);
    downloads.assertAllUsed();
    expect(downloads.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
    expect(paths).toEqual([
      join(tmp.path, 'image-0391a5b8f3c04b1fa3fd0e5a7c2e61b2-0.jpeg'),
      join(tmp.path, 'image-0391a5b8f3c04b1fa3fd0e5a7c2e61b2-1.jpeg'),
    ]);
    expect(new Uint8Array(await readFile(paths[0] as string))).toEqual(
      new Uint8Array(await readFile(`${FIXTURES}/image-output-0.jpeg`)),
    );
  });

  it('decodes base64 output to bytes and saves them to the given paths', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-base64`, API);
    const result = await generateImage(client(), {
      model: 'image-01',
      prompt: LIGHT,
      width: 1024,
      height: 768,
      seed: 42,
      response_format: 'base64',
      aigc_watermark: true,
    });
    fixtures.assertAllUsed();
    const jpeg = new Uint8Array(await readFile(`${FIXTURES}/image-output-0.jpeg`));
    expect(result.images).toEqual([{ index: 0, bytes: jpeg, mimeType: 'image/jpeg' }]);
    const [path] = await saveImages(result, [join(tmp.path, 'nested', 'one.jpg')]);
    expect(new Uint8Array(await readFile(path as string))).toEqual(jpeg);
  });

  it('sends a subject reference (image-to-image); a local file becomes a data URL', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-subject`, API);
    const result = await generateImage(client(), {
      model: 'image-01',
      prompt: 'The same woman reading in a Renaissance library',
      subject_reference: [{ type: 'character', image_file: 'https://example.com/portrait.jpg' }],
      n: 1,
    });
    fixtures.assertAllUsed();
    expect(result.images).toHaveLength(1);

    const file = join(tmp.path, 'face.png');
    await writeFile(file, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    let sent: unknown;
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.post('https://api.minimax.io/v1/image_generation', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({
          id: 'x',
          data: { image_urls: ['https://cdn.minimax.test/a.png'] },
          base_resp: { status_code: 0 },
        });
      }),
    );
    const local = await generateImage(client(), {
      model: 'image-01',
      prompt: 'portrait',
      subject_reference: [{ type: 'character', image_file: file }],
    });
    expect(sent).toMatchObject({
      subject_reference: [{ type: 'character', image_file: 'data:image/png;base64,iVBORw==' }],
    });
    expect(local.images[0]?.mimeType).toBe('image/png');
  });

  it('refuses a WebP subject reference (JPG/JPEG/PNG only) before any request', async () => {
    const file = join(tmp.path, 'face.webp');
    await writeFile(file, new Uint8Array([0x52, 0x49, 0x46, 0x46]));
    for (const image_file of [file, 'data:image/webp;base64,UklGRg==']) {
      const error = await rejection(
        generateImage(client(), {
          model: 'image-01',
          prompt: 'portrait',
          subject_reference: [{ type: 'character', image_file }],
        }),
      );
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe('subject_reference.0.image_file');
      expect((error as Error).message).toContain('JPG/JPEG, PNG');
      expect((error as Error).message).not.toContain('WebP');
    }
  });

  it('sends style for image-01-live', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-style`, API);
    await generateImage(client(), {
      model: 'image-01-live',
      prompt: 'A fox in a misty forest',
      style: { style_type: '水彩', style_weight: 0.6 },
      aspect_ratio: '3:4',
    });
    fixtures.assertAllUsed();
  });

  it('an answer with no image (all blocked) is a ContentFilterError, not a success', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/image-generation-blocked`, API);
    const error = await rejection(generateImage(client(), { model: 'image-01', prompt: 'A blocked prompt' }));
    fixtures.assertAllUsed();
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200 });
  });

  it('an answer with no image and nothing blocked is an empty answer (ResponseValidationError), not moderation', async () => {
    server.use(
      http.post(`${API.baseUrl}/v1/image_generation`, () =>
        HttpResponse.json({ id: 'img_1', data: {}, base_resp: { status_code: 0, status_msg: 'success' } }),
      ),
    );
    const error = await rejection(generateImage(client(), { model: 'image-01', prompt: 'A lighthouse' }));
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(ContentFilterError.isInstance(error)).toBe(false);
    expect(String(error)).toContain('holds no image');
  });

  const invalid: [string, GenerateImageParams, string][] = [
    ['prompt over 1500 characters', { model: 'image-01', prompt: 'x'.repeat(1501) }, 'prompt'],
    ['n over 9', { model: 'image-01', prompt: 'p', n: 10 }, 'n'],
    ['width without height', { model: 'image-01', prompt: 'p', width: 1024 }, 'height'],
    ['width not a multiple of 8', { model: 'image-01', prompt: 'p', width: 1020, height: 1024 }, 'width'],
    ['width over 2048', { model: 'image-01', prompt: 'p', width: 4096, height: 1024 }, 'width'],
    [
      'aspect_ratio with width/height',
      { model: 'image-01', prompt: 'p', width: 1024, height: 1024, aspect_ratio: '1:1' },
      'aspect_ratio',
    ],
    ['21:9 on image-01-live', { model: 'image-01-live', prompt: 'p', aspect_ratio: '21:9' }, 'aspect_ratio'],
    ['width/height on image-01-live', { model: 'image-01-live', prompt: 'p', width: 1024, height: 1024 }, 'width'],
    ['style on image-01', { model: 'image-01', prompt: 'p', style: { style_type: '漫画' } }, 'style'],
    [
      'style weight 0',
      { model: 'image-01-live', prompt: 'p', style: { style_type: '漫画', style_weight: 0 } },
      'style.style_weight',
    ],
    [
      'two subject references',
      {
        model: 'image-01',
        prompt: 'p',
        subject_reference: [
          { type: 'character', image_file: 'https://a' },
          { type: 'character', image_file: 'https://b' },
        ] as unknown as GenerateImageParams['subject_reference'],
      },
      'subject_reference',
    ],
  ];
  for (const [what, params, field] of invalid) {
    it(`rejects ${what} before any request`, async () => {
      const error = await rejection(generateImage(client(), params));
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe(field);
    });
  }
});
