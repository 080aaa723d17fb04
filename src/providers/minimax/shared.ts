/**
 * Helpers shared by the MiniMax endpoint groups: streaming hex audio inside JSON, media inputs (URL, data URL or local
 * file), exact int64 ids, video task ids, atomic saving of bytes.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @module
 */

import { concatBytes, decodeBase64, decodeHex, encodeBase64, HexDecoder } from '../../common/base64.js';
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { checkId } from '../../common/ids.js';
import type { JobRef, MediaArtifact } from '../../common/jobs.js';
import { fileDurationMs } from '../../common/media-duration.js';
import { guessMimeType } from '../../common/media-types.js';
import { type DownloadResult, saveResponse } from '../../http/download.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';

export { concatBytes, decodeBase64, decodeHex, encodeBase64, HexDecoder };

const QUOTE = 0x22;
const AUDIO_KEY = new TextEncoder().encode('"audio"');

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Reads a MiniMax JSON answer whose `"audio"` field holds a (large) hex string, decoding the hex to bytes as the
 * body arrives: the hex text is never held whole. `onBytes` receives each decoded piece; `finish()` returns the
 * rest of the JSON parsed (with `audio` set to `""`) and whether an audio field was found.
 */
export class JsonHexAudioReader {
  private head: Uint8Array = new Uint8Array(0);
  private searchFrom = 0;
  private mode: 'head' | 'hex' | 'tail' = 'head';
  private readonly tail: Uint8Array[] = [];
  private readonly decoder = new HexDecoder(MINIMAX_PROVIDER_NAME);
  private headText = '';
  /** Decoded audio bytes so far. */
  bytes = 0;

  constructor(private readonly onBytes: (bytes: Uint8Array) => void) {}

  /** Feeds the next body chunk. */
  push(chunk: Uint8Array): void {
    if (this.mode === 'tail') {
      this.tail.push(chunk);
      return;
    }
    if (this.mode === 'hex') {
      this.hex(chunk, 0);
      return;
    }
    const joined = new Uint8Array(this.head.length + chunk.length);
    joined.set(this.head);
    joined.set(chunk, this.head.length);
    this.head = joined;
    const start = this.findHexStart();
    if (start < 0) return;
    this.headText = new TextDecoder().decode(joined.subarray(0, start));
    this.head = new Uint8Array(0);
    this.mode = 'hex';
    this.hex(joined, start);
  }

  /** Ends the body: returns the JSON around the audio, parsed. */
  finish(): { json: unknown; foundAudio: boolean } {
    const foundAudio = this.mode !== 'head';
    if (this.mode === 'hex')
      throw new ResponseValidationError(
        MINIMAX_PROVIDER_NAME,
        'audio is not valid hex (the body ended inside the audio string)',
        undefined,
      );
    const text = foundAudio
      ? this.headText + new TextDecoder().decode(concatBytes(this.tail))
      : new TextDecoder().decode(this.head);
    try {
      return { json: JSON.parse(text), foundAudio };
    } catch (error) {
      throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the body is not JSON', text.slice(0, 2000), {
        cause: error,
      });
    }
  }

  private hex(chunk: Uint8Array, start: number): void {
    const quote = chunk.indexOf(QUOTE, start);
    const end = quote < 0 ? chunk.length : quote;
    if (end > start) {
      const bytes = this.decoder.push(chunk, start, end);
      if (bytes.length) {
        this.bytes += bytes.length;
        this.onBytes(bytes);
      }
    }
    if (quote >= 0) {
      this.decoder.end();
      this.mode = 'tail';
      this.tail.push(chunk.subarray(quote));
    }
  }

  /** Index just after `"audio"\s*:\s*"` in the head, or -1 (keeps the search position across chunks). */
  private findHexStart(): number {
    const head = this.head;
    let from = this.searchFrom;
    for (;;) {
      const at = indexOfBytes(head, AUDIO_KEY, from);
      if (at < 0) {
        this.searchFrom = Math.max(0, head.length - AUDIO_KEY.length);
        return -1;
      }
      let index = at + AUDIO_KEY.length;
      while (index < head.length && isJsonSpace(head[index] as number)) index++;
      if (index >= head.length) {
        this.searchFrom = at;
        return -1;
      }
      if (head[index] !== 0x3a) {
        from = at + 1;
        continue;
      }
      index++;
      while (index < head.length && isJsonSpace(head[index] as number)) index++;
      if (index >= head.length) {
        this.searchFrom = at;
        return -1;
      }
      if (head[index] !== QUOTE) {
        // `"audio": null` or a number: not hex audio; keep looking.
        from = at + 1;
        continue;
      }
      return index + 1;
    }
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] as number;
  let at = haystack.indexOf(first, from);
  while (at >= 0 && at + needle.length <= haystack.length) {
    let match = true;
    for (let offset = 1; offset < needle.length; offset++) {
      if (haystack[at + offset] !== needle[offset]) {
        match = false;
        break;
      }
    }
    if (match) return at;
    at = haystack.indexOf(first, at + 1);
  }
  return -1;
}

/**
 * Parses a JSON text keeping the listed integer fields exact: their values are quoted before `JSON.parse`
 * (MiniMax ids are int64; a JS number loses precision above 2^53).
 */
export function parseJsonExactIds(text: string, keys: readonly string[] = ['file_id', 'task_id']): unknown {
  const pattern = new RegExp(`("(?:${keys.join('|')})"\\s*:\\s*)(-?\\d+)(?=\\s*[,}\\]])`, 'g');
  return JSON.parse(text.replace(pattern, '$1"$2"'));
}

/**
 * Sends a request and parses its JSON answer with the int64 ids (`task_id`, `file_id`) kept exact as strings.
 * The client's classifier has already thrown on an HTTP error or a non-zero `base_resp.status_code`.
 */
export async function requestExactJson<T>(
  client: MiniMaxClient,
  request: Parameters<MiniMaxClient['request']>[0],
): Promise<{ data: T; headers: Headers; status: number }> {
  // The client's classifier has already parsed this text and thrown on a non-zero `base_resp.status_code`.
  const answer = await client.request<string>({ ...request, expect: 'text' });
  let data: T;
  try {
    data = parseJsonExactIds(answer.data) as T;
  } catch (error) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the body is not JSON', answer.data.slice(0, 2000), {
      cause: error,
    });
  }
  return { data, headers: answer.headers, status: answer.status };
}

/**
 * The id of a video task given as its id, its job reference or an answer holding `task_id`, checked to be one
 * plain id (it goes into a query or a URL path segment).
 * @param fn - the function called, named in the validation error.
 */
export function videoTaskId(task: string | JobRef | { task_id: string }, fn: string): string {
  const id = typeof task === 'string' ? task : 'task_id' in task ? task.task_id : task.id;
  return checkId(id, 'task_id', fn);
}

/** Writes bytes (or byte chunks, as they come) to a path atomically: temporary file, then rename. */
export async function saveBytes(
  source: Uint8Array | readonly Uint8Array[] | AsyncIterable<Uint8Array>,
  to: string | WritableStream<Uint8Array>,
  options: { signal?: AbortSignal; idleTimeoutMs?: number; onProgress?: (progress: { bytes: number }) => void } = {},
): Promise<DownloadResult> {
  const body = toReadableStream(source);
  return saveResponse(new Response(body), {
    to,
    provider: MINIMAX_PROVIDER_NAME,
    idleTimeoutMs: options.idleTimeoutMs ?? 0,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

function toReadableStream(
  source: Uint8Array | readonly Uint8Array[] | AsyncIterable<Uint8Array>,
): ReadableStream<Uint8Array> {
  if (source instanceof Uint8Array) source = [source];
  if (Array.isArray(source)) {
    const chunks = source as readonly Uint8Array[];
    let index = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
    });
  }
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

/**
 * Image types MiniMax accepts as video frames and video subject references (JPG/JPEG/PNG/WebP).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-i2v
 */
export const MINIMAX_FRAME_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Image types MiniMax accepts as the image-generation subject reference (JPG/JPEG/PNG only: no WebP).
 * @see https://platform.minimax.io/docs/api-reference/image-generation-i2i
 */
export const MINIMAX_SUBJECT_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];

const TYPE_NAMES: Record<string, string> = { 'image/jpeg': 'JPG/JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

function typeList(allowed: readonly string[]): string {
  return allowed.map((type) => TYPE_NAMES[type] ?? type).join(', ');
}

/**
 * Turns an image input into what MiniMax accepts: an `https://` / `http://` URL is sent as is; a `data:` URL is sent
 * as is when its type is allowed; anything else is a local file path, read (lazy `node:fs`) and sent as a base64
 * data URL. A data URL or file of another type is refused with a validation error naming the allowed types.
 * @param field - field name used in validation errors.
 * @param maxBytes - size limit of a local file.
 * @param allowed - MIME types the field takes (default {@link MINIMAX_FRAME_IMAGE_TYPES}).
 */
export async function resolveImageInput(
  value: string,
  field: string,
  maxBytes: number,
  allowed: readonly string[] = MINIMAX_FRAME_IMAGE_TYPES,
): Promise<string> {
  if (/^https?:\/\//i.test(value)) return value;
  if (/^data:/i.test(value)) {
    const declared = /^data:([^;,]*)/i.exec(value)?.[1]?.trim().toLowerCase();
    const type = declared === 'image/jpg' ? 'image/jpeg' : declared;
    if (type?.startsWith('image/') && !allowed.includes(type)) {
      throw new RequestValidationError(
        [{ path: field, message: `a ${type} data URL: use ${typeList(allowed)} (an https URL or a data URL)` }],
        'image input',
      );
    }
    return value;
  }
  const path = value.startsWith('file://') ? decodeURIComponent(new URL(value).pathname) : value;
  const mimeType = guessMimeType(path);
  if (!allowed.includes(mimeType)) {
    throw new RequestValidationError(
      [{ path: field, message: `${path}: use a ${typeList(allowed)} file, an https URL or a data URL` }],
      'image input',
    );
  }
  const fs = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(path);
    if (stat.size > maxBytes) {
      throw new RequestValidationError(
        [{ path: field, message: `${path} is ${stat.size} bytes; the limit is ${maxBytes}` }],
        'image input',
      );
    }
    bytes = await fs.readFile(path);
  } catch (error) {
    if (RequestValidationError.isInstance(error)) throw error;
    throw new RequestValidationError([{ path: field, message: `cannot read ${path}` }], 'image input', {
      cause: error,
    });
  }
  return `data:${mimeType};base64,${encodeBase64(bytes)}`;
}

/** The artifact of a saved MiniMax video: its duration read from the file, else `fallbackMs` (the length asked for). */
export async function savedVideoArtifact(
  saved: { path: string; bytes: number },
  job: JobRef,
  fallbackMs: number | undefined,
): Promise<MediaArtifact> {
  const durationMs = (await fileDurationMs(saved.path, 'video/mp4').catch(() => undefined)) ?? fallbackMs;
  return {
    kind: 'video',
    path: saved.path,
    mimeType: 'video/mp4',
    bytes: saved.bytes,
    ...(durationMs === undefined ? {} : { durationMs }),
    provider: MINIMAX_PROVIDER_NAME,
    job,
  };
}
