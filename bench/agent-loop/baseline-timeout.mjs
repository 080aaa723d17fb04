/**
 * Reference variant: the baseline's raw-fetch loop with what any production loop adds, a request timeout
 * (`AbortSignal.timeout(60 s)` on every fetch, the library's default). It shows what cancellable requests
 * alone cost on this runtime, before any SDK work.
 */
import { baseUrl, measure } from './measure.mjs';
import { rawFetchPost, rawLoop } from './raw-loop.mjs';

const post = rawFetchPost(`${baseUrl()}/responses`, { timeoutMs: 60_000 });

await measure(() => rawLoop(post));
