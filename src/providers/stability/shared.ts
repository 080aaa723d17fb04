/**
 * What every Stability v2beta endpoint shares: the common form fields, multipart requests (always multipart,
 * even without a file), and reading an answer that is either the media bytes (headers `finish-reason`, `seed`)
 * or JSON with base64 (`image` / `audio`, `finish_reason`, `seed`).
 * @see https://platform.stability.ai/docs/api-reference
 * @module
 */
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { decodeBase64 } from '../../common/base64.js';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { mimeTypeForExtension, normalizeMimeType } from '../../common/media-types.js';
import { validateInput } from '../../common/validate.js';
import { saveResponse } from '../../http/download.js';
import { type FileInput, type FormValue, isFileInput, toFormData } from '../../http/multipart.js';
import type { HttpRequest, RequestOptions } from '../../http/types.js';
import type { StabilityClient } from './client.js';
import { STABILITY_PROVIDER_NAME } from './errors.js';

/** Aspect ratios of the image endpoints (default `1:1`). */
export const STABILITY_ASPECT_RATIOS = ['21:9', '16:9', '3:2', '5:4', '1:1', '4:5', '2:3', '9:16', '9:21'] as const;

/** Style presets of the image endpoints. */
export const STABILITY_STYLE_PRESETS = [
  'enhance',
  'anime',
  'photographic',
  'digital-art',
  'comic-book',
  'fantasy-art',
  'line-art',
  'analog-film',
  'neon-punk',
  'isometric',
  'low-poly',
  'origami',
  'modeling-compound',
  'cinematic',
  '3d-model',
  'pixel-art',
  'tile-texture',
] as const;

/** Image output formats (default `png`). */
export const STABILITY_IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;

/** `SUCCESS`, or `CONTENT_FILTERED`: moderation blurred the output (still a charged success). */
export type StabilityFinishReason = 'SUCCESS' | 'CONTENT_FILTERED' | (string & {});

/** How the answer comes: `bytes` (`accept: image/*` or `audio/*`, default) or `json` (base64 in JSON). */
export type StabilityAccept = 'bytes' | 'json';

/** Per-call options of the synchronous Stability endpoints. */
export interface StabilityRequestOptions extends RequestOptions {
  /** Answer as raw bytes (default) or as JSON with base64; the result is the same either way. */
  accept?: StabilityAccept;
}

/** What a synchronous Stability endpoint made. */
export interface StabilityMedia {
  /** The media bytes. */
  bytes: Uint8Array;
  /** MIME type (`image/png`, `audio/mpeg`). */
  mimeType: string;
  /** `SUCCESS`, or `CONTENT_FILTERED` (blurred by moderation, still charged). */
  finishReason: StabilityFinishReason;
  /** The seed used, when reported. */
  seed?: number;
  /** Stability's `x-request-id`. */
  requestId?: string;
}

/** A file field: bytes, a Blob, `{ data, filename?, type? }` or `{ path }` (read lazily with `node:fs`). */
export const stabilityFileSchema = z.custom<FileInput>(isFileInput, {
  error: 'must be a file: bytes, a Blob, { data, filename?, type? } or { path }',
});

/** Seed: 0–4294967294 (0 = random). */
export const stabilitySeedSchema = z.int().check(z.gte(0), z.lte(4_294_967_294));
/** A prompt: 1–10000 characters. */
export const stabilityPromptSchema = z.string().check(z.minLength(1), z.maxLength(10_000));
/** A negative prompt: ≤ 10000 characters. */
export const stabilityNegativePromptSchema = z.string().check(z.maxLength(10_000));

/** A number between `min` and `max` inclusive. */
export function between(min: number, max: number) {
  return z.number().check(z.gte(min), z.lte(max));
}

/** `application/json; type=image/png` → `image/png`. */
function mimeTypeOfJsonAnswer(contentType: string | null): string | undefined {
  const match = /;\s*type=([^;\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

function seedOf(value: unknown): number | undefined {
  const seed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seed === 'number' && Number.isFinite(seed) ? seed : undefined;
}

/** One synchronous paid request: how it is sent and read. */
export interface StabilityFormRequest {
  /** Path (`/v2beta/stable-image/generate/core`). */
  path: string;
  /** Form fields as the API names them. */
  fields: Record<string, FormValue | undefined>;
  /** `image` or `audio`: the `accept` family and the JSON field holding the base64. */
  media: 'image' | 'audio';
  /** The `output_format` asked for (png, jpeg, webp, mp3, wav), for the MIME type when the answer omits it. */
  format: string;
}

function requestOf(request: StabilityFormRequest, form: FormData, options: StabilityRequestOptions): HttpRequest {
  const { accept, ...rest } = options;
  return {
    ...rest,
    // The answer is the media, paid for and never fetchable again: the client's generation timeout applies.
    generation: true,
    method: 'POST',
    path: request.path,
    form,
    // A paid generation: retried only where no job can have started (connection refused, 429).
    retry: 'job-start',
    headers: { ...rest.headers, accept: accept === 'json' ? 'application/json' : `${request.media}/*` },
  };
}

/**
 * Sends one synchronous paid Stability request (multipart) and reads the media from either answer shape.
 * Retry policy `job-start`: never repeated once its body may have reached Stability.
 */
export async function sendStabilityForm(
  client: StabilityClient,
  request: StabilityFormRequest,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const form = await toFormData(request.fields);
  const fallbackMime = mimeTypeForExtension(request.format) ?? `${request.media}/*`;
  if (options.accept === 'json') {
    const answer = await client.request<unknown>(requestOf(request, form, options));
    const body = answer.data;
    const encoded = isRecord(body) ? body[request.media] : undefined;
    if (typeof encoded !== 'string' || encoded === '') {
      throw new ResponseValidationError(STABILITY_PROVIDER_NAME, `no ${request.media} in the answer`, body);
    }
    const result: StabilityMedia = {
      bytes: decodeBase64(encoded),
      mimeType: mimeTypeOfJsonAnswer(answer.headers.get('content-type')) ?? fallbackMime,
      finishReason: isRecord(body) && typeof body.finish_reason === 'string' ? body.finish_reason : 'SUCCESS',
    };
    const seed = seedOf(isRecord(body) ? body.seed : undefined);
    if (seed !== undefined) result.seed = seed;
    if (answer.requestId !== undefined) result.requestId = answer.requestId;
    return result;
  }
  const response = await client.raw(requestOf(request, form, options));
  return readMediaResponse(response, fallbackMime);
}

/** Reads a raw media answer (bytes, with `finish-reason` and `seed` headers). */
export async function readMediaResponse(response: Response, fallbackMime: string): Promise<StabilityMedia> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) throw new ResponseValidationError(STABILITY_PROVIDER_NAME, 'the answer is empty', '');
  const headers = response.headers;
  const result: StabilityMedia = {
    bytes,
    mimeType: normalizeMimeType(headers.get('content-type') ?? '') || fallbackMime,
    finishReason: headers.get('finish-reason') ?? 'SUCCESS',
  };
  const seed = seedOf(headers.get('seed'));
  if (seed !== undefined) result.seed = seed;
  const requestId = headers.get('x-request-id');
  if (requestId) result.requestId = requestId;
  return result;
}

/** Validates `params` with `schema` (throwing before any request), then sends them as one form. */
export async function sendValidated<S extends $ZodType>(
  client: StabilityClient,
  schema: S,
  params: unknown,
  request: Omit<StabilityFormRequest, 'fields' | 'format'> & { defaultFormat: string; label: string },
  options: StabilityRequestOptions,
): Promise<StabilityMedia> {
  const fields = validateInput(schema, params, request.label) as Record<string, FormValue | undefined>;
  const format = typeof fields.output_format === 'string' ? fields.output_format : request.defaultFormat;
  return sendStabilityForm(client, { path: request.path, media: request.media, fields, format }, options);
}

/**
 * Saves what a Stability endpoint made to a file, atomically (temporary file, then rename).
 * @example
 * ```ts
 * const image = await generateCore(stability, { prompt: 'a lighthouse at dusk' });
 * await saveStabilityMedia(image, './lighthouse.png');
 * ```
 */
export async function saveStabilityMedia(
  media: StabilityMedia,
  to: string,
  options: { signal?: AbortSignal } = {},
): Promise<{ path: string; bytes: number }> {
  const body = media.bytes as Uint8Array<ArrayBuffer>;
  const saved = await saveResponse(new Response(body), {
    to,
    provider: STABILITY_PROVIDER_NAME,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { path: saved.path ?? to, bytes: saved.bytes };
}
