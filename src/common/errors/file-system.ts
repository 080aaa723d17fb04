/**
 * The file-system error: a failed `node:fs` operation named by path, operation and system code, with what to do.
 * @module
 */

import { redactSecrets } from '../secrets.js';
import { HelloDaveError, type HelloDaveErrorOptions, KIND } from './base.js';

/** What to do about a file-system error code: one or two sentences ending a {@link FileSystemError}'s message. */
const FILE_SYSTEM_ADVICE: Readonly<Record<string, string>> = {
  EEXIST: 'Something already exists at that path; remove it or choose another path.',
  EACCES: 'Permission denied; check the permissions of the file and its folder, or choose another path.',
  EPERM: 'Operation not permitted; check the permissions of the file and its folder, or choose another path.',
  EROFS: 'The file system is read-only; choose a path on a writable disk.',
  ENOSPC: 'The disk is full; free some space or choose a path on another disk.',
  EDQUOT: 'The disk quota is used up; free some space or choose a path on another disk.',
  ENOENT: 'A folder on the path does not exist (or was removed meanwhile); check the path.',
  ENOTDIR: 'A part of the path is a file, not a folder; choose another path.',
  EISDIR: 'The path is a folder; give a file name.',
  EMFILE: 'Too many open files in this process; close some, or raise the limit (ulimit -n).',
  ENFILE: 'Too many open files on this system; close some and retry.',
  ENAMETOOLONG: 'The path is too long; choose a shorter one.',
  EBUSY: 'The file is in use by another program; retry later or choose another path.',
};

/**
 * A file-system operation failed (a download's target, a session file). Names the path, the operation and the
 * system error code (`EEXIST`, `EACCES`, `ENOSPC`, …); the message says what to do.
 */
export class FileSystemError extends HelloDaveError {
  static override readonly [KIND]: string = 'FileSystemError';
  /** The path concerned (absolute where known). */
  readonly path: string;
  /** What was being done, as a verb: `create folder`, `write`, `save`, `read`, `lock`, … */
  readonly operation: string;
  /** The system error code (`EEXIST`, `EACCES`, `ENOSPC`, …), when there is one. */
  readonly code?: string;
  constructor(
    details: {
      path: string;
      operation: string;
      code?: string;
      /** What to do, in sentences; default: a known advice for `code`. */
      advice?: string;
    },
    options: HelloDaveErrorOptions = {},
  ) {
    const advice = details.advice ?? (details.code ? FILE_SYSTEM_ADVICE[details.code] : undefined);
    const code = details.code ? ` (${details.code})` : '';
    super(`Could not ${details.operation} ${details.path}${code}.${advice ? ` ${advice}` : ''}`, options);
    this.path = redactSecrets(details.path, options.secrets ?? []);
    this.operation = details.operation;
    if (details.code !== undefined) this.code = details.code;
  }

  /**
   * Wraps what a `node:fs` call threw: a system error (one with a string `code`) becomes a FileSystemError for
   * `path` and `operation` (the original as its cause); anything else (our own errors included) is returned as is.
   */
  static from(error: unknown, path: string, operation: string): unknown {
    if (HelloDaveError.isInstance(error)) return error;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return error;
    return new FileSystemError({ path, operation, code }, { cause: error });
  }
}
