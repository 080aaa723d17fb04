/**
 * MiniMax image generation (`POST /v1/image_generation`): text-to-image and image-to-image (subject reference),
 * synchronous — the answer holds the images as URLs or base64.
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 * @module
 */
import * as z from 'zod/mini';
import { ContentFilterError, RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { extensionForMimeType, mimeTypeForExtension, sniffMimeType } from '../../common/media-types.js';
import { type ValidationIssue, validateInput } from '../../common/validate.js';
import { download } from '../../http/download.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp, readTraceId } from './errors.js';
import { decodeBase64, MINIMAX_SUBJECT_IMAGE_TYPES, resolveImageInput, saveBytes } from './shared.js';

/** Image models: `image-01` and `image-01-live` (any other id is passed through). */
export type MiniMaxImageModel = 'image-01' | 'image-01-live' | (string & {});

/** Aspect ratios and the size each gives: 1:1 1024², 16:9 1280×720, 4:3 1152×864, 3:2 1248×832, 2:3, 3:4, 9:16, 21:9 (`image-01` only). */
export const MINIMAX_IMAGE_ASPECT_RATIOS = ['1:1', '16:9', '4:3', '3:2', '2:3', '3:4', '9:16', '21:9'] as const;

/** Style types of `image-01-live` (comic, vibrant, medieval, watercolour), sent as the Chinese strings the API takes. */
export const MINIMAX_IMAGE_STYLE_TYPES = ['漫画', '元气', '中世纪', '水彩'] as const;

/** Size limit of a subject-reference image, bytes (< 10 MB). */
const SUBJECT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

const dimension = z.int().check(z.gte(512), z.lte(2048), z.multipleOf(8));

/**
 * Request schema of `POST /v1/image_generation` (exact: unknown fields are rejected).
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 */
export const generateImageParamsSchema = z.strictObject({
  model: z.string().check(z.minLength(1)),
  prompt: z.string().check(z.minLength(1), z.maxLength(1500)),
  aspect_ratio: z.optional(z.enum(MINIMAX_IMAGE_ASPECT_RATIOS)),
  width: z.optional(dimension),
  height: z.optional(dimension),
  response_format: z.optional(z.enum(['url', 'base64'])),
  seed: z.optional(z.int()),
  n: z.optional(z.int().check(z.gte(1), z.lte(9))),
  prompt_optimizer: z.optional(z.boolean()),
  aigc_watermark: z.optional(z.boolean()),
  style: z.optional(
    z.strictObject({
      style_type: z.enum(MINIMAX_IMAGE_STYLE_TYPES),
      style_weight: z.optional(z.number().check(z.gt(0), z.lte(1))),
    }),
  ),
  // One reference, as a one-item tuple: the params type's shape, so the two cannot drift.
  subject_reference: z.optional(
    z.tuple([z.strictObject({ type: z.literal('character'), image_file: z.string().check(z.minLength(1)) })]),
  ),
});

/**
 * Parameters of {@link generateImage} (wire fields as MiniMax names them).
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 */
export interface GenerateImageParams {
  /** `image-01` or `image-01-live` (the latter for `style`; its use with subject reference is unverified). */
  model: MiniMaxImageModel;
  /** What to draw; at most 1500 characters. */
  prompt: string;
  /** Output shape; default `1:1`. `21:9` only with `image-01`. Do not combine with `width`/`height`. */
  aspect_ratio?: (typeof MINIMAX_IMAGE_ASPECT_RATIOS)[number];
  /** Width in px, 512–2048, multiple of 8; with `height`; `image-01` only. */
  width?: number;
  /** Height in px, 512–2048, multiple of 8; with `width`; `image-01` only. */
  height?: number;
  /** `url` (default; links expire after 24 h) or `base64`. */
  response_format?: 'url' | 'base64';
  /** Same seed and parameters give similar output; omitted, every image gets its own random seed. */
  seed?: number;
  /** Number of images, 1–9 (default 1). */
  n?: number;
  /** Let MiniMax rewrite the prompt (default false). */
  prompt_optimizer?: boolean;
  /** Add a watermark (default false). */
  aigc_watermark?: boolean;
  /** Style, `image-01-live` only. */
  style?: { style_type: (typeof MINIMAX_IMAGE_STYLE_TYPES)[number]; style_weight?: number };
  /**
   * Image-to-image: one portrait to keep (`type: 'character'`). `image_file` is an https URL, a data URL, or a
   * local file path (read and sent as a data URL). JPG/JPEG/PNG under 10 MB.
   */
  subject_reference?: [{ type: 'character'; image_file: string }];
}

/**
 * The wire answer of `POST /v1/image_generation`.
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 */
export interface ImageGenerationResponse {
  /** Request id. */
  id?: string;
  /** The images: `image_urls` for `url`, `image_base64` for `base64` (the other may be null). */
  data?: {
    image_urls?: string[] | null;
    image_base64?: string[] | null;
    success_count?: number | string;
    failed_count?: number | string;
    [key: string]: unknown;
  };
  /** Counts (sometimes sent as strings). */
  metadata?: { success_count?: number | string; failed_count?: number | string; [key: string]: unknown };
  /** Trace id, when sent. */
  trace_id?: string;
  /** Status; always `status_code: 0` here (errors are thrown). */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** One generated image: a signed URL (valid 24 h) or the decoded bytes. */
export type GeneratedImage =
  | { index: number; url: string; bytes?: undefined; mimeType: string }
  | { index: number; url?: undefined; bytes: Uint8Array; mimeType: string };

/** What {@link generateImage} returns: the wire answer plus the images, decoded, and the counts as numbers. */
export interface ImageGenerationResult {
  /** The provider's answer as sent. */
  response: ImageGenerationResponse;
  /** The images (fewer than `n` when some were blocked). */
  images: GeneratedImage[];
  /** Images made. */
  successCount: number;
  /** Images blocked by content safety. */
  failedCount: number;
  /** Trace id for support. */
  traceId?: string;
}

function count(...values: unknown[]): number | undefined {
  for (const value of values) {
    if (value === undefined || value === null || value === '') continue;
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return undefined;
}

function extensionOfUrl(url: string): string {
  try {
    const match = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname);
    return match?.[1]?.toLowerCase() ?? 'jpeg';
  } catch {
    return 'jpeg';
  }
}

function mimeOfExtension(extension: string): string {
  const type = mimeTypeForExtension(extension);
  return type?.startsWith('image/') ? type : 'image/jpeg';
}

function checkRules(params: GenerateImageParams): void {
  const issues: ValidationIssue[] = [];
  const hasWidth = params.width !== undefined;
  const hasHeight = params.height !== undefined;
  if (hasWidth !== hasHeight) {
    issues.push({ path: hasWidth ? 'height' : 'width', message: 'width and height go together: send both or neither' });
  }
  if ((hasWidth || hasHeight) && params.aspect_ratio !== undefined) {
    issues.push({
      path: 'aspect_ratio',
      message: 'send aspect_ratio or width/height, not both (MiniMax ignores width/height when aspect_ratio is set)',
    });
  }
  if ((hasWidth || hasHeight) && params.model === 'image-01-live') {
    issues.push({ path: 'width', message: 'width/height are supported by image-01 only' });
  }
  if (params.aspect_ratio === '21:9' && params.model === 'image-01-live') {
    issues.push({ path: 'aspect_ratio', message: '21:9 is supported by image-01 only' });
  }
  if (params.style !== undefined && params.model === 'image-01') {
    issues.push({ path: 'style', message: 'style is supported by image-01-live only' });
  }
  if (issues.length) throw new RequestValidationError(issues, 'generateImage params');
}

/**
 * Generates images from a prompt (and optionally a subject reference). Synchronous: resolves with the images.
 * Throws ContentFilterError when every image was blocked, and the typed error for any non-zero `base_resp`.
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 * @example
 * ```ts
 * const result = await generateImage(mm, { model: 'image-01', prompt: 'A lighthouse at dusk', aspect_ratio: '16:9', n: 2 });
 * const paths = await saveImages(result, './out');
 * ```
 */
export async function generateImage(
  client: MiniMaxClient,
  params: GenerateImageParams,
  options: RequestOptions = {},
): Promise<ImageGenerationResult> {
  validateInput(generateImageParamsSchema, params, 'generateImage params');
  checkRules(params);
  const body: GenerateImageParams = { ...params };
  if (params.subject_reference) {
    const [reference] = params.subject_reference;
    body.subject_reference = [
      {
        type: 'character',
        image_file: await resolveImageInput(
          reference.image_file,
          'subject_reference.0.image_file',
          SUBJECT_IMAGE_MAX_BYTES,
          MINIMAX_SUBJECT_IMAGE_TYPES,
        ),
      },
    ];
  }
  const answer = await client.request<ImageGenerationResponse>({
    ...options,
    method: 'POST',
    path: '/v1/image_generation',
    json: body,
    retry: 'job-start',
    generation: true,
  });
  const response = answer.data;
  const traceId = readTraceId(response, answer.headers) ?? answer.requestId;
  const urls = response.data?.image_urls ?? [];
  const base64 = response.data?.image_base64 ?? [];
  const images: GeneratedImage[] = [];
  for (const [index, url] of (Array.isArray(urls) ? urls : []).entries()) {
    if (typeof url === 'string' && url) images.push({ index, url, mimeType: mimeOfExtension(extensionOfUrl(url)) });
  }
  for (const [index, encoded] of (Array.isArray(base64) ? base64 : []).entries()) {
    if (typeof encoded !== 'string' || !encoded) continue;
    const bytes = decodeBase64(encoded);
    images.push({ index, bytes, mimeType: imageMimeType(bytes) });
  }
  const successCount = count(response.metadata?.success_count, response.data?.success_count) ?? images.length;
  const failedCount = count(response.metadata?.failed_count, response.data?.failed_count) ?? 0;
  if (images.length === 0) {
    const details = {
      provider: MINIMAX_PROVIDER_NAME,
      status: answer.status,
      body: response,
      ...(traceId ? { requestId: traceId } : {}),
    };
    if (failedCount > 0) {
      throw new ContentFilterError(
        `no image was produced (${failedCount} blocked by content safety): change the prompt or reference image.`,
        details,
      );
    }
    // Nothing blocked and nothing made (success_count 0, or no counts at all): an empty answer, not moderation.
    throw new ResponseValidationError(
      MINIMAX_PROVIDER_NAME,
      `the answer holds no image (success_count ${successCount})`,
      response,
    );
  }
  const result: ImageGenerationResult = { response, images, successCount, failedCount };
  if (traceId) result.traceId = traceId;
  return result;
}

/** Options of {@link saveImages}. */
export interface SaveImagesOptions {
  /** Abort the downloads. */
  signal?: AbortSignal;
  /** Refuse any image larger than this many bytes. */
  maxBytes?: number;
  /** File name prefix when saving into a folder. Default `image`. */
  prefix?: string;
  /** A fetch implementation for URL images (defaults to the global one; never sent the API key). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Saves generated images: into a folder (`<dir>/<prefix>-<id>-<index>.<ext>`) or to the given paths, one per
 * image. URL images are downloaded (streamed, atomic, no API key sent to the CDN); base64 images are written
 * atomically. Returns the paths written, in image order.
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 * @example
 * ```ts
 * const [first] = await saveImages(result, './out');
 * ```
 */
export async function saveImages(
  result: ImageGenerationResult,
  target: string | readonly string[],
  options: SaveImagesOptions = {},
): Promise<string[]> {
  if (Array.isArray(target) && target.length < result.images.length) {
    throw new RequestValidationError(
      [{ path: 'target', message: `${result.images.length} images but ${target.length} paths` }],
      'saveImages',
    );
  }
  const prefix = options.prefix ?? 'image';
  const id = result.response.id ? `-${result.response.id}` : '';
  const paths: string[] = [];
  for (const [position, image] of result.images.entries()) {
    const extension = image.url ? extensionOfUrl(image.url) : extensionForMimeType(image.mimeType);
    const to = Array.isArray(target)
      ? (target[position] as string)
      : `${(target as string).replace(/[\\/]+$/, '')}/${prefix}${id}-${image.index}.${extension}`;
    const saved = image.url
      ? await download(image.url, {
          to,
          provider: MINIMAX_PROVIDER_NAME,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : await saveBytes(image.bytes as Uint8Array, to, options.signal ? { signal: options.signal } : {});
    paths.push(saved.path ?? to);
  }
  return paths;
}

/** An image's MIME type from its first bytes; `image/jpeg` (MiniMax's default format) when they name no image type. */
function imageMimeType(bytes: Uint8Array): string {
  const type = sniffMimeType(bytes);
  return type?.startsWith('image/') ? type : 'image/jpeg';
}
