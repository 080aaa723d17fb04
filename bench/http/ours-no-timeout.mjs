/**
 * Reference variant: ours with the request timeout turned off (`timeoutMs: Infinity`), so no fetch carries an
 * AbortSignal: like for like with the raw-fetch baseline.
 */
import { createHttpClient } from '../../dist/http/index.js';
import { baseUrl, measure } from './measure.mjs';

const client = createHttpClient(
  { provider: 'bench', baseUrl: `${baseUrl()}/v1`, auth: { type: 'none' }, keyRequired: false },
  { timeoutMs: Number.POSITIVE_INFINITY },
);
await measure(async () => (await client.request({ method: 'GET', path: 'videos/video_123' })).data);
