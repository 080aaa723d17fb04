/**
 * Downloads: stream a body to a file (atomically) or to a WritableStream, in constant memory, size-capped,
 * guarded by an idle timeout, never forwarding auth headers to another origin.
 *
 * Portable: the file-path branch reaches `node:fs/promises` and `node:path` through a lazy `import()` on that
 * code path alone (Node, Bun and Deno provide them); a WritableStream target needs neither.
 * @module
 */

import {
  type AbortedError,
  type ApiError,
  ConnectionError,
  type FileSystemError,
  type TimeoutError,
} from '../common/errors.js';
import { registerSecret } from '../common/secrets.js';
import { asError, discard, Guard, release } from './download-guard.js';
import { fetchFollowingRedirects, parseHttpUrl, safeOrigin } from './download-request.js';
import { errorFromResponse, expectedLength, progressOf, tooLarge } from './download-response.js';
import { BatchWriter, openSink, refuseExisting, type Sink } from './download-sink.js';

/** Download progress, reported after every chunk. */
export interface DownloadProgress {
  /** Bytes received so far. */
  bytes: number;
  /** Expected size from `content-length`, when the server sent it (and the body is not re-encoded). */
  total?: number;
  /** 0–100, when `total` is known. */
  percent?: number;
}

/** Options of {@link saveResponse}: where the body goes and the limits that guard it. */
export interface SaveResponseOptions {
  /**
   * A file path (written to `.<name>.<random>.part` beside it, then renamed; missing folders are created) or a
   * WritableStream (closed on success, aborted on failure).
   */
  to: string | WritableStream<Uint8Array>;
  /** Stops the download at once with an {@link AbortedError}; no partial file is left. */
  signal?: AbortSignal;
  /** Refuse bodies larger than this many bytes (checked against `content-length` first, then while streaming). */
  maxBytes?: number;
  /**
   * Longest silence allowed while waiting for the headers or the next chunk (or for the target to accept one),
   * ms; then a {@link TimeoutError}. Default 30 000; 0 disables it.
   */
  idleTimeoutMs?: number;
  /** Called after every chunk. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Name used in errors. Default `download`. */
  provider?: string;
  /**
   * Flush a file target to disk (fsync) before the rename, so a crash or power loss cannot leave a renamed but
   * incomplete file. Default true; false trades that guarantee for throughput (the kernel flushes later).
   */
  fsync?: boolean;
  /**
   * What to do when a file already exists at the `to` path. Default true: replace it (the result says
   * `replaced: true`). False: refuse with a {@link FileSystemError} (code `EEXIST`) and write nothing — checked
   * before the request and again, atomically, when the finished file is put in place.
   */
  overwrite?: boolean;
}

/** Options of {@link download}. */
export interface DownloadOptions extends SaveResponseOptions {
  /** A fetch implementation to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent to every URL on the way (redirects included). Put credentials in `authHeaders`, not here. */
  headers?: Record<string, string>;
  /**
   * Headers that authenticate (a provider's `Authorization`): sent only to `authOrigin`, never to another
   * origin, redirects included. Without `authOrigin` they are never sent.
   */
  authHeaders?: Record<string, string>;
  /** The only origin (`https://api.openai.com`) that receives `authHeaders`. */
  authOrigin?: string;
}

/** What a finished download produced. */
export interface DownloadResult {
  /** Absolute path of the saved file, when `to` was a path. */
  path?: string;
  /** Bytes written. */
  bytes: number;
  /** The response's `content-type`, when sent. */
  contentType?: string;
  /** True when a file already at `path` was replaced; absent when the file is new (or `to` was a stream). */
  replaced?: boolean;
}

/** Default longest silence inside a body, ms. */
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/**
 * Downloads a URL to a file path or a WritableStream, streaming in constant memory.
 *
 * Redirects (up to 5) are followed by hand so that `authHeaders` reach only `authOrigin`. A file target is
 * written to a temporary file in the same folder, flushed, and renamed only when complete; on any failure
 * (HTTP error, broken connection, stall, size cap, short body, abort) the temporary file is deleted.
 *
 * @throws {RequestValidationError} the URL is not http(s).
 * @throws {ApiError} a non-2xx answer (`NotFoundError` for 404, `AuthenticationError` for 401, …).
 * @throws {TimeoutError} no data for `idleTimeoutMs` (phase `request` before the headers, `idle` in the body).
 * @throws {ConnectionError} the connection failed or the body ended short of its `content-length`.
 * @throws {ResponseValidationError} the body is larger than `maxBytes`.
 * @throws {AbortedError} the signal aborted.
 * @throws {FileSystemError} the file could not be written (`EACCES`, `ENOSPC`, `EISDIR`, …; it names the path),
 * or it exists and `overwrite` is false (`EEXIST`).
 * @example
 * ```ts
 * const { path, bytes } = await download(video.url, { to: 'out/video.mp4', maxBytes: 2e9, onProgress: console.log });
 * ```
 */
export async function download(source: string | URL, options: DownloadOptions): Promise<DownloadResult> {
  const provider = options.provider ?? 'download';
  // Both the header values and the bare keys behind a scheme word (`Bearer <key>` → `<key>`): a server may echo either.
  const secrets = Object.values(options.authHeaders ?? {}).flatMap((value) => {
    const bare = value.replace(/^\S+\s+/, '');
    return bare === value ? [value] : [value, bare];
  });
  for (const value of secrets) registerSecret(value);
  const url = parseHttpUrl(source, 'url');
  const authOrigin = options.authOrigin === undefined ? undefined : safeOrigin(options.authOrigin);
  const fetcher = options.fetch ?? globalThis.fetch;
  const guard = new Guard(options.signal, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, provider, secrets);

  try {
    guard.throwIfStopped();
    if (typeof options.to === 'string' && options.overwrite === false) await refuseExisting(options.to);
    const response = await fetchFollowingRedirects(url, { fetcher, options, authOrigin, guard, provider, secrets });
    return await saveGuarded(response, options, guard, provider, secrets);
  } finally {
    guard.dispose();
  }
}

/**
 * Saves a fetched Response (for example from `client.raw(...)`) to a file path or a WritableStream, with the
 * same guarantees as {@link download}: constant memory, idle timeout, size cap, content-length check, atomic
 * rename, no partial file on failure. A non-2xx Response becomes an {@link ApiError}.
 * @example
 * ```ts
 * const response = await client.raw({ method: 'GET', path: `videos/${id}/content` });
 * await saveResponse(response, { to: 'video.mp4', provider: 'openai' });
 * ```
 */
export async function saveResponse(response: Response, options: SaveResponseOptions): Promise<DownloadResult> {
  const provider = options.provider ?? 'download';
  const guard = new Guard(options.signal, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, provider, []);
  try {
    return await saveGuarded(response, options, guard, provider, []);
  } finally {
    guard.dispose();
  }
}

/** Checks the answer, then streams its body into the target and commits it; on failure the target is discarded. */
async function saveGuarded(
  response: Response,
  options: SaveResponseOptions,
  guard: Guard,
  provider: string,
  secrets: readonly string[],
): Promise<DownloadResult> {
  guard.start('idle');
  if (!response.ok) {
    throw await errorFromResponse(response, guard, provider, secrets);
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  const total = expectedLength(response);
  const { maxBytes } = options;
  if (maxBytes !== undefined && total !== undefined && total > maxBytes) {
    discard(response.body);
    throw tooLarge(provider, total, maxBytes, secrets);
  }

  let sink: Sink;
  try {
    sink = await openSink(options.to, options.fsync ?? true, options.overwrite ?? true);
  } catch (error) {
    discard(response.body);
    throw error;
  }
  try {
    const bytes = response.body ? await streamBody(response.body, sink, options, guard, provider, secrets, total) : 0;
    if (total !== undefined && bytes !== total) {
      throw new ConnectionError(provider, `the body ended after ${bytes} of ${total} bytes; try again`, { secrets });
    }
    guard.throwIfStopped();
    const saved = await sink.commit();
    const result: DownloadResult = { bytes };
    if (saved !== undefined) result.path = saved.path;
    if (saved?.replaced) result.replaced = true;
    if (contentType !== undefined) result.contentType = contentType;
    return result;
  } catch (error) {
    await sink.discard(error).catch(() => undefined);
    throw error;
  }
}

/** Reads the body chunk by chunk into the sink, under the size cap and the guard; returns the bytes read. */
async function streamBody(
  body: ReadableStream<Uint8Array>,
  sink: Sink,
  options: SaveResponseOptions,
  guard: Guard,
  provider: string,
  secrets: readonly string[],
  total: number | undefined,
): Promise<number> {
  const { maxBytes } = options;
  let bytes = 0;
  const reader = body.getReader();
  const writer = new BatchWriter(sink);
  try {
    for (;;) {
      const { done, value } = await guard.read(
        reader,
        (error) => new ConnectionError(provider, 'the connection broke during the download', { cause: error, secrets }),
      );
      if (done) break;
      bytes += value.byteLength;
      if (maxBytes !== undefined && bytes > maxBytes) throw tooLarge(provider, bytes, maxBytes, secrets);
      const backpressure = writer.push(value);
      if (backpressure) await guard.race(backpressure, asError);
      if (options.onProgress) options.onProgress(progressOf(bytes, total));
    }
    await guard.race(writer.drain(), asError);
    guard.pause();
  } catch (error) {
    guard.pause();
    release(reader);
    await writer.settle();
    throw error;
  }
  return bytes;
}
