// Baseline: raw fetch of the same URL with the bearer token, the body piped to a file stream.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { measure, VIDEO_ID } from './measure.mjs';

await measure('baseline', async (baseUrl, path) => {
  const response = await fetch(`${baseUrl}/videos/${VIDEO_ID}/content?variant=video`, {
    headers: { authorization: 'Bearer sk-bench-0123456789', accept: 'application/binary' },
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(path));
});
