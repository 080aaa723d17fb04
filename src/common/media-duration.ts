/**
 * Reads how long a media file plays from its bytes, without decoding it: MP4 / MOV / M4A (the `mvhd` box),
 * MP3 (the Xing/Info/VBRI header, else every frame), WAV (`fmt ` and `data` chunks) and FLAC (`STREAMINFO`).
 * Portable: works on bytes already in memory; nothing here touches the file system.
 * @module
 */
import { ascii, sniffMimeType } from './media-types.js';

/** Media types {@link mediaDurationMs} reads. */
export const DURATION_READABLE_TYPES: readonly string[] = [
  'video/mp4',
  'video/quicktime',
  'audio/mp4',
  'audio/mpeg',
  'audio/wav',
  'audio/flac',
];

/**
 * How long a media file plays, in milliseconds, read from its bytes; `undefined` when the type is not one of
 * {@link DURATION_READABLE_TYPES} or the file does not say (a damaged or truncated file, a fragmented MP4
 * without a movie duration). The type is sniffed from the bytes; `mimeType` is only a hint.
 * @example
 * ```ts
 * mediaDurationMs(await readFile('clip.mp4')); // 8000
 * ```
 */
export function mediaDurationMs(bytes: Uint8Array, mimeType?: string): number | undefined {
  const type = sniffMimeType(bytes) ?? mimeType;
  switch (type) {
    case 'video/mp4':
    case 'video/quicktime':
    case 'audio/mp4':
      return mp4DurationMs(bytes);
    case 'audio/mpeg':
      return mp3DurationMs(bytes);
    case 'audio/wav':
      return wavDurationMs(bytes);
    case 'audio/flac':
      return flacDurationMs(bytes);
    default:
      return undefined;
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Finds a box of `type` among the boxes in `[start, end)`; returns the offsets of its payload. */
function findBox(
  bytes: Uint8Array,
  type: string,
  start: number,
  end: number,
): { start: number; end: number } | undefined {
  const data = view(bytes);
  let offset = start;
  while (offset + 8 <= end) {
    let size = data.getUint32(offset);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > end) return undefined;
      size = Number(data.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < header) return undefined;
    if (ascii(bytes, offset + 4, offset + 8) === type) {
      return { start: offset + header, end: Math.min(end, offset + size) };
    }
    offset += size;
  }
  return undefined;
}

/** Duration of an ISO-BMFF file (MP4, MOV, M4A) from `moov/mvhd`, ms. */
export function mp4DurationMs(bytes: Uint8Array): number | undefined {
  const moov = findBox(bytes, 'moov', 0, bytes.length);
  if (!moov) return undefined;
  const mvhd = findBox(bytes, 'mvhd', moov.start, moov.end);
  if (!mvhd) return undefined;
  const data = view(bytes);
  const version = bytes[mvhd.start];
  let timescale: number;
  let duration: number;
  if (version === 1) {
    if (mvhd.start + 32 > mvhd.end) return undefined;
    timescale = data.getUint32(mvhd.start + 20);
    duration = Number(data.getBigUint64(mvhd.start + 24));
  } else {
    if (mvhd.start + 20 > mvhd.end) return undefined;
    timescale = data.getUint32(mvhd.start + 12);
    duration = data.getUint32(mvhd.start + 16);
  }
  // All ones means "unknown" (a fragmented file before its fragments are counted).
  if (!timescale || duration === 0xffffffff) return undefined;
  return Math.round((duration * 1000) / timescale);
}

/** Duration of a WAV file (PCM or any format with a byte rate), ms. */
export function wavDurationMs(bytes: Uint8Array): number | undefined {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 12) !== 'WAVE') return undefined;
  const data = view(bytes);
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, offset + 4);
    const size = data.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 16 <= bytes.length) byteRate = data.getUint32(offset + 16, true);
    if (id === 'data') {
      if (!byteRate) return undefined;
      // A streamed WAV may announce 0 or 0xFFFFFFFF: count the bytes that are there.
      const length = size === 0 || size === 0xffffffff ? bytes.length - offset - 8 : size;
      return Math.round((Math.min(length, bytes.length - offset - 8) * 1000) / byteRate);
    }
    offset += 8 + size + (size & 1);
  }
  return undefined;
}

/** Duration of a FLAC file from its STREAMINFO block (total samples / sample rate), ms. */
export function flacDurationMs(bytes: Uint8Array): number | undefined {
  if (ascii(bytes, 0, 4) !== 'fLaC' || bytes.length < 8 + 18 || ((bytes[4] ?? 0) & 0x7f) !== 0) return undefined;
  const info = 8;
  const b = (index: number): number => bytes[info + index] ?? 0;
  const sampleRate = (b(10) << 12) | (b(11) << 4) | (b(12) >> 4);
  const totalSamples = (b(13) & 0x0f) * 2 ** 32 + ((b(14) << 24) >>> 0) + (b(15) << 16) + (b(16) << 8) + b(17);
  if (!sampleRate || !totalSamples) return undefined;
  return Math.round((totalSamples * 1000) / sampleRate);
}

const MP3_BITRATES: Readonly<Record<string, readonly number[]>> = {
  // [MPEG-1 layer 3], [MPEG-2/2.5 layer 3], kbit/s by index.
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

interface Mp3Frame {
  /** Frame length, bytes. */
  length: number;
  sampleRate: number;
  samplesPerFrame: number;
  /** MPEG-1 (true) or MPEG-2/2.5. */
  mpeg1: boolean;
  mono: boolean;
}

/** Reads a layer-3 frame header at `offset`, or `undefined` when there is none. */
function mp3Frame(bytes: Uint8Array, offset: number): Mp3Frame | undefined {
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0 || ((b1 >> 1) & 0x03) !== 0x01) return undefined;
  const version = (b1 >> 3) & 0x03;
  const rates = MP3_SAMPLE_RATES[version];
  const bitrate = (version === 3 ? MP3_BITRATES.v1 : MP3_BITRATES.v2)?.[b2 >> 4];
  const sampleRate = rates?.[(b2 >> 2) & 0x03];
  if (!bitrate || !sampleRate) return undefined;
  const mpeg1 = version === 3;
  const samplesPerFrame = mpeg1 ? 1152 : 576;
  const padding = (b2 >> 1) & 0x01;
  const length = Math.floor(((samplesPerFrame / 8) * bitrate * 1000) / sampleRate) + padding;
  return { length, sampleRate, samplesPerFrame, mpeg1, mono: (bytes[offset + 3] ?? 0) >> 6 === 3 };
}

/** Frames announced by a Xing/Info or VBRI header in the first frame, if any. */
function mp3AnnouncedFrames(bytes: Uint8Array, offset: number, frame: Mp3Frame): number | undefined {
  const data = view(bytes);
  const side = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const xing = offset + 4 + side;
  const tag = ascii(bytes, xing, xing + 4);
  if ((tag === 'Xing' || tag === 'Info') && xing + 12 <= bytes.length && (data.getUint32(xing + 4) & 0x1) !== 0) {
    return data.getUint32(xing + 8);
  }
  const vbri = offset + 4 + 32;
  if (ascii(bytes, vbri, vbri + 4) === 'VBRI' && vbri + 18 <= bytes.length) return data.getUint32(vbri + 14);
  return undefined;
}

/** Duration of an MP3 file, ms: from its Xing/Info/VBRI header when present, else by walking every frame. */
export function mp3DurationMs(bytes: Uint8Array): number | undefined {
  let offset = 0;
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const size =
      (((bytes[6] ?? 0) & 0x7f) << 21) |
      (((bytes[7] ?? 0) & 0x7f) << 14) |
      (((bytes[8] ?? 0) & 0x7f) << 7) |
      ((bytes[9] ?? 0) & 0x7f);
    offset = 10 + size + (((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0);
  }
  // Skip padding between the tag and the first frame.
  while (offset < bytes.length && !mp3Frame(bytes, offset)) offset++;
  const first = mp3Frame(bytes, offset);
  if (!first) return undefined;
  const announced = mp3AnnouncedFrames(bytes, offset, first);
  if (announced) return Math.round((announced * first.samplesPerFrame * 1000) / first.sampleRate);
  let samples = 0;
  let frame: Mp3Frame | undefined = first;
  while (frame && offset + frame.length <= bytes.length) {
    samples += frame.samplesPerFrame;
    offset += frame.length;
    frame = mp3Frame(bytes, offset);
  }
  return samples ? Math.round((samples * 1000) / first.sampleRate) : undefined;
}

/** Largest file {@link fileDurationMs} reads whole (formats other than MP4/MOV), bytes. */
const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;

/**
 * How long a media file on disk plays, ms (`undefined` when unknown): an MP4/MOV is read box by box (only its
 * `moov` box is loaded), other types whole up to 64 MB. Node-only at run time: `node:fs` is imported lazily.
 */
export async function fileDurationMs(path: string, mimeType?: string): Promise<number | undefined> {
  const fs = await import('node:fs/promises');
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(Math.min(size, 64));
    await handle.read(head, 0, head.length, 0);
    const type = sniffMimeType(head) ?? mimeType;
    if (type === 'video/mp4' || type === 'video/quicktime' || type === 'audio/mp4') {
      const moov = await readTopLevelBox(handle, size, 'moov');
      return moov && mp4DurationMs(moov);
    }
    if (size > WHOLE_FILE_LIMIT) return undefined;
    return mediaDurationMs(new Uint8Array(await handle.readFile()), type);
  } finally {
    await handle.close();
  }
}

interface ReadHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/** Reads one top-level ISO-BMFF box (header included) from a file, or `undefined`. */
async function readTopLevelBox(handle: ReadHandle, size: number, type: string): Promise<Uint8Array | undefined> {
  const header = new Uint8Array(16);
  let offset = 0;
  while (offset + 8 <= size) {
    const { bytesRead } = await handle.read(header, 0, 16, offset);
    if (bytesRead < 8) return undefined;
    const data = view(header);
    let boxSize = data.getUint32(0);
    if (boxSize === 1 && bytesRead >= 16) boxSize = Number(data.getBigUint64(8));
    else if (boxSize === 0) boxSize = size - offset;
    if (boxSize < 8) return undefined;
    if (ascii(header, 4, 8) === type) {
      if (boxSize > WHOLE_FILE_LIMIT) return undefined;
      const box = new Uint8Array(Math.min(boxSize, size - offset));
      await handle.read(box, 0, box.length, offset);
      return box;
    }
    offset += boxSize;
  }
  return undefined;
}
