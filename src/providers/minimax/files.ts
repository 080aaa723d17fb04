/**
 * MiniMax file retrieval (`GET /v1/files/retrieve`): a file id (int64, kept exact) to its metadata and a
 * short-lived download URL. v1 video tasks end with such a file id.
 * @see https://platform.minimax.io/docs/api-reference/file-management-retrieve
 * @module
 */
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp } from './errors.js';
import { requestExactJson } from './shared.js';

/**
 * The wire answer of `GET /v1/files/retrieve`. `download_url` is short-lived (1–9 h reported, unverified):
 * download at once.
 * @see https://platform.minimax.io/docs/api-reference/file-management-retrieve
 */
export interface RetrieveFileResponse {
  /** The file. */
  file: {
    /** File id (int64 on the wire; kept exact as a string). */
    file_id: string;
    /** Size, bytes. */
    bytes?: number;
    /** Unix seconds. */
    created_at?: number;
    /** File name (`output.mp4`). */
    filename?: string;
    /** `video_generation`, `t2a_async`, … */
    purpose?: string;
    /** Signed download URL. */
    download_url?: string;
    [key: string]: unknown;
  };
  /** Status. */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** Normalises a file id to its exact decimal string (int64: never through a float). */
export function normalizeFileId(fileId: string | number | bigint): string {
  const text = typeof fileId === 'bigint' ? fileId.toString() : String(fileId);
  if (!/^\d{1,19}$/.test(text) || (typeof fileId === 'number' && !Number.isSafeInteger(fileId))) {
    throw new RequestValidationError(
      [{ path: 'file_id', message: 'must be a positive int64 (pass large ids as strings or bigints)' }],
      'file id',
    );
  }
  return text;
}

/**
 * Resolves a file id to its metadata and a short-lived `download_url`. The id stays exact (int64).
 * @see https://platform.minimax.io/docs/api-reference/file-management-retrieve
 */
export async function retrieveFile(
  client: MiniMaxClient,
  fileId: string | number | bigint,
  options: RequestOptions = {},
): Promise<RetrieveFileResponse> {
  const id = normalizeFileId(fileId);
  const answer = await requestExactJson<RetrieveFileResponse>(client, {
    ...options,
    method: 'GET',
    path: '/v1/files/retrieve',
    query: { file_id: id },
    retry: 'safe',
  });
  const response = answer.data;
  if (!response.file || typeof response.file !== 'object') {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no file in the answer', response);
  }
  response.file.file_id = String(response.file.file_id ?? id);
  return response;
}
