/**
 * Download targets: a WritableStream, or a file written to a temporary `.part` file beside the target, flushed
 * and renamed into place only when complete (never over an existing file when `overwrite` is false); and the
 * writer that keeps one write in flight while the network keeps reading.
 *
 * The file branch reaches `node:fs/promises` and `node:path` through a lazy `import()` on that code path alone.
 * @module
 */

import { FileSystemError } from '../common/errors.js';

/** Bytes queued while a write is in flight before reading waits for it: bounds memory, batches small chunks. */
const WRITE_HIGH_WATER_MARK = 256 * 1024;

/**
 * Keeps one write in flight and queues what arrives meanwhile (written next as one batch), so the network and
 * the disk overlap; `push` hands back a promise to wait on once the queue passes the high-water mark.
 */
export class BatchWriter {
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
export interface Sink {
  /** Writes the chunks in order. */
  write(chunks: readonly Uint8Array[]): Promise<void>;
  /** Finishes the target; for a file, returns its final path and whether it replaced one. */
  commit(): Promise<{ path: string; replaced: boolean } | undefined>;
  /** Removes every trace of a failed download. */
  discard(reason: unknown): Promise<void>;
}

/** Opens the target: a WritableStream as is, a path as a temporary file renamed into place on commit. */
export async function openSink(
  to: string | WritableStream<Uint8Array>,
  fsync: boolean,
  overwrite: boolean,
): Promise<Sink> {
  return typeof to === 'string' ? await openFileSink(to, fsync, overwrite) : streamSink(to);
}

/** A WritableStream target: closed on commit, aborted on discard. */
function streamSink(to: WritableStream<Uint8Array>): Sink {
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

/** A file target: a `.part` file beside `to` (missing folders created), flushed and renamed on commit, removed on discard. */
async function openFileSink(to: string, fsync: boolean, overwrite: boolean): Promise<Sink> {
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
export async function refuseExisting(to: string): Promise<void> {
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
