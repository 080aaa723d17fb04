/** Baseline: the hand-written Responses tool loop (raw-loop.mjs) over raw fetch. */
import { baseUrl, measure } from './measure.mjs';
import { rawFetchPost, rawLoop } from './raw-loop.mjs';

const post = rawFetchPost(`${baseUrl()}/responses`);

await measure(() => rawLoop(post));
