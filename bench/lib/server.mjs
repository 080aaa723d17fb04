/**
 * Shared by the benchmarks: a server in another process (its CPU never counts against a variant), and the
 * streamed body the download servers send.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Starts `file` in another node process and waits for its first stdout line, `{"port": n}`.
 * Resolves `{ port, stop }`; `stop()` ends the process (SIGTERM) and waits for it.
 */
export async function startServer(file, { args = [], env = {} } = {}) {
  const server = spawn(process.execPath, [file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout });
  const port = await new Promise((resolve, reject) => {
    const early = (code) => reject(new Error(`${file} exited early (code ${code})`));
    server.once('error', reject);
    server.once('exit', early);
    lines.once('line', (line) => {
      server.off('error', reject);
      server.off('exit', early);
      try {
        resolve(JSON.parse(line).port);
      } catch (error) {
        reject(error);
      }
    });
  });
  return {
    port,
    async stop() {
      lines.close();
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}

const block = Buffer.alloc(64 * 1024);
for (let index = 0; index < block.length; index++) block[index] = index % 251;

/**
 * Writes `bytes` bytes (a repeating 64 KiB block, never held whole) to `response`, honouring backpressure, and
 * stops when the client goes away. The caller has written the head.
 */
export function streamBlocks(request, response, bytes) {
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const chunk = left >= block.length ? block : block.subarray(0, left);
      left -= chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  request.on('close', () => {
    left = 0;
  });
  pump();
}
