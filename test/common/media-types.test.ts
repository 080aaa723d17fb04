import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  extensionForMimeType,
  guessMimeType,
  mimeTypeForExtension,
  normalizeMimeType,
  sniffMimeType,
} from '../../src/common/media-types.js';

const bytesOf = async (path: string) => new Uint8Array(await readFile(`test/fixtures/${path}`));

describe('the media type table', () => {
  it.each([
    ['stability/image.png', 'image/png'],
    ['minimax/image-output-0.jpeg', 'image/jpeg'],
    ['stability/image.webp', 'image/webp'],
    ['minimax/video-output.mp4', 'video/mp4'],
    ['mureka/song.wav', 'audio/wav'],
    ['mureka/song.flac', 'audio/flac'],
    ['mureka/song.mp3', 'audio/mpeg'],
    ['minimax/reference-3s.mp3', 'audio/mpeg'],
  ])('sniffs the type of the real file %s: %s', async (path, type) => {
    expect(sniffMimeType(await bytesOf(path))).toBe(type);
  });

  it.each([
    [[0, 0, 0, 20, ...Buffer.from('ftypqt  ')], 'video/quicktime'],
    [[0, 0, 0, 20, ...Buffer.from('ftypM4A ')], 'audio/mp4'],
    [[0, 0, 0, 20, ...Buffer.from('ftypisom')], 'video/mp4'],
    [[0x1a, 0x45, 0xdf, 0xa3], 'video/webm'],
    [[...Buffer.from('GIF89a')], 'image/gif'],
    [[...Buffer.from('OggS')], 'audio/ogg'],
    [[0xff, 0xfb, 0x90, 0x00], 'audio/mpeg'],
    [[...Buffer.from('%PDF-1.7')], 'application/pdf'],
    [[0x50, 0x4b, 0x03, 0x04], 'application/zip'],
    [[0x1f, 0x8b, 0x08], 'application/gzip'],
    [[0x7f, 0x45, 0x4c, 0x46], 'application/x-elf'],
    [[1, 2, 3, 4], undefined],
    [[], undefined],
  ])('sniffs %j as %s (a specific signature before a general one)', (bytes, type) => {
    expect(sniffMimeType(new Uint8Array(bytes))).toBe(type);
  });

  it('guesses a type from a file name or a format name', () => {
    expect(guessMimeType('A.JPG')).toBe('image/jpeg');
    expect(guessMimeType('/tmp/clip.final.MOV')).toBe('video/quicktime');
    expect(guessMimeType('song.mp3')).toBe('audio/mpeg');
    expect(guessMimeType('x.unknown')).toBe('application/octet-stream');
    expect(guessMimeType('no-extension')).toBe('application/octet-stream');
    expect(mimeTypeForExtension('pcm')).toBe('audio/pcm');
    expect(mimeTypeForExtension('jpeg')).toBe('image/jpeg');
    expect(mimeTypeForExtension('exe')).toBeUndefined();
  });

  it('gives the written extension of a type, ignoring parameters and resolving aliases', () => {
    expect(extensionForMimeType('video/mp4')).toBe('mp4');
    expect(extensionForMimeType('audio/mpeg')).toBe('mp3');
    expect(extensionForMimeType('audio/mp3')).toBe('mp3');
    expect(extensionForMimeType('image/jpeg')).toBe('jpeg');
    expect(extensionForMimeType('image/jpg')).toBe('jpeg');
    expect(extensionForMimeType('video/quicktime')).toBe('mov');
    expect(extensionForMimeType('audio/mp4')).toBe('m4a');
    expect(extensionForMimeType('Audio/WAV; codecs=1')).toBe('wav');
    expect(extensionForMimeType('audio/x-wav')).toBe('wav');
    expect(extensionForMimeType('image/svg+xml')).toBe('svg');
    expect(extensionForMimeType('audio/aac')).toBe('aac');
    expect(normalizeMimeType(' Image/JPG ; q=1')).toBe('image/jpeg');
  });

  it('falls back for unknown or unusable types', () => {
    expect(extensionForMimeType('application/vnd.something-long', 'zip')).toBe('zip');
    expect(extensionForMimeType('')).toBe('bin');
    expect(extensionForMimeType('application/octet-stream', 'mp4')).toBe('mp4');
    expect(extensionForMimeType('application/x-elf')).toBe('bin');
  });

  it('every type a file name maps to maps back to an extension that names it', () => {
    for (const name of [
      'png',
      'jpg',
      'jpeg',
      'gif',
      'webp',
      'mov',
      'm4a',
      'mp4',
      'webm',
      'wav',
      'flac',
      'ogg',
      'mp3',
    ]) {
      const type = guessMimeType(`file.${name}`);
      expect(guessMimeType(`file.${extensionForMimeType(type)}`)).toBe(type);
    }
  });
});
