/**
 * LALAL.AI (API v1): upload a song, split out the vocals, check until done, save the vocals and the instrumental.
 *
 *   npx tsx examples/lalal/stems.ts                         # offline: replays the documented fixtures
 *   npx tsx examples/lalal/stems.ts --live --file song.mp3  # live: needs LALAL_API_KEY (billed in minutes)
 *
 * Options: --out <folder> (default ./out), --file <audio> (default: the tiny test MP3), --stem <stem> (default vocals).
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import {
  createLalalClient,
  downloadLalalTrack,
  type LALAL_STEMS,
  splitStem,
  uploadLalalFile,
  waitForLalalTask,
} from 'hello-dave/lalal';
import { missingKey, offlineServer } from '../shared/offline-server.js';

const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out' },
    file: { type: 'string', default: new URL('../../test/fixtures/lalal/source.mp3', import.meta.url).pathname },
    stem: { type: 'string', default: 'vocals' },
  },
});

async function main(): Promise<number> {
  const live = values.live === true;
  if (missingKey(live, 'LALAL_API_KEY')) return 1;
  const stem = values.stem as (typeof LALAL_STEMS)[number];
  const server = live
    ? undefined
    : await offlineServer('lalal', {
        'https://www.lalal.ai': ['upload.1.json', 'split-stem.1.json', 'check-wait'],
        'https://d.lalal.ai': ['download-vocals.1.json', 'download-no-vocals.1.json'],
      });
  try {
    const lalal = live ? createLalalClient() : createLalalClient({ apiKey: 'offline-example', env: {} });
    // Offline, the upload fixture expects the documented name song.mp3.
    const source = await uploadLalalFile(lalal, {
      file: { path: values.file ?? '' },
      ...(live ? {} : { filename: 'song.mp3' }),
    });
    console.log(`Uploaded ${source.name ?? 'file'}: ${source.duration ?? '?'} s (source ${source.id})`);
    const task = await splitStem(lalal, {
      source_id: source.id,
      presets: { stem, splitter: 'perseus', extraction_level: 'deep_extraction', encoder_format: 'wav' },
      // Offline, the documented key; live, leave it out and a fresh UUID is sent (store it to retry safely).
      ...(live ? {} : { idempotency_key: '0b7d6f0e-3c1a-4f55-9a9e-2f8f2b6c1d11' }),
    });
    console.log(`Split ${task.task_id} started (idempotency key ${task.idempotency_key}); checking…`);
    const done = await waitForLalalTask(lalal, task.task_id, {
      ...(live ? {} : { intervalMs: 10 }),
      onProgress: (p) => console.log(`  ${p.percent ?? 0}%`),
    });
    for (const track of ['stem', 'back'] as const) {
      const saved = await downloadLalalTrack(lalal, done, { track, to: `${values.out}/lalal-${track}.wav` });
      console.log(`Saved ${saved.track.label}: ${saved.bytes} bytes to ${saved.path}`);
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
