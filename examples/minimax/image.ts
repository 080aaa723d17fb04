/**
 * MiniMax image: two pictures from a prompt, saved to a folder.
 *
 *   npx tsx examples/minimax/image.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/minimax/image.ts --live     # live: needs MINIMAX_API_KEY
 *
 * Options: --out <folder> (default ./out), --prompt <text> (live only).
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { generateImage, saveImages } from 'hello-dave/minimax';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'A lighthouse on a basalt cliff at dusk, 35mm photo';
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
        'https://api.minimax.io': ['image-generation-url'],
        'https://cdn.minimax.test': ['image-download-url'],
      });
  try {
    const result = await generateImage(exampleClient(live), {
      model: 'image-01',
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      aspect_ratio: '16:9',
      n: 2,
      response_format: 'url',
      prompt_optimizer: true,
    });
    console.log(`${result.successCount} made, ${result.failedCount} blocked (trace ${result.traceId})`);
    for (const path of await saveImages(result, values.out ?? './out', { prefix: 'lighthouse' }))
      console.log(`Saved ${path}`);
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
