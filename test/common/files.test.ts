import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeFilesQuietly, reserveFilePath, safeFileName } from '../../src/common/files.js';

describe('safeFileName', () => {
  it('keeps the last path segment, drops the extension and odd characters', () => {
    expect(safeFileName('../../etc/pass wd.mp4', 'video')).toBe('pass-wd');
    expect(safeFileName('C:\\Users\\me\\évil name!.png')).toBe('vil-name');
    expect(safeFileName('/etc/passwd')).toBe('passwd');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('my_song-2')).toBe('my_song-2');
  });

  it('falls back when nothing usable is left, and the fallback is cleaned too', () => {
    expect(safeFileName('..', 'video')).toBe('video');
    expect(safeFileName('/', '../x y')).toBe('x-y');
    expect(safeFileName('???', '')).toBe('file');
  });

  it('caps the length at 80 and avoids reserved Windows names', () => {
    expect(safeFileName('a'.repeat(200))).toHaveLength(80);
    expect(safeFileName(`${'b'.repeat(79)} c`)).toBe('b'.repeat(79));
    expect(safeFileName('CON.txt')).toBe('CON-file');
    expect(safeFileName('lpt1')).toBe('lpt1-file');
  });
});

describe('reserveFilePath / removeFilesQuietly', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reserves unique names with a counter suffix, creating the folder', async () => {
    const out = join(dir, 'nested', 'out');
    const first = await reserveFilePath(out, 'clip', 'mp4');
    const second = await reserveFilePath(out, 'clip', 'mp4');
    await writeFile(join(out, 'clip-3.mp4'), 'taken');
    const third = await reserveFilePath(out, 'clip', 'mp4');
    expect([first, second, third]).toEqual([join(out, 'clip.mp4'), join(out, 'clip-2.mp4'), join(out, 'clip-4.mp4')]);
    expect((await readdir(out)).sort()).toEqual(['clip-2.mp4', 'clip-3.mp4', 'clip-4.mp4', 'clip.mp4']);
  });

  it('two reservations at once never get the same path', async () => {
    const paths = await Promise.all(Array.from({ length: 8 }, () => reserveFilePath(dir, 'same', 'png')));
    expect(new Set(paths).size).toBe(8);
  });

  it('refuses a base that would leave the folder', async () => {
    await expect(reserveFilePath(join(dir, 'out'), '../escape', 'mp4')).rejects.toThrow(/outside/);
    expect(await readdir(dir)).toEqual(['out']);
  });

  it('removes files and ignores missing ones', async () => {
    const path = await reserveFilePath(dir, 'gone', 'bin');
    await removeFilesQuietly([path, join(dir, 'never-there.bin')]);
    await removeFilesQuietly([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
