/**
 * `ConfinedRoot`: every file operation of the files toolset goes through it. It turns a model-given path into a
 * real path inside one root folder, or refuses with a {@link ToolRefusedError} that says why:
 *
 * - lexical checks first: no absolute paths (POSIX, Windows drive or UNC), no `file:` URLs, no `~`, no `..`
 *   segment in any spelling (`/` or `\` separators, percent-encoded, Unicode look-alikes that NFKC folds into
 *   dots or slashes), no segment of only dots or spaces (`...`, `.. `: Windows drops trailing dots and spaces,
 *   which turns them into `..`), no NUL;
 * - then the real path (`realpath`) must lie inside the real root: a symlink leading out is refused;
 * - reads open with `O_NOFOLLOW | O_NONBLOCK` and compare the opened descriptor's device and inode with those of
 *   the real path that was checked, so a folder swapped for a symlink between the check and the open is caught
 *   (`O_NOFOLLOW` guards only the last component);
 * - a folder is listed, and a path is deleted or moved, only after checking again, just before, that no folder on
 *   its way was swapped (the real path of its folder unchanged, the same inode), and a listing is checked again
 *   after it was read;
 * - only regular files and folders are touched: devices, FIFOs and sockets are refused;
 * - writes are atomic (a temporary file in the same folder, then `rename`), and the temporary file and the result
 *   are checked to be inside the root after they exist.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import {
  type FileHandle,
  lstat,
  mkdir,
  open,
  opendir,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
} from 'node:fs/promises';
import path from 'node:path';
import { ToolRefusedError } from '../../common/errors.js';

/** Test hooks: called at the moments an attacker would race (deterministic swap tests). @internal */
export interface ConfinedRootHooks {
  /** After a path was checked (its real path is inside the root) and before it is opened (a file) or read (a folder). */
  beforeOpen?(realPath: string): void | Promise<void>;
  /** After a path was checked and before it is deleted or moved (for a move: the source, then the target). */
  beforeChange?(realPath: string): void | Promise<void>;
  /** After a write's folder was checked and before the temporary file is created in it. */
  beforeCreate?(realDir: string): void | Promise<void>;
}

/** A checked path: where it is, what it is. */
export interface CheckedPath {
  /** The path as the model gave it, normalised to `/` separators, relative to the root (`.` for the root). */
  relative: string;
  /** The real absolute path (inside the root). */
  real: string;
  /** Its stats (`undefined` when it does not exist yet). */
  stats?: Stats;
}

const ENCODED = /%(2e|2f|5c|00|25)/i;
const WINDOWS_ABSOLUTE = /^[a-zA-Z]:|^[\\/]{2}/;

function refuse(reason: string, message: string): never {
  throw new ToolRefusedError(reason, message);
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Refuses a symbolic link loop (`ELOOP`) with a reason; returns for any other error. */
function refuseLoop(error: unknown, input: string): void {
  if (errnoOf(error) === 'ELOOP')
    refuse('symlink', `${JSON.stringify(input)} passes through a symbolic link loop; refused.`);
}

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/**
 * The segments of a model-given relative path, or a refusal. Empty segments and `.` are dropped; `..` is refused
 * in every spelling, even where it would stay inside the root (a model has no need for it).
 */
export function pathSegments(input: string): string[] {
  const shown = JSON.stringify(input);
  if (input.includes('\0')) refuse('invalid-path', `The path ${shown} contains a NUL character.`);
  // A leading `\` is refused like `/` on every platform (on Windows it is the current drive's root).
  if (/^[\\/]/.test(input) || WINDOWS_ABSOLUTE.test(input) || path.isAbsolute(input)) {
    refuse('absolute-path', `The path ${shown} is absolute; give a path relative to the root folder.`);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(input))
    refuse('absolute-path', `The path ${shown} is a URL; give a path relative to the root folder.`);
  if (input.startsWith('~'))
    refuse('outside-root', `The path ${shown} points into a home folder; only the root folder is reachable.`);
  if (ENCODED.test(input)) {
    refuse('invalid-path', `The path ${shown} contains percent-encoded dots or separators; write them plainly.`);
  }
  const folded = input.normalize('NFKC');
  const segments = input.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  const foldedSegments = folded.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..') || foldedSegments.includes('..') || folded.startsWith('/')) {
    refuse('outside-root', `The path ${shown} uses ".." to climb out; give a path inside the root folder.`);
  }
  if (foldedSegments.length !== segments.length) {
    refuse('invalid-path', `The path ${shown} contains characters that read as separators; write them plainly.`);
  }
  if (foldedSegments.some((segment) => /^[. ]+$/.test(segment))) {
    refuse(
      'outside-root',
      `The path ${shown} has a segment of only dots or spaces, which can read as ".."; rename it.`,
    );
  }
  return segments;
}

/** One root folder that file operations are confined to. */
export class ConfinedRoot {
  /** The root as given, resolved against the working directory. */
  readonly root: string;
  readonly #hooks: ConfinedRootHooks;
  #real?: Promise<string>;

  constructor(root: string, hooks: ConfinedRootHooks = {}) {
    this.root = path.resolve(root);
    this.#hooks = hooks;
  }

  /** The real path of the root (resolved once; the root must exist and be a folder). */
  realRoot(): Promise<string> {
    this.#real ??= (async () => {
      const real = await realpath(this.root);
      if (!(await stat(real)).isDirectory()) throw new Error(`The root ${this.root} is not a folder.`);
      return real;
    })();
    return this.#real;
  }

  /** True when `real` is the real root or inside it. */
  async contains(real: string): Promise<boolean> {
    const root = await this.realRoot();
    return real === root || real.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
  }

  /** The path relative to the root, for messages (`/` separators). */
  async relativeOf(real: string): Promise<string> {
    return (
      path
        .relative(await this.realRoot(), real)
        .split(path.sep)
        .join('/') || '.'
    );
  }

  /**
   * Checks a path that must exist: its real path (symlinks resolved) must be inside the root, and it must be a
   * regular file or a folder.
   */
  async existing(input: string): Promise<Required<CheckedPath>> {
    const segments = pathSegments(input);
    const lexical = path.join(await this.realRoot(), ...segments);
    let real: string;
    try {
      real = await realpath(lexical);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR')
        refuse('not-found', `${JSON.stringify(input)} does not exist.`);
      refuseLoop(error, input);
      throw error;
    }
    if (!(await this.contains(real))) {
      refuse('symlink', `${JSON.stringify(input)} is a symbolic link that leads out of the root folder.`);
    }
    const stats = await stat(real);
    this.#refuseSpecial(input, stats);
    return { relative: segments.join('/') || '.', real, stats };
  }

  /**
   * Checks a path that may not exist yet (a write target): its folder's real path must be inside the root (the
   * folder is created, one checked level at a time, when `createFolders`), and the last component must not be a
   * symbolic link, a folder or a special file.
   */
  async target(input: string, options: { createFolders?: boolean } = {}): Promise<CheckedPath> {
    const segments = pathSegments(input);
    const name = segments.pop();
    if (name === undefined) refuse('invalid-path', 'The root folder itself cannot be written; name a file in it.');
    const dir = await this.#folder(segments, input, options.createFolders === true);
    const real = path.join(dir, name);
    const relative = [...segments, name].join('/');
    let stats: Stats | undefined;
    try {
      stats = await lstat(real);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw error;
    }
    if (stats?.isSymbolicLink())
      refuse('symlink', `${JSON.stringify(input)} is a symbolic link; it is not written through.`);
    if (stats?.isDirectory()) refuse('is-folder', `${JSON.stringify(input)} is a folder, not a file.`);
    if (stats) this.#refuseSpecial(input, stats);
    return stats ? { relative, real, stats } : { relative, real };
  }

  /**
   * Opens a checked regular file for reading and proves that what was opened is what was checked: same device
   * and inode as the real path's, still a regular file. Refuses otherwise (and closes the descriptor).
   */
  async openChecked(checked: Required<CheckedPath>): Promise<FileHandle> {
    await this.#hooks.beforeOpen?.(checked.real);
    let handle: FileHandle;
    try {
      handle = await open(checked.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      if (errnoOf(error) === 'ELOOP')
        refuse('symlink', `${JSON.stringify(checked.relative)} was replaced by a symbolic link while it was opened.`);
      throw error;
    }
    const opened = await handle.stat();
    if (opened.dev !== checked.stats.dev || opened.ino !== checked.stats.ino || !opened.isFile()) {
      await handle.close();
      refuse(
        'path-changed',
        `${JSON.stringify(checked.relative)} changed while it was opened (a folder on its way was swapped); refused.`,
      );
    }
    return handle;
  }

  /**
   * Writes `data` to a checked target atomically: a temporary file in the same folder (created exclusively, never
   * through a symlink), written and flushed, proven inside the root, then renamed over the target. Keeps an
   * existing file's mode.
   */
  async writeAtomic(target: CheckedPath, data: Uint8Array): Promise<void> {
    const dir = path.dirname(target.real);
    await this.#hooks.beforeCreate?.(dir);
    const temp = path.join(dir, `.${path.basename(target.real)}.${randomBytes(6).toString('hex')}.tmp`);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const handle = await open(temp, flags, target.stats ? target.stats.mode & 0o777 : 0o644);
    let renamed = false;
    let written: Stats;
    try {
      written = await handle.stat();
      await this.#provePlaced(temp, written, target.relative, true);
      await handle.writeFile(data);
      await handle.sync();
      await handle.close();
      await rename(temp, target.real);
      renamed = true;
    } finally {
      if (!renamed) {
        await handle.close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
      }
    }
    // Detects (cannot undo) a folder swapped in the short time between the proof above and the rename.
    await this.#provePlaced(target.real, written, target.relative, false);
  }

  /** Creates a folder inside the root (and its missing parents, each checked). */
  async makeFolder(input: string): Promise<string> {
    return this.#folder(pathSegments(input), input, true);
  }

  /** Removes a checked path: a file, or a folder (with its contents only when `recursive`; links are not followed). */
  async remove(checked: Required<CheckedPath>, recursive: boolean): Promise<void> {
    if (checked.real === (await this.realRoot())) refuse('is-root', 'The root folder itself cannot be deleted.');
    await this.#hooks.beforeChange?.(checked.real);
    await this.#unchanged(checked);
    if (!checked.stats.isDirectory() || recursive) return rm(checked.real, { recursive, force: false });
    await rmdir(checked.real).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOTEMPTY' || errnoOf(error) === 'EEXIST')
        refuse('not-empty', `${JSON.stringify(checked.relative)} is a folder with contents; pass recursive: true.`);
      throw error;
    });
  }

  /**
   * Moves a checked path to a checked target that does not exist, after checking both again (no folder on their
   * way swapped since the check).
   */
  async move(source: Required<CheckedPath>, target: CheckedPath): Promise<void> {
    await this.#hooks.beforeChange?.(source.real);
    await this.#hooks.beforeChange?.(target.real);
    await this.#unchanged(source);
    await this.#unchanged(target);
    await rename(source.real, target.real);
  }

  /**
   * The names in a checked folder, sorted. The folder is checked again after it was read (its real path and inode
   * unchanged), so a folder swapped for a link out between the check and the read gives a refusal, not its names.
   */
  async folderNames(checked: Required<CheckedPath>): Promise<string[]> {
    await this.#hooks.beforeOpen?.(checked.real);
    const names: string[] = [];
    for await (const entry of await opendir(checked.real)) names.push(entry.name);
    await this.#unchanged(checked);
    return names.sort();
  }

  /**
   * Checks again, just before a path is used, that it is what was checked: its folder's real path unchanged (no
   * folder on its way swapped for a link), and the path itself the same file (or still absent).
   */
  async #unchanged(checked: CheckedPath): Promise<void> {
    const dir = path.dirname(checked.real);
    const realDir = await realpath(dir).catch(() => undefined);
    const now = await lstat(checked.real).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw error;
    });
    const same = checked.stats ? now !== undefined && sameFile(now, checked.stats) : now === undefined;
    const placed = checked.real === (await this.realRoot()) || (realDir === dir && (await this.contains(realDir)));
    if (!placed || !same) {
      refuse(
        'path-changed',
        `${JSON.stringify(checked.relative)} changed while it was used (a folder on its way was swapped); refused.`,
      );
    }
  }

  /** Proves a freshly created path is where it was meant to be: its real path inside the root, same inode. */
  async #provePlaced(created: string, opened: Stats, relative: string, removeIfNot: boolean): Promise<void> {
    const real = await realpath(created).catch(() => undefined);
    const placed = real !== undefined && real === created && (await this.contains(real));
    const same = placed && (await stat(created).then((s) => s.dev === opened.dev && s.ino === opened.ino));
    if (!placed || !same) {
      if (removeIfNot) await unlink(created).catch(() => undefined);
      refuse('path-changed', `The folder of ${JSON.stringify(relative)} changed while it was written; refused.`);
    }
  }

  /** The real path of the folder `segments`, checked inside the root; missing levels created when `create`. */
  async #folder(segments: readonly string[], input: string, create: boolean): Promise<string> {
    let dir = await this.realRoot();
    for (const segment of segments) {
      const next = path.join(dir, segment);
      let real: string;
      try {
        real = await realpath(next);
      } catch (error) {
        refuseLoop(error, input);
        if (
          errnoOf(error) === 'ENOENT' &&
          (await lstat(next)
            .then((s) => s.isSymbolicLink())
            .catch(() => false))
        )
          refuse('symlink', `${JSON.stringify(input)} passes through a symbolic link whose target does not exist.`);
        if (errnoOf(error) !== 'ENOENT' || !create) {
          if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR')
            refuse('not-found', `The folder of ${JSON.stringify(input)} does not exist.`);
          throw error;
        }
        await mkdir(next).catch((mkdirError: unknown) => {
          if (errnoOf(mkdirError) !== 'EEXIST') throw mkdirError;
        });
        real = await realpath(next);
      }
      if (!(await this.contains(real)))
        refuse('symlink', `${JSON.stringify(input)} passes through a symbolic link that leads out of the root folder.`);
      const stats = await stat(real);
      if (!stats.isDirectory()) refuse('not-a-folder', `${JSON.stringify(input)}: "${segment}" is not a folder.`);
      dir = real;
    }
    return dir;
  }

  #refuseSpecial(input: string, stats: Stats): void {
    if (!stats.isFile() && !stats.isDirectory()) {
      const kind = stats.isFIFO()
        ? 'a FIFO'
        : stats.isSocket()
          ? 'a socket'
          : stats.isCharacterDevice() || stats.isBlockDevice()
            ? 'a device file'
            : 'not a regular file';
      refuse('device', `${JSON.stringify(input)} is ${kind}; only regular files and folders are accessible.`);
    }
  }
}
