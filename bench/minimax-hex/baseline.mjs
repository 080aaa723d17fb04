// Plain: read the whole JSON answer, parse it, decode the hex with Buffer.from, write the file.
import { writeFile } from 'node:fs/promises';
import { out, report, request, url } from './common.mjs';

const started = performance.now();
const response = await fetch(url, {
  method: 'POST',
  headers: { authorization: 'Bearer sk-api-bench', 'content-type': 'application/json' },
  body: JSON.stringify(request),
});
const answer = JSON.parse(await response.text());
if (answer.base_resp.status_code !== 0) throw new Error(answer.base_resp.status_msg);
const audio = Buffer.from(answer.data.audio, 'hex');
await writeFile(out('baseline'), audio);
report(started, audio.length);
