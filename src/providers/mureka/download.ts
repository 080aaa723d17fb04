/**
 * Saving Mureka's outputs: a chosen track (MP3, FLAC or WAV) of a succeeded task, or any Mureka file URL (the stems
 * ZIP). The URLs are public CDN links that expire: the key is never sent to them.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import { RequestValidationError, ResponseValidationError } from '../../common/errors.js';
import { mimeTypeForExtension } from '../../common/media-types.js';
import { type DownloadProgress, type DownloadResult, download } from '../../http/download.js';
import type { MurekaClient } from './client.js';
import { MUREKA_PROVIDER_NAME } from './errors.js';
import type { MurekaChoice, MurekaTask } from './tasks.js';

/** Audio formats a task offers per choice: `url` (mp3), `flac_url`, `wav_url`. */
export const MUREKA_AUDIO_FORMATS = ['mp3', 'flac', 'wav'] as const;

/** An audio format of a choice (see {@link MUREKA_AUDIO_FORMATS}). */
export type MurekaAudioFormat = (typeof MUREKA_AUDIO_FORMATS)[number];

/** MIME type of each format. */
export const MUREKA_FORMAT_MIME_TYPES = /* @__PURE__ */ Object.fromEntries(
  MUREKA_AUDIO_FORMATS.map((format) => [format, mimeTypeForExtension(format) ?? 'application/octet-stream']),
) as Readonly<Record<MurekaAudioFormat, string>>;

/** Options of {@link downloadMurekaFile}. */
export interface DownloadMurekaFileOptions {
  /** Target file path (written atomically) or a WritableStream. */
  to: string | WritableStream<Uint8Array>;
  /** Abort the download. */
  signal?: AbortSignal;
  /** Refuse bodies larger than this many bytes. */
  maxBytes?: number;
  /** Longest silence inside the body, ms (default 30 000). */
  idleTimeoutMs?: number;
  /** Download progress. */
  onProgress?: (progress: DownloadProgress) => void;
}

/** Options of {@link downloadMurekaChoice}. */
export interface DownloadMurekaChoiceOptions extends DownloadMurekaFileOptions {
  /** Which format to save (default `mp3`). */
  format?: MurekaAudioFormat;
  /** Which choice of the task (default 0). */
  index?: number;
}

/**
 * Downloads a Mureka file URL (a track or the stems ZIP) without the API key, through the client's fetch.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * await downloadMurekaFile(mureka, stems.zip_url, { to: './stems.zip' });
 * ```
 */
export function downloadMurekaFile(
  client: MurekaClient,
  url: string,
  options: DownloadMurekaFileOptions,
): Promise<DownloadResult> {
  return download(url, {
    to: options.to,
    provider: MUREKA_PROVIDER_NAME,
    fetch: client.options.fetch,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
}

/** The URL of `format` in a choice, or a ResponseValidationError saying which formats the choice has. */
export function murekaChoiceUrl(choice: MurekaChoice, format: MurekaAudioFormat = 'mp3'): string {
  const url = format === 'mp3' ? choice.url : format === 'flac' ? choice.flac_url : choice.wav_url;
  if (typeof url === 'string' && url) return url;
  const offered = MUREKA_AUDIO_FORMATS.filter((f) => murekaChoiceHas(choice, f));
  throw new ResponseValidationError(
    MUREKA_PROVIDER_NAME,
    `choice ${choice.index} has no ${format} URL (it offers: ${offered.join(', ') || 'none'})`,
    choice,
  );
}

function murekaChoiceHas(choice: MurekaChoice, format: MurekaAudioFormat): boolean {
  const url = format === 'mp3' ? choice.url : format === 'flac' ? choice.flac_url : choice.wav_url;
  return typeof url === 'string' && url.length > 0;
}

/**
 * Saves one track of a succeeded task in the chosen format (`mp3` → `url`, `flac` → `flac_url`, `wav` → `wav_url`).
 * @throws {RequestValidationError} the task has not succeeded, or has no choice at `index`.
 * @throws {ResponseValidationError} the choice offers no URL for that format.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const done = await waitForMurekaTask(mureka, ref);
 * await downloadMurekaChoice(mureka, done, { to: './song.flac', format: 'flac' });
 * ```
 */
export async function downloadMurekaChoice(
  client: MurekaClient,
  source: MurekaTask | MurekaChoice,
  options: DownloadMurekaChoiceOptions,
): Promise<DownloadResult & { choice: MurekaChoice }> {
  const choice = pickChoice(source, options.index ?? 0);
  const url = murekaChoiceUrl(choice, options.format);
  const saved = await downloadMurekaFile(client, url, options);
  return { ...saved, choice };
}

function pickChoice(source: MurekaTask | MurekaChoice, index: number): MurekaChoice {
  // A choice has an `index` and no `status`; a task has a `status`.
  if (typeof source.status !== 'string') return source as MurekaChoice;
  const task = source as MurekaTask;
  if (task.status !== 'succeeded') {
    throw new RequestValidationError(
      [{ path: 'status', message: `the task is ${task.status}, not succeeded: nothing to download yet` }],
      'downloadMurekaChoice',
    );
  }
  const choice = task.choices?.find((item) => item.index === index) ?? task.choices?.[index];
  if (!choice) {
    throw new RequestValidationError(
      [{ path: 'index', message: `the task has ${task.choices?.length ?? 0} choice(s); no index ${index}` }],
      'downloadMurekaChoice',
    );
  }
  return choice;
}
