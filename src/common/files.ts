/**
 * Safe output files for tools: file names a model cannot abuse (no folders, no traversal, no hidden files),
 * unique paths reserved atomically (and removed again when the save fails), what a tool reports of a saved file.
 * Portable: `node:fs` and `node:path` are loaded lazily, only on the code paths that write files.
 * @module
 */
import { RequestValidationError } from './errors.js';
import type { MediaArtifact } from './jobs.js';

/** Names Windows reserves in every folder (with any extension). */
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file base name (no extension) with only `[a-zA-Z0-9_-]`, no folders, not hidden, at most 80 characters:
 * the last path segment of `name` with its extension removed and every other character run turned into `-`.
 * Returns `fallback` (itself sanitised) when nothing usable is left. Never trust a model-given name without it.
 * @example
 * ```ts
 * safeFileName('../../etc/pass wd.mp4', 'video'); // 'pass-wd'
 * safeFileName('..', 'video');                      // 'video'
 * ```
 */
export function safeFileName(name: string, fallback = 'file'): string {
  const clean = (text: string) => {
    const base = text.split(/[\\/]/).pop() ?? '';
    const cleaned = base
      .replace(/\.[a-z0-9]{1,5}$/i, '')
      .replace(/[^a-zA-Z0-9_-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '');
    return RESERVED_WINDOWS_NAMES.test(cleaned) ? `${cleaned}-file` : cleaned;
  };
  return clean(name) || clean(fallback) || 'file';
}

/**
 * Reserves a unique path `<dir>/<base>[-n].<extension>` by creating an empty file exclusively (so two tools
 * running at once never pick the same name); the caller then writes over it. Creates `dir` when missing.
 * `base` and `extension` must already be safe ({@link safeFileName}); a path that would leave `dir` is refused.
 */
export async function reserveFilePath(dir: string, base: string, extension: string): Promise<string> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const root = path.resolve(dir);
  await fs.mkdir(root, { recursive: true });
  for (let n = 1; n < 10_000; n++) {
    const candidate = path.resolve(root, `${base}${n === 1 ? '' : `-${n}`}.${extension}`);
    if (path.dirname(candidate) !== root) throw new Error(`refusing a file name outside ${root}: ${candidate}`);
    try {
      const handle = await fs.open(candidate, 'wx');
      await handle.close();
      return candidate;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free file name for ${base}.${extension} in ${root}`);
}

/**
 * The absolute path of an existing file directly inside `dir`, by a model-given name: folders, traversal,
 * missing files and symlinks that lead out of `dir` are refused with a {@link RequestValidationError} on `field`.
 * How a tool reads its inputs only from its own folder.
 */
export async function existingFileIn(dir: string, name: string, field: string): Promise<string> {
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  const root = path.resolve(dir);
  const file = path.resolve(root, name);
  if (path.dirname(file) !== root || /[\\/]/.test(name)) {
    throw new RequestValidationError(
      [{ path: field, message: 'a file name of the output folder (no folders)' }],
      field,
    );
  }
  let real: string;
  try {
    if (!(await fs.stat(file)).isFile()) throw new Error('not a file');
    real = await fs.realpath(file);
  } catch {
    throw new RequestValidationError([{ path: field, message: `no file "${name}" in the output folder` }], field);
  }
  // A symlink may point anywhere: what is read must be inside the folder too.
  if (path.dirname(real) !== (await fs.realpath(root))) {
    throw new RequestValidationError([{ path: field, message: `"${name}" leads out of the folder` }], field);
  }
  return file;
}

/** Removes files, ignoring those that are already gone (cleanup after a failed save). */
export async function removeFilesQuietly(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const fs = await import('node:fs/promises');
  await Promise.all(paths.map((path) => fs.rm(path, { force: true })));
}

/**
 * Reserves a unique path `<dir>/<base>[-n].<extension>` ({@link reserveFilePath}), hands it to `write` and returns
 * what `write` returns; when `write` fails, the reserved file is removed and the error thrown on. How a tool saves
 * a result without leaving an empty or partial file behind.
 */
export async function writeReservedFile<T>(
  dir: string,
  base: string,
  extension: string,
  write: (path: string) => Promise<T>,
): Promise<T> {
  const path = await reserveFilePath(dir, base, extension);
  try {
    return await write(path);
  } catch (error) {
    await removeFilesQuietly([path]);
    throw error;
  }
}

/** What a tool tells the model about a saved file: its path, MIME type, size and (when known) duration. */
export function savedFileResult(artifact: MediaArtifact): {
  path: string | undefined;
  mime_type: string;
  bytes: number | undefined;
  duration_ms?: number;
} {
  return {
    path: artifact.path,
    mime_type: artifact.mimeType,
    bytes: artifact.bytes,
    ...(artifact.durationMs === undefined ? {} : { duration_ms: artifact.durationMs }),
  };
}
