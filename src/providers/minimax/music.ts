/**
 * MiniMax music generation (`POST /v1/music_generation`): text-to-music with lyrics or instrumental, cover mode,
 * hex or URL output, and streaming. One blocking call (commonly 1–3+ minutes); no task to poll.
 *
 * **Service change:** from 2026-08-20 MiniMax no longer offers paid music generation (and lyrics generation) to
 * new accounts — existing paid users keep access — and stopped the free models `music-3.0-free`,
 * `music-2.6-free` and `music-cover-free`. Availability is account-dependent; a closed model's answer becomes a
 * {@link PermissionDeniedError} (paid models) or an {@link ApiRetiredError} (`*-free` models) that says so.
 * The exact code MiniMax returns for a stopped model is unverified.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import * as z from 'zod/mini';
import {
  ApiError,
  ApiRetiredError,
  AuthenticationError,
  apiErrorDetails,
  ConnectionError,
  PermissionDeniedError,
  RequestValidationError,
  ResponseValidationError,
} from '../../common/errors.js';
import { mimeTypeForExtension } from '../../common/media-types.js';
import { type ValidationIssue, validateInput } from '../../common/validate.js';
import { type DownloadResult, download } from '../../http/download.js';
import { parseSse } from '../../http/sse.js';
import type { HttpRequest, RequestOptions } from '../../http/types.js';
import { type MiniMaxClient, miniMaxClassifierContext } from './client.js';
import {
  assertMiniMaxOk,
  MINIMAX_PROVIDER_NAME,
  type MiniMaxBaseResp,
  type MiniMaxClassifierContext,
  readBaseResp,
  readTraceId,
} from './errors.js';
import { concatBytes, HexDecoder, JsonHexAudioReader, saveBytes } from './shared.js';

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

/** Free music models MiniMax stopped on 2026-08-20. */
export const MINIMAX_STOPPED_MUSIC_MODELS: readonly string[] = ['music-3.0-free', 'music-2.6-free', 'music-cover-free'];

/**
 * Section tags the music endpoint accepts in `lyrics` (one per line, nothing else inside the brackets;
 * parenthesised text is sung as backing vocals).
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export const MINIMAX_MUSIC_SECTION_TAGS = [
  'Intro',
  'Verse',
  'Pre Chorus',
  'Chorus',
  'Post Chorus',
  'Bridge',
  'Interlude',
  'Transition',
  'Break',
  'Hook',
  'Build Up',
  'Inst',
  'Solo',
  'Outro',
] as const;

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

const LYRICS_TAG_ALIASES: Record<string, string> = {
  'pre-chorus': 'Pre Chorus',
  prechorus: 'Pre Chorus',
  'post-chorus': 'Post Chorus',
  'build-up': 'Build Up',
  buildup: 'Build Up',
  instrumental: 'Inst',
  breakdown: 'Break',
  drop: 'Inst',
};

/**
 * Rewrites section tags to the ones the music endpoint lists: `[Pre-Chorus]` → `[Pre Chorus]`, `[Build-up]` →
 * `[Build Up]`, `[Instrumental]`/`[Drop]` → `[Inst]`, `[Breakdown]` → `[Break]`, and fixes the case of known tags.
 * Use it on lyrics from `/v1/lyrics_generation`, which uses tags the music endpoint does not list.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export function normalizeLyricsTags(lyrics: string): string {
  const known = new Map(MINIMAX_MUSIC_SECTION_TAGS.map((tag) => [tag.toLowerCase(), tag]));
  return lyrics.replace(/\[([^\]\n]{1,40})\]/g, (whole, inner: string) => {
    const key = inner.trim().toLowerCase();
    const tag = LYRICS_TAG_ALIASES[key] ?? known.get(key) ?? known.get(key.replace(/-/g, ' '));
    return tag ? `[${tag}]` : whole;
  });
}

/** `extra_info` of a music answer, as sent. `music_duration` is in milliseconds. */
export interface MusicExtraInfo {
  /** Duration, ms. */
  music_duration?: number;
  /** Sample rate, Hz. */
  music_sample_rate?: number;
  /** Channels. */
  music_channel?: number;
  /** Bitrate, bit/s. */
  bitrate?: number;
  /** Size, bytes. */
  music_size?: number;
  [key: string]: unknown;
}

/** The parsed `extra_info`. */
export interface MusicInfo {
  /** Duration in milliseconds (`music_duration`). */
  durationMs?: number;
  /** Sample rate, Hz. */
  sampleRate?: number;
  /** Channels. */
  channels?: number;
  /** Bitrate, bit/s. */
  bitrate?: number;
  /** Size of the audio, bytes. */
  sizeBytes?: number;
}

/**
 * The wire answer of `POST /v1/music_generation`. For hex output the library decodes `data.audio` while reading
 * and leaves it empty here (use `bytes()` / `saveTo()`).
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 */
export interface MusicGenerationResponse {
  /** Audio and status (`1` in progress / partial chunk, `2` complete). */
  data?: { audio?: string; audio_url?: string; status?: number; [key: string]: unknown };
  /** Trace id. */
  trace_id?: string;
  /** Duration (ms), sample rate, channels, bitrate, size. */
  extra_info?: MusicExtraInfo;
  /** Analysis (usually null). */
  analysis_info?: unknown;
  /** Status. */
  base_resp: MiniMaxBaseResp;
  [key: string]: unknown;
}

/** Options for saving music. */
export interface SaveMusicOptions {
  /** Abort. */
  signal?: AbortSignal;
  /** Bytes written so far. */
  onProgress?: (progress: { bytes: number; total?: number; percent?: number }) => void;
}

/** A finished song: the wire answer, parsed info, and the audio as bytes or a file. */
export interface MiniMaxMusic {
  /** The provider's answer (hex audio removed once decoded). */
  response: MusicGenerationResponse;
  /** How the audio came: decoded hex, or a URL (valid 24 h). */
  output: 'hex' | 'url';
  /** The audio URL, for `url` output. */
  url?: string;
  /** Parsed `extra_info` (durations in ms). */
  info: MusicInfo;
  /** Trace id for support. */
  traceId?: string;
  /** MIME type from `audio_setting.format` (`audio/mpeg` by default). */
  mimeType: string;
  /** The audio bytes (URL output is downloaded, without the API key). */
  bytes(options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** Writes the audio to a file atomically (streamed); returns the absolute path and size. */
  saveTo(path: string, options?: SaveMusicOptions): Promise<{ path: string; bytes: number }>;
}

/** What a music stream reports when it ends. */
export interface MusicStreamSummary {
  /** Parsed `extra_info` of the last chunk. */
  info: MusicInfo;
  /** Trace id. */
  traceId?: string;
  /** Audio bytes delivered. */
  bytes: number;
  /** The last event's JSON (audio removed). */
  last?: MusicGenerationResponse;
}

/**
 * A streamed song: iterate it for audio bytes as they arrive (each chunk decoded from its hex event), or
 * `saveTo()` a file in memory near one chunk. It can be consumed once. `done` resolves with the final extra info.
 */
export interface MiniMaxMusicStream extends AsyncIterable<Uint8Array> {
  /** MIME type from `audio_setting.format`. */
  mimeType: string;
  /** Trace id from the response headers, when sent. */
  traceId?: string;
  /** Resolves when the stream ends (rejects with its error). */
  done: Promise<MusicStreamSummary>;
  /** Consumes the stream into a file (temporary file, renamed when complete). */
  saveTo(path: string, options?: SaveMusicOptions): Promise<{ path: string; bytes: number }>;
  /** Consumes the stream into one byte array. */
  bytes(): Promise<Uint8Array>;
}

/** Parses `extra_info` (durations in milliseconds). */
export function parseMusicExtraInfo(extra: unknown): MusicInfo {
  const info: MusicInfo = {};
  if (!extra || typeof extra !== 'object') return info;
  const record = extra as Record<string, unknown>;
  const number = (key: string): number | undefined => {
    const value = record[key];
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const fields: [keyof MusicInfo, string][] = [
    ['durationMs', 'music_duration'],
    ['sampleRate', 'music_sample_rate'],
    ['channels', 'music_channel'],
    ['bitrate', 'bitrate'],
    ['sizeBytes', 'music_size'],
  ];
  for (const [name, key] of fields) {
    const value = number(key);
    if (value !== undefined) info[name] = value;
  }
  return info;
}

function mimeTypeOf(format: string | undefined): string {
  return mimeTypeForExtension(format ?? 'mp3') ?? 'audio/mpeg';
}

/** Default time allowed for a music answer: generation commonly takes 1–3+ minutes. */
const MUSIC_TIMEOUT_MS = 600_000;

/** Appended to music and lyrics refusals: the 2026-08-20 service change. */
const MUSIC_CLOSED_NOTE =
  'Since 2026-08-20 MiniMax no longer offers paid music and lyrics generation to new accounts (existing paid ' +
  'accounts keep access) and has stopped the free models music-3.0-free, music-2.6-free and music-cover-free.';

/** An API error's message without the `provider status code:` prefix and `(request id …)` suffix it was built with. */
/**
 * Turns the provider's answer for a closed music model into a clear error: `*-free` models (stopped
 * 2026-08-20) → {@link ApiRetiredError}; a model refused to the account (code 2061, permission, a "model"
 * complaint) → {@link PermissionDeniedError} explaining that paid music is closed to new accounts; an auth
 * failure gets the same note appended. Other errors pass unchanged.
 */
export function explainClosedMusicModel(error: unknown, model: string | undefined, endpoint: string): unknown {
  if (!ApiError.isInstance(error)) return error;
  // The provider's own words decide what kind of refusal it is; the error's message (with the region, GroupId and
  // retry advice the classifier added) is what the person reads, so it is kept whole.
  const providerMessage = readBaseResp(error.body)?.status_msg ?? error.message;
  const original = error.providerMessage.replace(/[\s.]+$/, '');
  const value: unknown = error;
  const refusal =
    error.code === '2061' ||
    error.code === '2067' ||
    error.status === 404 ||
    (error.code === '2013' && /model/i.test(providerMessage)) ||
    PermissionDeniedError.isInstance(value) ||
    ApiRetiredError.isInstance(value);
  const stoppedModel = model !== undefined && MINIMAX_STOPPED_MUSIC_MODELS.includes(model);
  if (stoppedModel && (refusal || error.code === '2013' || AuthenticationError.isInstance(value))) {
    return new ApiRetiredError(
      `${endpoint}: ${model} was stopped by MiniMax on 2026-08-20 (answer: ${original}). Use music-3.0 or ` +
        'music-2.6 on an account with paid music access.',
      apiErrorDetails(error),
      { cause: error },
    );
  }
  if (refusal) {
    return new PermissionDeniedError(
      `${endpoint}: ${model ? `model ${model} is` : 'this endpoint is'} not available to this account ` +
        `(answer: ${original}). ${MUSIC_CLOSED_NOTE}`,
      apiErrorDetails(error),
      { cause: error },
    );
  }
  if (AuthenticationError.isInstance(value)) {
    return new AuthenticationError(`${original}. ${MUSIC_CLOSED_NOTE}`, apiErrorDetails(error), { cause: error });
  }
  return error;
}

function requestBody(params: GenerateMusicParams): GenerateMusicParams {
  const body: GenerateMusicParams = { ...params };
  if (body.stream) body.output_format = 'hex';
  return body;
}

/**
 * `POST /v1/music_generation` for every output mode: a job start (retried only when no job can have started),
 * with music's long timeout unless the caller sets one.
 */
function musicRequest(
  params: GenerateMusicParams,
  options: RequestOptions,
  headers?: Record<string, string>,
): HttpRequest {
  return {
    timeoutMs: MUSIC_TIMEOUT_MS,
    ...options,
    ...(headers ? { headers: { ...headers, ...options.headers } } : {}),
    method: 'POST',
    path: '/v1/music_generation',
    json: requestBody(params),
    retry: 'job-start',
  };
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
      timeoutMs: MUSIC_TIMEOUT_MS,
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

async function musicAsUrl(
  client: MiniMaxClient,
  params: GenerateMusicParams,
  options: RequestOptions,
): Promise<MiniMaxMusic> {
  const answer = await client.request<MusicGenerationResponse>(musicRequest(params, options));
  const response = answer.data;
  // The official CLI reads `data.audio_url`, MiniMax's skill script `data.audio`: accept both.
  const candidates = [response.data?.audio_url, response.data?.audio];
  const url = candidates.find((value): value is string => typeof value === 'string' && /^https?:\/\//i.test(value));
  if (!url) throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'url output without an audio URL', response);
  const traceId = readTraceId(response, answer.headers) ?? answer.requestId;
  const fetcher = client.options.fetch;
  const music: MiniMaxMusic = {
    response,
    output: 'url',
    url,
    info: parseMusicExtraInfo(response.extra_info),
    mimeType: mimeTypeOf(params.audio_setting?.format),
    async bytes(byteOptions = {}) {
      const chunks: Uint8Array[] = [];
      await download(url, {
        to: new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) }),
        provider: MINIMAX_PROVIDER_NAME,
        fetch: fetcher,
        ...(byteOptions.signal ? { signal: byteOptions.signal } : {}),
      });
      return concatBytes(chunks);
    },
    async saveTo(path, saveOptions = {}) {
      const result: DownloadResult = await download(url, {
        to: path,
        provider: MINIMAX_PROVIDER_NAME,
        fetch: fetcher,
        ...(saveOptions.signal ? { signal: saveOptions.signal } : {}),
        ...(saveOptions.onProgress ? { onProgress: saveOptions.onProgress } : {}),
      });
      return { path: result.path ?? path, bytes: result.bytes };
    },
  };
  if (traceId) music.traceId = traceId;
  return music;
}

async function readBody(response: Response, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      onChunk(next.value);
    }
  } finally {
    reader.releaseLock();
  }
}

/** A hex answer read whole: the response, its JSON (audio removed) and the decoded audio. */
interface HexAnswer {
  response: Response;
  wire: MusicGenerationResponse;
  chunks: Uint8Array[];
}

async function musicAsHex(
  client: MiniMaxClient,
  params: GenerateMusicParams,
  options: RequestOptions,
): Promise<MiniMaxMusic> {
  const request = musicRequest(params, options);
  // An HTTP-200 error envelope without audio goes back to the HTTP layer as `{ body }`: its classifier retries a
  // code that guarantees no job started (1002, 1039, 1041, 2045) like a 429 and throws any other.
  const { response, wire, chunks } = await client.rawRead<HexAnswer>(request, async (response) => {
    const chunks: Uint8Array[] = [];
    const reader = new JsonHexAudioReader((bytes) => chunks.push(bytes));
    await readBody(response, (chunk) => reader.push(chunk));
    const { json, foundAudio } = reader.finish();
    // An error envelope (audio or not) is the HTTP layer's to judge: its classifier retries it when no job
    // started, else throws the typed error.
    if ((readBaseResp(json)?.status_code ?? 0) !== 0) return { body: json };
    const wire = json as MusicGenerationResponse;
    if (!foundAudio || reader.bytes === 0) {
      throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'hex output without audio', wire);
    }
    return { value: { response, wire, chunks } };
  });
  const traceId = readTraceId(wire, response.headers);
  let joined: Uint8Array | undefined;
  const music: MiniMaxMusic = {
    response: wire,
    output: 'hex',
    info: parseMusicExtraInfo(wire.extra_info),
    mimeType: mimeTypeOf(params.audio_setting?.format),
    async bytes() {
      joined ??= concatBytes(chunks);
      return joined;
    },
    async saveTo(path, saveOptions = {}) {
      const result = await saveBytes(joined ? [joined] : chunks, path, saveOptions);
      return { path: result.path ?? path, bytes: result.bytes };
    },
  };
  if (traceId) music.traceId = traceId;
  return music;
}

function parseEvent(data: string): MusicGenerationResponse {
  try {
    return JSON.parse(data) as MusicGenerationResponse;
  } catch (error) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'a stream event is not JSON', data.slice(0, 500), {
      cause: error,
    });
  }
}

async function startMusicStream(
  client: MiniMaxClient,
  params: GenerateMusicParams,
  options: RequestOptions,
): Promise<MiniMaxMusicStream> {
  const request = musicRequest(params, options, { accept: 'text/event-stream' });
  const context = miniMaxClassifierContext(client);
  return client.rawRead<MiniMaxMusicStream>(request, async (response) => {
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.includes('text/event-stream')) {
      if (!response.body) {
        throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the stream has no body', undefined);
      }
      return { value: musicStream(response.body, params, response.headers, [], context) };
    }
    // An error (HTTP 200 + base_resp) or a whole answer instead of a stream.
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ResponseValidationError(
        MINIMAX_PROVIDER_NAME,
        `expected an event stream, got ${contentType}`,
        text.slice(0, 500),
        { cause: error },
      );
    }
    const wire = json as MusicGenerationResponse;
    const hex = wire.data?.audio;
    // An error envelope: classified (and retried when no job started) by the HTTP layer.
    if ((readBaseResp(json)?.status_code ?? 0) !== 0) return { body: json };
    if (typeof hex !== 'string' || !hex) {
      throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the answer holds no audio', json);
    }
    const bytes = new HexDecoder(MINIMAX_PROVIDER_NAME).pushText(hex);
    wire.data = { ...wire.data, audio: '' };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(wire)}\n\n`));
        controller.close();
      },
    });
    return { value: musicStream(body, params, response.headers, [bytes], context) };
  });
}

function musicStream(
  body: ReadableStream<Uint8Array>,
  params: GenerateMusicParams,
  headers: Headers,
  leading: Uint8Array[],
  context: MiniMaxClassifierContext,
): MiniMaxMusicStream {
  let consumed = false;
  let resolveDone: (summary: MusicStreamSummary) => void = () => undefined;
  let rejectDone: (error: unknown) => void = () => undefined;
  const done = new Promise<MusicStreamSummary>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);
  const headerTrace = readTraceId(undefined, headers);

  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    let delivered = 0;
    let last: MusicGenerationResponse | undefined;
    let traceId = headerTrace;
    let completed = false;
    try {
      for (const bytes of leading) {
        delivered += bytes.length;
        yield bytes;
      }
      for await (const event of parseSse(body)) {
        const data = event.data.trim();
        if (!data) continue;
        if (data === '[DONE]') {
          completed = true;
          break;
        }
        const json = parseEvent(data);
        assertMiniMaxOk(json, { status: 200, headers, context });
        traceId = readTraceId(json, headers) ?? traceId;
        const hex = json.data?.audio;
        const final = json.data?.status === 2;
        if (json.data) json.data = { ...json.data, audio: '' };
        last = json;
        if (typeof hex === 'string' && hex.length) {
          // The final event may repeat the whole song (seen on MiniMax's speech streams; unverified for music):
          // a final chunk exactly as long as everything already delivered is that repeat.
          const repeat = final && delivered > 0 && hex.length === delivered * 2;
          if (!repeat) {
            const bytes = new HexDecoder(MINIMAX_PROVIDER_NAME).pushText(hex);
            delivered += bytes.length;
            yield bytes;
          }
        }
        if (final) {
          completed = true;
          break;
        }
      }
      if (!completed && leading.length === 0) {
        throw new ConnectionError(MINIMAX_PROVIDER_NAME, 'the music stream ended before the song was complete');
      }
      const summary: MusicStreamSummary = { info: parseMusicExtraInfo(last?.extra_info), bytes: delivered };
      if (traceId) summary.traceId = traceId;
      if (last) summary.last = last;
      resolveDone(summary);
    } catch (error) {
      const explained = explainClosedMusicModel(error, params.model, 'music generation');
      rejectDone(explained);
      throw explained;
    } finally {
      if (!completed) await body.cancel().catch(() => undefined);
    }
  }

  const take = (): AsyncGenerator<Uint8Array, void, undefined> => {
    if (consumed) {
      throw new RequestValidationError(
        [{ path: 'stream', message: 'a music stream can be consumed once' }],
        'music stream',
      );
    }
    consumed = true;
    return chunks();
  };

  const stream: MiniMaxMusicStream = {
    mimeType: mimeTypeOf(params.audio_setting?.format),
    done,
    [Symbol.asyncIterator]: () => take(),
    async saveTo(path, saveOptions = {}) {
      const result = await saveBytes(take(), path, saveOptions);
      return { path: result.path ?? path, bytes: result.bytes };
    },
    async bytes() {
      const parts: Uint8Array[] = [];
      for await (const chunk of take()) parts.push(chunk);
      return concatBytes(parts);
    },
  };
  if (headerTrace) stream.traceId = headerTrace;
  return stream;
}
