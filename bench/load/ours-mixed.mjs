/** `ours` with every other run streamed. */
process.env.BENCH_LOAD_STREAM = '1';
await import('./ours.mjs');
