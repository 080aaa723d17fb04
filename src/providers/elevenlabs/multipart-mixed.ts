/**
 * A small `multipart/mixed` reader for `POST /v1/music/detailed`, whose answer is a JSON part and an audio part.
 * @module
 */

/** One part of a multipart body. */
export interface MultipartPart {
  /** Part headers, names lower-cased. */
  headers: Record<string, string>;
  /** Part body bytes. */
  body: Uint8Array;
}

/** The `boundary` parameter of a `multipart/*` content type, or undefined. */
export function multipartBoundary(contentType: string | null): string | undefined {
  const match = contentType?.match(/boundary=(?:"([^"]+)"|([^;\s]+))/i);
  return match?.[1] ?? match?.[2];
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const CRLF_CRLF = new Uint8Array([13, 10, 13, 10]);
const LF_LF = new Uint8Array([10, 10]);

function parseHeaders(bytes: Uint8Array): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of new TextDecoder('latin1').decode(bytes).split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Where the first blank line after `from` starts and its length (CRLF CRLF or LF LF), or `[-1, 0]`. */
function blankLine(bytes: Uint8Array, from: number): [number, number] {
  const crlf = indexOf(bytes, CRLF_CRLF, from);
  const lf = indexOf(bytes, LF_LF, from);
  if (lf !== -1 && (crlf === -1 || lf < crlf)) return [lf, 2];
  return crlf === -1 ? [-1, 0] : [crlf, 4];
}

/**
 * Splits a `multipart/mixed` body into its parts (RFC 2046: parts between `--boundary` lines, headers, a blank
 * line, the body; the closing `--boundary--` ends it). Part bodies are views on `bytes`, not copies.
 */
export function parseMultipartMixed(bytes: Uint8Array, boundary: string): MultipartPart[] {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = indexOf(bytes, delimiter, 0);
  while (start !== -1) {
    let cursor = start + delimiter.length;
    if (bytes[cursor] === 45 && bytes[cursor + 1] === 45) break; // "--": the closing delimiter
    while (bytes[cursor] === 32 || bytes[cursor] === 9) cursor++; // transport padding
    if (bytes[cursor] === 13) cursor++;
    if (bytes[cursor] === 10) cursor++;
    const next = indexOf(bytes, delimiter, cursor);
    if (next === -1) break;
    // The CRLF before a delimiter belongs to the delimiter.
    let end = next;
    if (bytes[end - 1] === 10) end--;
    if (bytes[end - 1] === 13) end--;
    // Headers end at a blank line: CRLF CRLF, or bare LF LF from a lenient sender.
    const [headerEnd, gap] = blankLine(bytes.subarray(0, end), cursor);
    const split = headerEnd === -1 ? cursor : headerEnd;
    parts.push({
      headers: parseHeaders(bytes.subarray(cursor, split)),
      body: bytes.subarray(headerEnd === -1 ? cursor : headerEnd + gap, end),
    });
    start = next;
  }
  return parts;
}
