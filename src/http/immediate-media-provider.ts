/**
 * Immediate media providers: a {@link MediaProvider} around one request whose answer is the media itself
 * (Stability image and audio, xAI image, ElevenLabs compose). The job is done when it starts.
 * @module
 */
import { JobFailedError, ResponseValidationError } from '../common/errors.js';
import { type JobRef, type JobStatus, type MediaArtifact, type MediaKind, makeJobRef } from '../common/jobs.js';
import type { MediaProvider, SaveOptions, StartOptions } from '../common/media-provider.js';
import { download, saveResponse } from './download.js';

/** What an immediate provider's `make` function got from the provider: the media, as bytes or as a URL. */
export interface ImmediateMedia<TResult = unknown> {
  /** The media bytes (give these or `url`). */
  bytes?: Uint8Array;
  /** Where the provider hosts the media (fetched by `download`; give this or `bytes`). */
  url?: string;
  /** MIME type (`image/png`, `audio/mpeg`). */
  mimeType: string;
  /** Duration, ms (audio, video), when known. */
  durationMs?: number;
  /** The job id to report: the provider's request id when it sends one; a random id otherwise. */
  id?: string;
  /** Model that made it, when known. */
  model?: string;
  /** What a succeeded status carries as `result` (small: no bytes). */
  result: TResult;
}

/** Options of {@link createImmediateMediaProvider}. */
export interface ImmediateMediaProviderOptions<TInput, TResult> {
  /** Provider name. */
  provider: string;
  /** What it makes. */
  kind: MediaKind;
  /**
   * Makes the media: validates `input` (throwing before any request), then sends the one paid request with the
   * retry policy `job-start` and returns what came back.
   */
  make(input: TInput, options: StartOptions): Promise<ImmediateMedia<TResult>>;
  /** Fetch used to download URL results (the client's). */
  fetch?: typeof globalThis.fetch;
  /** How many results are held for `download`, newest kept. Default 8. */
  maxHeld?: number;
}

const ARTIFACT_KINDS: Readonly<Record<MediaKind, MediaArtifact['kind']>> = {
  image: 'image',
  video: 'video',
  music: 'audio',
  audio: 'audio',
  stems: 'stems',
};

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Makes an immediate {@link MediaProvider}: `start` calls `make` (the paid request) and holds its result;
 * `status` answers `succeeded` for a held result and `expired` for any other id (the media was held only by the
 * provider object that made it); `wait` returns the status at once (throwing `JobFailedError` for `expired`);
 * `download` writes the held bytes, or downloads the held URL, atomically to `to`.
 * @example
 * ```ts
 * const images = createImmediateMediaProvider({
 *   provider: 'acme', kind: 'image',
 *   async make(input: { prompt: string }, { signal }) {
 *     const png = await acmeGenerate(input, signal); // one POST, retry 'job-start'
 *     return { bytes: png, mimeType: 'image/png', result: { seed: 1 } };
 *   },
 * });
 * const job = await images.start({ prompt: 'a red fox' }); // done when it starts
 * await images.download(job, { to: './fox.png' });
 * ```
 */
export function createImmediateMediaProvider<TInput, TResult>(
  options: ImmediateMediaProviderOptions<TInput, TResult>,
): MediaProvider<TInput, TResult> {
  const { provider, kind } = options;
  const maxHeld = Math.max(1, options.maxHeld ?? 8);
  const held = new Map<string, { ref: JobRef; media: ImmediateMedia<TResult> }>();
  const idOf = (job: JobRef | string): string => (typeof job === 'string' ? job : job.id);

  const status = (job: JobRef | string): JobStatus<TResult> => {
    const entry = held.get(idOf(job));
    if (entry === undefined) {
      return {
        state: 'expired',
        error: {
          code: 'not_held',
          message:
            `${provider} returned this ${kind} at once and only the process that made it held it` +
            ' (a restarted process, or one that made many since, no longer has it): make it again',
        },
        raw: undefined,
      };
    }
    return { state: 'succeeded', providerStatus: 'done', progress: 100, result: entry.media.result, raw: undefined };
  };

  const expired = (job: JobRef | string, current: JobStatus<TResult>): JobFailedError =>
    new JobFailedError({
      provider,
      jobId: idOf(job),
      state: 'expired',
      ...(current.error?.code === undefined ? {} : { code: current.error.code }),
      ...(current.error === undefined ? {} : { reason: current.error.message }),
    });

  return {
    provider,
    kind,
    completion: 'immediate',
    async start(input, startOptions = {}) {
      const media = await options.make(input, startOptions);
      if (media.bytes === undefined && media.url === undefined) {
        throw new ResponseValidationError(provider, `the answer holds no ${kind}`, media.result);
      }
      const ref = makeJobRef(provider, kind, media.id ?? randomId(), media.model ? { model: media.model } : {});
      held.delete(ref.id);
      held.set(ref.id, { ref, media });
      while (held.size > maxHeld) held.delete(held.keys().next().value as string);
      return ref;
    },
    async status(job) {
      return status(job);
    },
    async wait(job) {
      const current = status(job);
      if (current.state !== 'succeeded') throw expired(job, current);
      return current;
    },
    async download(job, save) {
      const entry = held.get(idOf(job));
      if (entry === undefined) throw expired(job, status(job));
      const { media, ref } = entry;
      const saved = await saveMedia(media, save, provider, options.fetch);
      const artifact: MediaArtifact = {
        kind: ARTIFACT_KINDS[kind],
        path: saved.path ?? save.to,
        mimeType: media.mimeType,
        bytes: saved.bytes,
        provider,
        job: ref,
      };
      if (media.url !== undefined) artifact.url = media.url;
      if (media.durationMs !== undefined) artifact.durationMs = media.durationMs;
      return artifact;
    },
  };
}

async function saveMedia(
  media: ImmediateMedia<unknown>,
  save: SaveOptions,
  provider: string,
  fetcher: typeof globalThis.fetch | undefined,
): Promise<{ path?: string; bytes: number }> {
  const common = {
    to: save.to,
    provider,
    ...(save.signal === undefined ? {} : { signal: save.signal }),
    ...(save.maxBytes === undefined ? {} : { maxBytes: save.maxBytes }),
    ...(save.onProgress === undefined ? {} : { onProgress: save.onProgress }),
  };
  if (media.bytes !== undefined) {
    const body = media.bytes as Uint8Array<ArrayBuffer>;
    return saveResponse(new Response(body, { headers: { 'content-type': media.mimeType } }), common);
  }
  return download(media.url as string, { ...common, ...(fetcher === undefined ? {} : { fetch: fetcher }) });
}
