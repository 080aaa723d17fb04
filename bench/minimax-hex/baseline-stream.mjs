// Plain, streamed: read the whole event stream, collect every chunk's hex, decode once, write the file.
import { writeFile } from 'node:fs/promises';
import { out, report, request, url } from './common.mjs';

const started = performance.now();
const response = await fetch(url, {
  method: 'POST',
  headers: { authorization: 'Bearer sk-api-bench', 'content-type': 'application/json' },
  body: JSON.stringify({ ...request, stream: true }),
});
const parts = [];
for (const block of (await response.text()).split('\n\n')) {
  if (!block.startsWith('data: ')) continue;
  const event = JSON.parse(block.slice(6));
  if (event.data?.audio) parts.push(Buffer.from(event.data.audio, 'hex'));
}
const audio = Buffer.concat(parts);
await writeFile(out('baseline-stream'), audio);
report(started, audio.length);
