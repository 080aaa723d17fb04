/**
 * xAI as media providers for the cross-provider media toolset: images are immediate (the answer is the image;
 * a job that is done when it starts), videos are jobs (request id → poll → download).
 * @module
 */
import { decodeBase64 } from '../../common/base64.js';
import { ResponseValidationError } from '../../common/errors.js';
import { makeJobRef } from '../../common/jobs.js';
import type { MediaProvider } from '../../common/media-provider.js';
import { createImmediateMediaProvider } from '../../http/immediate-media-provider.js';
import type { XAIClient } from './client.js';
import { editImages, generateImages, type XAIEditImagesParams, type XAIGenerateImagesParams } from './images.js';
import {
  downloadXAIVideo,
  editVideo,
  extendVideo,
  generateVideo,
  getVideo,
  requireSucceeded,
  waitForXAIVideo,
  type XAIEditVideoParams,
  type XAIExtendVideoParams,
  type XAIGenerateVideoParams,
  type XAIVideoResult,
} from './videos.js';

/** Default image model of {@link xaiImageProvider}. */
export const XAI_DEFAULT_IMAGE_MODEL = 'grok-imagine-image';
/** Default video model of {@link xaiVideoProvider}. */
export const XAI_DEFAULT_VIDEO_MODEL = 'grok-imagine-video';

/**
 * Input of {@link xaiImageProvider}: generation fields, or edit fields when `image` / `images` is given. One
 * image per job (`n` is fixed to 1; `deferred` and `output` are not available here).
 */
export type XAIImageInput =
  | Omit<XAIGenerateImagesParams, 'n' | 'deferred' | 'output'>
  | Omit<XAIEditImagesParams, 'n' | 'deferred' | 'output'>;

/** What a succeeded xAI image job carries. */
export interface XAIImageJobResult {
  /** Cost in ticks (1 USD cent = 100 000 000), when reported. */
  costInUsdTicks?: number;
  /** The rewritten prompt, where sent. */
  revisedPrompt?: string;
}

/**
 * xAI images as an immediate media provider (kind `image`): `start` makes one image (generation, or an edit when
 * `image`/`images` is given; one paid request, never retried once sent) and `download` writes it. Images are
 * asked for as `b64_json` unless `response_format: 'url'` is given.
 * @see https://docs.x.ai/docs/api-reference#image-generations
 * @example
 * ```ts
 * const images = xaiImageProvider(createXAIClient());
 * const job = await images.start({ prompt: 'a red fox in snow', aspect_ratio: '16:9' });
 * await images.download(job, { to: './fox.jpeg' });
 * ```
 */
export function xaiImageProvider(
  client: XAIClient,
  options: { maxHeld?: number } = {},
): MediaProvider<XAIImageInput, XAIImageJobResult> {
  return createImmediateMediaProvider({
    provider: 'xai',
    kind: 'image',
    fetch: client.options.fetch,
    ...(options.maxHeld === undefined ? {} : { maxHeld: options.maxHeld }),
    async make(input, { signal }) {
      const params = { model: XAI_DEFAULT_IMAGE_MODEL, response_format: 'b64_json' as const, ...input, n: 1 };
      const request = signal ? { signal } : {};
      const made =
        'image' in params || 'images' in params
          ? await editImages(client, params as XAIEditImagesParams, request)
          : await generateImages(client, params as XAIGenerateImagesParams, request);
      const image = made.deferred ? undefined : made.response.data[0];
      if (made.deferred || image === undefined) {
        throw new ResponseValidationError('xai', 'the answer holds no image', made);
      }
      const result: XAIImageJobResult = {};
      const cost = made.response.usage?.cost_in_usd_ticks;
      if (typeof cost === 'number') result.costInUsdTicks = cost;
      if (typeof image.revised_prompt === 'string') result.revisedPrompt = image.revised_prompt;
      const mimeType = image.mime_type ?? 'image/jpeg';
      const media = image.b64_json
        ? { bytes: decodeBase64(image.b64_json), mimeType, result }
        : { url: image.url ?? '', mimeType, result };
      return { ...media, model: params.model, ...(made.requestId ? { id: made.requestId } : {}) };
    },
  });
}

/**
 * Input of {@link xaiVideoProvider}: generation fields; or `{ operation: 'edit', … }` / `{ operation: 'extend', … }`
 * with the edit or extension fields.
 */
export type XAIVideoInput =
  | ({ operation?: 'generate' } & XAIGenerateVideoParams)
  | ({ operation: 'edit' } & XAIEditVideoParams)
  | ({ operation: 'extend' } & XAIExtendVideoParams);

/**
 * xAI video as a media provider (kind `video`, a job): `start` generates, edits or extends (one paid request)
 * and returns the request id; `status` / `wait` poll; `download` saves the MP4 (its duration from the result).
 * @see https://docs.x.ai/docs/api-reference#video-generations
 * @example
 * ```ts
 * const videos = xaiVideoProvider(createXAIClient());
 * const job = await videos.start({ prompt: 'a fox in snow', duration: 8 });
 * await videos.wait(job);
 * await videos.download(job, { to: './fox.mp4' });
 * ```
 */
export function xaiVideoProvider(client: XAIClient): MediaProvider<XAIVideoInput, XAIVideoResult> {
  const refOf = (job: Parameters<MediaProvider['status']>[0]) =>
    typeof job === 'string' ? makeJobRef('xai', 'video', job) : job;
  return {
    provider: 'xai',
    kind: 'video',
    async start(input, options = {}) {
      const request = options.signal ? { signal: options.signal } : {};
      const { operation, ...fields } = input;
      const params = { model: XAI_DEFAULT_VIDEO_MODEL, ...fields };
      if (operation === 'edit') return (await editVideo(client, params as XAIEditVideoParams, request)).job;
      if (operation === 'extend') return (await extendVideo(client, params as XAIExtendVideoParams, request)).job;
      return (await generateVideo(client, params as XAIGenerateVideoParams, request)).job;
    },
    status(job, options = {}) {
      return getVideo(client, refOf(job), options.signal ? { signal: options.signal } : {});
    },
    wait(job, options = {}) {
      return waitForXAIVideo(client, refOf(job), options);
    },
    async download(job, options) {
      const ref = refOf(job);
      const status = await getVideo(client, ref, options.signal ? { signal: options.signal } : {});
      const saved = await downloadXAIVideo(client, requireSucceeded(status, ref.id), options);
      return {
        kind: 'video',
        path: saved.path,
        url: saved.url,
        mimeType: 'video/mp4',
        bytes: saved.bytes,
        ...(saved.durationMs === undefined ? {} : { durationMs: saved.durationMs }),
        provider: 'xai',
        job: ref,
      };
    },
  };
}
