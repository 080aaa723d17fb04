// Benchmark 9b: a large download to a file. Peak RSS and throughput of `download()` against raw fetch piped
// to a file, each in a fresh process; `idle` reports a Node process that does nothing, for scale.
// BENCH_DOWNLOAD_MB (default 512) shrinks the body for quick runs; BENCH_DOWNLOAD_TMP picks the folder the
// files are written in (default the OS temp folder; /dev/shm takes the disk out of the figures).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

export default {
  name: 'download',
  description:
    'Stream a large body (512 MiB by default; BENCH_DOWNLOAD_MB) from 127.0.0.1 to a file: peak RSS and throughput',
  variants: { baseline: 'baseline.mjs', ours: 'ours.mjs', 'ours-no-fsync': 'ours-no-fsync.mjs', idle: 'idle.mjs' },
  rounds: 5,
  async setup() {
    const megabytes = Number(process.env.BENCH_DOWNLOAD_MB ?? 512);
    const bytes = Math.round(megabytes * 1024 * 1024);
    const folder = await mkdtemp(join(process.env.BENCH_DOWNLOAD_TMP ?? tmpdir(), 'hello-dave-bench-download-'));
    const { port, stop } = await startServer(join(here, 'server.mjs'), {
      env: { BENCH_DOWNLOAD_BYTES: String(bytes) },
    });
    return {
      env: {
        BENCH_DOWNLOAD_URL: `http://127.0.0.1:${port}/file.bin`,
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
