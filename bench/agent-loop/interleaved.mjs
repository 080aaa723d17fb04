#!/usr/bin/env node
/**
 * Attribution aid, not the benchmark: loads every variant into ONE process and alternates them in short blocks, so
 * machine noise hits all alike and differences of a few µs per step show. Run with the fake server's URL:
 *   BENCH_RESPONSES_URL=http://127.0.0.1:<port>/v1 node interleaved.mjs [rounds]
 * (`node server.mjs 0` prints the port). The real figures come from `npm run bench agent-loop` (fresh processes).
 */
import { STEPS } from './measure.mjs';

const names = ['baseline', 'http-only', 'model-only', 'ours'];
const runners = {};
for (const name of names) {
  await new Promise((resolve, reject) => {
    globalThis.__benchCollect = (runOnce) => {
      runners[name] = runOnce;
      resolve();
    };
    import(`./${name}.mjs`).catch(reject);
  });
}
globalThis.__benchCollect = undefined;

const rounds = Number(process.argv[2] ?? 15);
const block = 6;
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (const name of names) for (let index = 0; index < 10; index += 1) await runners[name]();
for (let round = 0; round < rounds; round += 1) {
  for (const name of round % 2 ? [...names].reverse() : names) {
    const start = process.cpuUsage();
    for (let index = 0; index < block; index += 1) await runners[name]();
    const used = process.cpuUsage(start);
    samples[name].push((used.user + used.system) / (block * STEPS));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const base = median(samples.baseline);
for (const name of names) {
  const value = median(samples[name]);
  console.log(`${name.padEnd(11)} ${value.toFixed(1).padStart(7)} µs CPU/step  ${(value / base).toFixed(3)}×`);
}
