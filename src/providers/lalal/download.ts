/**
 * Saving LALAL.AI result tracks: the stem track, the back track, or any track by label. The track URLs are
 * download links that expire: the license key is never sent to them.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import { RequestValidationError } from '../../common/errors.js';
import { type DownloadProgress, type DownloadResult, download } from '../../http/download.js';
import type { LalalClient } from './client.js';
import { LALAL_PROVIDER_NAME } from './errors.js';
import type { LalalTaskResult, LalalTrack } from './tasks.js';

/** Options of {@link downloadLalalTrack}. */
export interface DownloadLalalTrackOptions {
  /** `stem` (default), `back`, or a track label (`vocals@1`, `mix_no_lead`, `drum`…). */
  track?: string;
  /** Target file path (written atomically) or a WritableStream. */
  to: string | WritableStream<Uint8Array>;
  /** Abort the download. */
  signal?: AbortSignal;
  /** Refuse bodies larger than this many bytes. */
  maxBytes?: number;
  /** Download progress. */
  onProgress?: (progress: DownloadProgress) => void;
}

/** The track of a succeeded task by type (`stem`, `back`) or label; a RequestValidationError lists the tracks. */
export function lalalTrack(result: LalalTaskResult, track = 'stem'): LalalTrack {
  if (result.status !== 'success' || !result.result) {
    throw new RequestValidationError(
      [{ path: 'status', message: `the task is ${result.status}, not success: nothing to download yet` }],
      'downloadLalalTrack',
    );
  }
  const tracks = result.result.tracks;
  const found = tracks.find((item) => item.label === track) ?? tracks.find((item) => item.type === track);
  if (!found) {
    const have = tracks.map((item) => `${item.type}:${item.label}`).join(', ');
    throw new RequestValidationError(
      [{ path: 'track', message: `no track "${track}" (tracks: ${have})` }],
      'downloadLalalTrack',
    );
  }
  return found;
}

/**
 * Saves one track of a succeeded split (`stem`, `back`, or by label) without the license key.
 * @throws {RequestValidationError} the task has not succeeded, or has no such track.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const done = await waitForLalalTask(lalal, task.task_id);
 * await downloadLalalTrack(lalal, done, { track: 'stem', to: './vocals.wav' });
 * await downloadLalalTrack(lalal, done, { track: 'back', to: './instrumental.wav' });
 * ```
 */
export async function downloadLalalTrack(
  client: LalalClient,
  result: LalalTaskResult,
  options: DownloadLalalTrackOptions,
): Promise<DownloadResult & { track: LalalTrack }> {
  const track = lalalTrack(result, options.track);
  const saved = await download(track.url, {
    to: options.to,
    provider: LALAL_PROVIDER_NAME,
    fetch: client.options.fetch,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...saved, track };
}
