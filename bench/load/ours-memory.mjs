/** `ours` with in-memory sessions. */
process.env.BENCH_LOAD_SESSIONS = 'memory';
await import('./ours.mjs');
