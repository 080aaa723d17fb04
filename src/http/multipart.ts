/**
 * Multipart bodies for uploads, built on the runtime's own `FormData` and `Blob` (Node, Bun, Deno, edge).
 * @module
 */
import { RequestValidationError } from '../common/errors.js';
import { guessMimeType } from '../common/media-types.js';

/** File bytes with an optional name and MIME type. */
export interface FileData {
  /** The bytes. */
  data: Blob | Uint8Array | ArrayBuffer;
  /** File name sent in the part (default `file`). */
  filename?: string;
  /** MIME type (default: the Blob's, else guessed from the name). */
  type?: string;
}

/** A local file, read when the body is built (Node, Bun, Deno only: the read is a lazy `node:fs` import). */
export interface FilePath {
  /** Path on disk. */
  path: string;
  /** File name sent (default: the path's base name). */
  filename?: string;
  /** MIME type (default: guessed from the name). */
  type?: string;
}

/** Anything that can stand for a file in an upload. */
export type FileInput = Blob | Uint8Array | ArrayBuffer | FileData | FilePath;

/** A value of a multipart field. Objects that are not files are sent as JSON text. */
export type FormValue = string | number | boolean | FileInput | Record<string, unknown>;

function isFilePath(value: unknown): value is FilePath {
  return typeof value === 'object' && value !== null && typeof (value as FilePath).path === 'string';
}

function isFileData(value: unknown): value is FileData {
  if (typeof value !== 'object' || value === null || !('data' in value)) return false;
  const data = (value as FileData).data;
  return data instanceof Blob || data instanceof Uint8Array || data instanceof ArrayBuffer;
}

/** True when `value` is something {@link toBlob} can turn into file bytes. */
export function isFileInput(value: unknown): value is FileInput {
  return (
    value instanceof Blob ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    isFileData(value) ||
    isFilePath(value)
  );
}

/** Reads any {@link FileInput} into a Blob plus the file name to send. */
export async function toBlob(input: FileInput, fallbackName = 'file'): Promise<{ blob: Blob; filename: string }> {
  if (isFilePath(input)) {
    const fs = await import('node:fs/promises');
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(input.path);
    } catch (error) {
      throw new RequestValidationError([{ path: 'file', message: `cannot read ${input.path}` }], 'file input', {
        cause: error,
      });
    }
    const filename = input.filename ?? input.path.split(/[\\/]/).pop() ?? fallbackName;
    return {
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: input.type ?? guessMimeType(filename) }),
      filename,
    };
  }
  if (isFileData(input)) {
    const filename = input.filename ?? fallbackName;
    const type =
      input.type ?? (input.data instanceof Blob && input.data.type ? input.data.type : guessMimeType(filename));
    const data = input.data instanceof Uint8Array ? (input.data as Uint8Array<ArrayBuffer>) : input.data;
    return { blob: new Blob([data], { type }), filename };
  }
  if (input instanceof Blob) {
    const name = (input as Blob & { name?: unknown }).name;
    return { blob: input, filename: typeof name === 'string' && name ? name : fallbackName };
  }
  const bytes = input instanceof Uint8Array ? (input as Uint8Array<ArrayBuffer>) : input;
  return { blob: new Blob([bytes], { type: guessMimeType(fallbackName) }), filename: fallbackName };
}

/**
 * Builds a multipart `FormData` from plain fields. Undefined values are left out; arrays add one part per item
 * (named as given, e.g. `image[]`); files may be Blobs, bytes, `{ data, filename, type }` or `{ path }`.
 * @example
 * const form = await toFormData({ prompt: 'a cat', input_reference: { path: './cat.png' } });
 */
export async function toFormData(
  fields: Record<string, FormValue | readonly FormValue[] | undefined | null>,
): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? (value as readonly FormValue[]) : [value as FormValue];
    for (const item of items) {
      if (isFileInput(item)) {
        const { blob, filename } = await toBlob(item, name);
        form.append(name, blob, filename);
      } else if (typeof item === 'object') {
        form.append(name, JSON.stringify(item));
      } else {
        form.append(name, String(item));
      }
    }
  }
  return form;
}
