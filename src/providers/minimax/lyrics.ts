/**
 * MiniMax lyrics generation (`POST /v1/lyrics_generation`): write a full song or edit existing lyrics.
 * Paid endpoint; from 2026-08-20 not offered to new accounts (existing paid users keep access).
 * @see https://platform.minimax.io/docs/api-reference/lyrics-generation
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
 * Request schema of `POST /v1/lyrics_generation`.
 * @see https://platform.minimax.io/docs/api-reference/lyrics-generation
 */
export const generateLyricsParamsSchema = z.strictObject({
  mode: z.enum(['write_full_song', 'edit']),
  prompt: z.optional(z.string().check(z.maxLength(2000))),
  lyrics: z.optional(z.string().check(z.maxLength(3500))),
  title: z.optional(z.string()),
});

/**
 * Parameters of {@link generateLyrics}.
 * @see https://platform.minimax.io/docs/api-reference/lyrics-generation
 */
export interface GenerateLyricsParams {
  /** `write_full_song` or `edit` (edit needs `lyrics`). */
  mode: 'write_full_song' | 'edit';
  /** Theme and style, or the edit instruction (≤ 2000 chars); empty writes a random song. */
  prompt?: string;
  /** Existing lyrics to edit (≤ 3500 chars). */
  lyrics?: string;
  /** Title, kept as is. */
  title?: string;
}

/**
 * The wire answer of `POST /v1/lyrics_generation` (flat; one third-party client reads `data.lyrics` /
 * `data.title` instead — unverified — and {@link generateLyrics} lifts those to the top level).
 * @see https://platform.minimax.io/docs/api-reference/lyrics-generation
 */
export interface LyricsGenerationResponse {
  /** Song title. */
  song_title?: string;
  /** Comma-separated style tags. */
  style_tags?: string;
  /** Lyrics with section tags (these may use `[Pre-Chorus]`, `[Drop]`…: see `normalizeLyricsTags`). */
  lyrics: string;
  /** Trace id, when sent. */
  trace_id?: string;
  /** Status. */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/**
 * Writes or edits song lyrics. Feed the result to `generateMusic` after `normalizeLyricsTags`.
 * @see https://platform.minimax.io/docs/api-reference/lyrics-generation
 * @example
 * ```ts
 * const { lyrics, song_title } = await generateLyrics(mm, { mode: 'write_full_song', prompt: 'rainy night blues' });
 * ```
 */
export async function generateLyrics(
  client: MiniMaxClient,
  params: GenerateLyricsParams,
  options: RequestOptions = {},
): Promise<LyricsGenerationResponse> {
  validateInput(generateLyricsParamsSchema, params, 'generateLyrics params');
  if (params.mode === 'edit' && !params.lyrics) {
    throw new RequestValidationError(
      [{ path: 'lyrics', message: 'edit mode needs the lyrics to edit' }],
      'generateLyrics params',
    );
  }
  let answer: Awaited<ReturnType<typeof client.request<LyricsGenerationResponse>>>;
  try {
    answer = await client.request<LyricsGenerationResponse>({
      ...options,
      method: 'POST',
      path: '/v1/lyrics_generation',
      json: params,
      retry: 'job-start',
      generation: true,
    });
  } catch (error) {
    throw explainClosedMusicModel(error, undefined, 'lyrics generation');
  }
  const response = answer.data;
  const nested = response.data as { lyrics?: unknown; title?: unknown; song_title?: unknown } | undefined;
  if (typeof response.lyrics !== 'string' && nested && typeof nested.lyrics === 'string') {
    response.lyrics = nested.lyrics;
    const title = nested.song_title ?? nested.title;
    if (response.song_title === undefined && typeof title === 'string') response.song_title = title;
  }
  if (typeof response.lyrics !== 'string') {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the answer holds no lyrics', response);
  }
  const traceId = readTraceId(response, answer.headers);
  if (traceId && response.trace_id === undefined) response.trace_id = traceId;
  return response;
}
