/**
 * MiniMax music cover preprocessing (`POST /v1/music_cover_preprocess`): turn a reference song into a
 * `cover_feature_id` for `music-cover`, with its recognised lyrics and structure.
 * @see https://platform.minimax.io/docs/api-reference/music-cover-preprocess
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, type MiniMaxBaseResp, readTraceId } from './errors.js';
import { explainClosedMusicModel } from './music-availability.js';

/**
 * Parameters of {@link preprocessMusicCover} (`POST /v1/music_cover_preprocess`): the reference song as exactly one
 * of `audio_url` or `audio_base64`.
 * @see https://platform.minimax.io/docs/api-reference/music-cover-preprocess
 */
export interface MusicCoverPreprocessParams {
  /** Model: only `music-cover` (the default). */
  model?: 'music-cover';
  /** Reference song URL. */
  audio_url?: string;
  /** Reference song as base64. */
  audio_base64?: string;
}

/**
 * Request schema of `POST /v1/music_cover_preprocess` (exactly one audio source is checked after it).
 * @see https://platform.minimax.io/docs/api-reference/music-cover-preprocess
 */
export const musicCoverPreprocessParamsSchema = z.strictObject({
  model: z.optional(z.literal('music-cover')),
  audio_url: z.optional(z.string().check(z.minLength(1))),
  audio_base64: z.optional(z.string().check(z.minLength(1))),
});

/** One segment of `structure_result`: where a section of the reference song starts and ends. */
export interface MusicCoverSegment {
  /** Start (as sent; seconds in MiniMax's examples — unverified). */
  start: number;
  /** End (same unit as `start`). */
  end: number;
  /** Section label (`verse`, `chorus`, …). */
  label: string;
}

/**
 * The wire answer of `POST /v1/music_cover_preprocess`.
 * @see https://platform.minimax.io/docs/api-reference/music-cover-preprocess
 */
export interface MusicCoverPreprocessResponse {
  /** Pass to `generateMusic` as `cover_feature_id` (valid 24 h; the same audio gives the same id). */
  cover_feature_id: string;
  /** Lyrics recognised in the reference song, formatted with section tags. */
  formatted_lyrics?: string;
  /** The song's structure: a JSON **string** holding `{ segments: [{ start, end, label }] }`. */
  structure_result?: string;
  /** Duration of the reference audio, seconds. */
  audio_duration?: number;
  /** Trace id. */
  trace_id?: string;
  /** Status. */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** What {@link preprocessMusicCover} returns: the wire answer plus `structure_result` parsed and the duration in ms. */
export interface MusicCoverPreprocessResult extends MusicCoverPreprocessResponse {
  /** `structure_result` parsed (empty when absent or unreadable). */
  segments: MusicCoverSegment[];
  /** `audio_duration` in milliseconds. */
  durationMs?: number;
}

function parseCoverSegments(structure: unknown): MusicCoverSegment[] {
  if (typeof structure !== 'string' || !structure.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(structure);
  } catch {
    return [];
  }
  const segments = (parsed as { segments?: unknown } | null)?.segments;
  if (!Array.isArray(segments)) return [];
  const out: MusicCoverSegment[] = [];
  for (const item of segments) {
    const record = (item ?? {}) as Record<string, unknown>;
    const start = Number(record.start);
    const end = Number(record.end);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    out.push({ start, end, label: typeof record.label === 'string' ? record.label : String(record.label ?? '') });
  }
  return out;
}

/**
 * Preprocesses a reference song for cover mode (`POST /v1/music_cover_preprocess`): returns a `cover_feature_id`
 * (valid 24 h) to pass to {@link generateMusic} with `music-cover` instead of the audio, the recognised
 * `formatted_lyrics` (edit them and send them as `lyrics`, which a `cover_feature_id` requires), and the song's
 * structure. Paid music endpoint (see the 2026-08-20 service change).
 * @see https://platform.minimax.io/docs/api-reference/music-cover-preprocess
 * @example
 * ```ts
 * const cover = await preprocessMusicCover(mm, { audio_url: 'https://example.com/reference.mp3' });
 * const song = await generateMusic(mm, {
 *   model: 'music-cover', prompt: 'Acoustic bossa nova cover', cover_feature_id: cover.cover_feature_id,
 *   lyrics: cover.formatted_lyrics ?? '',
 * });
 * ```
 */
export async function preprocessMusicCover(
  client: MiniMaxClient,
  params: MusicCoverPreprocessParams,
  options: RequestOptions = {},
): Promise<MusicCoverPreprocessResult> {
  validateInput(musicCoverPreprocessParamsSchema, params, 'preprocessMusicCover params');
  if ((params.audio_url === undefined) === (params.audio_base64 === undefined)) {
    throw new RequestValidationError(
      [{ path: 'audio_url', message: 'send exactly one of audio_url and audio_base64' }],
      'preprocessMusicCover params',
    );
  }
  const body: MusicCoverPreprocessParams = { model: 'music-cover', ...params };
  let answer: Awaited<ReturnType<typeof client.request<MusicCoverPreprocessResponse>>>;
  try {
    answer = await client.request<MusicCoverPreprocessResponse>({
      generation: true,
      ...options,
      method: 'POST',
      path: '/v1/music_cover_preprocess',
      json: body,
      retry: 'job-start',
    });
  } catch (error) {
    throw explainClosedMusicModel(error, 'music-cover', 'music cover preprocessing');
  }
  const response = answer.data;
  if (typeof response.cover_feature_id !== 'string' || !response.cover_feature_id) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'no cover_feature_id in the answer', response);
  }
  const result: MusicCoverPreprocessResult = { ...response, segments: parseCoverSegments(response.structure_result) };
  const seconds = Number(response.audio_duration);
  if (response.audio_duration !== undefined && Number.isFinite(seconds)) result.durationMs = Math.round(seconds * 1000);
  const traceId = readTraceId(response, answer.headers);
  if (traceId && result.trace_id === undefined) result.trace_id = traceId;
  return result;
}
