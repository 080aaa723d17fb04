import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../src/common/errors.js';
import { toFormData } from '../../src/http/multipart.js';

describe('toFormData', () => {
  it('adds strings, numbers, JSON objects, arrays and files from bytes, Blobs and paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hd-mp-'));
    await writeFile(join(dir, 'cat.png'), new Uint8Array([137, 80, 78, 71]));
    const form = await toFormData({
      prompt: 'a cat',
      seconds: 8,
      flag: false,
      meta: { a: 1 },
      skip: undefined,
      tags: ['x', 'y'],
      image: { path: join(dir, 'cat.png') },
      blob: new Blob(['abc'], { type: 'text/plain' }),
      bytes: { data: new Uint8Array([1, 2, 3]), filename: 'clip.mp4' },
    });
    expect(form.get('prompt')).toBe('a cat');
    expect(form.get('seconds')).toBe('8');
    expect(form.get('flag')).toBe('false');
    expect(form.get('meta')).toBe('{"a":1}');
    expect(form.has('skip')).toBe(false);
    expect(form.getAll('tags')).toEqual(['x', 'y']);
    const image = form.get('image') as File;
    expect(image.name).toBe('cat.png');
    expect(image.type).toBe('image/png');
    expect(image.size).toBe(4);
    expect((form.get('blob') as File).type).toBe('text/plain');
    const clip = form.get('bytes') as File;
    expect(clip.name).toBe('clip.mp4');
    expect(clip.type).toBe('video/mp4');
    expect(new Uint8Array(await clip.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('names the missing file in its error', async () => {
    await expect(toFormData({ image: { path: '/nope/missing.png' } })).rejects.toSatisfy(
      (error) => RequestValidationError.isInstance(error) && /missing\.png/.test((error as Error).message),
    );
  });
});
