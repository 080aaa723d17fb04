/**
 * Text or binary: what a tool may show a model. Binary bytes are described (size, a type guessed from the first
 * bytes), never dumped. Portable.
 * @module
 */

const SIGNATURES: readonly (readonly [string, readonly number[]])[] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]],
  ['application/gzip', [0x1f, 0x8b]],
  ['audio/mpeg', [0x49, 0x44, 0x33]],
  ['application/x-elf', [0x7f, 0x45, 0x4c, 0x46]],
];

/** A MIME type guessed from the first bytes (PNG, JPEG, GIF, WebP, PDF, ZIP, gzip, MP3, WAV, MP4, ELF), if known. */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
  for (const [type, signature] of SIGNATURES) {
    if (signature.every((byte, index) => bytes[index] === byte)) return type;
  }
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(4, 8) === 'ftyp') return 'video/mp4';
  return undefined;
}

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
