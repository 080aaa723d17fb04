/**
 * xAI video: an 8-second Grok Imagine video — start, store the job, wait with progress, download the MP4.
 *
 *   npx tsx examples/xai/video.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/xai/video.ts --live     # live: needs XAI_API_KEY (takes a few minutes)
 *
 * Options: --out <folder> (default ./out), --prompt <text> (live only).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { xaiVideoProvider } from 'hello-dave/xai';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'A red fox trots through fresh snow at dawn';
const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out' },
    prompt: { type: 'string', default: FIXTURE_PROMPT },
  },
});

async function main(): Promise<number> {
  const live = values.live === true;
  if (needsKey(live)) return 1;
  const server = live
    ? undefined
    : await offlineServer({
        'https://api.x.ai': ['videos-generations', 'videos-get'],
        'https://vidgen.x.ai': ['videos-download'],
      });
  try {
    const videos = xaiVideoProvider(exampleClient(live));
    const job = await videos.start({
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      duration: 8,
      aspect_ratio: '16:9',
      resolution: '720p',
    });
    console.log(`Job ${job.id} (store it: ${JSON.stringify(job)})`);
    await videos.wait(job, {
      intervalMs: live ? 5_000 : 1,
      onProgress: (progress) => console.log(`  ${progress.providerStatus ?? progress.state} ${progress.percent ?? ''}`),
    });
    const artifact = await videos.download(job, { to: join(values.out ?? './out', 'fox.mp4') });
    console.log(`Saved ${artifact.path} (${artifact.bytes} bytes, ${(artifact.durationMs ?? 0) / 1000} s)`);
    return 0;
  } catch (error) {
    if (HelloDaveError.isInstance(error)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    server?.close();
  }
}

process.exitCode = await main();
