/**
 * The HTTP request of MiniMax music generation (`POST /v1/music_generation`) and what the readers of its answer
 * share: the audio's MIME type and saving the audio to a file. Internal: the package entry does not re-export it.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import { mimeTypeForExtension } from '../../common/media-types.js';
import type { HttpRequest, RequestOptions } from '../../http/types.js';
import type { GenerateMusicParams } from './music.js';
import type { SaveMusicOptions } from './music-result.js';
import { saveBytes } from './shared.js';

/** The MIME type of a song from its `audio_setting.format` (`audio/mpeg` by default). */
export function musicMimeType(format: string | undefined): string {
  return mimeTypeForExtension(format ?? 'mp3') ?? 'audio/mpeg';
}

function requestBody(params: GenerateMusicParams): GenerateMusicParams {
  const body: GenerateMusicParams = { ...params };
  if (body.stream) body.output_format = 'hex';
  return body;
}

/**
 * `POST /v1/music_generation` for every output mode: a job start (retried only when no job can have started),
 * answered whole after minutes (the client's `generationTimeoutMs` applies).
 */
export function musicRequest(
  params: GenerateMusicParams,
  options: RequestOptions,
  headers?: Record<string, string>,
): HttpRequest {
  return {
    generation: true,
    ...options,
    ...(headers ? { headers: { ...headers, ...options.headers } } : {}),
    method: 'POST',
    path: '/v1/music_generation',
    json: requestBody(params),
    retry: 'job-start',
  };
}

/** Writes decoded audio (whole or as it comes) to a file atomically; returns the file's path and size. */
export async function saveMusicBytes(
  source: readonly Uint8Array[] | AsyncIterable<Uint8Array>,
  path: string,
  options: SaveMusicOptions,
): Promise<{ path: string; bytes: number }> {
  const result = await saveBytes(source, path, options);
  return { path: result.path ?? path, bytes: result.bytes };
}
