// Baseline: raw fetch, the body piped to a file stream with Node's pipeline.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { measure } from './common.mjs';

await measure('baseline', async (url, path) => {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(path));
});
