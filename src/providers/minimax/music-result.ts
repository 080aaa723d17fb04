/**
 * What MiniMax music generation returns: the wire answer of `POST /v1/music_generation`, its parsed `extra_info`,
 * a finished song ({@link MiniMaxMusic}) and a streamed one ({@link MiniMaxMusicStream}).
 * @see https://platform.minimax.io/docs/api-reference/music-generation
 * @module
 */
import type { MiniMaxBaseResp } from './errors.js';

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
