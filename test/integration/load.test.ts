/**
 * Load: 200 agent runs at once, three rounds, in a child process against a fake Chat Completions model on
 * 127.0.0.1 (bench/lib/fake-chat.mjs; the workload is bench/lib/load-workload.mjs, shared with `bench/load`). Every
 * run completes with its own answer, no message or tool result crosses into another run's answer or session, and
 * the heap after a forced collection comes back within 5 MB of where it started (after a warm-up round of the same
 * 200 runs, which loads lazy modules, compiles and fills the connection pool for good). Time and peak RSS are the
 * benchmark's to report, not asserted here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module shared with the benchmark (no types)
import { fakeChatHandler, fakeChatStats } from '../../bench/lib/fake-chat.mjs';
import { type LocalServer, startLocalServer } from './local-server.js';

const RUNS = 200;
const here = dirname(fileURLToPath(import.meta.url));

interface LoadReport {
  startHeap: number;
  rounds: { ms: number; problems: string[]; heap: number }[];
  maxRss: number;
}

let server: LocalServer;
let dir: string;
beforeAll(async () => {
  server = await startLocalServer(fakeChatHandler);
  dir = mkdtempSync(join(tmpdir(), 'hello-dave-load-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function runChild(): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(here, 'load-child.ts'), server.origin, dir, String(RUNS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadReport) : reject(new Error(`load child exited ${code}`)),
    );
  });
}

describe('200 concurrent agent runs with tools', () => {
  it('all complete with their own answers and sessions, and the heap comes back within 5 MB over 3 rounds', async () => {
    const report = await runChild();
    expect(report.rounds).toHaveLength(4);
    for (const round of report.rounds) expect(round.problems).toEqual([]);
    // Two model calls per run: the tool round, then the answer; a warm-up round and three measured ones.
    expect(fakeChatStats.requests).toBe(4 * RUNS * 2);
    expect(readdirSync(dir).filter((name) => name.endsWith('.jsonl'))).toHaveLength(4 * RUNS);
    const growth = Math.max(...report.rounds.map((round) => round.heap)) - report.startHeap;
    expect(growth, `heap after GC grew by ${(growth / 1e6).toFixed(1)} MB`).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);
});
