/**
 * One media job from the terminal: record it in a session before any waiting, wait with progress, download, and
 * record the file. `dave video|image|music` and `dave jobs resume` share it.
 * @module
 */
import { extname, join } from 'node:path';
import type { JobRef, MediaArtifact, MediaProvider } from '../http/index.js';
import type { Session } from '../index.js';
import { UsageError } from './errors.js';
import { jobEvent, savedEvent, writeJsonEvent } from './json-events.js';
import { progressReporter } from './progress.js';

/** File endings by kind, when `--out` names none. */
const EXTENSIONS: Readonly<Record<string, string>> = { video: '.mp4', image: '.png', music: '.mp3', audio: '.mp3' };

/** Where a job's file goes: `--out`, else `<outputDir>/<kind>-<id><ext>`. */
export function outputPath(job: JobRef, outputDir: string, out: string | undefined): string {
  if (out) return extname(out) ? out : `${out}${EXTENSIONS[job.kind] ?? ''}`;
  return join(outputDir, `${job.kind}-${job.id.replace(/[^A-Za-z0-9_-]/g, '_')}${EXTENSIONS[job.kind] ?? ''}`);
}

/** Records a job's state (and file) in its session. */
export async function recordJob(session: Session, runId: string, job: JobRef, artifact?: MediaArtifact): Promise<void> {
  await session.append({
    type: 'job',
    runId,
    job,
    state: artifact ? 'succeeded' : 'pending',
    ...(artifact ? { artifact } : {}),
  });
}

/** How to show and where to save. */
export interface FinishOptions {
  json: boolean;
  to: string;
  signal: AbortSignal;
  /** First poll interval, ms (default: the provider's). */
  intervalMs?: number;
}

/** `--poll-interval MS`, checked. */
export function pollIntervalOf(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1)
    throw new UsageError(`--poll-interval must be a whole number of ms, not ${String(value)}`);
  return ms;
}

/** Waits for a recorded job and downloads it; records the file in the session; prints where it is. */
export async function finishJob(
  provider: MediaProvider,
  job: JobRef,
  session: Session,
  runId: string,
  options: FinishOptions,
): Promise<MediaArtifact> {
  const progress = progressReporter({
    json: options.json,
    tty: process.stderr.isTTY === true,
    err: process.stderr,
    out: process.stdout,
  });
  try {
    if (provider.completion !== 'immediate') {
      await provider.wait(job, {
        signal: options.signal,
        ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
        onProgress: (update) =>
          progress.update({
            stage: 'wait',
            ...(update.percent !== undefined ? { percent: update.percent } : {}),
            state: update.providerStatus ?? update.state,
            elapsedMs: update.elapsedMs,
          }),
      });
    }
    const started = Date.now();
    const artifact = await provider.download(job, {
      to: options.to,
      signal: options.signal,
      onProgress: (update) =>
        progress.update({
          stage: 'download',
          ...(update.percent !== undefined ? { percent: update.percent } : {}),
          elapsedMs: Date.now() - started,
        }),
    });
    progress.end();
    await recordJob(session, runId, job, artifact);
    if (options.json) writeJsonEvent(process.stdout, savedEvent(artifact, options.to));
    else process.stdout.write(`${options.to}\n`);
    return artifact;
  } finally {
    progress.end();
  }
}

/** Prints the `job` line (JSON) or a note (text) once a job is recorded. */
export function announceJob(job: JobRef, session: Session, json: boolean): void {
  if (json) writeJsonEvent(process.stdout, jobEvent(job, session.id));
  else
    process.stderr.write(
      `${job.provider} ${job.kind} job ${job.id} (dave jobs resume ${job.id} if this is cut short)\n`,
    );
}
