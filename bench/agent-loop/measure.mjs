/**
 * Shared by both variants: warm-up runs, then measured runs of the whole 50-step loop; prints the metrics line.
 * `runOnce` resolves to the final answer text.
 */
export const STEPS = 50;
// 100 runs (5,000 steps) per process: enough to measure steady state, not JIT warm-up (20 runs swung ±20%).
export const RUNS = Number(process.env.BENCH_AGENT_RUNS ?? 100);
export const WARMUP = Number(process.env.BENCH_AGENT_WARMUP ?? 5);

/** Base URL of the fake server (set by bench.mjs's setup), ending in `/v1`. */
export function baseUrl() {
  const url = process.env.BENCH_RESPONSES_URL;
  if (!url) throw new Error('BENCH_RESPONSES_URL is not set: run through `npm run bench agent-loop`');
  return url;
}

export async function measure(runOnce) {
  for (let index = 0; index < WARMUP; index += 1) await runOnce();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let last;
  for (let index = 0; index < RUNS; index += 1) last = await runOnce();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  if (last !== `done after ${STEPS} steps`) throw new Error(`unexpected final answer ${JSON.stringify(last)}`);
  console.log(
    JSON.stringify({
      metrics: { wallMsTotal: wallMs / RUNS, cpuUsPerStep: (cpu.user + cpu.system) / (RUNS * STEPS) },
    }),
  );
}
