/**
 * MiniMax music generation (`POST /v1/music_generation`): text-to-music with lyrics or instrumental, cover mode,
 * hex or URL output, and streaming. One blocking call (commonly 1–3+ minutes); no task to poll. The request's
 * parameters and rules live here; the answers in `music-result.ts`, read by `music-output.ts` (hex, URL) and
 * `music-stream.ts` (streaming).
 *
 * **Service change:** from 2026-08-20 MiniMax no longer offers paid music generation (and lyrics generation) to
 * new accounts — existing paid users keep access — and stopped the free models `music-3.0-free`,
 * `music-2.6-free` and `music-cover-free`. Availability is account-dependent; a closed model's answer becomes a
 * {@link PermissionDeniedError} (paid models) or an {@link ApiRetiredError} (`*-free` models) that says so
 * (see `music-availability.ts`). The exact code MiniMax returns for a stopped model is unverified.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError } from '../../common/errors.js';
import { type ValidationIssue, validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { explainClosedMusicModel } from './music-availability.js';
import { musicAsHex, musicAsUrl } from './music-output.js';
import type { MiniMaxMusic, MiniMaxMusicStream } from './music-result.js';
import { startMusicStream } from './music-stream.js';

/**
 * Music model ids (any other string is passed through). `music-3.0` (recommended), `music-2.6` and
 * `music-cover` need a paid or Token Plan account; the `*-free` tiers were stopped on 2026-08-20;
 * `music-2.5+`, `music-2.5`, `music-2.0`, `music-1.5` are earlier generations.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export type MiniMaxMusicModel =
  | 'music-3.0'
  | 'music-2.6'
  | 'music-cover'
  /* Stopped by MiniMax on 2026-08-20 (see MINIMAX_STOPPED_MUSIC_MODELS). */
  | 'music-3.0-free'
  /* Stopped by MiniMax on 2026-08-20 (see MINIMAX_STOPPED_MUSIC_MODELS). */
  | 'music-2.6-free'
  /* Stopped by MiniMax on 2026-08-20 (see MINIMAX_STOPPED_MUSIC_MODELS). */
  | 'music-cover-free'
  | 'music-2.5+'
  | 'music-2.5'
  | 'music-2.0'
  | 'music-1.5'
  | (string & {});

/** Sample rates, Hz. */
export const MINIMAX_MUSIC_SAMPLE_RATES = [16000, 24000, 32000, 44100] as const;
/** Bitrates, bit/s. */
export const MINIMAX_MUSIC_BITRATES = [32000, 64000, 128000, 256000] as const;
/** Audio formats. */
export const MINIMAX_MUSIC_FORMATS = ['mp3', 'wav', 'pcm'] as const;

/** Audio settings of a music request. Set all three explicitly (examples use 44100 / 256000 / mp3). */
export interface MusicAudioSetting {
  /** Sample rate, Hz. */
  sample_rate?: (typeof MINIMAX_MUSIC_SAMPLE_RATES)[number];
  /** Bitrate, bit/s. */
  bitrate?: (typeof MINIMAX_MUSIC_BITRATES)[number];
  /** Container / encoding. */
  format?: (typeof MINIMAX_MUSIC_FORMATS)[number];
  /** Channels (1 or 2): sent by the official CLI's cover command, not in the official schema — unverified. */
  channel?: 1 | 2;
}

/**
 * Parameters of {@link generateMusic} (wire fields as MiniMax names them).
 * Text models: a vocal song needs `lyrics` (1–3500 chars) unless `lyrics_optimizer` writes them from `prompt`;
 * `is_instrumental: true` needs `prompt` (1–2000) and no `lyrics`. Cover models (`music-cover*`): `prompt`
 * (10–300, the target style) and exactly one of `audio_url`, `audio_base64`, `cover_feature_id`.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export interface GenerateMusicParams {
  /** Model id. */
  model: MiniMaxMusicModel;
  /** Style, mood, scene (≤ 2000 chars; 10–300 for cover models). Put BPM/key/duration hints here. */
  prompt?: string;
  /** Lyrics, lines separated by `\n`, with section tags such as `[Verse]` (see {@link MINIMAX_MUSIC_SECTION_TAGS}). */
  lyrics?: string;
  /** Instrumental (no vocals); text models only; omit `lyrics`. */
  is_instrumental?: boolean;
  /** Write the lyrics from `prompt` when `lyrics` is empty; text models only. */
  lyrics_optimizer?: boolean;
  /** Sample rate, bitrate, format. */
  audio_setting?: MusicAudioSetting;
  /** `hex` (default; decoded to bytes for you) or `url` (valid 24 h). Streaming supports `hex` only. */
  output_format?: 'hex' | 'url';
  /** Stream the audio as it is made (hex only): {@link generateMusic} then returns a {@link MiniMaxMusicStream}. */
  stream?: boolean;
  /** Watermark at the end of the audio; non-streaming requests only. */
  aigc_watermark?: boolean;
  /** Cover mode: reference song URL (6 s–6 min, ≤ 50 MB). */
  audio_url?: string;
  /** Cover mode: reference song as base64. */
  audio_base64?: string;
  /** Cover mode: id from `/v1/music_cover_preprocess` (valid 24 h); needs `lyrics`. */
  cover_feature_id?: string;
  /** Seed 0–1 000 000: sent by the official CLI's cover command, not in the official schema — unverified. */
  seed?: number;
}

/**
 * Request schema of `POST /v1/music_generation` (shape only; the cross-field rules run after it).
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export const generateMusicParamsSchema = z.strictObject({
  model: z.string().check(z.minLength(1)),
  prompt: z.optional(z.string().check(z.maxLength(2000))),
  lyrics: z.optional(z.string().check(z.maxLength(3500))),
  is_instrumental: z.optional(z.boolean()),
  lyrics_optimizer: z.optional(z.boolean()),
  audio_setting: z.optional(
    z.strictObject({
      sample_rate: z.optional(z.literal(MINIMAX_MUSIC_SAMPLE_RATES)),
      bitrate: z.optional(z.literal(MINIMAX_MUSIC_BITRATES)),
      format: z.optional(z.enum(MINIMAX_MUSIC_FORMATS)),
      channel: z.optional(z.literal([1, 2])),
    }),
  ),
  output_format: z.optional(z.enum(['hex', 'url'])),
  stream: z.optional(z.boolean()),
  aigc_watermark: z.optional(z.boolean()),
  audio_url: z.optional(z.string().check(z.minLength(1))),
  audio_base64: z.optional(z.string().check(z.minLength(1))),
  cover_feature_id: z.optional(z.string().check(z.minLength(1))),
  seed: z.optional(z.int().check(z.gte(0), z.lte(1_000_000))),
});

/** Models whose schema has no `is_instrumental`. */
const NO_INSTRUMENTAL_MODELS = new Set(['music-2.5', 'music-2.0', 'music-1.5']);

function isCoverModel(model: string): boolean {
  return model.startsWith('music-cover');
}

function length(value: string | undefined): number {
  return value?.length ?? 0;
}

function checkMusicRules(params: GenerateMusicParams): void {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  if (params.lyrics === '') add('lyrics', 'must not be empty: omit the field instead');
  if (isCoverModel(params.model)) {
    const sources = (['audio_url', 'audio_base64', 'cover_feature_id'] as const).filter(
      (key) => params[key] !== undefined,
    );
    if (sources.length !== 1) {
      add('audio_url', 'cover models need exactly one of audio_url, audio_base64, cover_feature_id');
    }
    if (length(params.prompt) < 10 || length(params.prompt) > 300)
      add('prompt', 'cover models need a prompt of 10–300 characters');
    if (params.lyrics !== undefined && (params.lyrics.length < 10 || params.lyrics.length > 1000)) {
      add('lyrics', 'cover lyrics must be 10–1000 characters');
    }
    if (params.cover_feature_id !== undefined && params.lyrics === undefined) {
      add('lyrics', 'lyrics (10–1000 characters) are required with cover_feature_id');
    }
    if (params.is_instrumental !== undefined) add('is_instrumental', 'not available for cover models');
    if (params.lyrics_optimizer !== undefined) add('lyrics_optimizer', 'not available for cover models');
  } else {
    for (const key of ['audio_url', 'audio_base64', 'cover_feature_id', 'seed'] as const) {
      if (params[key] !== undefined) add(key, 'only for cover models (music-cover)');
    }
    if (params.is_instrumental) {
      if (NO_INSTRUMENTAL_MODELS.has(params.model)) add('is_instrumental', `${params.model} has no instrumental mode`);
      if (!length(params.prompt)) add('prompt', 'required (1–2000 characters) for an instrumental');
      if (params.lyrics !== undefined) add('lyrics', 'omit lyrics for an instrumental');
    } else if (params.lyrics_optimizer) {
      if (!length(params.lyrics) && !length(params.prompt)) {
        add('prompt', 'lyrics_optimizer writes the lyrics from the prompt: give a prompt');
      }
    } else if (!length(params.lyrics)) {
      add('lyrics', 'required (1–3500 characters) for a vocal song; or set is_instrumental or lyrics_optimizer');
    }
  }
  if (params.stream) {
    if (params.output_format === 'url') add('output_format', 'streaming supports hex output only');
    if (params.aigc_watermark !== undefined) add('aigc_watermark', 'not available with streaming');
  }
  if (issues.length) throw new RequestValidationError(issues, 'generateMusic params');
}

/**
 * Generates a song. Non-streaming: resolves when MiniMax answers (1–3+ minutes; the default timeout is 10
 * minutes) with a {@link MiniMaxMusic}; hex audio is decoded while the body arrives, never held as text.
 * With `stream: true`: resolves as soon as the stream starts, with a {@link MiniMaxMusicStream} whose bytes
 * arrive as MiniMax sends them.
 *
 * Availability: from 2026-08-20 paid music is closed to new accounts and the `*-free` models are stopped;
 * such answers become a PermissionDeniedError / ApiRetiredError that says so.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @example
 * ```ts
 * const song = await generateMusic(mm, { model: 'music-2.6', prompt: 'lo-fi, rainy night', lyrics: '[Verse]\n…' });
 * await song.saveTo('./song.mp3');
 * console.log(song.info.durationMs);
 * ```
 */
export function generateMusic(
  client: MiniMaxClient,
  params: GenerateMusicParams & { stream: true },
  options?: RequestOptions,
): Promise<MiniMaxMusicStream>;
export function generateMusic(
  client: MiniMaxClient,
  params: GenerateMusicParams & { stream?: false },
  options?: RequestOptions,
): Promise<MiniMaxMusic>;
export function generateMusic(
  client: MiniMaxClient,
  params: GenerateMusicParams,
  options?: RequestOptions,
): Promise<MiniMaxMusic | MiniMaxMusicStream>;
export async function generateMusic(
  client: MiniMaxClient,
  params: GenerateMusicParams,
  options: RequestOptions = {},
): Promise<MiniMaxMusic | MiniMaxMusicStream> {
  validateInput(generateMusicParamsSchema, params, 'generateMusic params');
  checkMusicRules(params);
  try {
    if (params.stream) return await startMusicStream(client, params, options);
    if (params.output_format === 'url') return await musicAsUrl(client, params, options);
    return await musicAsHex(client, params, options);
  } catch (error) {
    throw explainClosedMusicModel(error, params.model, 'music generation');
  }
}
