/** Baseline: the hand-written Responses tool loop (raw-loop.mjs) over raw fetch. */
import { baseUrl, measure } from './measure.mjs';
import { rawLoop } from './raw-loop.mjs';

const url = `${baseUrl()}/responses`;
const headers = { authorization: 'Bearer bench', 'content-type': 'application/json' };

async function post(body) {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return response.json();
}

await measure(() => rawLoop(post));
