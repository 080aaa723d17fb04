// Benchmark 8b: a 512 MiB Sora video download to a file. Peak RSS and throughput of hello-dave's
// `downloadVideoContent` (client.raw + saveResponse: streamed, temp file + rename) against raw fetch piped to a
// file, each in a fresh process, from a server in another process on 127.0.0.1 that mimics
// GET /v1/videos/{video_id}/content. Ours is bundled from src/ with esbuild in setup (the same code tsup ships).
// `baseline-loaded` is raw fetch + fsync in a process that loaded the same bundle: like for like with ours (loading
// a module graph slows streaming on Node 20 by itself, so ours is compared with it; `baseline` is the bare figure).
// BENCH_DOWNLOAD_MB (default 512) shrinks the body for quick runs; BENCH_DOWNLOAD_TMP picks the target folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startServer } from '../lib/server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

export default {
  name: 'sora-download',
  description:
    'downloadVideoContent of a 512 MiB video (BENCH_DOWNLOAD_MB) to a file vs raw fetch: peak RSS, throughput',
  variants: { baseline: 'baseline.mjs', 'baseline-loaded': 'baseline-loaded.mjs', ours: 'ours.mjs' },
  compare: [['ours', 'baseline-loaded']],
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
    const { port, stop } = await startServer(join(here, 'server.mjs'), {
      env: { BENCH_DOWNLOAD_BYTES: String(bytes) },
    });
    return {
      env: {
        SORA_BENCH_BASE_URL: `http://127.0.0.1:${port}/v1`,
        SORA_BENCH_MODULE: module,
        BENCH_DOWNLOAD_BYTES: String(bytes),
        BENCH_DOWNLOAD_DIR: folder,
      },
      teardown: async () => {
        await stop();
        await rm(folder, { recursive: true, force: true });
      },
    };
  },
};
