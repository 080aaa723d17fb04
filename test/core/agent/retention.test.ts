/**
 * A finished run must leave nothing reachable for the young-generation collector. A per-run closure with a hidden
 * class of its own (a generator function declared inside the loop, a getter written in an object literal) keeps
 * the whole run alive until a full collection, so every minor collection copies and promotes the run's history
 * and steps. The script runs in a child process with V8's GC trace; the test reads what the minor collections
 * after each finished run promoted.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./scripts/finished-runs.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('memory of finished runs', () => {
  it.each(['run', 'stream'])(
    'a finished 50-step run (agent.%s) leaves nothing for minor collections to promote',
    async (mode) => {
      const runs = 40;
      const { stdout } = await run(
        process.execPath,
        ['--expose-gc', '--trace-gc-nvp', '--import', 'tsx', script, String(runs), mode],
        { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      );
      const lines = stdout.split('\n');
      const window = lines.slice(lines.indexOf('RUNS BEGIN'), lines.indexOf('RUNS END'));
      const scavenges = window.filter((line) => line.includes('gc=s '));
      expect(scavenges.length).toBeGreaterThanOrEqual(runs);
      const promoted = scavenges
        .map((line) => Number(/ promoted=(\d+)/.exec(line)?.[1] ?? Number.NaN))
        .sort((a, b) => a - b);
      // Each run allocates about 500 KB. While finished runs were kept alive, every collection after one promoted
      // 40–140 KB; now only a collection that lands inside a run (JIT, the run in progress) promotes anything.
      // The median is 0–800 B on an idle machine and went past 1 KB once under a loaded test run: 8 KB keeps the
      // test steady and still five times below what one kept run promoted.
      const median = promoted[Math.floor(promoted.length / 2)] ?? Number.NaN;
      expect(median).toBeLessThan(8 * 1024);
    },
    30_000,
  );
});
