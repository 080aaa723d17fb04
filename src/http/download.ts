/**
 * Downloads: stream a body to a file (atomically) or to a WritableStream, in constant memory, size-capped,
 * guarded by an idle timeout, never forwarding auth headers to another origin.
 *
 * Portable: the file-path branch reaches `node:fs/promises` and `node:path` through a lazy `import()` on that
 * code path alone (Node, Bun and Deno provide them); a WritableStream target needs neither.
 * @module
 */

import {
  AbortedError,
  ApiError,
  ConnectionError,
  FileSystemError,
  HelloDaveError,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
} from '../common/errors.js';
import { registerSecret } from '../common/secrets.js';
import { apiErrorFromVerdict } from './api-error.js';
import { IdleClock } from './guard-body.js';
import { extractMessage, kindForStatus } from './retry.js';

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
/** Redirects followed before giving up. */
const MAX_REDIRECTS = 5;
/** Bytes of an error body read to build the error message. */
const ERROR_BODY_LIMIT = 16_384;
/** Headers never forwarded to an origin other than `authOrigin`, even when passed in `headers`. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

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
  let url = parseHttpUrl(source, 'url');
  const authOrigin = options.authOrigin === undefined ? undefined : safeOrigin(options.authOrigin);
  const fetcher = options.fetch ?? globalThis.fetch;
  const guard = new Guard(options.signal, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, provider, secrets);

  try {
    guard.throwIfStopped();
    if (typeof options.to === 'string' && options.overwrite === false) await refuseExisting(options.to);
    guard.start('request');
    let response: Response | undefined;
    for (let hop = 0; ; hop++) {
      const sameOrigin = authOrigin !== undefined && url.origin === authOrigin;
      response = await guard.race(
        fetcher(url, {
          method: 'GET',
          headers: requestHeaders(options, sameOrigin),
          redirect: 'manual',
          signal: guard.signal,
        }),
        (error) => new ConnectionError(provider, `could not reach ${describeUrl(url)}`, { cause: error, secrets }),
      );
      if (response.type === 'opaqueredirect') {
        // Browsers hide manual redirects; follow them natively, but without any credential.
        response = await guard.race(
          fetcher(url, { method: 'GET', headers: requestHeaders(options, false), signal: guard.signal }),
          (error) => new ConnectionError(provider, `could not reach ${describeUrl(url)}`, { cause: error, secrets }),
        );
        break;
      }
      guard.start('request');
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) break;
      discard(response.body);
      if (hop >= MAX_REDIRECTS) {
        throw new ConnectionError(provider, `more than ${MAX_REDIRECTS} redirects from ${describeUrl(url)}`, {
          secrets,
        });
      }
      url = parseHttpUrl(new URL(location, url), 'redirect location');
    }
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
  let bytes = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      const writer = new BatchWriter(sink);
      try {
        for (;;) {
          const { done, value } = await guard.read(
            reader,
            (error) =>
              new ConnectionError(provider, 'the connection broke during the download', { cause: error, secrets }),
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
    }
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

/** Bytes queued while a write is in flight before reading waits for it: bounds memory, batches small chunks. */
const WRITE_HIGH_WATER_MARK = 256 * 1024;

/**
 * Keeps one write in flight and queues what arrives meanwhile (written next as one batch), so the network and
 * the disk overlap; `push` hands back a promise to wait on once the queue passes the high-water mark.
 */
class BatchWriter {
  private queue: Uint8Array[] = [];
  private queued = 0;
  private inFlight: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(private readonly sink: Sink) {}

  /** Queues a chunk; returns a promise to await when the caller should stop reading for now. */
  push(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure.error);
    this.queue.push(chunk);
    this.queued += chunk.byteLength;
    if (!this.inFlight) this.start();
    else if (this.queued >= WRITE_HIGH_WATER_MARK) return this.inFlight;
    return undefined;
  }

  /** Writes everything queued; rejects with the first write error. */
  async drain(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure.error;
  }

  /** Waits for the write in flight, ignoring its outcome (cleanup after a failure). */
  async settle(): Promise<void> {
    this.queue = [];
    this.queued = 0;
    while (this.inFlight) await this.inFlight.catch(() => undefined);
  }

  private start(): void {
    const batch = this.queue;
    this.queue = [];
    this.queued = 0;
    this.inFlight = this.sink.write(batch).then(
      () => {
        this.inFlight = undefined;
        if (this.queue.length > 0) this.start();
      },
      (error: unknown) => {
        this.inFlight = undefined;
        this.failure = { error };
        throw error;
      },
    );
    // Rejections are read through push / drain; never leave one unhandled.
    this.inFlight.catch(() => undefined);
  }
}

/** A download target: written batch by batch, then committed or discarded. */
interface Sink {
  /** Writes the chunks in order. */
  write(chunks: readonly Uint8Array[]): Promise<void>;
  /** Finishes the target; for a file, returns its final path and whether it replaced one. */
  commit(): Promise<{ path: string; replaced: boolean } | undefined>;
  /** Removes every trace of a failed download. */
  discard(reason: unknown): Promise<void>;
}

async function openSink(to: string | WritableStream<Uint8Array>, fsync: boolean, overwrite: boolean): Promise<Sink> {
  if (typeof to !== 'string') {
    const writer = to.getWriter();
    return {
      async write(chunks) {
        for (const chunk of chunks) {
          await writer.ready;
          await writer.write(chunk);
        }
      },
      async commit() {
        await writer.close();
        return undefined;
      },
      async discard(reason) {
        await writer.abort(reason);
      },
    };
  }
  const fs = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const target = nodePath.resolve(to);
  const folder = nodePath.dirname(target);
  await onDisk(fs.mkdir(folder, { recursive: true }), folder, 'create folder');
  if (!overwrite) await refuseExisting(target);
  const temporary = nodePath.join(folder, `.${nodePath.basename(target)}.${randomSuffix()}.part`);
  const handle = await onDisk(fs.open(temporary, 'wx'), target, 'write');
  let closed = false;
  return {
    async write(chunks) {
      await onDisk(writeAll(handle, chunks), target, 'write');
    },
    async commit() {
      if (fsync) await onDisk(handle.sync(), target, 'write');
      closed = true;
      await onDisk(handle.close(), target, 'write');
      const replaced = overwrite ? await exists(target) : false;
      await onDisk(overwrite ? fs.rename(temporary, target) : placeNew(temporary, target), target, 'save');
      return { path: target, replaced };
    },
    async discard() {
      if (!closed) {
        closed = true;
        await handle.close().catch(() => undefined);
      }
      await fs.rm(temporary, { force: true });
    },
  };
}

/** Writes every chunk at the handle's position, in order, short writes included. */
async function writeAll(handle: import('node:fs/promises').FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  const size = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  // Runtimes whose FileHandle lacks writev (older Deno) write chunk by chunk.
  const { bytesWritten } =
    typeof handle.writev === 'function' ? await handle.writev(chunks as Uint8Array[]) : { bytesWritten: 0 };
  if (bytesWritten === size) return;
  // A short write (rare on regular files): write the rest chunk by chunk.
  let skip = bytesWritten;
  for (const chunk of chunks) {
    if (skip >= chunk.byteLength) {
      skip -= chunk.byteLength;
      continue;
    }
    let offset = skip;
    skip = 0;
    while (offset < chunk.byteLength) {
      const written = await handle.write(chunk, offset, chunk.byteLength - offset);
      offset += written.bytesWritten;
    }
  }
}

/** Awaits a file-system call; a system error becomes a {@link FileSystemError} naming `path` and `operation`. */
async function onDisk<T>(promise: Promise<T>, path: string, operation: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw FileSystemError.from(error, path, operation);
  }
}

async function exists(path: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

function existingFile(path: string): FileSystemError {
  return new FileSystemError({
    path,
    operation: 'save',
    code: 'EEXIST',
    advice:
      'A file already exists there and overwrite is false; remove it, choose another path, or pass overwrite: true.',
  });
}

/** Refuses (overwrite: false) when something is already at `to`. */
async function refuseExisting(to: string): Promise<void> {
  const nodePath = await import('node:path');
  const target = nodePath.resolve(to);
  if (await exists(target)) throw existingFile(target);
}

/**
 * Puts the finished temporary file at `target` only if nothing is there, atomically: a hard link fails with
 * EEXIST when the name is taken. Where hard links are not supported, a check then a rename.
 */
async function placeNew(temporary: string, target: string): Promise<void> {
  const fs = await import('node:fs/promises');
  try {
    await fs.link(temporary, target);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST') throw existingFile(target);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await refuseExisting(target);
    await fs.rename(temporary, target);
    return;
  }
  await fs.rm(temporary, { force: true });
}

function randomSuffix(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The abort signal, the idle timer and the way both interrupt a pending promise. `race` settles with the
 * interruption's error (AbortedError / TimeoutError) the moment either fires, even if the raced promise never
 * settles (a body reader on a stalled socket).
 */
class Guard {
  /** Aborts the fetch when the caller aborts or the idle timer fires. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly clock: IdleClock;
  private phase: 'request' | 'idle' = 'request';
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private stopped: HelloDaveError | undefined;
  private readonly waiters = new Set<(error: HelloDaveError) => void>();
  private readonly onAbort = (): void => {
    const reason: unknown = this.outer?.reason;
    this.stop(new AbortedError('The download was aborted.', reason === undefined ? {} : { cause: reason }));
  };

  constructor(
    private readonly outer: AbortSignal | undefined,
    idleTimeoutMs: number,
    provider: string,
    secrets: readonly string[],
  ) {
    this.signal = this.controller.signal;
    this.clock = new IdleClock(idleTimeoutMs, () =>
      this.stop(new TimeoutError(provider, this.phase, idleTimeoutMs, { secrets })),
    );
    if (outer?.aborted) this.onAbort();
    else outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** The wait for the given phase starts now (the idle clock of {@link IdleClock}). */
  start(phase: 'request' | 'idle'): void {
    this.phase = phase;
    this.clock.waiting();
  }

  /** Stops the idle clock (the body is done; flushing to disk is not a network stall). */
  pause(): void {
    this.clock.stop();
  }

  /**
   * Reads one chunk. An interruption cancels the reader (which settles a pending read at once, even on a stalled
   * source) and wins; a failed read goes through `wrap`. Cheaper per chunk than {@link Guard.race}.
   */
  async read(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    wrap: (error: unknown) => Error,
  ): Promise<ReadableStreamReadResult<Uint8Array>> {
    this.throwIfStopped();
    this.reader = reader;
    let result: ReadableStreamReadResult<Uint8Array>;
    this.clock.waiting();
    try {
      result = await reader.read();
    } catch (error) {
      if (this.stopped) throw this.stopped;
      if (HelloDaveError.isInstance(error)) throw error;
      throw wrap(error);
    } finally {
      this.clock.arrived();
    }
    if (this.stopped) throw this.stopped;
    return result;
  }

  throwIfStopped(): void {
    if (this.stopped) throw this.stopped;
  }

  /** Awaits `promise`; an interruption wins; other rejections go through `wrap` unless already ours. */
  async race<T>(promise: Promise<T>, wrap: (error: unknown) => Error): Promise<T> {
    this.throwIfStopped();
    let waiter: ((error: HelloDaveError) => void) | undefined;
    const interrupted = new Promise<never>((_, reject) => {
      waiter = reject;
      this.waiters.add(reject);
    });
    try {
      return await Promise.race([promise, interrupted]);
    } catch (error) {
      if (this.stopped) throw this.stopped;
      if (HelloDaveError.isInstance(error)) throw error;
      throw wrap(error);
    } finally {
      if (waiter) this.waiters.delete(waiter);
      promise.catch(() => undefined);
    }
  }

  private stop(error: HelloDaveError): void {
    if (this.stopped) return;
    this.stopped = error;
    this.pause();
    this.controller.abort(error);
    for (const reject of this.waiters) reject(error);
    this.waiters.clear();
    this.reader?.cancel(error).catch(() => undefined);
  }

  dispose(): void {
    this.pause();
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

/**
 * Cancels a body without waiting: a cancel can stay pending as long as the source behind it does (a stalled
 * socket, a test stream), and nothing here needs its outcome.
 */
function discard(body: ReadableStream<Uint8Array> | null): void {
  if (body && !body.locked) body.cancel().catch(() => undefined);
}

function release(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  reader.cancel().catch(() => undefined);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function parseHttpUrl(source: string | URL, field: string): URL {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new RequestValidationError([{ path: field, message: 'not a valid absolute URL' }], 'download');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RequestValidationError(
      [{ path: field, message: `unsupported scheme ${url.protocol}`, allowed: ['http:', 'https:'] }],
      'download',
    );
  }
  return url;
}

function safeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    throw new RequestValidationError([{ path: 'authOrigin', message: 'not a valid origin URL' }], 'download');
  }
}

/** Origin and path only: signed URLs carry credentials in their query. */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function requestHeaders(options: DownloadOptions, sameOrigin: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (sameOrigin || !CREDENTIAL_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  }
  if (sameOrigin) {
    for (const [name, value] of Object.entries(options.authHeaders ?? {})) headers.set(name, value);
  }
  return headers;
}

/** The `content-length`, unless the body is re-encoded (fetch decompresses, so the length would not match). */
function expectedLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return undefined;
  const raw = response.headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

function progressOf(bytes: number, total: number | undefined): DownloadProgress {
  if (total === undefined) return { bytes };
  return { bytes, total, percent: total === 0 ? 100 : Math.min(100, Math.floor((bytes / total) * 100)) };
}

function tooLarge(provider: string, bytes: number, maxBytes: number, secrets: readonly string[]): Error {
  return new ResponseValidationError(
    provider,
    `the body is larger than maxBytes (${bytes} > ${maxBytes} bytes); raise maxBytes to accept it`,
    undefined,
    { secrets },
  );
}

async function errorFromResponse(
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
