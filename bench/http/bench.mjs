/**
 * Bench 9a: per-request cost of our HTTP layer against raw fetch. N sequential small JSON GETs to a node:http
 * server in another process on 127.0.0.1; wall µs and CPU µs (process.cpuUsage) per request. Target: ≤ 1.10×.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export default {
  name: 'http',
  description: 'sequential small JSON GETs to 127.0.0.1: raw fetch vs createHttpClient().request()',
  variants: { baseline: 'baseline.mjs', ours: 'ours.mjs' },
  rounds: 7,
  async setup() {
    const server = spawn(process.execPath, [fileURLToPath(new URL('./server.mjs', import.meta.url)), '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: server.stdout });
    const [first] = await Promise.race([
      once(lines, 'line'),
      once(server, 'exit').then(([code]) => {
        throw new Error(`the benchmark server exited early (${code})`);
      }),
    ]);
    const { port } = JSON.parse(first);
    return {
      env: { BENCH_HTTP_URL: `http://127.0.0.1:${port}` },
      async teardown() {
        lines.close();
        if (server.exitCode === null) {
          server.kill('SIGTERM');
          await once(server, 'exit');
        }
      },
    };
  },
};
