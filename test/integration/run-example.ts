import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Keys every example reads: blanked, so each runs offline from its fixtures. */
const NO_KEYS = Object.fromEntries(
  ['MUREKA', 'ELEVENLABS', 'LALAL', 'MINIMAX', 'XAI', 'STABILITY'].map((name) => [`${name}_API_KEY`, '']),
);

/** Runs an example offline (no keys in the environment) and returns its stdout and output folder. */
export async function example(file: string): Promise<{ stdout: string; out: string }> {
  const out = join(await mkdtemp(join(tmpdir(), 'hd-example-')), 'out');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file, '--out', out], {
    cwd: process.cwd(),
    env: { ...process.env, ...NO_KEYS },
    timeout: 60_000,
  });
  return { stdout, out };
}
