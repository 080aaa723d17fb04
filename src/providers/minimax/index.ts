/**
 * `hello-dave/minimax`: MiniMax image, music, lyrics and video clients, exact to the API.
 *
 * Music availability: from 2026-08-20 MiniMax no longer offers paid music and lyrics generation to new accounts
 * (existing paid users keep access) and has stopped the free models `music-3.0-free`, `music-2.6-free` and
 * `music-cover-free`.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @module
 */
export * from './client.js';
export * from './errors.js';
export * from './image.js';
export * from './lyrics.js';
export * from './music.js';
export {
  concatBytes,
  decodeHex,
  HexDecoder,
  JsonHexAudioReader,
  MINIMAX_FRAME_IMAGE_TYPES,
  MINIMAX_SUBJECT_IMAGE_TYPES,
  parseJsonExactIds,
} from './shared.js';
export * from './tools.js';
export * from './video.js';
