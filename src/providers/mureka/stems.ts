/**
 * Mureka stem separation (`POST /v1/song/stem`): synchronous, answers with a ZIP of stems (one file per stem).
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
 * Separation models: only `audio-separation-2` also returns MIDI. `audio-separation-3` is named by third parties
 * only (unverified); any id is accepted.
 */
export const MUREKA_STEM_MODELS = ['audio-separation-1', 'audio-separation-2'] as const;

/** 10 MB, the documented limit of a decoded data URL. */
const MAX_DATA_URL_CHARS = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 64;

/**
 * Body of `POST /v1/song/stem`.
 * @see https://platform.mureka.ai/docs/
 */
export const separateStemsParamsSchema = /* @__PURE__ */ z.strictObject({
  url: z
    .string()
    .check(
      z.regex(/^(https?:\/\/|data:audio\/[\w.+-]+;base64,)/i, 'must be an http(s) URL or a data:audio/…;base64, URL'),
      z.maxLength(MAX_DATA_URL_CHARS),
    ),
  model: z.optional(z.string().check(z.minLength(1))),
});

/** Parameters of {@link separateStems}. */
export interface SeparateStemsParams {
  /** A public mp3 / m4a URL, or a data URL `data:audio/mp3;base64,…` (≤ 10 MB decoded). */
  url: string;
  /** `audio-separation-1` or `audio-separation-2` (see {@link MUREKA_STEM_MODELS}). */
  model?: string;
}

/** Answer of `POST /v1/song/stem`. Links expire at `expires_at`: download them. */
export interface MurekaStems {
  /** ZIP with one audio file per stem. */
  zip_url: string;
  /** Unix seconds. */
  expires_at?: number;
  /** ZIP of MIDI files (`audio-separation-2` only), else null. */
  midi_zip_url?: string | null;
  [key: string]: unknown;
}

/**
 * Splits a song into stems (`POST /v1/song/stem`). Synchronous and billed separately from generation: it is a
 * job start and is never repeated once the body may have reached Mureka.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const stems = await separateStems(mureka, { url: 'https://example.com/track.mp3', model: 'audio-separation-2' });
 * await downloadMurekaFile(mureka, stems.zip_url, { to: './stems.zip' });
 * ```
 */
export async function separateStems(
  client: MurekaClient,
  params: SeparateStemsParams,
  options: RequestOptions = {},
): Promise<MurekaStems> {
  const json = validateInput(separateStemsParamsSchema, params, 'separateStems params');
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/v1/song/stem',
    json,
    retry: 'job-start',
    // Synchronous: the answer comes once the split is done.
    generation: true,
  });
  const body = response.data;
  if (!isRecord(body) || typeof body.zip_url !== 'string' || !body.zip_url) {
    throw new ResponseValidationError(MUREKA_PROVIDER_NAME, 'separateStems: the answer holds no zip_url', body);
  }
  return body as MurekaStems;
}
