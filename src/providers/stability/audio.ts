/**
 * Stable Audio 2 / 2.5: text-to-audio and audio-to-audio, answered at once with the audio (MP3 or WAV,
 * 44.1 kHz stereo). Every call is one paid request, never retried once sent. Failed generations are free.
 * Stable Audio 3 (async, `/v2beta/audio/stable-audio/*`) is not covered here.
 * @see https://platform.stability.ai/docs/api-reference#tag/Stable-Audio
 * @module
 */
import * as z from 'zod/mini';
import type { StabilityClient } from './client.js';
import {
  between,
  type StabilityMedia,
  type StabilityRequestOptions,
  sendValidated,
  stabilityFileSchema,
  stabilitySeedSchema,
} from './shared.js';

/** Stable Audio model ids of the `stable-audio-2` endpoints (any other string is passed through). */
export const STABILITY_AUDIO_MODELS = ['stable-audio-2', 'stable-audio-2.5'] as const;

/** Default length when `duration` is not sent, seconds (the API's default). */
export const STABILITY_DEFAULT_AUDIO_DURATION_S = 190;

/** Allowed `steps` per known model: 2 → 30–100 (default 50); 2.5 → 4–8 (default 8). */
const STEPS: Readonly<Record<string, readonly [number, number]>> = {
  'stable-audio-2': [30, 100],
  'stable-audio-2.5': [4, 8],
};

type AudioFields = { model?: string | undefined; steps?: number | undefined; strength?: number | undefined };

const stepsRule = z.superRefine<AudioFields>((value, context) => {
  const range = STEPS[value.model ?? 'stable-audio-2'];
  if (range && value.steps !== undefined && (value.steps < range[0] || value.steps > range[1])) {
    context.addIssue({
      code: 'custom',
      path: ['steps'],
      message: `${value.model ?? 'stable-audio-2'} takes ${range[0]}–${range[1]} steps`,
      input: value,
    });
  }
  if (value.model === 'stable-audio-2.5' && value.strength !== undefined && value.strength < 0.01) {
    context.addIssue({ code: 'custom', path: ['strength'], message: 'stable-audio-2.5 needs ≥ 0.01', input: value });
  }
});

const fields = {
  prompt: z.string().check(z.minLength(1), z.maxLength(10_000)),
  model: z.optional(z.string().check(z.minLength(1))),
  duration: z.optional(between(1, 190)),
  seed: z.optional(stabilitySeedSchema),
  steps: z.optional(z.int().check(z.gte(1))),
  cfg_scale: z.optional(between(1, 25)),
  output_format: z.optional(z.enum(['mp3', 'wav'])),
};

/**
 * Request schema of `POST /v2beta/audio/stable-audio-2/text-to-audio` (duration 1–190 s, default 190).
 * @see https://platform.stability.ai/docs/api-reference#tag/Stable-Audio
 */
export const stabilityTextToAudioSchema = z.strictObject(fields).check(stepsRule);
/** Parameters of {@link textToAudio}. */
export type StabilityTextToAudioParams = z.infer<typeof stabilityTextToAudioSchema>;

/**
 * Request schema of `POST /v2beta/audio/stable-audio-2/audio-to-audio`: `audio` (MP3/WAV, 6–190 s) and
 * `strength` (0–1, default 1: 0 keeps the input, 1 ignores it). The 50 MB request limit is unverified.
 * @see https://platform.stability.ai/docs/api-reference#tag/Stable-Audio
 */
export const stabilityAudioToAudioSchema = z
  .strictObject({ ...fields, audio: stabilityFileSchema, strength: z.optional(between(0, 1)) })
  .check(stepsRule);
/** Parameters of {@link audioToAudio}. */
export type StabilityAudioToAudioParams = z.infer<typeof stabilityAudioToAudioSchema>;

const audio = (path: string, label: string) => ({ path, label, media: 'audio' as const, defaultFormat: 'mp3' });

/**
 * Makes music or sound from a prompt (Stable Audio 2 / 2.5).
 * @see https://platform.stability.ai/docs/api-reference#tag/Stable-Audio
 * @example
 * ```ts
 * const beat = await textToAudio(stability, { prompt: 'warm lo-fi beat, 80 BPM', model: 'stable-audio-2.5', duration: 30 });
 * await saveStabilityMedia(beat, './beat.mp3');
 * ```
 */
export function textToAudio(
  client: StabilityClient,
  params: StabilityTextToAudioParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = audio('/v2beta/audio/stable-audio-2/text-to-audio', 'textToAudio params');
  return sendValidated(client, stabilityTextToAudioSchema, params, request, options);
}

/**
 * Transforms an audio clip guided by a prompt (Stable Audio 2 / 2.5).
 * @see https://platform.stability.ai/docs/api-reference#tag/Stable-Audio
 */
export function audioToAudio(
  client: StabilityClient,
  params: StabilityAudioToAudioParams,
  options: StabilityRequestOptions = {},
): Promise<StabilityMedia> {
  const request = audio('/v2beta/audio/stable-audio-2/audio-to-audio', 'audioToAudio params');
  return sendValidated(client, stabilityAudioToAudioSchema, params, request, options);
}
