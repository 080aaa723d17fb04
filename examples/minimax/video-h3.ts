/**
 * MiniMax-H3 video (the v2 API): start a task from content parts, store its job reference, wait with progress,
 * download the clip, and optionally make its 2K version (regeneration).
 *
 *   npx tsx examples/minimax/video-h3.ts             # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/minimax/video-h3.ts --live      # live: needs MINIMAX_API_KEY (billable)
 *
 * Options: --out <file> (default ./out/fox-h3.mp4), --upscale (also make the 2K version), and live only:
 * --prompt <text>, --first-frame <https URL | data URL | file>, --duration <4–15>, --model <MiniMax-H3 | MiniMax-H3-Max>.
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import {
  baseVideoPart,
  type CreateVideoV2Params,
  type CreateVideoV2Result,
  createVideoV2,
  downloadVideo,
  type MiniMaxClient,
  regenerateVideoV2,
  type VideoV2ContentPart,
  waitForVideo,
} from 'hello-dave/minimax';
import { fileDurationMs } from 'hello-dave/node';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'A red fox trots through fresh snow at dawn';
const FIXTURE_FRAME = 'https://example.com/fox-first.png';
const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out/fox-h3.mp4' },
    upscale: { type: 'boolean', default: false },
    prompt: { type: 'string' },
    'first-frame': { type: 'string' },
    duration: { type: 'string' },
    model: { type: 'string', default: 'MiniMax-H3' },
  },
});

/** The request: the documented example offline; live, what the options say. */
function request(live: boolean): CreateVideoV2Params {
  const firstFrame = live ? values['first-frame'] : FIXTURE_FRAME;
  const content: VideoV2ContentPart[] = [
    { type: 'text', text: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT },
  ];
  if (firstFrame) content.push({ type: 'image_url', image_url: { url: firstFrame }, role: 'first_frame' });
  return {
    model: live ? (values.model ?? 'MiniMax-H3') : 'MiniMax-H3',
    content,
    resolution: '768P',
    duration: live && values.duration ? Number(values.duration) : 8,
    ratio: '16:9',
  };
}

async function waitAndSave(mm: MiniMaxClient, task: CreateVideoV2Result, to: string, live: boolean) {
  const done = await waitForVideo(mm, task, {
    ...(live ? {} : { intervalMs: 50 }),
    onProgress: (progress) =>
      console.log(`  ${progress.providerStatus} after ${Math.round(progress.elapsedMs / 1000)} s`),
  });
  const saved = await downloadVideo(mm, done, { to });
  const durationMs = await fileDurationMs(saved.path);
  const seconds = durationMs === undefined ? 'length unknown' : `${(durationMs / 1000).toFixed(1)} s`;
  console.log(`Saved ${saved.path} (${saved.bytes} bytes, ${seconds})`);
  return done;
}

async function main(): Promise<number> {
  const live = values.live === true;
  if (needsKey(live)) return 1;
  const server = live
    ? undefined
    : await offlineServer({
        'https://api.minimax.io': [
          'video-v2-task-success',
          ...(values.upscale ? ['video-v2-regenerate.1.json', 'video-v2-upscale-task.1.json'] : []),
        ],
        'https://cdn.example.com': [
          'video-v2-download.1.json',
          ...(values.upscale ? ['video-v2-download-2k.1.json'] : []),
        ],
      });
  try {
    const mm = exampleClient(live);
    const params = request(live);
    const task = await createVideoV2(mm, params);
    // Store the reference before waiting: if this process dies, wait again with it (it says `api: 'v2'`).
    console.log(`Task ${task.task_id} (${task.mode}); job: ${JSON.stringify(task.job)}`);
    const out = values.out ?? './out/fox-h3.mp4';
    const done = await waitAndSave(mm, task, out, live);
    if (values.upscale) {
      const text = params.content.filter((part) => part.type === 'text');
      const upscale = await regenerateVideoV2(mm, { model: params.model, content: [...text, baseVideoPart(done)] });
      console.log(`2K task ${upscale.task_id}; job: ${JSON.stringify(upscale.job)}`);
      await waitAndSave(mm, upscale, out.replace(/(\.mp4)?$/, '-2k.mp4'), live);
    }
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
