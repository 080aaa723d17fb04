/**
 * Reference variant: the baseline's raw-fetch loop with what any production loop adds, a request timeout
 * (`AbortSignal.timeout(60 s)` on every fetch, the library's default). It shows what cancellable requests
 * alone cost on this runtime, before any SDK work.
 */
import { baseUrl, measure } from './measure.mjs';
import { rawLoop } from './raw-loop.mjs';

const url = `${baseUrl()}/responses`;
const headers = { authorization: 'Bearer bench', 'content-type': 'application/json' };

async function post(body) {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return response.json();
}

await measure(() => rawLoop(post));
