/**
 * `dave video|image|music PROMPT`: start a job with the first provider whose key is set (or `--provider`), record
 * it in a session, wait with a progress bar, and save the file.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { MediaKind } from '../../http/index.js';
import { AbortedError } from '../../index.js';
import { type DaveConfig, mediaProviders } from '../../node/agents/index.js';
import { FileSessionStore } from '../../node/index.js';
import { EXIT, UsageError } from '../errors.js';
import type { Parsed } from '../main.js';
import { announceJob, finishJob, outputPath, pollIntervalOf, recordJob } from '../media-run.js';

function pickProvider(kind: MediaKind, name: string | undefined) {
  const entries = mediaProviders([kind], process.env);
  if (name === undefined) return entries[0];
  const entry = entries.find((item) => item.provider.provider === name || item.name === name);
  if (!entry) {
    const known = entries.map((item) => item.provider.provider).join(', ');
    throw new UsageError(`no ${kind} provider "${name}" with a key set (ready: ${known})`);
  }
  return entry;
}

/** Runs a media command. */
export async function mediaCommand(kind: MediaKind, parsed: Parsed, config: DaveConfig): Promise<number> {
  const prompt = parsed.positionals.join(' ').trim();
  if (!prompt) throw new UsageError(`dave ${kind} needs a prompt`);
  const providerName = typeof parsed.values.provider === 'string' ? parsed.values.provider : undefined;
  const model = typeof parsed.values.model === 'string' ? parsed.values.model : undefined;
  const entry = pickProvider(kind, providerName);
  if (!entry) throw new UsageError(`no ${kind} provider`);
  const json = parsed.values.json === true;
  const store = new FileSessionStore({ dir: config.sessionsDir });
  const session = await store.create();
  const runId = randomUUID();
  await session.append({ type: 'start', runId, sessionId: session.id, agent: `dave ${kind}` });
  await session.append({
    type: 'message',
    runId,
    message: { role: 'user', content: [{ type: 'text', text: prompt }] },
  });
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const common = { prompt, ...(model ? { model } : {}) };
    const input = entry.input ? entry.input(common) : common;
    const job = await entry.provider.start(input, { signal: controller.signal });
    await recordJob(session, runId, job);
    announceJob(job, session, json);
    const to = outputPath(job, config.outputDir, typeof parsed.values.out === 'string' ? parsed.values.out : undefined);
    try {
      const intervalMs = pollIntervalOf(parsed.values['poll-interval']);
      await finishJob(entry.provider, job, session, runId, {
        json,
        to,
        signal: controller.signal,
        ...(intervalMs ? { intervalMs } : {}),
      });
    } catch (error) {
      if (AbortedError.isInstance(error)) {
        process.stderr.write(`stopped waiting; the job goes on: dave jobs resume ${job.id}\n`);
      }
      throw error;
    }
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onInterrupt);
    await session.close?.();
  }
}
