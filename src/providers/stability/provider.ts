/**
 * Stability as media providers for the cross-provider media toolset: Stable Image and Stable Audio are
 * immediate providers (a job that is done when it starts; see `MediaProvider`).
 * @module
 */
import type { MediaKind } from '../../common/jobs.js';
import type { MediaProvider } from '../../common/media-provider.js';
import { createImmediateMediaProvider, type ImmediateMedia } from '../../http/immediate-media-provider.js';
import {
  audioToAudio,
  STABILITY_DEFAULT_AUDIO_DURATION_S,
  type StabilityAudioToAudioParams,
  type StabilityTextToAudioParams,
  textToAudio,
} from './audio.js';
import type { StabilityClient } from './client.js';
import { STABILITY_PROVIDER_NAME } from './errors.js';
import {
  generateCore,
  generateSd3,
  generateUltra,
  type StabilityCoreParams,
  type StabilitySd3Params,
  type StabilityUltraParams,
} from './image.js';
import type { StabilityFinishReason, StabilityMedia } from './shared.js';

/**
 * Input of {@link stabilityImageProvider}: `model` picks the endpoint — `ultra` (Stable Image Ultra), `core`
 * (Stable Image Core, the default) or an SD 3.5 id (`sd3.5-large`, …: the sd3 endpoint with that model). The
 * other fields are the chosen endpoint's own (checked by its schema: unknown fields are refused).
 */
export type StabilityImageInput =
  | ({ model: 'ultra' } & StabilityUltraParams)
  | ({ model?: 'core' } & StabilityCoreParams)
  | StabilitySd3Params;

/** What a succeeded Stability job carries (small: no bytes). */
export interface StabilityJobResult {
  /** `SUCCESS`, or `CONTENT_FILTERED` (moderation blurred the output; still charged). */
  finishReason: StabilityFinishReason;
  /** The seed used, when reported. */
  seed?: number;
}

function immediate(media: StabilityMedia, model: string, durationMs?: number): ImmediateMedia<StabilityJobResult> {
  const result: StabilityJobResult = { finishReason: media.finishReason };
  if (media.seed !== undefined) result.seed = media.seed;
  const made: ImmediateMedia<StabilityJobResult> = { bytes: media.bytes, mimeType: media.mimeType, model, result };
  if (media.requestId !== undefined) made.id = media.requestId;
  if (durationMs !== undefined) made.durationMs = durationMs;
  return made;
}

/**
 * Stable Image as an immediate media provider (kind `image`): `start` makes the picture (one paid request,
 * never retried once sent) and `download` writes it.
 * @see https://platform.stability.ai/docs/api-reference#tag/Generate
 * @example
 * ```ts
 * const images = stabilityImageProvider(createStabilityClient());
 * const job = await images.start({ model: 'ultra', prompt: 'a lighthouse at dusk' });
 * await images.download(job, { to: './lighthouse.png' });
 * ```
 */
export function stabilityImageProvider(
  client: StabilityClient,
  options: { maxHeld?: number } = {},
): MediaProvider<StabilityImageInput, StabilityJobResult> {
  return createImmediateMediaProvider({
    provider: STABILITY_PROVIDER_NAME,
    kind: 'image',
    ...(options.maxHeld === undefined ? {} : { maxHeld: options.maxHeld }),
    async make(input, { signal }) {
      const request = signal ? { signal } : {};
      const { model, ...params } = input as StabilityImageInput & { model?: string };
      if (model === 'ultra') {
        return immediate(await generateUltra(client, params as StabilityUltraParams, request), 'stable-image-ultra');
      }
      if (model === undefined || model === 'core') {
        return immediate(await generateCore(client, params as StabilityCoreParams, request), 'stable-image-core');
      }
      return immediate(await generateSd3(client, input as StabilitySd3Params, request), model);
    },
  });
}

/** Input of {@link stabilityAudioProvider}: text-to-audio, or audio-to-audio when `audio` is given. */
export type StabilityAudioInput = StabilityTextToAudioParams | StabilityAudioToAudioParams;

/**
 * Stable Audio as an immediate media provider (kind `music` by default, or `audio`): `start` makes the clip
 * (one paid request) and `download` writes it; the artifact's duration is the requested one (default 190 s).
 * @see https://platform.stability.ai/docs/api-reference#tag/Stable-Audio
 * @example
 * ```ts
 * const music = stabilityAudioProvider(createStabilityClient());
 * const job = await music.start({ prompt: 'warm lo-fi beat', model: 'stable-audio-2.5', duration: 30 });
 * await music.download(job, { to: './beat.mp3' });
 * ```
 */
export function stabilityAudioProvider(
  client: StabilityClient,
  options: { kind?: Extract<MediaKind, 'music' | 'audio'>; maxHeld?: number } = {},
): MediaProvider<StabilityAudioInput, StabilityJobResult> {
  return createImmediateMediaProvider({
    provider: STABILITY_PROVIDER_NAME,
    kind: options.kind ?? 'music',
    ...(options.maxHeld === undefined ? {} : { maxHeld: options.maxHeld }),
    async make(input, { signal }) {
      const request = signal ? { signal } : {};
      const media =
        'audio' in input && input.audio !== undefined
          ? await audioToAudio(client, input as StabilityAudioToAudioParams, request)
          : await textToAudio(client, input, request);
      const seconds = input.duration ?? STABILITY_DEFAULT_AUDIO_DURATION_S;
      return immediate(media, input.model ?? 'stable-audio-2', seconds * 1000);
    },
  });
}
