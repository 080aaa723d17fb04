/**
 * A finished (non-streamed) MiniMax song from `POST /v1/music_generation`: `url` output (the audio is downloaded
 * from MiniMax's URL, without the API key) or `hex` output (decoded while the body arrives, never held as text).
 * Internal: the package entry does not re-export it.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import { download } from '../../http/download.js';
import type { RequestOptions } from '../../http/types.js';
import type { MiniMaxClient } from './client.js';
import { MINIMAX_PROVIDER_NAME, readBaseResp, readTraceId } from './errors.js';
import type { GenerateMusicParams } from './music.js';
import { musicMimeType, musicRequest, saveMusicBytes } from './music-request.js';
import {
  type MiniMaxMusic,
  type MusicGenerationResponse,
  parseMusicExtraInfo,
  type SaveMusicOptions,
} from './music-result.js';
import { concatBytes, JsonHexAudioReader } from './shared.js';

/** Generates a song with `output_format: 'url'`: the answer holds a URL (valid 24 h) to download the audio from. */
export async function musicAsUrl(
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
  const fetchTo = (to: string | WritableStream<Uint8Array>, fetchOptions: SaveMusicOptions) =>
    download(url, {
      to,
      provider: MINIMAX_PROVIDER_NAME,
      fetch: fetcher,
      ...(fetchOptions.signal ? { signal: fetchOptions.signal } : {}),
      ...(fetchOptions.onProgress ? { onProgress: fetchOptions.onProgress } : {}),
    });
  const music: MiniMaxMusic = {
    response,
    output: 'url',
    url,
    info: parseMusicExtraInfo(response.extra_info),
    mimeType: musicMimeType(params.audio_setting?.format),
    async bytes(byteOptions = {}) {
      const chunks: Uint8Array[] = [];
      await fetchTo(new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) }), byteOptions);
      return concatBytes(chunks);
    },
    async saveTo(path, saveOptions = {}) {
      const result = await fetchTo(path, saveOptions);
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

/** Generates a song with `hex` output (the default): the audio is decoded from the JSON answer as it arrives. */
export async function musicAsHex(
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
    mimeType: musicMimeType(params.audio_setting?.format),
    async bytes() {
      joined ??= concatBytes(chunks);
      return joined;
    },
    async saveTo(path, saveOptions = {}) {
      return saveMusicBytes(joined ? [joined] : chunks, path, saveOptions);
    },
  };
  if (traceId) music.traceId = traceId;
  return music;
}
