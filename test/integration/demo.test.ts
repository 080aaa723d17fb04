import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mp4DurationMs } from '../../src/common/media-duration.js';

const run = promisify(execFile);
const DEMO = resolve('examples/demo.ts');
/** tsx's loader by URL, so the demo can run from a folder outside the project. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLIP = 'minimax-327415094862150.mp4';
/** The examples import `hello-dave/...`; tsx maps those names to `src/` through the project's tsconfig `paths`. */
const TSCONFIG = { TSX_TSCONFIG_PATH: resolve('tsconfig.json') };

describe('npm run demo (offline)', () => {
  it('runs the agent from replayed fixtures: a tool call, a real H3 clip, an answer and a session file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hd-demo-'));
    const { stdout } = await run(
      process.execPath,
      ['--import', TSX, DEMO, '--out', join(dir, 'out'), '--sessions', join(dir, 'sessions')],
      {
        cwd: process.cwd(),
        env: { ...process.env, ...TSCONFIG, OPENAI_API_KEY: '', MINIMAX_API_KEY: '' },
        timeout: 60_000,
      },
    );
    expect(stdout).toContain('→ tool media_video');
    expect(stdout).toContain('"model":"MiniMax-H3","api":"v2"');
    expect(stdout).toContain('director: Your 4-second clip');
    expect(stdout).toContain(`clip saved: ${join(dir, 'out', CLIP)} (4.0 s, `);
    const saved = stdout.match(/session saved: (.+\.jsonl)/)?.[1];
    expect(saved).toBeDefined();
    expect(await readdir(join(dir, 'out'))).toEqual([CLIP]);
    // The saved clip is the fixture: a real MP4 whose movie header says 4 s.
    const clip = new Uint8Array(await readFile(join(dir, 'out', CLIP)));
    expect(clip).toEqual(new Uint8Array(await readFile('test/fixtures/demo/clip.mp4')));
    expect(mp4DurationMs(clip)).toBe(4000);
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

  it('by default writes only inside the folder it runs in (./out, ./out/sessions), nothing in the home folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hd-demo-cwd-'));
    const home = join(dir, 'home');
    const project = join(dir, 'project');
    await mkdir(home);
    await mkdir(project);
    const env: NodeJS.ProcessEnv = { ...process.env, ...TSCONFIG, HOME: home, OPENAI_API_KEY: '', MINIMAX_API_KEY: '' };
    delete env.HELLO_DAVE_SESSIONS_DIR;
    const { stdout } = await run(process.execPath, ['--import', TSX, DEMO], { cwd: project, env, timeout: 60_000 });
    expect(stdout).toMatch(new RegExp(`session saved: ${join(project, 'out', 'sessions')}/.+\\.jsonl`));
    expect((await readdir(join(project, 'out'))).sort()).toEqual([CLIP, 'sessions']);
    expect(await readdir(home)).toEqual([]);
  });
});
