/**
 * Mureka lyrics: write lyrics from a theme, or continue given lyrics. Synchronous JSON answers.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MurekaClient } from './client.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';

/**
 * Body of `POST /v1/lyrics/generate`.
 * @see https://platform.mureka.ai/docs/
 */
export const generateLyricsParamsSchema = /* @__PURE__ */ z.strictObject({
  prompt: z.string().check(z.minLength(1), z.maxLength(1024)),
});

/** Parameters of {@link generateLyrics}. */
export interface GenerateLyricsParams {
  /** What the song is about (`a birthday song for my daughter Jessica`). The 1024-char limit is unverified. */
  prompt: string;
}

/**
 * Body of `POST /v1/lyrics/extend`. One third-party client also sends `prompt` (unverified), accepted here.
 * @see https://platform.mureka.ai/docs/
 */
export const extendLyricsParamsSchema = /* @__PURE__ */ z.strictObject({
  lyrics: z.string().check(z.minLength(1), z.maxLength(3000)),
  prompt: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
});

/** Parameters of {@link extendLyrics}. */
export interface ExtendLyricsParams {
  /** The lyrics so far, with section tags. */
  lyrics: string;
  /** Direction for the continuation (unverified: sent by one third-party client only). */
  prompt?: string;
}

/** Answer of `POST /v1/lyrics/generate`. */
export interface MurekaLyrics {
  /** A title. */
  title?: string;
  /** Lyrics with section tags. */
  lyrics: string;
  [key: string]: unknown;
}

function readLyrics(body: unknown, what: string): MurekaLyrics {
  if (!isRecord(body) || typeof body.lyrics !== 'string') {
    throw new ResponseValidationError(MUREKA_PROVIDER_NAME, `${what}: the answer holds no lyrics`, body);
  }
  return body as MurekaLyrics;
}

/**
 * Writes lyrics with section tags from a theme (`POST /v1/lyrics/generate`).
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const { title, lyrics } = await generateLyrics(mureka, { prompt: 'a birthday song for my daughter Jessica' });
 * ```
 */
export async function generateLyrics(
  client: MurekaClient,
  params: GenerateLyricsParams,
  options: RequestOptions = {},
): Promise<MurekaLyrics> {
  const json = validateInput(generateLyricsParamsSchema, params, 'generateLyrics params');
  const response = await client.request<unknown>({ ...options, method: 'POST', path: '/v1/lyrics/generate', json });
  return readLyrics(response.data, 'generateLyrics');
}

/**
 * Continues lyrics (`POST /v1/lyrics/extend`). The answer holds the continuation only: append it yourself.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const more = await extendLyrics(mureka, { lyrics });
 * const full = `${lyrics}\n${more.lyrics}`;
 * ```
 */
export async function extendLyrics(
  client: MurekaClient,
  params: ExtendLyricsParams,
  options: RequestOptions = {},
): Promise<MurekaLyrics> {
  const json = validateInput(extendLyricsParamsSchema, params, 'extendLyrics params');
  const response = await client.request<unknown>({ ...options, method: 'POST', path: '/v1/lyrics/extend', json });
  return readLyrics(response.data, 'extendLyrics');
}
