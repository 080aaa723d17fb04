import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('hello-dave/testing without msw installed', () => {
  it('scripted models and fixture parsing work; only replay needs msw, and says so', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        TSX,
        '--import',
        resolve('test/integration/no-msw/hide-msw.mjs'),
        'test/integration/no-msw/use-testing.ts',
      ],
      { timeout: 30_000 },
    );
    const result = JSON.parse(stdout.trim()) as { text: unknown; path: string; replay: string };
    expect(result.text).toEqual([{ type: 'text', text: 'hello' }]);
    expect(result.path).toBe('/v1/x');
    expect(result.replay).toContain("Cannot find package 'msw'");
  });
});
