/**
 * Sora: create a video, wait for it with a progress bar, download it.
 *
 *   npx tsx examples/openai/video.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/openai/video.ts --live     # live: needs OPENAI_API_KEY (the Sora API shut down on 2026-09-24)
 *
 * Options: --out <file> (default ./out/cat.mp4), --prompt <text> (live only).
 */
import { parseArgs } from 'node:util';
import { ApiRetiredError, HelloDaveError, JobFailedError, JobTimeoutError } from 'hello-dave';
import {
  createOpenAIClient,
  createVideo,
  downloadVideoContent,
  SORA_SHUTDOWN_DATE,
  videoJobRef,
  waitForVideo,
} from 'hello-dave/openai';

const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out/cat.mp4' },
    prompt: { type: 'string', default: 'A calico cat plays a tiny piano on a dim stage, slow dolly-in' },
  },
});

const FIXTURE_PROMPT = 'A calico cat plays a tiny piano on a dim stage, slow dolly-in';

/** A one-line text progress bar: `[██████░░░░░░]  42% in_progress`. */
function bar(percent: number, label: string): void {
  const width = 30;
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(percent)).padStart(3)}% ${label}`;
  process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(70)}` : `${line}\n`);
}

async function offlineServer(): Promise<{ close(): void }> {
  // Offline mode answers from the same fixtures the tests use, through msw (a dev dependency).
  const { setupServer } = await import('msw/node');
  const { replayFixtures } = await import('hello-dave/testing');
  const dir = new URL('../../test/fixtures/openai/', import.meta.url);
  const replay = await replayFixtures(
    ['videos-create-json.1.json', 'videos-poll-progress', 'videos-content-video.1.json'].map((name) =>
      name.endsWith('.json') ? new URL(name, dir) : new URL(name, dir).pathname,
    ),
    { baseUrl: 'https://api.openai.com' },
  );
  const server = setupServer(...replay.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return server;
}

async function main(): Promise<number> {
  const live = values.live === true;
  if (live && !process.env.OPENAI_API_KEY && !process.env.OPENAIKEY) {
    console.error('--live needs OPENAI_API_KEY.');
    return 1;
  }
  const server = live ? undefined : await offlineServer();
  const client = live
    ? createOpenAIClient()
    : createOpenAIClient({ apiKey: 'sk-offline-demo-key', baseUrl: 'https://api.openai.com/v1', env: {} });
  console.log(
    live ? 'Live mode (OpenAI).' : 'Offline mode: replaying documented fixtures (use --live for the real API).',
  );
  try {
    const job = await createVideo(client, {
      model: 'sora-2',
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      seconds: '8',
      size: '1280x720',
    });
    // Keep the reference before waiting: a crash or timeout does not lose the paid job.
    console.log(`Job ${job.id} accepted: ${JSON.stringify(videoJobRef(job))}`);
    const done = await waitForVideo(client, job.id, {
      intervalMs: live ? 5_000 : 500,
      // The documented fixtures' assets expire on 2026-01-02: offline, judge them at a time they were fresh.
      ...(live ? {} : { now: () => Date.parse('2026-01-01T00:05:00Z') }),
      onProgress: (progress) => bar(progress.percent ?? 0, progress.providerStatus ?? progress.state),
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    const saved = await downloadVideoContent(client, done.id, {
      to: values.out ?? './out/cat.mp4',
      onProgress: (progress) => {
        if (progress.percent !== undefined) bar(progress.percent, 'downloading');
      },
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`Saved ${saved.bytes} bytes (${saved.contentType ?? 'unknown type'}) to ${saved.path}`);
    return 0;
  } catch (error) {
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (ApiRetiredError.isInstance(error)) {
      console.error(
        `The Sora video API is retired (OpenAI shut it down on ${SORA_SHUTDOWN_DATE}).\n${error.message}\n` +
          'Try MiniMax video instead: hello-dave/minimax.',
      );
      return 2;
    }
    if (JobFailedError.isInstance(error))
      console.error(`The video job failed: ${error.code ?? ''} ${error.reason ?? ''}`);
    else if (JobTimeoutError.isInstance(error)) console.error(`Still rendering; resume later with id ${error.jobId}.`);
    else if (HelloDaveError.isInstance(error)) console.error(error.message);
    else throw error;
    return 1;
  } finally {
    server?.close();
  }
}

process.exitCode = await main();
