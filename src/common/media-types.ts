/**
 * The one table of media types: each MIME type with its file extensions and the first bytes that announce it.
 * Every guess the package makes (a type from a file name, an extension for a type, a type from a file's bytes)
 * reads this table. Portable.
 * @module
 */

/** One media type: its MIME type, its file extensions (the first is the one written) and its signature. */
interface MediaType {
  readonly mime: string;
  readonly extensions: readonly string[];
  /** Whether a file's first bytes announce this type. */
  readonly sniff?: (bytes: Uint8Array) => boolean;
}

/** The bytes in `[start, end)` read as Latin-1 text (for signatures such as `RIFF` or `ftyp`). */
export function ascii(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < end && index < bytes.length; index++) text += String.fromCharCode(bytes[index] ?? 0);
  return text;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

const isFtyp = (bytes: Uint8Array) => ascii(bytes, 4, 8) === 'ftyp';
const isRiff = (bytes: Uint8Array, form: string) => ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === form;

/** In sniffing order: a more specific signature comes before a more general one (QuickTime and M4A before MP4). */
const MEDIA_TYPES: readonly MediaType[] = [
  { mime: 'image/png', extensions: ['png'], sniff: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) },
  { mime: 'image/jpeg', extensions: ['jpeg', 'jpg'], sniff: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { mime: 'image/gif', extensions: ['gif'], sniff: (b) => ascii(b, 0, 4) === 'GIF8' },
  { mime: 'image/webp', extensions: ['webp'], sniff: (b) => isRiff(b, 'WEBP') },
  { mime: 'video/quicktime', extensions: ['mov'], sniff: (b) => isFtyp(b) && ascii(b, 8, 12) === 'qt  ' },
  { mime: 'audio/mp4', extensions: ['m4a'], sniff: (b) => isFtyp(b) && /^M4[AB] $/.test(ascii(b, 8, 12)) },
  { mime: 'video/mp4', extensions: ['mp4'], sniff: isFtyp },
  { mime: 'video/webm', extensions: ['webm'], sniff: (b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]) },
  { mime: 'audio/wav', extensions: ['wav'], sniff: (b) => isRiff(b, 'WAVE') },
  { mime: 'audio/flac', extensions: ['flac'], sniff: (b) => ascii(b, 0, 4) === 'fLaC' },
  { mime: 'audio/ogg', extensions: ['ogg'], sniff: (b) => ascii(b, 0, 4) === 'OggS' },
  // An ID3 tag, or an MPEG audio frame header (11 set sync bits).
  {
    mime: 'audio/mpeg',
    extensions: ['mp3'],
    sniff: (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  },
  { mime: 'audio/pcm', extensions: ['pcm'] },
  { mime: 'application/pdf', extensions: ['pdf'], sniff: (b) => ascii(b, 0, 4) === '%PDF' },
  { mime: 'application/zip', extensions: ['zip'], sniff: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) },
  { mime: 'application/gzip', extensions: ['gz'], sniff: (b) => startsWith(b, [0x1f, 0x8b]) },
  { mime: 'application/x-elf', extensions: [], sniff: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  { mime: 'application/json', extensions: ['json'] },
  { mime: 'text/plain', extensions: ['txt'] },
  { mime: 'image/svg+xml', extensions: ['svg'] },
];

/** Other names servers use for the types above. */
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/x-flac': 'audio/flac',
  'application/x-zip-compressed': 'application/zip',
};

/** `Content-Type`-style value → its bare, lower-case MIME type with aliases resolved (`image/JPG; q=1` → `image/jpeg`). */
export function normalizeMimeType(value: string): string {
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return ALIASES[type] ?? type;
}

/** The MIME type a file's first bytes announce (images, MP4/MOV/M4A, WebM, WAV, FLAC, Ogg, MP3, PDF, ZIP, gzip, ELF). */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
  return MEDIA_TYPES.find((type) => type.sniff?.(bytes))?.mime;
}

/** The MIME type of a file extension or format name (`mp3` → `audio/mpeg`, `JPG` → `image/jpeg`), if known. */
export function mimeTypeForExtension(extension: string): string | undefined {
  const key = extension.toLowerCase();
  return MEDIA_TYPES.find((type) => type.extensions.includes(key))?.mime;
}

/** Guesses a MIME type from a file name's extension (`application/octet-stream` when unknown). */
export function guessMimeType(filename: string): string {
  return mimeTypeForExtension(filename.split('.').pop() ?? '') ?? 'application/octet-stream';
}

/**
 * File extension (no dot) for a MIME type: `video/mp4` → `mp4`, `audio/mpeg` → `mp3`, `image/jpeg` → `jpeg`.
 * Parameters (`; charset=…`) are ignored; a type not in the table takes its subtype when that is a usable
 * extension (`audio/aac` → `aac`); a generic (`application/octet-stream`) or unusable one gives `fallback`.
 */
export function extensionForMimeType(mimeType: string, fallback = 'bin'): string {
  const type = normalizeMimeType(mimeType);
  const known = MEDIA_TYPES.find((entry) => entry.mime === type);
  if (known) return known.extensions[0] ?? fallback;
  const subtype = type.split('/')[1] ?? '';
  return /^[a-z0-9]{1,5}$/.test(subtype) ? subtype : fallback;
}
