/**
 * Shared by both variants of the HTTP benchmark, so they differ only in how one request is made:
 * a warm-up, then N sequential requests timed by wall clock and by this process's CPU time.
 */
export const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 2000);
export const WARMUP = Number(process.env.BENCH_HTTP_WARMUP ?? 200);

/** Base URL of the benchmark server (set by bench.mjs's setup). */
export function baseUrl() {
  const url = process.env.BENCH_HTTP_URL;
  if (!url) throw new Error('BENCH_HTTP_URL is not set: run through `npm run bench http`');
  return url;
}

/** Runs `call` WARMUP times, then REQUESTS times, and prints the metrics line. `call` returns the parsed body. */
export async function measure(call) {
  for (let index = 0; index < WARMUP; index += 1) await call();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let last;
  for (let index = 0; index < REQUESTS; index += 1) last = await call();
  const wallUs = (performance.now() - wallStart) * 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (last?.status !== 'completed') throw new Error(`unexpected body ${JSON.stringify(last)}`);
  console.log(
    JSON.stringify({ metrics: { wallUsPerReq: wallUs / REQUESTS, cpuUsPerReq: (cpu.user + cpu.system) / REQUESTS } }),
  );
}
