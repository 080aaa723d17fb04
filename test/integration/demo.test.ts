import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run demo (offline)', () => {
  it('runs the agent from replayed fixtures: a tool call, a saved clip, an answer and a session file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hd-demo-'));
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'examples/demo.ts', '--out', join(dir, 'out'), '--sessions', join(dir, 'sessions')],
      { cwd: process.cwd(), env: { ...process.env, OPENAI_API_KEY: '', MINIMAX_API_KEY: '' }, timeout: 60_000 },
    );
    expect(stdout).toContain('→ tool media_create');
    expect(stdout).toContain('director: Your 6-second clip');
    const saved = stdout.match(/session saved: (.+\.jsonl)/)?.[1];
    expect(saved).toBeDefined();
    expect(await readdir(join(dir, 'out'))).toEqual(['minimax-106916112212032.mp4']);
    const entries = (await readFile(saved!, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    const types = entries.map((entry) => entry.type);
    // The paid job is on disk before the tool's result (and before any waiting ended).
    expect(types.indexOf('job')).toBeGreaterThan(-1);
    expect(types.indexOf('job')).toBeLessThan(types.indexOf('tool-result'));
    expect(types.filter((type) => type === 'model-call')).toHaveLength(2);
    expect(await readFile(saved!, 'utf8')).not.toContain('sk-demo-offline');
  });
});
