import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example } from './run-example.js';

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
