import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileDurationMs,
  flacDurationMs,
  mediaDurationMs,
  mp3DurationMs,
  mp4DurationMs,
  wavDurationMs,
} from '../../src/common/media-duration.js';
import { sniffMimeType } from '../../src/common/media-types.js';
import { useTempDir } from '../helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const bytesOf = async (name: string) => new Uint8Array(await readFile(`${FIXTURES}/${name}`));
const tmp = useTempDir('media-duration-');

/** An ISO-BMFF box: 32-bit size, type, payload. */
function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const length = 8 + payload.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(length);
  new DataView(out.buffer).setUint32(0, length);
  out.set(new TextEncoder().encode(type), 4);
  let offset = 8;
  for (const part of payload) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A version-1 `mvhd` (64-bit times and duration). */
function mvhdV1(timescale: number, duration: bigint): Uint8Array {
  const payload = new Uint8Array(4 + 8 + 8 + 4 + 8 + 80);
  const data = new DataView(payload.buffer);
  payload[0] = 1;
  data.setUint32(20, timescale);
  data.setBigUint64(24, duration);
  return box('mvhd', payload);
}

describe('media durations from bytes', () => {
  it('MP4: the movie header of real files (faststart)', async () => {
    expect(mp4DurationMs(await bytesOf('video-output.mp4'))).toBe(2000);
    expect(mediaDurationMs(await bytesOf('reference-6s.mp4'))).toBe(6000);
    expect(sniffMimeType(await bytesOf('video-output.mp4'))).toBe('video/mp4');
  });

  it('MP4: a moov after the media data, with a version-1 mvhd', () => {
    const ftyp = box('ftyp', new TextEncoder().encode('isom\0\0\0\0isom'));
    const file = new Uint8Array([
      ...ftyp,
      ...box('mdat', new Uint8Array(1000)),
      ...box('moov', mvhdV1(90_000, 1_350_000n)),
    ]);
    expect(mp4DurationMs(file)).toBe(15_000);
    expect(mp4DurationMs(file.subarray(0, file.length - 100))).toBeUndefined();
  });

  it('WAV: data bytes over the byte rate', async () => {
    expect(wavDurationMs(await bytesOf('reference-1s.wav'))).toBe(1000);
    expect(sniffMimeType(await bytesOf('reference-1s.wav'))).toBe('audio/wav');
  });

  it('MP3: the Info header, and every frame when there is none', async () => {
    const mp3 = await bytesOf('reference-3s.mp3');
    expect(mp3DurationMs(mp3)).toBe(3096);
    // Dropping the tag and the Info frame leaves plain frames, counted one by one (the Info count excludes itself).
    const tagSize = 10 + (((mp3[6] ?? 0) << 21) | ((mp3[7] ?? 0) << 14) | ((mp3[8] ?? 0) << 7) | (mp3[9] ?? 0));
    const bitrateKbps = 8;
    const infoLength = Math.floor((72 * bitrateKbps * 1000) / 16_000);
    expect(mp3DurationMs(mp3.subarray(tagSize + infoLength))).toBe(3096);
  });

  it('FLAC: total samples over the sample rate', () => {
    const file = new Uint8Array(8 + 34);
    file.set(new TextEncoder().encode('fLaC'), 0);
    file[7] = 34;
    // STREAMINFO: sample rate 8000 Hz (20 bits at byte 10), 16 000 samples (36 bits ending at byte 17).
    const info = 8;
    file[info + 10] = 8000 >> 12;
    file[info + 11] = (8000 >> 4) & 0xff;
    file[info + 12] = (8000 & 0x0f) << 4;
    file[info + 16] = 16_000 >> 8;
    file[info + 17] = 16_000 & 0xff;
    expect(flacDurationMs(file)).toBe(2000);
    expect(mediaDurationMs(file)).toBe(2000);
  });

  it('unknown or damaged bytes give undefined', () => {
    expect(mediaDurationMs(new Uint8Array([1, 2, 3, 4]))).toBeUndefined();
    expect(mediaDurationMs(new Uint8Array(0), 'video/webm')).toBeUndefined();
    expect(wavDurationMs(new TextEncoder().encode('RIFF\0\0\0\0WAVEdata\0\0\0\0'))).toBeUndefined();
  });
});

describe('fileDurationMs', () => {
  it('reads an MP4 box by box and an audio file whole', async () => {
    expect(await fileDurationMs(`${FIXTURES}/video-output.mp4`)).toBe(2000);
    expect(await fileDurationMs(`${FIXTURES}/reference-3s.mp3`)).toBe(3096);
    const path = join(tmp.path, 'not-media.mp4');
    await writeFile(path, 'hello');
    expect(await fileDurationMs(path, 'video/mp4')).toBeUndefined();
  });
});
