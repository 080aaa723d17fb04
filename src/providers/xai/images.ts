/**
 * xAI image generation and editing (Grok Imagine): `POST /v1/images/generations`, `POST /v1/images/edits` (JSON,
 * not multipart) and deferred results `GET /v1/images/{request_id}`. Each POST is one paid request, never
 * retried once sent.
 * @see https://docs.x.ai/docs/api-reference#image-generations
 * @module
 */
import * as z from 'zod/mini';
import { decodeBase64 } from '../../common/base64.js';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { type JobRef, type JobStatus, makeJobRef } from '../../common/jobs.js';
import { validateInput } from '../../common/validate.js';
import { download, saveResponse } from '../../http/download.js';
import type { RequestOptions } from '../../http/types.js';
import type { XAIClient } from './client.js';
import { getXAIResult, type XAIMediaUsage, type XAIResultError, xaiRequestId } from './media-shared.js';

/** Image model ids (any other string is passed through). */
export type XAIImageModel =
  | 'grok-imagine-image'
  | 'grok-imagine-image-2.0'
  | 'grok-imagine-image-quality'
  | (string & {});

/** Aspect ratios of the grok-imagine image models (default `auto`). */
export const XAI_IMAGE_ASPECT_RATIOS = [
  '1:1',
  '3:4',
  '4:3',
  '9:16',
  '16:9',
  '2:3',
  '3:2',
  '9:19.5',
  '19.5:9',
  '9:20',
  '20:9',
  '1:2',
  '2:1',
  '21:9',
  '5:2',
  'auto',
] as const;

/** An input image: an https URL or a `data:image/...;base64,` URL (JPEG/PNG/WebP), or an uploaded file id. */
export const xaiImageRefSchema = z.union([
  z.strictObject({ url: z.string().check(z.regex(/^(https:\/\/|data:image\/)/i, 'an https URL or a data:image URL')) }),
  z.strictObject({ file_id: z.string().check(z.minLength(1)) }),
]);
/** An input image reference. */
export type XAIImageRef = z.infer<typeof xaiImageRefSchema>;

const storageOptions = z.strictObject({
  filename: z.string().check(z.minLength(1)),
  expires_after: z.optional(z.int().check(z.gte(1), z.lte(2_592_000))),
  public_url: z.optional(z.union([z.literal(true), z.strictObject({ expires_after: z.optional(z.int()) })])),
});

const shared = {
  prompt: z.string().check(z.minLength(1)),
  model: z.optional(z.string().check(z.minLength(1))),
  n: z.optional(z.int().check(z.gte(1), z.lte(10))),
  response_format: z.optional(z.enum(['url', 'b64_json'])),
  resolution: z.optional(z.enum(['1k', '1.5k', '2k'])),
  /** `grok-imagine-image-2.0` only; not in the REST schema (from the SDKs), unverified. */
  quality: z.optional(z.enum(['low', 'medium', 'high', 'auto'])),
  deferred: z.optional(z.boolean()),
  output: z.optional(z.strictObject({ upload_urls: z.array(z.url({ protocol: /^https$/ })) })),
  storage_options: z.optional(storageOptions),
  user: z.optional(z.string()),
};

type Rules = { n?: number | undefined; deferred?: boolean | undefined; response_format?: string | undefined } & {
  output?: { upload_urls: string[] } | undefined;
};
const rules = z.superRefine<Rules>((value, context) => {
  const add = (path: string, message: string) =>
    context.addIssue({ code: 'custom', path: [path], message, input: value });
  if (value.deferred && value.response_format === 'b64_json') add('response_format', 'deferred works only with "url"');
  if (value.output && value.response_format === 'b64_json') add('response_format', 'output works only with "url"');
  if (value.output && value.output.upload_urls.length !== (value.n ?? 1)) {
    add('output.upload_urls', 'give one upload URL per image (n)');
  }
});

/**
 * Request schema of `POST /v1/images/generations`.
 * @see https://docs.x.ai/docs/api-reference#image-generations
 */
export const xaiGenerateImagesSchema = z
  .strictObject({ ...shared, aspect_ratio: z.optional(z.enum(XAI_IMAGE_ASPECT_RATIOS)) })
  .check(rules);
/** Parameters of {@link generateImages} (wire fields). */
export type XAIGenerateImagesParams = z.infer<typeof xaiGenerateImagesSchema> & { model?: XAIImageModel };

/**
 * Request schema of `POST /v1/images/edits`: `image` or `images` (up to 3 references, `<IMAGE_0>` … in the
 * prompt; more for grok-imagine-image-2.0 is unverified); `aspect_ratio` only with `images`.
 * @see https://docs.x.ai/docs/api-reference#image-edits
 */
export const xaiEditImagesSchema = z
  .strictObject({
    ...shared,
    image: z.optional(xaiImageRefSchema),
    images: z.optional(z.array(xaiImageRefSchema).check(z.minLength(1), z.maxLength(3))),
    aspect_ratio: z.optional(z.enum(XAI_IMAGE_ASPECT_RATIOS)),
  })
  .check(
    rules,
    z.superRefine((value, context) => {
      const add = (path: string, message: string) =>
        context.addIssue({ code: 'custom', path: [path], message, input: value });
      if ((value.image === undefined) === (value.images === undefined))
        add('image', 'give image or images (one of them)');
      if (value.aspect_ratio !== undefined && value.images === undefined) {
        add('aspect_ratio', 'only for multi-image edits (images); a single-image edit keeps the input ratio');
      }
    }),
  );
/** Parameters of {@link editImages} (wire fields). */
export type XAIEditImagesParams = z.infer<typeof xaiEditImagesSchema> & { model?: XAIImageModel };

/** One made image as the API answers it. */
export interface XAIImageData {
  /** Temporary xAI-hosted URL (`response_format: 'url'`). */
  url?: string;
  /** Bare base64 (`response_format: 'b64_json'`). */
  b64_json?: string;
  /** MIME type (usually `image/jpeg`). */
  mime_type?: string;
  /** The rewritten prompt, where sent (older answers; unverified in the current spec). */
  revised_prompt?: string;
  /** The stored copy (with `storage_options`). */
  file_output?: Record<string, unknown>;
  /** Why storing failed. */
  storage_error?: string;
  [key: string]: unknown;
}

/** The wire answer of the image endpoints. */
export interface XAIImagesResponse {
  /** The images. */
  data: XAIImageData[];
  /** Cost (and tokens for token-billed models). */
  usage?: XAIMediaUsage;
  [key: string]: unknown;
}

/** What {@link generateImages} and {@link editImages} return: the answer, or a deferred request to poll. */
export type XAIImagesResult =
  | { deferred: false; response: XAIImagesResponse; requestId?: string }
  | { deferred: true; requestId: string; job: JobRef };

async function postImages(
  client: XAIClient,
  path: string,
  body: Record<string, unknown>,
  options: RequestOptions,
): Promise<XAIImagesResult> {
  const answer = await client.request<unknown>({
    ...options,
    method: 'POST',
    path,
    json: body,
    retry: 'job-start',
    // Answered with the images once they are made (unless deferred).
    generation: body.deferred !== true,
  });
  const data = answer.data;
  if (body.deferred === true) {
    const id = isRecord(data) ? data.request_id : undefined;
    if (typeof id !== 'string' || !id) throw new ResponseValidationError('xai', 'no request_id in the answer', data);
    return { deferred: true, requestId: id, job: makeJobRef('xai', 'image', id, modelOf(body)) };
  }
  if (!isRecord(data) || !Array.isArray(data.data)) {
    throw new ResponseValidationError('xai', 'no data[] in the image answer', data);
  }
  const result: XAIImagesResult = { deferred: false, response: data as XAIImagesResponse };
  const requestId = xaiRequestId(answer);
  if (requestId !== undefined) result.requestId = requestId;
  return result;
}

function modelOf(body: Record<string, unknown>): { model?: string } {
  return typeof body.model === 'string' ? { model: body.model } : {};
}

/**
 * Makes 1–10 images from a prompt. With `deferred: true` the answer is a request id to poll with
 * {@link getDeferredImages}.
 * @see https://docs.x.ai/docs/api-reference#image-generations
 * @example
 * ```ts
 * const made = await generateImages(xaiClient, { model: 'grok-imagine-image', prompt: 'a red fox', response_format: 'b64_json' });
 * if (!made.deferred) await saveXAIImage(made.response.data[0]!, './fox.jpeg');
 * ```
 */
export async function generateImages(
  client: XAIClient,
  params: XAIGenerateImagesParams,
  options: RequestOptions = {},
): Promise<XAIImagesResult> {
  const body = validateInput(xaiGenerateImagesSchema, params, 'generateImages params');
  return postImages(client, 'images/generations', body, options);
}

/**
 * Edits one image (or combines up to 3) from a prompt; JSON body with `{ url }` (https or data URL) or
 * `{ file_id }` references. Billed for the inputs and the output.
 * @see https://docs.x.ai/docs/api-reference#image-edits
 * @example
 * ```ts
 * const edited = await editImages(xaiClient, { prompt: 'Add a red scarf', image: { url: dataUrl }, response_format: 'b64_json' });
 * ```
 */
export async function editImages(
  client: XAIClient,
  params: XAIEditImagesParams,
  options: RequestOptions = {},
): Promise<XAIImagesResult> {
  const body = validateInput(xaiEditImagesSchema, params, 'editImages params');
  return postImages(client, 'images/edits', body, options);
}

/**
 * Checks a deferred image request once (`GET /v1/images/{request_id}`): HTTP 202 → `pending`; 200 `done` →
 * `succeeded` with the answer; 200 `failed` → `failed` with xAI's code and message; a word the docs do not list
 * (without an error) → `pending`, bounded by the wait's deadline. 404: unknown or expired.
 * @see https://docs.x.ai/docs/api-reference#get-deferred-image
 */
export async function getDeferredImages(
  client: XAIClient,
  job: JobRef | string,
  options: RequestOptions = {},
): Promise<JobStatus<XAIImagesResponse>> {
  const { status, body } = await getXAIResult(client, 'images', job, options);
  if (status === 202) return { state: 'pending', providerStatus: 'pending', raw: body };
  const word = isRecord(body) && typeof body.status === 'string' ? body.status : 'done';
  if (word === 'done' && isRecord(body) && Array.isArray(body.data)) {
    return { state: 'succeeded', providerStatus: word, progress: 100, result: body as XAIImagesResponse, raw: body };
  }
  if (word === 'pending') return { state: 'pending', providerStatus: word, raw: body };
  const error = isRecord(body) && isRecord(body.error) ? (body.error as XAIResultError) : undefined;
  // A word the docs do not list, with no error: still running (a wait's deadline bounds it).
  if (!error && word !== 'done' && word !== 'expired' && !/^(fail|failed|error)$/i.test(word)) {
    return { state: 'pending', providerStatus: word, raw: body };
  }
  return {
    state: word === 'expired' ? 'expired' : 'failed',
    providerStatus: word,
    error: { message: error?.message ?? `the image request ended with status ${word}`, ...codeOf(error) },
    raw: body,
  };
}

function codeOf(error: XAIResultError | undefined): { code?: string } {
  return typeof error?.code === 'string' ? { code: error.code } : {};
}

/**
 * Saves one made image to a file, atomically: decoded from `b64_json`, or downloaded from its temporary `url`
 * (no API key is sent to the image host).
 * @example
 * ```ts
 * if (!made.deferred) await saveXAIImage(made.response.data[0]!, './fox.jpeg');
 * ```
 */
export async function saveXAIImage(
  image: XAIImageData,
  to: string,
  options: { fetch?: typeof globalThis.fetch; signal?: AbortSignal; maxBytes?: number } = {},
): Promise<{ path: string; bytes: number; mimeType: string }> {
  const mimeType = image.mime_type ?? 'image/jpeg';
  const common = {
    to,
    provider: 'xai',
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  };
  let saved: { path?: string; bytes: number };
  if (typeof image.b64_json === 'string' && image.b64_json) {
    saved = await saveResponse(new Response(decodeBase64(image.b64_json) as Uint8Array<ArrayBuffer>), common);
  } else if (typeof image.url === 'string' && image.url) {
    saved = await download(image.url, { ...common, ...(options.fetch ? { fetch: options.fetch } : {}) });
  } else {
    throw new ResponseValidationError('xai', 'the image has neither b64_json nor url', image);
  }
  return { path: saved.path ?? to, bytes: saved.bytes, mimeType };
}
