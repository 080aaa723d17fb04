/**
 * Bench: a 50-step tool loop (49 function calls, then a final message) against a fake Responses server in another
 * process on 127.0.0.1. Baseline: a hand-written raw-fetch loop sending the same requests (previous_response_id +
 * only the function_call_output). Ours: `new Agent({ model: openai(…), tools: [echo] }).run(…)` from dist/.
 * Metrics: wall ms per 50-step run, CPU µs per step (this process only). Target: ours ≤ 1.15× baseline.
 * Reference and attribution variants: `baseline-timeout` (the raw loop with a 60 s `AbortSignal.timeout` on every
 * fetch: what cancellable requests alone cost, before any SDK work), `ours-no-timeout` (ours with `timeoutMs:
 * Infinity`, so no fetch carries a signal: like for like with the baseline), `http-only` (the raw loop's bodies through our
 * HTTP layer) and `model-only` (`openai().generate()` driven by hand, no Agent); `bare-ky` (the raw loop's bodies
 * through ky alone). Anchors (`npm ci --prefix bench`): `openai-sdk` (the raw loop through the official openai SDK
 * 7.57.0), `ai-sdk` (`generateText` of ai 7.0.173 + @ai-sdk/openai 4.0.118) and `openai-agents` (@openai/agents
 * 0.20.0); the last two send the whole history each step, as they do by default.
 */
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

export default {
  name: 'agent-loop',
  description: '50-step tool loop against a fake Responses server: raw fetch loop vs Agent + openai() from dist/',
  variants: {
    baseline: 'baseline.mjs',
    'baseline-timeout': 'baseline-timeout.mjs',
    ours: 'ours.mjs',
    'ours-no-timeout': 'ours-no-timeout.mjs',
    'http-only': 'http-only.mjs',
    'model-only': 'model-only.mjs',
    'bare-ky': 'bare-ky.mjs',
    'openai-sdk': 'openai-sdk.mjs',
    'ai-sdk': 'ai-sdk.mjs',
    'openai-agents': 'openai-agents.mjs',
  },
  // Also against the raw loop that carries a request timeout (the SDK's own share, with cancellation priced in) and
  // against the same loop through ky alone (what our layer adds on top of ky).
  compare: [
    ['ours', 'baseline-timeout'],
    ['ours', 'bare-ky'],
    ['http-only', 'bare-ky'],
  ],
  // 13 rounds: one process can differ from the next by ±10% on a shared VM; the medians need the samples.
  rounds: 13,
  async setup() {
    const { port, stop } = await startServer(fileURLToPath(new URL('./server.mjs', import.meta.url)), { args: ['0'] });
    return {
      env: { BENCH_RESPONSES_URL: `http://127.0.0.1:${port}/v1` },
      teardown: stop,
    };
  },
};
