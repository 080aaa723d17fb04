// Shared by the variants: the target, a timed run, the one JSON line of metrics.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const VIDEO_ID = 'video_68e1c2a9f0d48190a1b2c3d4e5f60718';

/** Runs `task(baseUrl, path)`, checks the file size, removes it, prints {"metrics": {maxRssMB, throughputMBps, cpuMs}}. */
export async function measure(variant, task) {
  const baseUrl = process.env.SORA_BENCH_BASE_URL;
  const bytes = Number(process.env.BENCH_DOWNLOAD_BYTES);
  const folder = process.env.BENCH_DOWNLOAD_DIR;
  if (!baseUrl || !bytes || !folder) throw new Error('run through bench/run.mjs (SORA_BENCH_* not set)');
  const path = join(folder, `${variant}-${process.pid}.mp4`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await task(baseUrl, path);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const size = (await stat(path)).size;
  await rm(path, { force: true });
  if (size !== bytes) throw new Error(`${variant}: wrote ${size} bytes, expected ${bytes}`);
  const round = (value) => Math.round(value * 10) / 10;
  const metrics = {
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
    throughputMBps: round(bytes / 1024 / 1024 / seconds),
    cpuMs: round((cpu.user + cpu.system) / 1000),
  };
  process.stdout.write(`${JSON.stringify({ metrics })}\n`);
}
