#!/usr/bin/env node
/**
 * Benchmark harness: `npm run bench [name...]` (no names: every benchmark).
 *
 * A benchmark is a folder `bench/<name>/` with a `bench.mjs` whose default export is
 * `{ name, description, variants: { baseline: 'baseline.mjs', ours: 'ours.mjs', ...more }, rounds?, nodeArgs?,
 *    timeoutMs?, compare?: [[variant, reference], ...], setup?: async () => ({ env?, teardown? }) }`.
 * - A variant is a script, or `[script, ...args]` to run one script with arguments.
 * - `setup` runs once in this process (e.g. starts a server in another process) and may hand environment variables
 *   to every variant; `teardown` runs at the end, also after a failure.
 * - Every variant runs in a FRESH `node` process per round (cwd = the benchmark's folder, env = this process's env
 *   plus the setup's), and prints one JSON line `{"metrics": {"name": number, ...}}` on stdout (other lines are
 *   ignored). At least 5 rounds; the order alternates per round (baseline, ours, …; then …, ours, baseline) so
 *   drift (thermal, caches, a noisy neighbour) hits both sides alike.
 * - Reported per metric and variant: the median and the 95th percentile (nearest rank; with 5 rounds that is the
 *   worst round), and for every variant but the baseline the ratio of its median to the baseline's median, plus
 *   the paired ratio (median over rounds of that round's variant / baseline figures); each `compare` pair gets the
 *   same two ratios against its reference variant.
 *   The table goes to stdout, the samples and the summary to `bench/.out/<name>.json`.
 * Environment: BENCH_ROUNDS (rounds), BENCH_VARIANTS (a comma-separated subset of the variants; the baseline always
 * runs), BENCH_NO_BUILD=1 (use the existing dist/).
 * Benchmarks print figures only; they are never part of `npm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const outDir = path.join(benchDir, '.out');
const MIN_ROUNDS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function format(value) {
  if (value === undefined || Number.isNaN(value)) return '-';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

async function discover(names) {
  const found = [];
  for (const item of await readdir(benchDir, { withFileTypes: true })) {
    if (!item.isDirectory() || item.name.startsWith('.') || item.name === 'node_modules') continue;
    const file = path.join(benchDir, item.name, 'bench.mjs');
    if (existsSync(file)) found.push({ folder: item.name, dir: path.join(benchDir, item.name), file });
  }
  found.sort((a, b) => a.folder.localeCompare(b.folder));
  if (names.length === 0) return found;
  const unknown = names.filter((name) => !found.some((bench) => bench.folder === name));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${found.map((b) => b.folder).join(', ')}`);
  }
  return found.filter((bench) => names.includes(bench.folder));
}

/** Builds dist/ first, so a benchmark never measures a stale build (BENCH_NO_BUILD=1 skips it when dist/ exists). */
function ensureBuilt() {
  if (process.env.BENCH_NO_BUILD === '1' && existsSync(path.join(root, 'dist', 'index.js'))) return;
  console.log('building dist/ with tsup first');
  const result = spawnSync('npx', ['tsup'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error('the build failed; run `npm run build` to see why');
}

/** Runs one variant in a fresh node process and returns its metrics. */
function runVariant(bench, definition, variant, file, env) {
  return new Promise((resolve, reject) => {
    const command = Array.isArray(file) ? file : [file];
    const child = spawn(process.execPath, [...(definition.nodeArgs ?? []), ...command], {
      cwd: bench.dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), definition.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(
          new Error(
            `${bench.folder}/${variant} (${command.join(' ')}) exited with ${signal ?? code}:\n${stderr.trim()}`,
          ),
        );
        return;
      }
      for (const line of stdout.trim().split('\n').reverse()) {
        try {
          const parsed = JSON.parse(line);
          if (parsed && typeof parsed.metrics === 'object') {
            resolve(parsed.metrics);
            return;
          }
        } catch {
          // not the result line
        }
      }
      reject(
        new Error(`${bench.folder}/${variant} printed no {"metrics": …} line:\n${stdout.trim()}\n${stderr.trim()}`),
      );
    });
  });
}

async function runBench(bench) {
  const definition = (await import(pathToFileURL(bench.file).href)).default;
  if (!definition.variants?.baseline) throw new Error(`${bench.folder}: variants.baseline is required`);
  // BENCH_VARIANTS=ours,baseline-timeout runs only those (the baseline always runs): more rounds in the same time.
  const only = process.env.BENCH_VARIANTS?.split(',').map((key) => key.trim());
  const unknown = only?.filter((key) => !(key in definition.variants)) ?? [];
  if (unknown.length > 0) throw new Error(`${bench.folder}: no variant ${unknown.join(', ')}`);
  const variants = Object.entries(definition.variants).filter(
    ([key]) => !only || key === 'baseline' || only.includes(key),
  );
  const rounds = Math.max(MIN_ROUNDS, Number(process.env.BENCH_ROUNDS) || definition.rounds || MIN_ROUNDS);
  const name = definition.name ?? bench.folder;
  // baseline first, the rest in declaration order; odd rounds run the reverse order.
  const order = [variants.find(([key]) => key === 'baseline'), ...variants.filter(([key]) => key !== 'baseline')];

  console.log(`\n## ${name}: ${definition.description ?? ''}`);
  console.log(`   ${rounds} rounds, ${order.length} variants, each in a fresh node ${process.version} process`);
  /** @type {Record<string, Record<string, number[]>>} variant → metric → samples */
  const samples = Object.fromEntries(order.map(([key]) => [key, {}]));
  const prepared = definition.setup ? await definition.setup() : {};
  try {
    for (let round = 0; round < rounds; round += 1) {
      const sequence = round % 2 === 0 ? order : [...order].reverse();
      const line = [];
      for (const [variant, file] of sequence) {
        const metrics = await runVariant(bench, definition, variant, file, prepared?.env ?? {});
        for (const [metric, value] of Object.entries(metrics)) {
          if (typeof value !== 'number') continue;
          samples[variant][metric] ??= [];
          samples[variant][metric].push(value);
        }
        line.push(
          `${variant} ${Object.entries(metrics)
            .map(([metric, value]) => `${metric}=${format(value)}`)
            .join(' ')}`,
        );
      }
      console.log(`   round ${round + 1}/${rounds}: ${line.join(' | ')}`);
    }
  } finally {
    await prepared?.teardown?.();
  }

  const metricNames = [...new Set(Object.values(samples).flatMap((byMetric) => Object.keys(byMetric)))];
  const summary = {};
  for (const metric of metricNames) {
    summary[metric] = {};
    const baseMedian = samples.baseline[metric] ? median(samples.baseline[metric]) : undefined;
    for (const [variant] of order) {
      const values = samples[variant][metric];
      if (!values) continue;
      const entry = { median: median(values), p95: percentile(values, 95), n: values.length };
      if (variant !== 'baseline' && baseMedian) {
        entry.ratioToBaseline = entry.median / baseMedian;
        // Each round's ratio to the baseline run next to it, then their median: drift of the machine over the
        // minutes a benchmark takes cancels out within a round.
        const base = samples.baseline[metric];
        if (base?.length === values.length)
          entry.pairedRatio = median(values.map((value, index) => value / base[index]));
      }
      summary[metric][variant] = entry;
    }
  }
  printTable(
    summary,
    order.map(([key]) => key),
  );
  // Extra pairs a benchmark asks for (`compare: [['ours', 'baseline-timeout']]`): the same two ratios against
  // another reference variant.
  const comparisons = {};
  for (const [variant, reference] of definition.compare ?? []) {
    for (const metric of metricNames) {
      const values = samples[variant]?.[metric];
      const base = samples[reference]?.[metric];
      if (!values || !base) continue;
      const ratio = median(values) / median(base);
      const paired = median(values.map((value, index) => value / base[index]));
      const key = `${variant}/${reference}`;
      comparisons[key] ??= {};
      comparisons[key][metric] = { ratio, pairedRatio: paired };
      console.log(`   ${metric} ${variant}/${reference}: ${ratio.toFixed(3)}x (paired ${paired.toFixed(3)}x)`);
    }
  }

  await mkdir(outDir, { recursive: true });
  const report = {
    name,
    description: definition.description,
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: os.cpus()[0]?.model,
    rounds,
    variants: Object.fromEntries(order),
    summary,
    comparisons,
    samples,
  };
  const outFile = path.join(outDir, `${bench.folder}.json`);
  await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`   written: ${path.relative(root, outFile)}`);
}

function printTable(summary, variants) {
  const header = [
    'metric',
    ...variants.flatMap((v) => [`${v} median`, `${v} p95`]),
    ...variants.slice(1).map((v) => `${v}/baseline`),
  ];
  const rows = Object.entries(summary).map(([metric, byVariant]) => [
    metric,
    ...variants.flatMap((v) => [format(byVariant[v]?.median), format(byVariant[v]?.p95)]),
    ...variants.slice(1).map((v) => {
      const ratio = byVariant[v]?.ratioToBaseline;
      const paired = byVariant[v]?.pairedRatio;
      if (ratio === undefined) return '-';
      return paired === undefined ? `${ratio.toFixed(3)}x` : `${ratio.toFixed(3)}x (paired ${paired.toFixed(3)}x)`;
    }),
  ]);
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => row[index].length)));
  const render = (row) =>
    `   ${row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ')}`;
  console.log(render(header));
  console.log(`   ${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(render(row));
}

async function main() {
  const names = process.argv.slice(2);
  const benches = await discover(names);
  if (benches.length === 0) {
    console.log('no benchmarks found (bench/<name>/bench.mjs)');
    return;
  }
  ensureBuilt();
  let failed = 0;
  for (const bench of benches) {
    try {
      await runBench(bench);
    } catch (error) {
      failed += 1;
      console.error(`\n${bench.folder}: FAILED\n${error instanceof Error ? error.message : error}`);
    }
  }
  console.log(`\n${benches.length - failed} benchmark(s) ran, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();
