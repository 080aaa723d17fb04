import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaDurationMs } from '../src/common/media-duration.js';

/** Media fixtures are real files of their type (tiny, but a player or viewer opens them), never placeholder bytes. */
const ROOT = 'test/fixtures';

async function mediaFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await mediaFiles(path)));
    else if (/\.(mp4|mp3|wav|flac|jpe?g|png|webp)$/i.test(entry.name)) found.push(path);
  }
  return found;
}

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

/** True when a JPEG has a frame header (SOF), scan data (SOS) and its end marker. */
function isJpeg(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes.at(-2) !== 0xff || bytes.at(-1) !== 0xd9) return false;
  let sof = false;
  for (let offset = 2; offset + 4 <= bytes.length; ) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sof = true;
    if (marker === 0xda) return sof;
    offset += 2 + (((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
  }
  return false;
}

/** True when a PNG has IHDR, at least one IDAT and IEND. */
function isPng(bytes: Uint8Array): boolean {
  const text = ascii(bytes, 0, bytes.length);
  return (
    text.startsWith('\x89PNG\r\n\x1a\n') &&
    text.includes('IHDR') &&
    text.includes('IDAT') &&
    text.endsWith('IEND\xaeB`\x82')
  );
}

/** True when a WebP's RIFF size matches the file and it holds a non-empty VP8 / VP8L / VP8X chunk. */
function isWebp(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 12) !== 'WEBP') return false;
  if (view.getUint32(4, true) + 8 !== bytes.length) return false;
  return /^VP8[ LX]$/.test(ascii(bytes, 12, 16)) && view.getUint32(16, true) > 0;
}

describe('media fixtures are valid files of their type', async () => {
  const files = await mediaFiles(ROOT);
  it('finds the media fixtures', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(file, async () => {
      const bytes = new Uint8Array(await readFile(file));
      const extension = extname(file).toLowerCase();
      if (extension === '.jpg' || extension === '.jpeg') expect(isJpeg(bytes)).toBe(true);
      else if (extension === '.png') expect(isPng(bytes)).toBe(true);
      else if (extension === '.webp') expect(isWebp(bytes)).toBe(true);
      // Audio and video: the container says how long it plays.
      else expect(mediaDurationMs(bytes)).toBeGreaterThan(0);
    });
  }
});
