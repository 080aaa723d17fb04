/**
 * Mureka file upload (`POST /v1/files/upload`, multipart): reference tracks, vocals, melodies and audio to extend.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { validateInput } from '../../common/validate.js';
import { type FileInput, isFileInput, toFormData } from '../../http/multipart.js';
import type { RequestOptions } from '../../http/types.js';
import type { MurekaClient } from './client.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';

/**
 * Upload purposes: `reference` (mp3/m4a, 30 s) → song `reference_id`; `vocal` (15–30 s) → `vocal_id`; `melody`
 * (mp3/m4a/mid, 5–60 s) → `melody_id`; `instrumental` (30 s) → `instrumental_id`; `voice` (5–15 s) → TTS;
 * `audio` → song extend `upload_audio_id`; `remix`. Longer files are trimmed, shorter ones rejected.
 */
export const MUREKA_UPLOAD_PURPOSES = [
  'reference',
  'vocal',
  'melody',
  'instrumental',
  'voice',
  'audio',
  'remix',
] as const;

/** An upload purpose (see {@link MUREKA_UPLOAD_PURPOSES}). */
export type MurekaUploadPurpose = (typeof MUREKA_UPLOAD_PURPOSES)[number];

/**
 * Fields of `POST /v1/files/upload`.
 * @see https://platform.mureka.ai/docs/
 */
export const uploadFileParamsSchema = /* @__PURE__ */ z.strictObject({
  file: z.custom<FileInput>(isFileInput, {
    error: 'expected a file: Blob, Uint8Array, ArrayBuffer, { data, filename?, type? } or { path }',
  }),
  purpose: z.enum(MUREKA_UPLOAD_PURPOSES),
});

/** Parameters of {@link uploadMurekaFile}. */
export interface UploadFileParams {
  /** The audio (≤ 10 MB): bytes, a Blob, `{ data, filename }` or `{ path }` (Node). */
  file: FileInput;
  /** What the file is for (see {@link MUREKA_UPLOAD_PURPOSES}). */
  purpose: MurekaUploadPurpose;
}

/** Answer of `POST /v1/files/upload`. */
export interface MurekaFile {
  /** File id, passed as `reference_id`, `vocal_id`, `upload_audio_id`… */
  id: string;
  /** Name as uploaded. */
  filename?: string;
  /** Size. */
  bytes?: number;
  /** Unix seconds. */
  created_at?: number;
  /** The purpose given. */
  purpose?: string;
  [key: string]: unknown;
}

/**
 * Uploads an audio file for later use (`POST /v1/files/upload`, multipart: `file`, `purpose`). The boundary is set
 * by the runtime, never a JSON content type.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const ref = await uploadMurekaFile(mureka, { file: { path: './hook.mp3' }, purpose: 'reference' });
 * await generateSong(mureka, { lyrics, model: 'auto', reference_id: ref.id, n: 1 });
 * ```
 */
export async function uploadMurekaFile(
  client: MurekaClient,
  params: UploadFileParams,
  options: RequestOptions = {},
): Promise<MurekaFile> {
  const { file, purpose } = validateInput(uploadFileParamsSchema, params, 'uploadMurekaFile params');
  const form = await toFormData({ purpose, file });
  // An upload starts nothing billable: safe to repeat.
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/v1/files/upload',
    form,
    retry: 'safe',
  });
  const body = response.data;
  if (!isRecord(body) || (typeof body.id !== 'string' && typeof body.id !== 'number')) {
    throw new ResponseValidationError(MUREKA_PROVIDER_NAME, 'uploadMurekaFile: the answer holds no id', body);
  }
  body.id = String(body.id);
  return body as MurekaFile;
}
