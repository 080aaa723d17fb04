/**
 * Stable Audio: 30 seconds of music from a prompt (Stable Audio 2.5), saved as MP3.
 *
 *   npx tsx examples/stability/audio.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/stability/audio.ts --live     # live: needs STABILITY_API_KEY (20 credits)
 *
 * Options: --out <folder> (default ./out), --prompt <text> (live only).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { saveStabilityMedia, textToAudio } from 'hello-dave/stability';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const FIXTURE_PROMPT = 'warm lo-fi beat with vinyl crackle, 80 BPM';
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
  const server = live ? undefined : await offlineServer(['audio-text-to-audio']);
  try {
    const audio = await textToAudio(exampleClient(live), {
      prompt: live ? (values.prompt ?? FIXTURE_PROMPT) : FIXTURE_PROMPT,
      model: 'stable-audio-2.5',
      duration: 30,
      output_format: 'mp3',
    });
    const saved = await saveStabilityMedia(audio, join(values.out ?? './out', 'beat.mp3'));
    console.log(`Saved ${saved.path} (${saved.bytes} bytes, ${audio.mimeType}, seed ${audio.seed})`);
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
