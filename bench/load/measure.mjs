/**
 * Shared by the load variants: a warm-up round, then ROUNDS rounds of RUNS concurrent conversations; prints the
 * metrics line. `round(index)` runs one round and resolves its problems (an empty list when every run got its own
 * answer).
 */
export const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 200);
export const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);

/** Base URL of the fake model (set by bench.mjs's setup), e.g. `http://127.0.0.1:1234`. */
export function origin() {
  const url = process.env.BENCH_LOAD_ORIGIN;
  if (!url) throw new Error('BENCH_LOAD_ORIGIN is not set: run through `npm run bench load`');
  return url;
}

export async function measure(round) {
  const check = (problems) => {
    if (problems.length) throw new Error(`${problems.length} runs went wrong, first: ${problems[0]}`);
  };
  check(await round(0));
  const wallStart = performance.now();
  for (let index = 1; index <= ROUNDS; index += 1) check(await round(index));
  const wallMs = (performance.now() - wallStart) / ROUNDS;
  console.log(
    JSON.stringify({
      metrics: { wallMsPerRound: wallMs, peakRssMB: process.resourceUsage().maxRSS / 1024 },
    }),
  );
}
