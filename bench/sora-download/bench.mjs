// Benchmark 8b: a 512 MiB Sora video download to a file. Peak RSS and throughput of hello-dave's
// `downloadVideoContent` (client.raw + saveResponse: streamed, temp file + rename) against raw fetch piped to a
// file, each in a fresh process, from a server in another process on 127.0.0.1 that mimics
// GET /v1/videos/{video_id}/content. Ours is bundled from src/ with esbuild in setup (the same code tsup ships).
// BENCH_DOWNLOAD_MB (default 512) shrinks the body for quick runs; BENCH_DOWNLOAD_TMP picks the target folder.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

export default {
  name: 'sora-download',
  description:
    'downloadVideoContent of a 512 MiB video (BENCH_DOWNLOAD_MB) to a file vs raw fetch: peak RSS, throughput',
  variants: { baseline: 'baseline.mjs', ours: 'ours.mjs' },
  rounds: 5,
  async setup() {
    const megabytes = Number(process.env.BENCH_DOWNLOAD_MB ?? 512);
    const bytes = Math.round(megabytes * 1024 * 1024);
    const folder = await mkdtemp(join(process.env.BENCH_DOWNLOAD_TMP ?? tmpdir(), 'hello-dave-bench-sora-'));
    const module = join(folder, 'sora.mjs');
    await build({
      entryPoints: [join(here, 'entry.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: module,
      logLevel: 'silent',
    });
    const server = spawn(process.execPath, [join(here, 'server.mjs')], {
      env: { ...process.env, BENCH_DOWNLOAD_BYTES: String(bytes) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise((resolve, reject) => {
      let buffered = '';
      server.once('error', reject);
      server.once('exit', (code) => reject(new Error(`sora download server exited early (code ${code})`)));
      server.stdout.on('data', (data) => {
        buffered += data;
        if (buffered.includes('\n')) resolve(JSON.parse(buffered.split('\n')[0]).port);
      });
    });
    return {
      env: {
        SORA_BENCH_BASE_URL: `http://127.0.0.1:${port}/v1`,
        SORA_BENCH_MODULE: module,
        BENCH_DOWNLOAD_BYTES: String(bytes),
        BENCH_DOWNLOAD_DIR: folder,
      },
      teardown: async () => {
        server.removeAllListeners('exit');
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
        await rm(folder, { recursive: true, force: true });
      },
    };
  },
};
