/**
 * MiniMax video: start a Hailuo task, store its job reference, wait with progress, download the file.
 *
 *   npx tsx examples/minimax/video.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/minimax/video.ts --live     # live: needs MINIMAX_API_KEY
 *
 * Options: --out <file> (default ./out/fox.mp4), --prompt <text> (live only; camera commands in brackets),
 * --first-frame <url | data URL | file> (live only: image-to-video).
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { createVideo, downloadVideo, waitForVideo } from 'hello-dave/minimax';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'A red fox trots through fresh snow at dawn [Tracking shot]';
const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out/fox.mp4' },
    prompt: { type: 'string', default: FIXTURE_PROMPT },
    'first-frame': { type: 'string' },
  },
});

async function main(): Promise<number> {
  const live = values.live === true;
  if (needsKey(live)) return 1;
  const server = live
    ? undefined
    : await offlineServer({
        'https://api.minimax.io': ['video-task-success'],
        'https://cdn.example.com': ['video-download'],
      });
  try {
    const mm = exampleClient(live);
    const firstFrame = live ? values['first-frame'] : undefined;
    const task = await createVideo(mm, {
      model: 'MiniMax-Hailuo-2.3',
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      duration: 6,
      resolution: '768P',
      prompt_optimizer: true,
      ...(firstFrame ? { first_frame_image: firstFrame } : {}),
    });
    // Store the reference before waiting: if this process dies, wait again with task.job.
    console.log(`Task ${task.task_id} (${task.mode}); job: ${JSON.stringify(task.job)}`);
    const done = await waitForVideo(mm, task, {
      ...(live ? {} : { intervalMs: 50 }),
      onProgress: (progress) =>
        console.log(`  ${progress.providerStatus} after ${Math.round(progress.elapsedMs / 1000)} s`),
    });
    const saved = await downloadVideo(mm, done, {
      to: values.out ?? './out/fox.mp4',
      onProgress: (progress) => progress.percent === 100 && console.log('  downloaded'),
    });
    console.log(
      `Saved ${saved.bytes} bytes to ${saved.path} (${done.result?.video_width}×${done.result?.video_height})`,
    );
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
