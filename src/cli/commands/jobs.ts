/**
 * `dave jobs`: media jobs recorded in sessions that were never downloaded; `dave jobs resume ID` waits for one and
 * downloads it, without starting a new job.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { JobRef } from '../../http/index.js';
import type { JobEntry } from '../../index.js';
import { type DaveConfig, mediaProviders } from '../../node/agents/index.js';
import { FileSessionStore } from '../../node/index.js';
import { EXIT, UsageError } from '../errors.js';
import type { Parsed } from '../main.js';
import { finishJob, outputPath, pollIntervalOf } from '../media-run.js';

/** A job that has not been downloaded, and the session it is recorded in. */
export interface OpenJob {
  job: JobRef;
  state: JobEntry['state'];
  sessionId: string;
  at: string;
}

const CLOSED = new Set(['failed', 'cancelled', 'expired']);

/** Jobs recorded in any session whose last entry has no file and did not fail. */
export async function openJobs(store: FileSessionStore): Promise<OpenJob[]> {
  const open: OpenJob[] = [];
  for (const summary of await store.list()) {
    const last = new Map<string, JobEntry>();
    for (const entry of await store.read(summary.id)) {
      if (entry.type === 'job') last.set(`${entry.job.provider}/${entry.job.id}`, entry);
    }
    for (const entry of last.values()) {
      if (entry.artifact || CLOSED.has(entry.state)) continue;
      open.push({ job: entry.job, state: entry.state, sessionId: summary.id, at: entry.at });
    }
  }
  return open;
}

async function resume(parsed: Parsed, config: DaveConfig, store: FileSessionStore): Promise<number> {
  const id = parsed.positionals[1];
  if (!id) throw new UsageError('dave jobs resume needs a job id (dave jobs lists them)');
  const found = (await openJobs(store)).find((item) => item.job.id === id);
  if (!found) throw new UsageError(`no open job "${id}" (dave jobs lists them)`);
  const entry = mediaProviders([found.job.kind], process.env).find(
    (item) => item.provider.provider === found.job.provider,
  );
  if (!entry) throw new UsageError(`no ${found.job.provider} ${found.job.kind} provider with a key set`);
  const session = await store.open(found.sessionId);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const to = outputPath(
      found.job,
      config.outputDir,
      typeof parsed.values.out === 'string' ? parsed.values.out : undefined,
    );
    const intervalMs = pollIntervalOf(parsed.values['poll-interval']);
    await finishJob(entry.provider, found.job, session, randomUUID(), {
      json: parsed.values.json === true,
      to,
      signal: controller.signal,
      ...(intervalMs ? { intervalMs } : {}),
    });
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onInterrupt);
    await session.close?.();
  }
}

/** Runs `dave jobs` or `dave jobs resume ID`. */
export async function jobsCommand(parsed: Parsed, config: DaveConfig): Promise<number> {
  const store = new FileSessionStore({ dir: config.sessionsDir });
  const sub = parsed.positionals[0];
  if (sub === 'resume') return resume(parsed, config, store);
  if (sub !== undefined) throw new UsageError(`unknown jobs command "${sub}" (resume)`);
  const jobs = await openJobs(store);
  if (parsed.values.json === true) {
    for (const item of jobs) process.stdout.write(`${JSON.stringify({ v: 1, type: 'open-job', ...item })}\n`);
  } else if (jobs.length === 0) process.stdout.write('no media jobs waiting to be downloaded\n');
  else {
    for (const item of jobs) {
      process.stdout.write(
        `${item.job.id}  ${item.job.provider} ${item.job.kind}  ${item.at.slice(0, 19).replace('T', ' ')}  session ${item.sessionId}\n`,
      );
    }
  }
  return EXIT.ok;
}
