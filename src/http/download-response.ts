/**
 * Reading a download's answer: its announced length, the progress and size-cap reports, and the
 * `ApiError` built from a non-2xx answer's first bytes.
 * @module
 */

import { AbortedError, ResponseValidationError } from '../common/errors.js';
import { apiErrorFromVerdict } from './api-error.js';
import type { DownloadProgress } from './download.js';
import { asError, type Guard, release } from './download-guard.js';
import { extractMessage, kindForStatus } from './retry.js';

/** Bytes of an error body read to build the error message. */
const ERROR_BODY_LIMIT = 16_384;

/** The `content-length`, unless the body is re-encoded (fetch decompresses, so the length would not match). */
export function expectedLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return undefined;
  const raw = response.headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** The progress report after `bytes` of `total`. */
export function progressOf(bytes: number, total: number | undefined): DownloadProgress {
  if (total === undefined) return { bytes };
  return { bytes, total, percent: total === 0 ? 100 : Math.min(100, Math.floor((bytes / total) * 100)) };
}

/** The error for a body over `maxBytes`. */
export function tooLarge(provider: string, bytes: number, maxBytes: number, secrets: readonly string[]): Error {
  return new ResponseValidationError(
    provider,
    `the body is larger than maxBytes (${bytes} > ${maxBytes} bytes); raise maxBytes to accept it`,
    undefined,
    { secrets },
  );
}

/** The `ApiError` for a non-2xx answer, its message read from the body's first bytes. */
export async function errorFromResponse(
  response: Response,
  guard: Guard,
  provider: string,
  secrets: readonly string[],
): Promise<Error> {
  const text = await guard.race(readPrefix(response, ERROR_BODY_LIMIT), asError).catch((error: unknown) => {
    if (AbortedError.isInstance(error)) throw error;
    return '';
  });
  let body: unknown = text || undefined;
  try {
    if (text) body = JSON.parse(text) as unknown;
  } catch {
    // Not JSON: keep the text.
  }
  const message = extractMessage(body) ?? (response.statusText || `HTTP ${response.status}`);
  return apiErrorFromVerdict(
    { kind: kindForStatus(response.status), message: `download failed: ${message}`, retryable: false },
    { provider, status: response.status, headers: response.headers, body },
    { secrets },
  );
}

/** Reads at most `limit` bytes of a body as text, then cancels the rest. */
async function readPrefix(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    release(reader);
  }
  const joined = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.byteLength, joined.byteLength - offset);
    joined.set(chunk.subarray(0, take), offset);
    offset += take;
    if (offset >= joined.byteLength) break;
  }
  return new TextDecoder().decode(joined);
}
