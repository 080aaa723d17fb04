/**
 * Attribution variant: the baseline's hand-built loop (raw-loop.mjs) sent through `createOpenAIClient().request()`
 * instead of raw fetch, so the figures show the HTTP layer's share.
 */
import { createOpenAIClient } from '../../dist/providers/openai/index.js';
import { baseUrl, measure } from './measure.mjs';
import { rawLoop } from './raw-loop.mjs';

const client = createOpenAIClient({ apiKey: 'bench', baseUrl: baseUrl() });

const post = async (body) =>
  (await client.request({ method: 'POST', path: 'responses', json: body, retry: 'safe' })).data;

await measure(() => rawLoop(post));
