/**
 * Mureka: write lyrics, make a song from lyrics and a style, wait for it, save it as MP3 and FLAC, then split a
 * track into stems.
 *
 *   npx tsx examples/mureka/song.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/mureka/song.ts --live     # live: needs MUREKA_API_KEY (each song and stem split is billed)
 *
 * Options: --out <folder> (default ./out), --model <id> (default auto), --stems-url <public mp3 URL>.
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import {
  createMurekaClient,
  downloadMurekaChoice,
  downloadMurekaFile,
  generateLyrics,
  generateSong,
  murekaJobRef,
  separateStems,
  waitForMurekaTask,
} from 'hello-dave/mureka';
import { missingKey, offlineServer } from '../shared/offline-server.js';

const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out' },
    model: { type: 'string', default: 'auto' },
    'stems-url': { type: 'string', default: 'https://example.com/track.mp3' },
  },
});

const LYRICS = '[Verse]\nIn the stormy night I wander alone\n[Chorus]\nCarry me home';

async function main(): Promise<number> {
  const live = values.live === true;
  if (missingKey(live, 'MUREKA_API_KEY')) return 1;
  const server = live
    ? undefined
    : await offlineServer('mureka', {
        'https://api.mureka.ai': [
          'lyrics-generate.1.json',
          'song-generate-one.1.json',
          'song-query-wait',
          'song-stem.1.json',
        ],
        'https://cdn.mureka.ai': ['download-mp3.1.json', 'download-flac.1.json', 'download-stems.1.json'],
      });
  try {
    const mureka = live ? createMurekaClient() : createMurekaClient({ apiKey: 'offline-example', env: {} });
    const written = await generateLyrics(mureka, { prompt: 'a birthday song for my daughter Jessica' });
    console.log(`Lyrics "${written.title ?? 'untitled'}":\n${written.lyrics}\n`);

    const task = await generateSong(mureka, {
      lyrics: LYRICS,
      model: values.model ?? 'auto',
      prompt: 'r&b, slow, passionate, male vocal',
      n: 1,
    });
    const job = murekaJobRef(task, 'song');
    console.log(`Song task ${job.id} started (${task.status}); waiting (30–60 s live)…`);
    const done = await waitForMurekaTask(mureka, job, {
      ...(live ? {} : { intervalMs: 10 }),
      onProgress: (progress) => console.log(`  ${progress.providerStatus}`),
    });
    for (const format of ['mp3', 'flac'] as const) {
      const saved = await downloadMurekaChoice(mureka, done, { to: `${values.out}/mureka-song.${format}`, format });
      console.log(`Saved ${saved.bytes} bytes to ${saved.path} (${(saved.choice.duration ?? 0) / 1000} s)`);
    }

    const stems = await separateStems(mureka, { url: values['stems-url'] ?? '', model: 'audio-separation-2' });
    const zip = await downloadMurekaFile(mureka, stems.zip_url, { to: `${values.out}/mureka-stems.zip` });
    console.log(`Stems: ${zip.bytes} bytes in ${zip.path}`);
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
