/**
 * xAI image: two Grok Imagine pictures from a prompt, saved to a folder.
 *
 *   npx tsx examples/xai/image.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/xai/image.ts --live     # live: needs XAI_API_KEY
 *
 * Options: --out <folder> (default ./out), --prompt <text> (live only).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { generateImages, saveXAIImage } from 'hello-dave/xai';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'A red fox in a snowy forest, watercolor';
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
        'https://api.x.ai': ['images-generations-url'],
        'https://imgen.x.ai': ['images-download'],
      });
  try {
    const client = exampleClient(live);
    const made = await generateImages(client, {
      model: 'grok-imagine-image',
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      n: 2,
      response_format: 'url',
      aspect_ratio: '16:9',
    });
    if (made.deferred) return 1;
    const cost = made.response.usage?.cost_in_usd_ticks;
    if (cost !== undefined) console.log(`Cost: $${(cost / 1e10).toFixed(4)}`);
    for (const [index, image] of made.response.data.entries()) {
      const saved = await saveXAIImage(image, join(values.out ?? './out', `fox-${index}.jpeg`), {
        fetch: client.options.fetch,
      });
      console.log(`Saved ${saved.path} (${saved.bytes} bytes, ${saved.mimeType})`);
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
