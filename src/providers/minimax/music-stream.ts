/**
 * A streamed MiniMax song (`POST /v1/music_generation` with `stream: true`): server-sent events whose hex audio is
 * decoded chunk by chunk, or a whole answer MiniMax sent instead of a stream, served as one chunk. Internal: the
 * package entry does not re-export it.
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import { ConnectionError, RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { parseSse } from '../../http/sse.js';
import type { RequestOptions } from '../../http/types.js';
import { type MiniMaxClient, miniMaxClassifierContext } from './client.js';
import {
  assertMiniMaxOk,
  MINIMAX_PROVIDER_NAME,
  type MiniMaxClassifierContext,
  readBaseResp,
  readTraceId,
} from './errors.js';
import type { GenerateMusicParams } from './music.js';
import { explainClosedMusicModel } from './music-availability.js';
import { musicMimeType, musicRequest, saveMusicBytes } from './music-request.js';
import {
  type MiniMaxMusicStream,
  type MusicGenerationResponse,
  type MusicStreamSummary,
  parseMusicExtraInfo,
} from './music-result.js';
import { concatBytes, HexDecoder } from './shared.js';

function parseEvent(data: string): MusicGenerationResponse {
  try {
    return JSON.parse(data) as MusicGenerationResponse;
  } catch (error) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'a stream event is not JSON', data.slice(0, 500), {
      cause: error,
    });
  }
}

/**
 * Starts a streamed song: resolves as soon as the event stream starts. An error envelope goes back to the HTTP
 * layer (retried when no job started); a whole answer instead of a stream is served as a one-chunk stream.
 */
export async function startMusicStream(
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
      return { value: musicStream({ body: response.body, params, headers: response.headers, leading: [], context }) };
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
    // An error envelope: classified (and retried when no job started) by the HTTP layer.
    if ((readBaseResp(json)?.status_code ?? 0) !== 0) return { body: json };
    const { body, bytes } = wholeAnswerAsEvents(json as MusicGenerationResponse);
    return { value: musicStream({ body, params, headers: response.headers, leading: [bytes], context }) };
  });
}

/** A whole answer sent instead of a stream: its decoded audio, and its JSON (audio removed) as a one-event body. */
function wholeAnswerAsEvents(wire: MusicGenerationResponse): { body: ReadableStream<Uint8Array>; bytes: Uint8Array } {
  const hex = wire.data?.audio;
  if (typeof hex !== 'string' || !hex) {
    throw new ResponseValidationError(MINIMAX_PROVIDER_NAME, 'the answer holds no audio', wire);
  }
  const bytes = new HexDecoder(MINIMAX_PROVIDER_NAME).pushText(hex);
  wire.data = { ...wire.data, audio: '' };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(wire)}\n\n`));
      controller.close();
    },
  });
  return { body, bytes };
}

/** What a music stream is read from. */
interface MusicStreamSource {
  /** The event stream. */
  body: ReadableStream<Uint8Array>;
  /** The request (its model names a refusal, its format the MIME type). */
  params: GenerateMusicParams;
  /** The response headers (trace id, error classification). */
  headers: Headers;
  /** Audio already decoded, delivered before the events (a whole answer sent instead of a stream). */
  leading: Uint8Array[];
  /** How the client classifies an error event. */
  context: MiniMaxClassifierContext;
}

function musicStream(source: MusicStreamSource): MiniMaxMusicStream {
  let consumed = false;
  let resolveDone: (summary: MusicStreamSummary) => void = () => undefined;
  let rejectDone: (error: unknown) => void = () => undefined;
  const done = new Promise<MusicStreamSummary>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);
  const headerTrace = readTraceId(undefined, source.headers);

  const take = (): AsyncGenerator<Uint8Array, void, undefined> => {
    if (consumed) {
      throw new RequestValidationError(
        [{ path: 'stream', message: 'a music stream can be consumed once' }],
        'music stream',
      );
    }
    consumed = true;
    return streamChunks(source, headerTrace, { resolve: resolveDone, reject: rejectDone });
  };

  const stream: MiniMaxMusicStream = {
    mimeType: musicMimeType(source.params.audio_setting?.format),
    done,
    [Symbol.asyncIterator]: () => take(),
    async saveTo(path, saveOptions = {}) {
      return saveMusicBytes(take(), path, saveOptions);
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

/**
 * Yields the stream's audio: the leading bytes, then each event's decoded hex until `[DONE]` or the final event
 * (`status: 2`). Settles `done` with the summary, or with the error (a closed model explained); cancels the body
 * when the song did not complete.
 */
async function* streamChunks(
  source: MusicStreamSource,
  headerTrace: string | undefined,
  done: { resolve: (summary: MusicStreamSummary) => void; reject: (error: unknown) => void },
): AsyncGenerator<Uint8Array, void, undefined> {
  const { body, headers, leading, context } = source;
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
    done.resolve(summary);
  } catch (error) {
    const explained = explainClosedMusicModel(error, source.params.model, 'music generation');
    done.reject(explained);
    throw explained;
  } finally {
    if (!completed) await body.cancel().catch(() => undefined);
  }
}
