/**
 * Long-running provider work (video, music, upscale, stems) and what media tools hand back.
 * @module
 */

/** Kind of media a job produces. */
export type MediaKind = 'video' | 'image' | 'music' | 'audio' | 'stems';

/** A JSON-serialisable reference to a provider job: store it, and resume waiting after a crash. */
export interface JobRef {
  /** Provider name, e.g. `openai`, `minimax`. */
  provider: string;
  /** What the job makes. */
  kind: MediaKind;
  /** The provider's job id (kept as a string, exact: MiniMax ids are int64). */
  id: string;
  /** ISO time the job was accepted. */
  createdAt: string;
  /** Model that runs the job, when known. */
  model?: string;
  /**
   * Which of a provider's API generations made the job, where it has several (MiniMax video: `v1` or `v2`), so
   * status calls after a restart go to the right endpoint.
   */
  api?: string;
}

/** Normalised job state across providers. */
export type JobState = 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'expired';

/** States after which a job never changes again. */
export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'expired'];

/** A job's normalised status, with the provider's raw answer. */
export interface JobStatus<TResult = unknown> {
  /** Normalised state. */
  state: JobState;
  /** The provider's own status word (`in_progress`, `Queueing`, …). */
  providerStatus?: string;
  /** 0–100, where the provider reports it. */
  progress?: number;
  /** The provider's result, once succeeded. */
  result?: TResult;
  /** Why it failed, where it did. */
  error?: { code?: string; message: string };
  /** Server hint: poll again after this many ms. */
  pollAfterMs?: number;
  /** The raw provider object. */
  raw: unknown;
}

/** What a media tool hands back to a model: small, never the bytes. */
export interface MediaArtifact {
  /** Kind of media. */
  kind: 'image' | 'video' | 'audio' | 'stems';
  /** Local path, when saved. */
  path?: string;
  /** Remote URL, when the provider hosts it. */
  url?: string;
  /** MIME type, e.g. `video/mp4`. */
  mimeType: string;
  /** Size in bytes, when known. */
  bytes?: number;
  /** Duration in milliseconds, when known. */
  durationMs?: number;
  /** Provider name. */
  provider: string;
  /** The job that made it. */
  job?: JobRef;
}

/** Makes a {@link JobRef}; `createdAt` defaults to now. Ids are stored as strings. */
export function makeJobRef(
  provider: string,
  kind: MediaKind,
  id: string | number | bigint,
  extra: { createdAt?: string | number | Date; model?: string; api?: string } = {},
): JobRef {
  const created = extra.createdAt;
  const createdAt =
    created === undefined
      ? new Date().toISOString()
      : typeof created === 'number'
        ? new Date(created < 1e12 ? created * 1000 : created).toISOString()
        : new Date(created).toISOString();
  const ref: JobRef = { provider, kind, id: String(id), createdAt };
  if (extra.model !== undefined) ref.model = extra.model;
  if (extra.api !== undefined) ref.api = extra.api;
  return ref;
}
