import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs an example offline (no keys in the environment) and returns its stdout and output folder. */
async function example(file: string): Promise<{ stdout: string; out: string }> {
  const out = join(await mkdtemp(join(tmpdir(), 'hd-example-')), 'out');
  const env = { ...process.env, MUREKA_API_KEY: '', ELEVENLABS_API_KEY: '', LALAL_API_KEY: '' };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file, '--out', out], {
    cwd: process.cwd(),
    env,
    timeout: 60_000,
  });
  return { stdout, out };
}

describe('music examples (offline, from fixtures)', () => {
  it('examples/mureka/song.ts writes lyrics, makes a song, saves MP3 + FLAC and the stems ZIP', async () => {
    const { stdout, out } = await example('examples/mureka/song.ts');
    expect(stdout).toContain('succeeded');
    expect((await readdir(out)).sort()).toEqual(['mureka-song.flac', 'mureka-song.mp3', 'mureka-stems.zip']);
    expect((await readFile(join(out, 'mureka-song.flac'))).subarray(0, 4).toString()).toBe('fLaC');
  });

  it('examples/elevenlabs/music.ts plans, composes, streams and reads the detailed variant', async () => {
    const { stdout, out } = await example('examples/elevenlabs/music.ts');
    expect(stdout).toContain('Plan: Intro 15s, Build 25s, Climax 20s');
    expect(stdout).toContain('Detailed: "Open Roads" (indie pop), 1 timed words');
    expect((await readdir(out)).sort()).toEqual([
      'elevenlabs-detailed.mp3',
      'elevenlabs-song.mp3',
      'elevenlabs-streamed.mp3',
    ]);
  });

  it('examples/lalal/stems.ts uploads, splits, checks until done and saves both tracks', async () => {
    const { stdout, out } = await example('examples/lalal/stems.ts');
    expect(stdout).toContain('100%');
    expect((await readdir(out)).sort()).toEqual(['lalal-back.wav', 'lalal-stem.wav']);
    expect((await readFile(join(out, 'lalal-stem.wav'))).subarray(0, 4).toString()).toBe('RIFF');
  });
});
