/**
 * The media-provider contract: one shape for every provider that makes media through long jobs, so one
 * toolset can drive any of them. Sora is its first implementation; MiniMax video and later providers follow.
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

/**
 * A provider that makes media through long jobs: start, status, wait, download.
 * `TInput` is the provider's own request shape.
 */
export interface MediaProvider<TInput = unknown, TResult = unknown> {
  /** Provider name. */
  readonly provider: string;
  /** What it makes. */
  readonly kind: MediaKind;
  /** Starts a job and returns its reference as soon as the provider accepts it. */
  start(input: TInput, options?: { signal?: AbortSignal }): Promise<JobRef>;
  /** One status call, normalised. */
  status(job: JobRef | string, options?: { signal?: AbortSignal }): Promise<JobStatus<TResult>>;
  /** Waits for a terminal state; throws JobFailedError / JobTimeoutError. */
  wait(job: JobRef | string, options?: WaitOptions): Promise<JobStatus<TResult>>;
  /** Downloads a succeeded job's result to a file. */
  download(job: JobRef | string, options: SaveOptions): Promise<MediaArtifact>;
}
