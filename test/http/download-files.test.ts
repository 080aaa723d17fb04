/**
 * Downloads and the file system: a failing disk (`ENOSPC`, `EACCES`, `EEXIST`, `EISDIR`) becomes a
 * FileSystemError naming the path and leaves nothing behind; replacing a file is reported; `overwrite: false`
 * refuses without writing. Disk faults that a root user cannot provoke for real are injected into
 * `node:fs/promises`; the rest use the real file system.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSystemError } from '../../src/common/errors.js';
import { download, saveResponse } from '../../src/http/download.js';
import { server } from '../msw.js';

/** Faults to inject: a system error code for the next `open` of a `.part` file, or for every write. */
const faults = vi.hoisted(() => ({ open: undefined as string | undefined, write: undefined as string | undefined }));

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (path, flags, mode) => {
    if (faults.open && String(path).endsWith('.part')) throw systemError(faults.open);
    const handle = await real.open(path, flags, mode);
    if (faults.write) {
      const code = faults.write;
      handle.writev = async () => {
        throw systemError(code);
      };
    }
    return handle;
  };
  return { ...real, default: { ...real, open }, open };
});

const CDN = 'https://cdn.example.net';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hello-dave-download-files-'));
});
afterEach(async () => {
  faults.open = undefined;
  faults.write = undefined;
  await rm(folder, { recursive: true, force: true });
});

/** Serves `body` at `${CDN}/file.bin` and counts the requests. */
function serve(body: string | (() => ReadableStream<Uint8Array>)): { requests: number } {
  const seen = { requests: 0 };
  server.use(
    http.get(`${CDN}/file.bin`, () => {
      seen.requests++;
      return new HttpResponse(typeof body === 'string' ? body : body());
    }),
  );
  return seen;
}

async function caught(promise: Promise<unknown>): Promise<FileSystemError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!FileSystemError.isInstance(error)) throw new Error(`expected a FileSystemError, got ${String(error)}`);
  return error;
}

describe('download: file-system failures are FileSystemErrors naming the path', () => {
  it('a full disk (ENOSPC) while writing: code, path, advice, and no file left', async () => {
    serve('x'.repeat(1000));
    faults.write = 'ENOSPC';
    const target = join(folder, 'out.mp4');
    const error = await caught(download(`${CDN}/file.bin`, { to: target }));
    expect(error).toMatchObject({ code: 'ENOSPC', path: target, operation: 'write' });
    expect(error.message).toBe(
      `Could not write ${target} (ENOSPC). The disk is full; free some space or choose a path on another disk.`,
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('a folder it may not write to (EACCES)', async () => {
    serve('data');
    faults.open = 'EACCES';
    const target = join(folder, 'out.mp4');
    const error = await caught(download(`${CDN}/file.bin`, { to: target }));
    expect(error).toMatchObject({ code: 'EACCES', path: target, operation: 'write' });
    expect(error.message).toContain('check the permissions');
    expect(await readdir(folder)).toEqual([]);
  });

  it('a file where a folder of the path should be (EEXIST / ENOTDIR), for real', async () => {
    serve('data');
    await writeFile(join(folder, 'taken'), 'a file');
    const error = await caught(download(`${CDN}/file.bin`, { to: join(folder, 'taken', 'out.mp4') }));
    expect(error.operation).toBe('create folder');
    expect(error.path).toBe(join(folder, 'taken'));
    expect(['EEXIST', 'ENOTDIR']).toContain(error.code);
    expect(await readFile(join(folder, 'taken'), 'utf8')).toBe('a file');
  });

  it('a folder at the target path (EISDIR), for real: the folder is kept, no temporary file is left', async () => {
    serve('data');
    const target = join(folder, 'out.mp4');
    await mkdir(target);
    const error = await caught(download(`${CDN}/file.bin`, { to: target }));
    expect(error).toMatchObject({ path: target, operation: 'save' });
    expect(error.message).toContain(target);
    expect(await readdir(folder)).toEqual(['out.mp4']);
    expect(await readdir(target)).toEqual([]);
  });

  it('saveResponse reports the same way', async () => {
    faults.write = 'EDQUOT';
    const target = join(folder, 'out.bin');
    const error = await caught(saveResponse(new Response('data'), { to: target }));
    expect(error).toMatchObject({ code: 'EDQUOT', path: target });
    expect(error.message).toContain('quota');
  });
});

describe('download: replacing a file', () => {
  it('says replaced: true when a file was already at the path, and nothing when it was new', async () => {
    const target = join(folder, 'out.txt');
    serve('first');
    const first = await download(`${CDN}/file.bin`, { to: target });
    expect(first.replaced).toBeUndefined();
    serve('second');
    const second = await download(`${CDN}/file.bin`, { to: target });
    expect(second).toMatchObject({ path: target, bytes: 6, replaced: true });
    expect(await readFile(target, 'utf8')).toBe('second');
  });

  it('overwrite: false refuses an existing file before any request, and leaves it untouched', async () => {
    const target = join(folder, 'out.txt');
    await writeFile(target, 'precious');
    const seen = serve('new content');
    const error = await caught(download(`${CDN}/file.bin`, { to: target, overwrite: false }));
    expect(error).toMatchObject({ code: 'EEXIST', path: target, operation: 'save' });
    expect(error.message).toContain('overwrite is false');
    expect(seen.requests).toBe(0);
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect(await readdir(folder)).toEqual(['out.txt']);
  });

  it('overwrite: false refuses a file that appears during the download: no partial file, the newcomer kept', async () => {
    const target = join(folder, 'out.txt');
    let sent = 0;
    serve(
      () =>
        new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent++ === 1) await writeFile(target, 'arrived meanwhile');
            if (sent > 3) controller.close();
            else controller.enqueue(new TextEncoder().encode('chunk'));
          },
        }),
    );
    const error = await caught(download(`${CDN}/file.bin`, { to: target, overwrite: false }));
    expect(error.code).toBe('EEXIST');
    expect(await readFile(target, 'utf8')).toBe('arrived meanwhile');
    expect(await readdir(folder)).toEqual(['out.txt']);
  });

  it('overwrite: false writes a new file as usual', async () => {
    serve('fresh');
    const target = join(folder, 'new.txt');
    const result = await download(`${CDN}/file.bin`, { to: target, overwrite: false });
    expect(result).toMatchObject({ path: target, bytes: 5 });
    expect(result.replaced).toBeUndefined();
    expect(await readFile(target, 'utf8')).toBe('fresh');
    expect(await readdir(folder)).toEqual(['new.txt']);
  });

  it('saveResponse with overwrite: false refuses too', async () => {
    const target = join(folder, 'out.txt');
    await writeFile(target, 'precious');
    const error = await caught(saveResponse(new Response('data'), { to: target, overwrite: false }));
    expect(error.code).toBe('EEXIST');
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect(await readdir(folder)).toEqual(['out.txt']);
  });
});
