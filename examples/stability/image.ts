/**
 * Stability image: a picture from a prompt (SD 3.5 Large), saved to a file with its seed and finish reason.
 *
 *   npx tsx examples/stability/image.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/stability/image.ts --live     # live: needs STABILITY_API_KEY (6.5 credits)
 *
 * Options: --out <folder> (default ./out), --prompt <text> (live only).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { generateSd3, saveStabilityMedia } from 'hello-dave/stability';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'a lighthouse on a cliff at golden hour';
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
  const server = live ? undefined : await offlineServer(['generate-sd3-bytes']);
  try {
    const image = await generateSd3(exampleClient(live), {
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      model: 'sd3.5-large',
      output_format: 'png',
    });
    if (image.finishReason === 'CONTENT_FILTERED') console.log('Moderation blurred the picture (still charged).');
    const saved = await saveStabilityMedia(image, join(values.out ?? './out', 'lighthouse.png'));
    console.log(`Saved ${saved.path} (${saved.bytes} bytes, seed ${image.seed}, request ${image.requestId})`);
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
