/**
 * LALAL.AI upload (`POST /api/v1/upload/`): the raw file as the body, its name in `Content-Disposition` (not
 * multipart). Audio and video up to 10 GB; the answer's `id` is the `source_id` of every split.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { type FileInput, isFileInput, toBlob } from '../../http/multipart.js';
import type { RequestOptions } from '../../http/types.js';
import type { LalalClient } from './client.js';
import { LALAL_PROVIDER_NAME } from './errors.js';

/** Parameters of {@link uploadLalalFile}. */
export interface UploadLalalFileParams {
  /** The audio or video: bytes, a Blob, `{ data, filename }` or `{ path }` (Node). */
  file: FileInput;
  /** File name sent (default: the file's own, else `audio.mp3`). */
  filename?: string;
}

/** Answer of `POST /api/v1/upload/`. */
export interface LalalSource {
  /** The `source_id` (UUID) to split. */
  id: string;
  /** File name. */
  name?: string;
  /** Size, bytes. */
  size?: number;
  /** Duration, seconds. */
  duration?: number;
  /** Unix seconds when LALAL.AI deletes the source. */
  expires?: number;
  [key: string]: unknown;
}

/**
 * `Content-Disposition: attachment; filename="…"` (RFC 6266), with the `filename*=utf-8''…` form for names that are
 * not plain ASCII.
 */
export function contentDisposition(filename: string): string {
  if (/^[\x20-\x7e]+$/.test(filename) && !/["\\]/.test(filename)) return `attachment; filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=utf-8''${encoded}`;
}

/**
 * Uploads a file to split (`POST /api/v1/upload/`). Uploads start nothing billable, so a failed one is retried.
 * @throws {RequestValidationError} `file` is not a file.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const source = await uploadLalalFile(lalal, { file: { path: './song.mp3' } });
 * const { task_id } = await splitStem(lalal, { source_id: source.id, presets: { stem: 'vocals' } });
 * ```
 */
export async function uploadLalalFile(
  client: LalalClient,
  params: UploadLalalFileParams,
  options: RequestOptions = {},
): Promise<LalalSource> {
  if (!isFileInput(params.file)) {
    throw new RequestValidationError(
      [
        {
          path: 'file',
          message: 'expected a file: Blob, Uint8Array, ArrayBuffer, { data, filename?, type? } or { path }',
        },
      ],
      'uploadLalalFile params',
    );
  }
  const { blob, filename } = await toBlob(params.file, params.filename ?? 'audio.mp3');
  const name = params.filename ?? filename;
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/api/v1/upload/',
    body: blob,
    headers: {
      ...options.headers,
      'content-disposition': contentDisposition(name),
      'content-type': blob.type || 'application/octet-stream',
    },
    retry: 'safe',
  });
  const body = response.data;
  if (!isRecord(body) || typeof body.id !== 'string' || !body.id) {
    throw new ResponseValidationError(LALAL_PROVIDER_NAME, 'uploadLalalFile: the answer holds no id', body);
  }
  return body as LalalSource;
}
