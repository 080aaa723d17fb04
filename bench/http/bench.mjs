/**
 * Bench 9a: per-request cost of our HTTP layer against raw fetch. N sequential small JSON GETs to a node:http
 * server in another process on 127.0.0.1; wall µs and CPU µs (process.cpuUsage) per request. Target: ≤ 1.10×.
 * Reference variants: `baseline-timeout` (raw fetch with a 60 s `AbortSignal.timeout`, the layer's default timeout:
 * what a cancellable request alone costs) and `ours-no-timeout` (`timeoutMs: Infinity`: no signal, like for like
 * with the baseline), `bare-ky` (the same GET through ky alone: our layer's own cost is ours / bare-ky, target
 * ≤ 1.10×) and `openai-sdk` (anchor: the official openai SDK 7.57.0, `client.videos.retrieve`; `npm ci --prefix bench`).
 */
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

export default {
  name: 'http',
  description: 'sequential small JSON GETs to 127.0.0.1: raw fetch vs createHttpClient().request()',
  variants: {
    baseline: 'baseline.mjs',
    'baseline-timeout': 'baseline-timeout.mjs',
    ours: 'ours.mjs',
    'ours-no-timeout': 'ours-no-timeout.mjs',
    'bare-ky': 'bare-ky.mjs',
    'openai-sdk': 'openai-sdk.mjs',
  },
  compare: [
    ['ours', 'baseline-timeout'],
    ['ours', 'bare-ky'],
  ],
  rounds: 11,
  async setup() {
    const { port, stop } = await startServer(fileURLToPath(new URL('./server.mjs', import.meta.url)), { args: ['0'] });
    return {
      env: { BENCH_HTTP_URL: `http://127.0.0.1:${port}` },
      teardown: stop,
    };
  },
};
