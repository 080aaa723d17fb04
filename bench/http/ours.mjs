/** Ours: the same request through hello-dave's HTTP layer (retries, timeouts, classification, request ids). */
import { createHttpClient } from '../../dist/http/index.js';
import { baseUrl, measure } from './measure.mjs';

const client = createHttpClient(
  { provider: 'bench', baseUrl: `${baseUrl()}/v1`, auth: { type: 'none' }, keyRequired: false },
  {},
);
await measure(async () => (await client.request({ method: 'GET', path: 'videos/video_123' })).data);
