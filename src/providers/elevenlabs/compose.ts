/**
 * Eleven Music composition: `composeMusic` (the audio, whole), `streamMusic` (the audio as it is made) and
 * `composeMusicDetailed` (audio plus the plan, song metadata and word timestamps). Each is one paid request:
 * never repeated once its body may have reached ElevenLabs.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { normalizeMimeType } from '../../common/media-types.js';
import { validateInput } from '../../common/validate.js';
import { type DownloadResult, type SaveResponseOptions, saveResponse } from '../../http/download.js';
import type { RequestOptions } from '../../http/types.js';
import type { ElevenLabsClient } from './client.js';
import {
  type ComposeMusicDetailedParams,
  type ComposeMusicParams,
  composeMusicDetailedParamsSchema,
  composeMusicParamsSchema,
  type StreamMusicParams,
  splitOutputFormat,
  streamMusicParamsSchema,
} from './compose-params.js';
import { ELEVENLABS_PROVIDER_NAME } from './errors.js';
import { multipartBoundary, parseMultipartMixed } from './multipart-mixed.js';
import type { CompositionPlan } from './plans.js';

/** A composed song. */
export interface ComposedMusic {
  /** The audio. */
  audio: Uint8Array;
  /** Its MIME type (`audio/mpeg`, …), from the answer. */
  mimeType: string;
  /** The `song-id` header: present with `store_for_inpainting` (otherwise optional). */
  songId?: string;
}

/** Song metadata of a detailed answer. */
export interface SongMetadata {
  /** Title. */
  title?: string;
  /** Description. */
  description?: string;
  /** Genres. */
  genres?: string[];
  /** Language codes. */
  languages?: string[];
  /** Explicit lyrics. */
  is_explicit?: boolean;
  [key: string]: unknown;
}

/** A word's timing. */
export interface WordTimestamp {
  /** The word. */
  word: string;
  /** Start, ms. */
  start_ms: number;
  /** End, ms. */
  end_ms: number;
}

/** A composed song with what the detailed endpoint says about it. */
export interface DetailedMusic extends ComposedMusic {
  /** The plan the song was made from. */
  compositionPlan?: CompositionPlan;
  /** Title, genres, languages… */
  songMetadata?: SongMetadata;
  /** Word timings (with `with_timestamps: true`), else undefined. */
  wordsTimestamps?: WordTimestamp[];
  /** The audio part's file name, when given. */
  filename?: string;
  /**
   * Set when the answer's JSON part was missing or not JSON: the song (paid for) is still returned, without the
   * plan, metadata and timings, and this says what was wrong with them.
   */
  metadataProblem?: string;
}

/** Audio streamed as it is made: iterate it for the chunks, or `saveTo` a file. Read it once. */
export interface MusicStream extends AsyncIterable<Uint8Array> {
  /** MIME type from the answer. */
  readonly mimeType: string;
  /** The `song-id` header, when sent. */
  readonly songId?: string;
  /** Writes the stream to a file (atomically) or a WritableStream as it arrives. */
  saveTo(to: SaveResponseOptions['to'], options?: Omit<SaveResponseOptions, 'to'>): Promise<DownloadResult>;
}

function mimeTypeOf(response: Response, fallback = 'audio/mpeg'): string {
  return normalizeMimeType(response.headers.get('content-type') ?? '') || fallback;
}

function songIdOf(response: Response): { songId?: string } {
  const id = response.headers.get('song-id');
  return id ? { songId: id } : {};
}

async function send(
  client: ElevenLabsClient,
  path: string,
  params: { output_format?: string | undefined },
  options: RequestOptions,
): Promise<Response> {
  const { json, query } = splitOutputFormat(params);
  // One paid composition: retried only when it provably never started (429, refused connection).
  return client.raw({
    ...options,
    // A song takes minutes, and a timed-out one is paid for: the client's generation timeout applies.
    generation: true,
    method: 'POST',
    path,
    query,
    json,
    retry: 'job-start',
  });
}

/**
 * Composes a song (`POST /v1/music`) from a prompt or a composition plan and returns its audio. Long songs take
 * minutes: the client's `generationTimeoutMs` applies (10 min by default); {@link streamMusic} starts sooner.
 * @throws {RequestValidationError} bad params (names the field), before any request.
 * @throws {ElevenLabsMusicRejectedError} `bad_prompt` / `bad_composition_plan`, with the suggested rewrite.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @example
 * ```ts
 * const song = await composeMusic(eleven, { prompt: 'Upbeat indie pop about summer road trips', music_length_ms: 30000, model_id: 'music_v1' });
 * await writeFile('song.mp3', song.audio);
 * ```
 */
export async function composeMusic(
  client: ElevenLabsClient,
  params: ComposeMusicParams,
  options: RequestOptions = {},
): Promise<ComposedMusic> {
  const body = validateInput(composeMusicParamsSchema, params, 'composeMusic params');
  const response = await send(client, '/v1/music', body, options);
  const audio = new Uint8Array(await response.arrayBuffer());
  return { audio, mimeType: mimeTypeOf(response), ...songIdOf(response) };
}

/**
 * Composes a song and streams its audio as it is made (`POST /v1/music/stream`, chunked): the first bytes are
 * usable before the song is finished. Paid plans only.
 * @throws {RequestValidationError} bad params (names the field), before any request.
 * @see https://elevenlabs.io/docs/api-reference/music/stream
 * @example
 * ```ts
 * const stream = await streamMusic(eleven, { prompt: 'lo-fi beat', music_length_ms: 60000, model_id: 'music_v1' });
 * for await (const chunk of stream) player.write(chunk);
 * ```
 */
export async function streamMusic(
  client: ElevenLabsClient,
  params: StreamMusicParams,
  options: RequestOptions = {},
): Promise<MusicStream> {
  const body = validateInput(streamMusicParamsSchema, params, 'streamMusic params');
  const response = await send(client, '/v1/music/stream', body, options);
  const stream: MusicStream = {
    mimeType: mimeTypeOf(response),
    ...songIdOf(response),
    async *[Symbol.asyncIterator]() {
      if (!response.body) return;
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (value.length > 0) yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
    saveTo: (to, saveOptions = {}) =>
      saveResponse(response, { provider: ELEVENLABS_PROVIDER_NAME, ...saveOptions, to }),
  };
  return stream;
}

/** The JSON a part holds, or undefined when it is not JSON. */
function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function readDetailed(bytes: Uint8Array, response: Response): DetailedMusic {
  const boundary = multipartBoundary(response.headers.get('content-type'));
  const parts = boundary ? parseMultipartMixed(bytes, boundary) : [];
  const jsonPart = parts.find((part) => (part.headers['content-type'] ?? '').includes('json'));
  const audioPart = parts.find((part) => /^(audio|application\/octet-stream)/.test(part.headers['content-type'] ?? ''));
  if (!audioPart) {
    throw new ResponseValidationError(
      ELEVENLABS_PROVIDER_NAME,
      `composeMusicDetailed: expected a multipart/mixed answer with an audio part (got ${parts.length} part(s))`,
      undefined,
    );
  }
  const result: DetailedMusic = {
    audio: audioPart.body.slice(),
    mimeType: normalizeMimeType(audioPart.headers['content-type'] ?? '') || 'audio/mpeg',
    ...songIdOf(response),
  };
  // The song is paid for: a metadata part that is missing or unreadable never costs it.
  const meta = jsonPart ? parseJson(jsonPart.body) : undefined;
  if (!isRecord(meta)) {
    result.metadataProblem = jsonPart ? 'the JSON part is not a JSON object' : 'the answer has no JSON part';
  }
  const record = isRecord(meta) ? meta : {};
  if (isRecord(record.composition_plan)) result.compositionPlan = record.composition_plan as unknown as CompositionPlan;
  if (isRecord(record.song_metadata)) result.songMetadata = record.song_metadata as SongMetadata;
  if (Array.isArray(record.words_timestamps)) result.wordsTimestamps = record.words_timestamps as WordTimestamp[];
  const filename = audioPart.headers['content-disposition']?.match(/filename="?([^";]+)"?/)?.[1];
  if (filename) result.filename = filename;
  return result;
}

/**
 * Composes a song and returns it with its composition plan, song metadata (title, genres, languages) and, with
 * `with_timestamps: true`, word timings (`POST /v1/music/detailed`, a `multipart/mixed` answer).
 * @throws {RequestValidationError} bad params (names the field), before any request.
 * @throws {ResponseValidationError} the answer holds no audio part (a missing or broken JSON part only sets
 *   `metadataProblem`: the paid song is returned).
 * @see https://elevenlabs.io/docs/api-reference/music/compose-detailed
 * @example
 * ```ts
 * const song = await composeMusicDetailed(eleven, { prompt: 'Bright indie pop', music_length_ms: 30000, model_id: 'music_v1', with_timestamps: true });
 * console.log(song.songMetadata?.title, song.wordsTimestamps?.length);
 * ```
 */
export async function composeMusicDetailed(
  client: ElevenLabsClient,
  params: ComposeMusicDetailedParams,
  options: RequestOptions = {},
): Promise<DetailedMusic> {
  const body = validateInput(composeMusicDetailedParamsSchema, params, 'composeMusicDetailed params');
  const response = await send(client, '/v1/music/detailed', body, options);
  return readDetailed(new Uint8Array(await response.arrayBuffer()), response);
}
