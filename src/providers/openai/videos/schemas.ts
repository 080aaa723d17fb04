/**
 * zod/mini schemas of the Sora API: exact request schemas (run before any request) and lenient response
 * schemas (only what we read is required; unknown fields are kept).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24.
 * @module
 */

import * as z from 'zod/mini';
import { idProblem } from '../../../common/ids.js';
import { isFileInput } from '../../../http/multipart.js';
import type { UploadInput } from './types.js';

/**
 * Documented values of each enum (spec v2.3.0 and the SDK docs of 2026-08-21).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export const VIDEO_ENUMS = {
  model: ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08'],
  seconds: ['4', '8', '12'],
  extensionSeconds: ['4', '8', '12', '16', '20'],
  size: ['720x1280', '1280x720', '1024x1792', '1792x1024'],
  variant: ['video', 'thumbnail', 'spritesheet'],
  order: ['asc', 'desc'],
} as const;

const notBlank = /* @__PURE__ */ z.refine<string>((value) => value.trim().length > 0, { message: 'must not be blank' });
const prompt = /* @__PURE__ */ z.string().check(z.minLength(1), z.maxLength(32_000), notBlank);
const nonEmpty = /* @__PURE__ */ z.string().check(z.minLength(1), notBlank);

const upload = /* @__PURE__ */ z.custom<UploadInput>(isFileInput, {
  error: 'expected a file: Blob, File, Uint8Array, ArrayBuffer, { data, filename?, type? } or { path }',
});

/**
 * An enum field that also takes `{ unlisted: '<value>' }` for values the spec does not list yet; the endpoint
 * functions unwrap it (see `unwrapUnlisted`) after validation.
 */
function openEnum<const T extends readonly [string, ...string[]]>(values: T, unlistedFormat: RegExp) {
  return z.union([
    z.enum(values),
    z.strictObject({
      unlisted: z.string().check(z.regex(unlistedFormat, `unlisted value must match ${unlistedFormat}`)),
    }),
  ]);
}

/** A reference image by URL; with `fileIdReference`, the two shapes of `ImageInputReference`. */
const imageUrlReference = /* @__PURE__ */ z.strictObject({
  image_url: z
    .string()
    .check(
      z.regex(/^(https?:\/\/|data:)/i, 'must be an http(s) URL or a base64 data: URL'),
      z.maxLength(20 * 1024 * 1024),
    ),
});

/** A reference image by uploaded file id. */
const fileIdReference = /* @__PURE__ */ z.strictObject({ file_id: nonEmpty });

/** A video id sent in a body: one path segment, like the ids in paths (see `common/ids`). */
const videoId = /* @__PURE__ */ z
  .string()
  .check(z.refine((id) => idProblem(id) === undefined, 'must be a video id: one path segment (not "." or "..")'));

const videoSource = /* @__PURE__ */ z.union([upload, z.strictObject({ id: videoId })], {
  error: 'expected { id: "video_…" } of a completed video, or a video file',
});

/**
 * `POST /v1/videos` body.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export const createVideoParamsSchema = /* @__PURE__ */ z.strictObject({
  prompt,
  model: z.optional(nonEmpty),
  seconds: z.optional(openEnum(VIDEO_ENUMS.seconds, /^\d+$/)),
  size: z.optional(openEnum(VIDEO_ENUMS.size, /^\d+x\d+$/)),
  input_reference: z.optional(
    z.union([upload, imageUrlReference, fileIdReference], {
      error: 'expected an image file, { image_url } or { file_id } (exactly one of image_url and file_id)',
    }),
  ),
});

/**
 * `POST /v1/videos/{video_id}/remix` body.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/remix
 */
export const remixVideoParamsSchema = /* @__PURE__ */ z.strictObject({ prompt });

/**
 * `POST /v1/videos/edits` body.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/edit
 */
export const editVideoParamsSchema = /* @__PURE__ */ z.strictObject({ prompt, video: videoSource });

/**
 * `POST /v1/videos/extensions` body.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/extend
 */
export const extendVideoParamsSchema = /* @__PURE__ */ z.strictObject({
  prompt,
  seconds: openEnum(VIDEO_ENUMS.extensionSeconds, /^\d+$/),
  video: videoSource,
});

/**
 * `GET /v1/videos` query.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 */
export const listVideosParamsSchema = /* @__PURE__ */ z.strictObject({
  after: z.optional(nonEmpty),
  limit: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
  order: z.optional(z.enum(VIDEO_ENUMS.order)),
});

/**
 * `POST /v1/videos/characters` body.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create_character
 */
export const createCharacterParamsSchema = /* @__PURE__ */ z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(80), notBlank),
  video: upload,
});

/**
 * `GET /v1/videos/{video_id}/content` query.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/download_content
 */
export const downloadVideoContentQuerySchema = /* @__PURE__ */ z.strictObject({
  variant: openEnum(VIDEO_ENUMS.variant, /^[a-z_]+$/),
});

/**
 * What we read of a Video: lenient, unknown fields kept.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 */
export const videoSchema = /* @__PURE__ */ z.looseObject({ id: z.string(), status: z.string() });

/**
 * What we read of a list page.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 */
export const videoPageSchema = /* @__PURE__ */ z.looseObject({
  data: z.array(videoSchema),
  has_more: z.optional(z.nullable(z.boolean())),
  last_id: z.optional(z.nullable(z.string())),
});

/**
 * What we read of a deletion answer.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/delete
 */
export const videoDeletedSchema = /* @__PURE__ */ z.looseObject({ id: z.string(), deleted: z.boolean() });

/**
 * What we read of a character.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/get_character
 */
export const videoCharacterSchema = /* @__PURE__ */ z.looseObject({ id: z.nullable(z.string()) });
