/**
 * Request schemas of Eleven Music's compose endpoints (`/v1/music`, `/v1/music/stream`, `/v1/music/detailed`):
 * a prompt or a composition plan, with the rules of which fields go with which.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import * as z from 'zod/mini';
import { type CompositionPlan, compositionPlanSchema, planDurationMs, planMismatch } from './plans.js';

/**
 * Output formats (`codec_samplerate_bitrate`; `auto` = `mp3_44100_128` for v1 models, `mp3_48000_192` for v2).
 * MP3 192 kbps needs the Creator tier or above, PCM 44.1 kHz Pro or above.
 */
export const ELEVENLABS_MUSIC_OUTPUT_FORMATS = [
  'auto',
  'mp3_22050_32',
  'mp3_24000_48',
  'mp3_44100_32',
  'mp3_44100_64',
  'mp3_44100_96',
  'mp3_44100_128',
  'mp3_44100_192',
  'mp3_48000_128',
  'mp3_48000_192',
  'mp3_48000_240',
  'mp3_48000_320',
  'pcm_8000',
  'pcm_16000',
  'pcm_22050',
  'pcm_24000',
  'pcm_32000',
  'pcm_44100',
  'pcm_48000',
  'ulaw_8000',
  'alaw_8000',
  'opus_48000_32',
  'opus_48000_64',
  'opus_48000_96',
  'opus_48000_128',
  'opus_48000_192',
] as const;

/** An output format (see {@link ELEVENLABS_MUSIC_OUTPUT_FORMATS}). */
export type ElevenLabsMusicOutputFormat = (typeof ELEVENLABS_MUSIC_OUTPUT_FORMATS)[number];

const shape = {
  prompt: z.optional(z.string().check(z.minLength(1), z.maxLength(4100))),
  composition_plan: z.optional(compositionPlanSchema),
  music_length_ms: z.optional(z.int().check(z.gte(3000), z.lte(600_000))),
  model_id: z.optional(z.string().check(z.minLength(1))),
  force_instrumental: z.optional(z.boolean()),
  seed: z.optional(z.int().check(z.gte(0), z.lte(2_147_483_647))),
  store_for_inpainting: z.optional(z.boolean()),
  finetune_id: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  finetune_strength: z.optional(z.number().check(z.gte(0), z.lte(2))),
  use_phonetic_names: z.optional(z.boolean()),
  output_format: z.optional(z.enum(ELEVENLABS_MUSIC_OUTPUT_FORMATS)),
};

interface Fields {
  prompt?: string | undefined;
  composition_plan?: CompositionPlan | undefined;
  music_length_ms?: number | undefined;
  model_id?: string | undefined;
  force_instrumental?: boolean | undefined;
  seed?: number | undefined;
  finetune_id?: string | undefined;
  finetune_strength?: number | undefined;
  respect_sections_durations?: boolean | undefined;
  sign_with_c2pa?: boolean | undefined;
  output_format?: string | undefined;
}

const rule = (test: (p: Fields) => boolean, path: string, message: string) =>
  z.refine<Fields>(test, { message, path: [path] });

/** The cross-field rules every compose variant shares. */
const rules = [
  rule(
    (p) => (p.prompt === undefined) !== (p.composition_plan === undefined),
    'prompt',
    'give exactly one of prompt or composition_plan',
  ),
  rule(
    (p) => p.music_length_ms === undefined || p.prompt !== undefined,
    'music_length_ms',
    'only with prompt (a plan’s length is the sum of its durations)',
  ),
  rule((p) => p.force_instrumental === undefined || p.prompt !== undefined, 'force_instrumental', 'only with prompt'),
  rule(
    (p) => p.seed === undefined || p.composition_plan !== undefined,
    'seed',
    'only with composition_plan (the API refuses a seed with a prompt)',
  ),
  rule(
    (p) => p.respect_sections_durations === undefined || p.composition_plan !== undefined,
    'respect_sections_durations',
    'only with composition_plan',
  ),
  rule(
    (p) => p.finetune_strength === undefined || p.finetune_id !== undefined,
    'finetune_strength',
    'only with finetune_id',
  ),
  rule(
    (p) =>
      !p.sign_with_c2pa ||
      p.output_format === undefined ||
      p.output_format === 'auto' ||
      p.output_format.startsWith('mp3_'),
    'sign_with_c2pa',
    'only for mp3 output formats',
  ),
  rule(
    (p) => p.composition_plan === undefined || !planMismatch(p.composition_plan, p.model_id),
    'composition_plan',
    'the plan format does not match model_id (music_v1: sections, music_v2: chunks)',
  ),
  rule(
    (p) => p.composition_plan === undefined || planDurationMs(p.composition_plan) <= 600_000,
    'composition_plan',
    'the plan is longer than 10 minutes (600000 ms)',
  ),
];

/**
 * Parameters of `POST /v1/music` (`output_format` goes into the query string).
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 */
export const composeMusicParamsSchema = /* @__PURE__ */ z
  .strictObject({
    ...shape,
    respect_sections_durations: z.optional(z.boolean()),
    sign_with_c2pa: z.optional(z.boolean()),
  })
  .check(...rules);

/**
 * Parameters of `POST /v1/music/stream`: as compose, without `respect_sections_durations` and `sign_with_c2pa`.
 * @see https://elevenlabs.io/docs/api-reference/music/stream
 */
export const streamMusicParamsSchema = /* @__PURE__ */ z.strictObject(shape).check(...rules);

/**
 * Parameters of `POST /v1/music/detailed`: compose plus `with_timestamps` and `model_style_prefix` (`music` default,
 * `sfx`; its purpose is unverified).
 * @see https://elevenlabs.io/docs/api-reference/music/compose-detailed
 */
export const composeMusicDetailedParamsSchema = /* @__PURE__ */ z
  .strictObject({
    ...shape,
    respect_sections_durations: z.optional(z.boolean()),
    sign_with_c2pa: z.optional(z.boolean()),
    with_timestamps: z.optional(z.boolean()),
    model_style_prefix: z.optional(z.enum(['music', 'sfx'])),
  })
  .check(...rules);

/** Parameters of `streamMusic` (`POST /v1/music/stream`). Exactly one of `prompt` and `composition_plan`. */
export interface StreamMusicParams {
  /** What the music should be (≤ 4100 chars); not with `composition_plan`. */
  prompt?: string;
  /** A plan (from `createCompositionPlan` or your own); not with `prompt`. */
  composition_plan?: CompositionPlan;
  /** Length, 3000–600000 ms (prompt only; omit to let the model pick). */
  music_length_ms?: number;
  /** `music_v1` or `music_v2` (see `ELEVENLABS_MUSIC_MODELS`); send it, defaults differ per endpoint. */
  model_id?: string;
  /** No vocals, guaranteed (prompt only). */
  force_instrumental?: boolean;
  /** 0–2147483647, best-effort reproducibility (plan only). */
  seed?: number;
  /** Keep the song for later inpainting (enterprise only). */
  store_for_inpainting?: boolean;
  /** A custom finetune (≤ 100 chars). */
  finetune_id?: string;
  /** 0–2, default 1 (with `finetune_id`). */
  finetune_strength?: number;
  /** Phonetic spelling of names in lyrics. */
  use_phonetic_names?: boolean;
  /** Query `output_format` (default `auto`; see {@link ELEVENLABS_MUSIC_OUTPUT_FORMATS}). */
  output_format?: ElevenLabsMusicOutputFormat;
}

/** Parameters of `composeMusic` (`POST /v1/music`). */
export interface ComposeMusicParams extends StreamMusicParams {
  /** Enforce each section's `duration_ms` (plan + `music_v1` only; v2 always does). Default true. */
  respect_sections_durations?: boolean;
  /** Sign the MP3 with C2PA (mp3 formats only). */
  sign_with_c2pa?: boolean;
}

/** Parameters of `composeMusicDetailed` (`POST /v1/music/detailed`). */
export interface ComposeMusicDetailedParams extends ComposeMusicParams {
  /** Return word timestamps (`words_timestamps`). */
  with_timestamps?: boolean;
  /** `music` (default) or `sfx` (purpose unverified). */
  model_style_prefix?: 'music' | 'sfx';
}

/** Splits validated params into the JSON body and the `output_format` query. */
export function splitOutputFormat<T extends { output_format?: string | undefined }>(
  params: T,
): { json: Omit<T, 'output_format'>; query: { output_format?: string } } {
  const { output_format, ...json } = params;
  return { json, query: output_format === undefined ? {} : { output_format } };
}
