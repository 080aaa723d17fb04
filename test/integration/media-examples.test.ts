import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example } from './run-example.js';

describe('image and video examples (offline, from fixtures, through the shared fixture server)', () => {
  it.each([
    ['examples/minimax/image.ts', 2],
    ['examples/xai/image.ts', 2],
    ['examples/stability/image.ts', 1],
  ])(
    '%s saves its images',
    async (file, count) => {
      const { stdout, out } = await example(file);
      const saved = await readdir(out);
      expect(saved).toHaveLength(count);
      for (const name of saved) expect(stdout).toContain(join(out, name));
    },
    60_000,
  );

  it('examples/minimax/video-h3.ts waits for the H3 task and saves a valid clip', async () => {
    const { stdout, out } = await example('examples/minimax/video-h3.ts');
    expect(stdout).toMatch(/succeeded after \d+ s/);
    expect(stdout).toMatch(/\(\d+ bytes, 2\.0 s\)/);
    expect((await stat(out)).size).toBeGreaterThan(1000);
  }, 60_000);
});
