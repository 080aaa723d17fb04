// Like for like with ours: raw fetch piped to a file, then fsync (ours flushes before its rename), in a process that
// has loaded the same module graph as the `ours` variant (the bundled OpenAI client and Sora download function).
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { measure, VIDEO_ID } from './measure.mjs';

const loaded = await import(pathToFileURL(process.env.SORA_BENCH_MODULE).href);
if (typeof loaded.downloadVideoContent !== 'function') throw new Error('the bundled module did not load');

await measure('baseline-loaded', async (baseUrl, path) => {
  const response = await fetch(`${baseUrl}/videos/${VIDEO_ID}/content?variant=video`, {
    headers: { authorization: 'Bearer sk-bench-0123456789', accept: 'application/binary' },
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(path));
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
});
