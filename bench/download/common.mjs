// Shared by the variant scripts: read the environment, time a run, print the one JSON line of metrics.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The download to run: URL, expected size, and a fresh target path. */
export function target(variant) {
  const url = process.env.BENCH_DOWNLOAD_URL;
  const bytes = Number(process.env.BENCH_DOWNLOAD_BYTES);
  const folder = process.env.BENCH_DOWNLOAD_DIR;
  if (!url || !bytes || !folder) throw new Error('run through bench/run.mjs (BENCH_DOWNLOAD_* not set)');
  return { url, bytes, path: join(folder, `${variant}-${process.pid}.bin`) };
}

/** Runs `task`, checks the file size, removes the file, prints {"metrics": {maxRssMB, throughputMBps, cpuMs}}. */
export async function measure(variant, task) {
  const { url, bytes, path } = target(variant);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await task(url, path);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const size = (await stat(path)).size;
  await rm(path, { force: true });
  if (size !== bytes) throw new Error(`${variant}: wrote ${size} bytes, expected ${bytes}`);
  const metrics = {
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
    throughputMBps: round(bytes / 1024 / 1024 / seconds),
    // CPU time (user + system) of the download: steadier than throughput on a busy machine.
    cpuMs: round((cpu.user + cpu.system) / 1000),
  };
  process.stdout.write(`${JSON.stringify({ metrics })}\n`);
}

function round(value) {
  return Math.round(value * 10) / 10;
}
