import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from './local-server.js';

const SIZE = 256 * 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x5a);
const here = dirname(fileURLToPath(import.meta.url));

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(SIZE) });
    let sent = 0;
    const next = (): void => {
      while (sent < SIZE) {
        sent += CHUNK.length;
        if (!response.write(CHUNK)) {
          response.once('drain', next);
          return;
        }
      }
      response.end();
    };
    next();
  });
});
afterAll(() => server.close());

interface Run {
  bytes: number;
  kept: number;
  maxRssKb: number;
  heldKb: number;
}

function child(variant: 'hook' | 'none'): Promise<Run> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(here, 'download-memory-child.ts'), server.origin, variant],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    process_.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    process_.on('error', reject);
    process_.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Run) : reject(new Error(`exit ${code}`))));
  });
}

describe('no buffering through ky', () => {
  it('a 256 MiB download with a user afterResponse hook holds no more than 1.05x what one without holds', async () => {
    // Alternating runs, the lowest figure of each variant: one run can land on a collection that another missed.
    const plain: Run[] = [];
    const hooked: Run[] = [];
    for (let round = 0; round < 3; round++) {
      plain.push(await child('none'));
      hooked.push(await child('hook'));
    }
    for (const run of [...plain, ...hooked]) expect(run.bytes).toBe(SIZE);
    expect(hooked.every((run) => run.kept === 1)).toBe(true);
    const least = (runs: Run[], figure: (run: Run) => number) => Math.min(...runs.map(figure));
    // What the process holds after a collection is steady to 1-2% from run to run (about 45 MiB here); a clone
    // that buffered the body would hold 256 MiB more.
    expect(least(hooked, (run) => run.heldKb) / least(plain, (run) => run.heldKb)).toBeLessThanOrEqual(1.05);
    // Peak RSS varies by up to 10% between identical runs on a shared machine (allocator pages, socket queues),
    // so 1.05x cannot be asserted on it without flakes; 1.25x still fails a buffered body (2.5x and more), and
    // the peak stays below the body's size (the process itself takes about half of it): nothing held it whole.
    expect(least(hooked, (run) => run.maxRssKb) / least(plain, (run) => run.maxRssKb)).toBeLessThanOrEqual(1.25);
    expect(least(hooked, (run) => run.maxRssKb) * 1024).toBeLessThan(SIZE);
  }, 120_000);
});
