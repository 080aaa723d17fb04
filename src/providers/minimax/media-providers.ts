/**
 * MiniMax image and music as immediate media providers (the answer is the media: a job that is done when it
 * starts), for the cross-provider media toolset. Video is a job provider: see `minimaxVideoProvider`.
 * @module
 */
import type { MediaProvider } from '../../common/media-provider.js';
import { createImmediateMediaProvider } from '../../http/immediate-media-provider.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME } from './errors.js';
import { type GenerateImageParams, generateImage } from './image.js';
import { type GenerateMusicParams, generateMusic } from './music.js';

/** Input of {@link minimaxImageProvider}: generation fields; `model` defaults to `image-01`, one image per job. */
export type MiniMaxImageInput = Omit<GenerateImageParams, 'model' | 'n'> & { model?: GenerateImageParams['model'] };

/**
 * MiniMax image-01 as an immediate media provider (kind `image`): `start` makes one image (one paid request,
 * never retried once sent); `download` writes it (a URL image is fetched without the API key).
 * @see https://platform.minimax.io/docs/api-reference/image-generation-t2i
 * @example
 * ```ts
 * const images = minimaxImageProvider(createMiniMaxClient());
 * const job = await images.start({ prompt: 'A lighthouse at dusk', aspect_ratio: '16:9' });
 * await images.download(job, { to: './lighthouse.jpeg' });
 * ```
 */
export function minimaxImageProvider(client: MiniMaxClient): MediaProvider<MiniMaxImageInput, { traceId?: string }> {
  return createImmediateMediaProvider({
    provider: MINIMAX_PROVIDER_NAME,
    kind: 'image',
    fetch: client.options.fetch,
    async make(input, { signal }) {
      // Bytes in the answer by default: a held URL would expire after 24 h, before a late download().
      const params: GenerateImageParams = { model: 'image-01', response_format: 'base64', ...input, n: 1 };
      const made = await generateImage(client, params, signal ? { signal } : {});
      const image = made.images[0];
      const result = made.traceId === undefined ? {} : { traceId: made.traceId };
      const media = { mimeType: image?.mimeType ?? 'image/jpeg', model: params.model, result };
      const id = made.traceId === undefined ? {} : { id: made.traceId };
      if (image?.bytes !== undefined) return { ...media, ...id, bytes: image.bytes };
      return { ...media, ...id, ...(image?.url === undefined ? {} : { url: image.url }) };
    },
  });
}

/** Input of {@link minimaxMusicProvider}: generation fields; `model` defaults to `music-2.6`. */
export type MiniMaxMusicInput = Omit<GenerateMusicParams, 'model' | 'stream'> & {
  model?: GenerateMusicParams['model'];
};

/**
 * MiniMax music as an immediate media provider (kind `music`): `start` makes the song (one paid request) and
 * holds its audio; the artifact's duration is MiniMax's `music_duration`. Closed to new accounts since
 * 2026-08-20 (existing paid users keep access).
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @example
 * ```ts
 * const music = minimaxMusicProvider(createMiniMaxClient());
 * const job = await music.start({ prompt: 'lo-fi, rainy night', lyrics: '[Verse]\nStreetlights hum' });
 * await music.download(job, { to: './song.mp3' });
 * ```
 */
export function minimaxMusicProvider(client: MiniMaxClient): MediaProvider<MiniMaxMusicInput, { traceId?: string }> {
  return createImmediateMediaProvider({
    provider: MINIMAX_PROVIDER_NAME,
    kind: 'music',
    async make(input, { signal }) {
      const params = { model: 'music-2.6', ...input } as GenerateMusicParams & { stream?: false };
      const request = signal ? { signal } : {};
      const song = await generateMusic(client, params, request);
      const made = {
        bytes: await song.bytes(request),
        mimeType: song.mimeType,
        model: params.model,
        result: song.traceId === undefined ? {} : { traceId: song.traceId },
      };
      return {
        ...made,
        ...(song.traceId === undefined ? {} : { id: song.traceId }),
        ...(song.info.durationMs === undefined ? {} : { durationMs: song.info.durationMs }),
      };
    },
  });
}
