/**
 * The README's `dave` session: each `$ command` of its console block is run (offline, in a fresh home and working
 * folder) and its stdout must be the lines that follow it. A change to the command's output fails this test
 * until the README is updated.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { daveHome, daveOnPath } from './run-dave.js';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(
  readme.indexOf('## The `dave` command'),
  readme.indexOf('\n## ', readme.indexOf('## The `dave` command') + 1),
);
const block = /```console\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

/** The commands of the block and the output each shows. */
function steps(): { command: string; expected: string }[] {
  const out: { command: string; expected: string }[] = [];
  for (const line of block.split('\n').slice(0, -1)) {
    if (line.startsWith('$ ')) out.push({ command: line.slice(2), expected: '' });
    else if (out.length > 0) (out[out.length - 1] as { expected: string }).expected += `${line}\n`;
  }
  return out;
}

describe('README: the dave section', () => {
  it('shows what dave really prints', { timeout: 60_000 }, () => {
    expect(steps().length).toBeGreaterThanOrEqual(3);
    const home = daveHome();
    const env = daveOnPath(home);
    for (const { command, expected } of steps()) {
      const stdout = execFileSync('sh', ['-c', command], {
        cwd: home.cwd,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(stdout.replace(/^ +/gm, ''), command).toBe(expected);
    }
  });
});
