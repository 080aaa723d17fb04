/**
 * The content parts of MiniMax's v2 video requests (MiniMax-H3): their schema, the documented limits checked
 * before sending (counts, frame roles, clip lengths), and local files turned into data URLs.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 * @module
 */
import * as z from 'zod/mini';
import { decodeBase64, encodeBase64 } from '../../common/base64.js';
import { RequestValidationError } from '../../common/errors.js';
import { mediaDurationMs } from '../../common/media-duration.js';
import { guessMimeType } from '../../common/media-types.js';
import type { ValidationIssue } from '../../common/validate.js';
import { MINIMAX_FRAME_IMAGE_TYPES, resolveImageInput } from './shared.js';

/** A text part: what happens in the video. */
export interface VideoV2TextPart {
  /** Part type. */
  type: 'text';
  /** The prompt. */
  text: string;
}

/**
 * An image part. `first_frame` is documented; `last_frame` and `reference_image` are unverified role names
 * (the notes show a last frame and up to 9 reference images, not their role strings).
 */
export interface VideoV2ImagePart {
  /** Part type. */
  type: 'image_url';
  /** An https URL, a `data:image/...;base64,` URL, or a local file path (sent as a data URL). */
  image_url: { url: string };
  /** What the image is for. */
  role?: 'first_frame' | 'last_frame' | 'reference_image';
}

/** A video part: a reference clip (2–15 s), or the 768P result a regeneration upscales (`base_video`). */
export interface VideoV2VideoPart {
  /** Part type. */
  type: 'video_url';
  /** An https URL, a `data:video/...;base64,` URL, or a local file path (sent as a data URL). */
  video_url: { url: string };
  /** `reference_video`, or `base_video` (regeneration only). */
  role?: 'reference_video' | 'base_video';
}

/** An audio part: a reference clip (2–15 s). */
export interface VideoV2AudioPart {
  /** Part type. */
  type: 'audio_url';
  /** An https URL, a `data:audio/...;base64,` URL, or a local file path (sent as a data URL). */
  audio_url: { url: string };
  /** What the clip is for. */
  role?: 'reference_audio';
}

/** One ordered part of a v2 request's `content`. */
export type VideoV2ContentPart = VideoV2TextPart | VideoV2ImagePart | VideoV2VideoPart | VideoV2AudioPart;

const url = z.string().check(z.minLength(1));

/**
 * Schema of one content part (shape only; counts and roles are checked by {@link checkVideoV2Content}).
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export const videoV2ContentPartSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string().check(z.minLength(1)) }),
  z.strictObject({
    type: z.literal('image_url'),
    image_url: z.strictObject({ url }),
    role: z.optional(z.enum(['first_frame', 'last_frame', 'reference_image'])),
  }),
  z.strictObject({
    type: z.literal('video_url'),
    video_url: z.strictObject({ url }),
    role: z.optional(z.enum(['reference_video', 'base_video'])),
  }),
  z.strictObject({
    type: z.literal('audio_url'),
    audio_url: z.strictObject({ url }),
    role: z.optional(z.literal('reference_audio')),
  }),
]);

/**
 * Documented limits of a v2 request's content.
 * @see https://platform.minimax.io/docs/api-reference/video-generation-v2-create
 */
export const MINIMAX_VIDEO_V2_LIMITS = {
  /** Images (frames and references). */
  images: 9,
  /** Reference video clips. */
  videos: 3,
  /** Reference audio clips. */
  audios: 3,
  /** Files of every type together. */
  files: 12,
  /** Shortest reference clip, ms. */
  clipMinMs: 2_000,
  /** Longest reference clip, ms. */
  clipMaxMs: 15_000,
  /** All reference clips of one type together, ms. */
  clipsTotalMs: 15_000,
} as const;

/** How a v2 request makes its video, from its parts. */
export type MiniMaxVideoV2Mode = 'text-to-video' | 'frames-to-video' | 'reference-to-video' | 'regeneration';

/** Counts the parts and checks the documented limits; returns the mode (throws naming the part by index). */
export function checkVideoV2Content(content: readonly VideoV2ContentPart[], regeneration: boolean): MiniMaxVideoV2Mode {
  const issues: ValidationIssue[] = [];
  const limits = MINIMAX_VIDEO_V2_LIMITS;
  const seen = { images: 0, videos: 0, audios: 0, files: 0, first: 0, last: 0, base: 0, references: 0 };
  content.forEach((part, index) => {
    const at = `content.${index}`;
    if (part.type === 'text') return;
    seen.files += 1;
    if (seen.files === limits.files + 1) issues.push({ path: at, message: `at most ${limits.files} files in all` });
    if (part.type === 'image_url') {
      seen.images += 1;
      if (seen.images === limits.images + 1) issues.push({ path: at, message: `at most ${limits.images} images` });
      if (part.role === 'first_frame' && ++seen.first === 2) issues.push({ path: at, message: 'a second first frame' });
      if (part.role === 'last_frame' && ++seen.last === 2) issues.push({ path: at, message: 'a second last frame' });
      if (part.role !== 'first_frame' && part.role !== 'last_frame') seen.references += 1;
    } else if (part.type === 'video_url' && part.role === 'base_video') {
      seen.base += 1;
      if (!regeneration) issues.push({ path: at, message: 'a base_video is for regenerateVideoV2 (the 2K pass)' });
      else if (seen.base === 2) issues.push({ path: at, message: 'a second base_video' });
    } else if (part.type === 'video_url') {
      seen.references += 1;
      seen.videos += 1;
      if (seen.videos === limits.videos + 1) issues.push({ path: at, message: `at most ${limits.videos} video clips` });
    } else {
      seen.references += 1;
      seen.audios += 1;
      if (seen.audios === limits.audios + 1) issues.push({ path: at, message: `at most ${limits.audios} audio clips` });
    }
  });
  if (regeneration && seen.base === 0) {
    issues.push({ path: 'content', message: 'needs one video_url part with role "base_video" (the 768P result)' });
  }
  if (issues.length)
    throw new RequestValidationError(issues, regeneration ? 'regenerateVideoV2 params' : 'createVideoV2 params');
  if (regeneration) return 'regeneration';
  if (seen.references > 0) return 'reference-to-video';
  return seen.first + seen.last > 0 ? 'frames-to-video' : 'text-to-video';
}

/** Local image files: < 20 MB (the v1 frame limit; unverified for v2). */
const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
/** Local clips: this library's safeguard against reading a huge file into memory (not an API limit). */
const CLIP_MAX_BYTES = 50 * 1024 * 1024;

/** A media part made ready to send, with the clip's length where it could be read. */
interface ResolvedPart {
  part: VideoV2ContentPart;
  durationMs?: number;
  /** True when the bytes were at hand (a local file or a data URL) but held no readable duration. */
  unreadable?: boolean;
}

function dataUrlBytes(value: string): { type: string; bytes: Uint8Array } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(value);
  if (!match || !/;base64/i.test(match[2] ?? '')) return undefined;
  return { type: (match[1] ?? '').trim().toLowerCase(), bytes: decodeBase64(match[3] ?? '') };
}

async function readLocalFile(path: string, field: string, maxBytes: number): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  try {
    const stat = await fs.stat(path);
    if (stat.size > maxBytes) {
      throw new RequestValidationError(
        [{ path: field, message: `${path} is ${stat.size} bytes; the limit is ${maxBytes}` }],
        'media input',
      );
    }
    return new Uint8Array(await fs.readFile(path));
  } catch (error) {
    if (RequestValidationError.isInstance(error)) throw error;
    throw new RequestValidationError([{ path: field, message: `cannot read ${path}` }], 'media input', {
      cause: error,
    });
  }
}

/**
 * Resolves a clip input (URL, data URL or local path) of `kind` (`video` or `audio`): URLs are sent as they are
 * (their length is not checked); data URLs and local files are measured, local files sent as data URLs.
 */
async function resolveClip(
  value: string,
  field: string,
  kind: 'video' | 'audio',
): Promise<{ url: string; durationMs?: number; unreadable?: boolean }> {
  if (/^https?:\/\//i.test(value)) return { url: value };
  let type: string;
  let bytes: Uint8Array;
  let url = value;
  const data = /^data:/i.test(value) ? dataUrlBytes(value) : undefined;
  if (/^data:/i.test(value)) {
    if (!data) return { url: value };
    ({ type, bytes } = data);
  } else {
    const path = value.startsWith('file://') ? decodeURIComponent(new URL(value).pathname) : value;
    type = guessMimeType(path);
    if (!type.startsWith(`${kind}/`)) {
      throw new RequestValidationError(
        [{ path: field, message: `${path}: use a ${kind} file (by its extension), an https URL or a data URL` }],
        'media input',
      );
    }
    bytes = await readLocalFile(path, field, CLIP_MAX_BYTES);
    url = `data:${type};base64,${encodeBase64(bytes)}`;
  }
  if (type && !type.startsWith(`${kind}/`)) {
    throw new RequestValidationError(
      [{ path: field, message: `a ${type} data URL where a ${kind} is expected` }],
      'media input',
    );
  }
  const durationMs = mediaDurationMs(bytes, type);
  return durationMs === undefined ? { url, unreadable: true } : { url, durationMs };
}

async function resolvePart(part: VideoV2ContentPart, index: number): Promise<ResolvedPart> {
  const at = `content.${index}`;
  switch (part.type) {
    case 'text':
      return { part };
    case 'image_url': {
      const field = `${at}.image_url.url`;
      const image = await resolveImageInput(part.image_url.url, field, IMAGE_MAX_BYTES, MINIMAX_FRAME_IMAGE_TYPES);
      return { part: { ...part, image_url: { url: image } } };
    }
    case 'video_url': {
      const clip = await resolveClip(part.video_url.url, `${at}.video_url.url`, 'video');
      return { ...clip, part: { ...part, video_url: { url: clip.url } } };
    }
    case 'audio_url': {
      const clip = await resolveClip(part.audio_url.url, `${at}.audio_url.url`, 'audio');
      return { ...clip, part: { ...part, audio_url: { url: clip.url } } };
    }
  }
}

function checkClipLengths(resolved: readonly ResolvedPart[]): { issues: ValidationIssue[]; warnings: string[] } {
  const { clipMinMs, clipMaxMs, clipsTotalMs } = MINIMAX_VIDEO_V2_LIMITS;
  const issues: ValidationIssue[] = [];
  const warnings: string[] = [];
  const totals = { video_url: 0, audio_url: 0 };
  resolved.forEach(({ part, durationMs, unreadable }, index) => {
    if ((part.type !== 'video_url' && part.type !== 'audio_url') || part.role === 'base_video') return;
    const at = `content.${index}`;
    if (unreadable) warnings.push(`${at}: could not read the clip's length (not checked; MiniMax checks it)`);
    if (durationMs === undefined) return;
    const seconds = (durationMs / 1000).toFixed(1);
    if (durationMs < clipMinMs || durationMs > clipMaxMs) {
      issues.push({ path: at, message: `the clip is ${seconds} s; each clip must be 2–15 s` });
    }
    totals[part.type] += durationMs;
    if (totals[part.type] > clipsTotalMs && totals[part.type] - durationMs <= clipsTotalMs) {
      const what = part.type === 'video_url' ? 'video' : 'audio';
      issues.push({
        path: at,
        message: `the ${what} clips reach ${(totals[part.type] / 1000).toFixed(1)} s; at most 15 s in all`,
      });
    }
  });
  return { issues, warnings };
}

/**
 * Makes the content ready to send: local files become data URLs (lazy `node:fs`), data-URL and local clips are
 * measured (2–15 s each, ≤ 15 s per type in all; URLs are not checked). Returns the parts and any warnings.
 */
export async function resolveVideoV2Content(
  content: readonly VideoV2ContentPart[],
  context: string,
): Promise<{ content: VideoV2ContentPart[]; warnings: string[] }> {
  const resolved: ResolvedPart[] = [];
  for (const [index, part] of content.entries()) resolved.push(await resolvePart(part, index));
  const { issues, warnings } = checkClipLengths(resolved);
  if (issues.length) throw new RequestValidationError(issues, context);
  return { content: resolved.map((item) => item.part), warnings };
}
