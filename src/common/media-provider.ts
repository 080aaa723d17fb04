/**
 * The media-provider contract: one shape for every provider that makes media, so one toolset (and the CLI)
 * can drive any of them alike. Sora and MiniMax video implement it with long jobs; Stability image, xAI image
 * and ElevenLabs compose implement it as **immediate** providers, whose answer is the media itself.
 *
 * Rules every implementation follows:
 * - **`start` is the one paid request.** It is sent with the HTTP retry policy `job-start`: retried only when no
 *   job can have started (connection refused, 429, a documented "not processed" answer, or an idempotency key
 *   the provider honours) — never after a reset, a timeout or a 5xx once its body may have reached the
 *   provider. This holds for a synchronous POST too: a synchronous paid POST is a job start like any other.
 * - **Bad input is refused before sending** with a `RequestValidationError` naming the field (so a caller can
 *   tell "never sent" from "sent and refused").
 * - **Immediate providers** (`completion: 'immediate'`) make the media inside `start`, and return a
 *   {@link JobRef} for a job that is done when it starts: `status` answers `succeeded` with no request, `wait`
 *   returns at once, and `download` writes the media `start` received (bytes held in memory, or the provider's
 *   URL fetched). The result is held only by the provider object that made it (a bounded number of results,
 *   oldest dropped first): for an id it does not hold, `status` answers `expired` and `download` throws
 *   `JobFailedError` with state `expired`. {@link createImmediateMediaProvider} in `hello-dave/http` implements
 *   all of this around one function that makes the media.
 * - **Job providers** (`completion: 'job'`, the default) return from `start` as soon as the provider accepted the
 *   job; `status` is one status request, `wait` polls, `download` saves the result.
 * - Every method takes a {@link JobRef} or a bare job id; a bare id gets the provider's name and kind.
 * - `download` writes atomically to `to` and returns a small {@link MediaArtifact} (never the bytes).
 *
 * Kinds ({@link MediaKind}): `image`, `video`, `music`, `audio`, `stems`. A music or audio artifact has
 * artifact kind `audio`; stems have `stems`.
 * @module
 */
import type { JobRef, JobStatus, MediaArtifact, MediaKind } from './jobs.js';

/** Progress reported while waiting. */
export interface JobProgress {
  /** The job. */
  job: JobRef;
  /** Normalised state. */
  state: JobStatus['state'];
  /** Provider status word. */
  providerStatus?: string;
  /** 0–100 where known. */
  percent?: number;
  /** Milliseconds since waiting began. */
  elapsedMs: number;
}

/** Options for waiting on a job. */
export interface WaitOptions {
  /** Abort waiting (the job itself goes on). */
  signal?: AbortSignal;
  /** Give up after this many ms with a JobTimeoutError (default per provider). */
  timeoutMs?: number;
  /** First poll interval, ms. */
  intervalMs?: number;
  /** Called on every status poll. */
  onProgress?: (progress: JobProgress) => void;
}

/** Where and how to save a job's result. */
export interface SaveOptions {
  /** Target file path (written atomically). */
  to: string;
  /** Abort the download. */
  signal?: AbortSignal;
  /** Refuse bodies larger than this many bytes. */
  maxBytes?: number;
  /** Download progress. */
  onProgress?: (progress: { bytes: number; total?: number; percent?: number }) => void;
}

/** Options of {@link MediaProvider.start}. */
export interface StartOptions {
  /** Abort the request (an aborted `start` may still have started a job the provider bills). */
  signal?: AbortSignal;
}

/**
 * How a provider's jobs finish: `job` — `start` returns while the job runs (poll with `status` / `wait`);
 * `immediate` — `start` returns once the media is made (a job that is done when it starts).
 */
export type MediaCompletion = 'job' | 'immediate';

/**
 * A provider that makes media: start, status, wait, download — the same four calls whether the provider
 * answers with a job id (Sora, MiniMax video, xAI video) or with the media itself (Stability, xAI image). See
 * the module documentation for the rules every implementation follows.
 * `TInput` is the provider's own request shape; `TResult` what a succeeded status carries.
 */
export interface MediaProvider<TInput = unknown, TResult = unknown> {
  /** Provider name (`openai`, `minimax`, `stability`, `xai`, …). */
  readonly provider: string;
  /** What it makes. */
  readonly kind: MediaKind;
  /** `immediate` when `start` returns the finished media; absent or `job` for long jobs. */
  readonly completion?: MediaCompletion;
  /**
   * Starts a job (the paid request, never retried once its body may have reached the provider) and returns its
   * reference as soon as the provider accepts it — for an immediate provider, once the media is made.
   */
  start(input: TInput, options?: StartOptions): Promise<JobRef>;
  /** One status call, normalised (an immediate provider answers from what it holds, without a request). */
  status(job: JobRef | string, options?: { signal?: AbortSignal }): Promise<JobStatus<TResult>>;
  /** Waits for a terminal state; throws JobFailedError / JobTimeoutError. */
  wait(job: JobRef | string, options?: WaitOptions): Promise<JobStatus<TResult>>;
  /** Downloads a succeeded job's result to a file. */
  download(job: JobRef | string, options: SaveOptions): Promise<MediaArtifact>;
}
