/**
 * Bytes to and from text, portable (Node's Buffer when present, `atob` / `btoa` or a table elsewhere): base64,
 * hex (incremental, for audio streamed as hex), and joining chunks. The one home of these helpers.
 * @module
 */
import { ResponseValidationError } from './errors.js';

interface Base64Buffer {
  from(value: string, encoding: 'base64'): Uint8Array;
  from(bytes: Uint8Array): { toString(encoding: 'base64'): string };
}

function nodeBuffer(): Base64Buffer | undefined {
  return (globalThis as { Buffer?: Base64Buffer }).Buffer;
}

/** Decodes plain base64 (no `data:` prefix) to bytes. */
export function decodeBase64(base64: string): Uint8Array {
  const buffer = nodeBuffer();
  if (buffer) {
    const bytes = buffer.from(base64, 'base64');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Encodes bytes as base64. */
export function encodeBase64(bytes: Uint8Array): string {
  const buffer = nodeBuffer();
  if (buffer) return buffer.from(bytes).toString('base64');
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

const HEX_VALUES: Int8Array = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let digit = 0; digit < 10; digit++) table[48 + digit] = digit;
  for (let letter = 0; letter < 6; letter++) {
    table[65 + letter] = 10 + letter;
    table[97 + letter] = 10 + letter;
  }
  return table;
})();

function badHex(provider: string, what: string): ResponseValidationError {
  return new ResponseValidationError(provider, `audio is not valid hex (${what})`, undefined);
}

/**
 * Incremental hex → bytes decoder: feed ASCII bytes or text in any chunking (an odd digit at a chunk's end is
 * carried to the next); every call returns the bytes it completed. Rejects anything that is not a hex digit.
 * Uses Node's native hex decoder where there is one (Node, Bun, Deno), a lookup table elsewhere.
 */
export class HexDecoder {
  /** Char code of a digit left over from the previous chunk, or -1. */
  private pending = -1;

  /** @param provider Named in the error a bad digit raises. */
  constructor(private readonly provider = 'hello-dave') {}

  /** Decodes hex digits given as ASCII bytes (`input[start..end)`). */
  push(input: Uint8Array, start = 0, end: number = input.length): Uint8Array {
    const buffer = hexBuffer();
    if (buffer) {
      return this.native(buffer, buffer.from(input.buffer, input.byteOffset + start, end - start).toString('latin1'));
    }
    const table = HEX_VALUES;
    let index = start;
    const out = new Uint8Array((end - start + (this.pending >= 0 ? 1 : 0)) >> 1);
    let written = 0;
    if (this.pending >= 0 && index < end) {
      const high = table[this.pending] as number;
      const low = table[input[index++] as number] as number;
      if ((high | low) < 0) throw badHex(this.provider, 'unexpected character');
      out[written++] = (high << 4) | low;
      this.pending = -1;
    }
    const pairsEnd = index + ((end - index) & ~1);
    for (; index < pairsEnd; index += 2) {
      const high = table[input[index] as number] as number;
      const low = table[input[index + 1] as number] as number;
      if ((high | low) < 0) throw badHex(this.provider, 'unexpected character');
      out[written++] = (high << 4) | low;
    }
    if (index < end) this.pending = input[index] as number;
    return out;
  }

  /** Decodes hex digits given as a string. */
  pushText(text: string): Uint8Array {
    const buffer = hexBuffer();
    if (buffer) return this.native(buffer, text);
    const ascii = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      ascii[index] = code < 256 ? code : 0;
    }
    return this.push(ascii);
  }

  /** Ends the input; throws when an odd digit is left over. */
  end(): void {
    if (this.pending >= 0) {
      this.pending = -1;
      throw badHex(this.provider, 'odd number of digits');
    }
  }

  private native(buffer: NodeBufferLike, input: string): Uint8Array {
    let text = input;
    if (this.pending >= 0) {
      text = String.fromCharCode(this.pending) + text;
      this.pending = -1;
    }
    if (text.length & 1) {
      this.pending = text.charCodeAt(text.length - 1);
      text = text.slice(0, -1);
    }
    // Node's decoder stops at the first bad digit: a full-length result proves the input was clean.
    const bytes = buffer.from(text, 'hex');
    if (bytes.length * 2 !== text.length) throw badHex(this.provider, 'unexpected character');
    return plain(bytes);
  }
}

/** Decodes a whole hex string to bytes. */
export function decodeHex(hex: string, provider?: string): Uint8Array {
  const decoder = new HexDecoder(provider);
  const bytes = decoder.pushText(hex);
  decoder.end();
  return bytes;
}

interface NodeBufferLike {
  from(value: string, encoding: 'hex'): Uint8Array;
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'latin1'): string };
}

/** A plain Uint8Array view of a Node Buffer (same memory). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function hexBuffer(): NodeBufferLike | undefined {
  return (globalThis as { Buffer?: NodeBufferLike }).Buffer;
}

/** Joins byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
