/**
 * Bench: 200 conversations at once (each: a user message, two tool calls in one turn, the answer), a warm-up round
 * and 3 measured rounds per process, against a fake Chat Completions model in another process on 127.0.0.1
 * (bench/lib/fake-chat.mjs). Baseline: the same conversations by hand with raw fetch. Ours: one Agent from dist/
 * running them with a run context and a file session each; `ours-memory` with in-memory sessions; `ours-mixed`
 * with every other run streamed. Metrics: wall ms per round of 200, peak RSS (MB) of the process. The load test
 * (test/integration/load.test.ts) runs the same workload for correctness and heap; this reports time and memory.
 */
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

export default {
  name: 'load',
  description: '200 concurrent agent runs with tools against a fake Chat Completions model: raw fetch vs Agent',
  variants: {
    baseline: 'baseline.mjs',
    ours: 'ours.mjs',
    'ours-memory': 'ours-memory.mjs',
    'ours-mixed': 'ours-mixed.mjs',
  },
  compare: [['ours', 'ours-memory']],
  async setup() {
    const { port, stop } = await startServer(fileURLToPath(new URL('./server.mjs', import.meta.url)));
    return { env: { BENCH_LOAD_ORIGIN: `http://127.0.0.1:${port}` }, teardown: stop };
  },
};
