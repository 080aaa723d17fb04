/**
 * Eleven Music compose as an immediate media provider (kind `music`): the answer is the song itself, so the job is
 * done when it starts.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import type { MediaProvider } from '../../common/media-provider.js';
import { createImmediateMediaProvider } from '../../http/immediate-media-provider.js';
import type { ElevenLabsClient } from './client.js';
import { composeMusic } from './compose.js';
import type { ComposeMusicParams } from './compose-params.js';
import { ELEVENLABS_PROVIDER_NAME } from './errors.js';
import { planDurationMs } from './plans.js';

/** What a succeeded status of {@link elevenLabsMusicProvider} carries (no bytes). */
export interface ElevenLabsMusicResult {
  /** The `song-id` header, when sent. */
  songId?: string;
  /** Model asked for. */
  model: string;
  /** Requested length (prompt `music_length_ms`, or the plan's total), ms, when known. */
  durationMs?: number;
}

/** Options of {@link elevenLabsMusicProvider}. */
export interface ElevenLabsMusicProviderOptions {
  /** How many finished songs are held for `download` (default 8). */
  maxHeld?: number;
}

/**
 * The model for params that name none: `music_v1` for a sections plan, else `music_v2` (the model the official
 * skills recommend; a chunks plan needs it).
 */
export function defaultMusicModel(params: ComposeMusicParams): string {
  return params.composition_plan && 'sections' in params.composition_plan ? 'music_v1' : 'music_v2';
}

/**
 * Makes the ElevenLabs music {@link MediaProvider} (`completion: 'immediate'`): `start` composes the song (one
 * paid request, `model_id` filled in when absent) and holds its audio; `download` writes it; `status` and `wait`
 * answer at once.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @example
 * ```ts
 * const music = elevenLabsMusicProvider(createElevenLabsClient());
 * const job = await music.start({ prompt: 'Upbeat indie pop about summer road trips', music_length_ms: 30000 });
 * await music.download(job, { to: './road-trip.mp3' });
 * ```
 */
export function elevenLabsMusicProvider(
  client: ElevenLabsClient,
  options: ElevenLabsMusicProviderOptions = {},
): MediaProvider<ComposeMusicParams, ElevenLabsMusicResult> {
  return createImmediateMediaProvider({
    provider: ELEVENLABS_PROVIDER_NAME,
    kind: 'music',
    fetch: client.options.fetch,
    ...(options.maxHeld === undefined ? {} : { maxHeld: options.maxHeld }),
    async make(input, { signal }) {
      const model = input.model_id ?? defaultMusicModel(input);
      const song = await composeMusic(client, { ...input, model_id: model }, signal ? { signal } : {});
      const durationMs = input.composition_plan ? planDurationMs(input.composition_plan) : input.music_length_ms;
      const result: ElevenLabsMusicResult = { model, ...(song.songId ? { songId: song.songId } : {}) };
      if (durationMs !== undefined) result.durationMs = durationMs;
      return {
        bytes: song.audio,
        mimeType: song.mimeType,
        model,
        result,
        ...(song.songId ? { id: song.songId } : {}),
        ...(durationMs === undefined ? {} : { durationMs }),
      };
    },
  });
}
