/**
 * ElevenLabs music: plan a song, compose it from a prompt, stream another as it is made, and get the detailed
 * variant (title, genres, word timings).
 *
 *   npx tsx examples/elevenlabs/music.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/elevenlabs/music.ts --live     # live: needs ELEVENLABS_API_KEY (a paid plan; each song is billed)
 *
 * Options: --out <folder> (default ./out).
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import {
  composeMusic,
  composeMusicDetailed,
  createCompositionPlan,
  createElevenLabsClient,
  ElevenLabsMusicRejectedError,
  streamMusic,
} from 'hello-dave/elevenlabs';
import { missingKey, offlineServer } from '../shared/offline-server.js';

const { values } = parseArgs({
  options: { live: { type: 'boolean', default: false }, out: { type: 'string', default: './out' } },
});

const SONG = {
  prompt: 'Upbeat indie pop with jangly guitars and a catchy female vocal about summer road trips',
  music_length_ms: 30000,
  model_id: 'music_v1',
  output_format: 'mp3_44100_128',
} as const;

async function main(): Promise<number> {
  const live = values.live === true;
  if (missingKey(live, 'ELEVENLABS_API_KEY')) return 1;
  const server = live
    ? undefined
    : await offlineServer('elevenlabs', {
        'https://api.elevenlabs.io': ['plan.1.json', 'compose.1.json', 'stream.1.json', 'detailed.1.json'],
      });
  try {
    const eleven = live
      ? createElevenLabsClient({ timeoutMs: 300_000 })
      : createElevenLabsClient({ apiKey: 'offline-example', env: {} });
    const plan = await createCompositionPlan(eleven, {
      prompt: 'Cinematic orchestral build for a game trailer',
      music_length_ms: 60000,
      model_id: 'music_v1',
    });
    if ('sections' in plan)
      console.log(`Plan: ${plan.sections.map((s) => `${s.section_name} ${s.duration_ms / 1000}s`).join(', ')}`);

    const song = await composeMusic(eleven, SONG);
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(values.out ?? './out', { recursive: true });
    await writeFile(`${values.out}/elevenlabs-song.mp3`, song.audio);
    console.log(`Composed ${song.audio.length} bytes (${song.mimeType}, song id ${song.songId ?? 'none'})`);

    const stream = await streamMusic(eleven, SONG);
    let received = 0;
    const { createWriteStream } = await import('node:fs');
    const file = createWriteStream(`${values.out}/elevenlabs-streamed.mp3`);
    for await (const chunk of stream) {
      received += chunk.length;
      file.write(chunk);
      console.log(`  +${chunk.length} bytes (${received} so far)`);
    }
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );

    const detailed = await composeMusicDetailed(eleven, { ...SONG, with_timestamps: true });
    await writeFile(`${values.out}/elevenlabs-detailed.mp3`, detailed.audio);
    console.log(
      `Detailed: "${detailed.songMetadata?.title}" (${detailed.songMetadata?.genres?.join(', ')}), ${detailed.wordsTimestamps?.length ?? 0} timed words`,
    );
    return 0;
  } catch (error) {
    if (ElevenLabsMusicRejectedError.isInstance(error)) {
      console.error(`${error.message}\nSuggested prompt: ${error.promptSuggestion ?? '(none)'}`);
      return 1;
    }
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
