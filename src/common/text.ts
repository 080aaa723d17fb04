/**
 * Text or binary: what a tool may show a model. Binary bytes are described (size, a type guessed from the first
 * bytes), never dumped. Portable.
 * @module
 */
import { sniffMimeType } from './media-types.js';

/**
 * The bytes as UTF-8 text, or `undefined` when they look binary (a NUL byte, or not valid UTF-8). A multi-byte
 * character cut at the end of `bytes` (a capped read) is not held against them: it is dropped.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= Math.min(3, bytes.length); cut++) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      // try again without a possibly cut last character
    }
  }
  return undefined;
}

/** One line that describes binary content to a model: its size and guessed type. */
export function describeBinary(bytes: Uint8Array, totalBytes: number): string {
  const type = sniffMimeType(bytes);
  return `binary content (${totalBytes} bytes${type ? `, looks like ${type}` : ''}); not shown as text.`;
}
