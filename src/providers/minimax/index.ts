/**
 * `hello-dave/minimax`: MiniMax image, music, lyrics and video clients, exact to the API.
 *
 * Video comes in two API generations: v2 (`createVideoV2`, `regenerateVideoV2`) serves MiniMax-H3 and
 * MiniMax-H3-Max, today's video models; v1 (`createVideo`) serves the Hailuo and 01-series models.
 * `waitForVideo` and `downloadVideo` take a job of either.
 *
 * Music availability: from 2026-08-20 MiniMax no longer offers paid music and lyrics generation to new accounts
 * (existing paid users keep access) and has stopped the free models `music-3.0-free`, `music-2.6-free` and
 * `music-cover-free`.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @module
 */
export * from './client.js';
export * from './errors.js';
export * from './files.js';
export * from './image.js';
export * from './lyrics.js';
export * from './media-providers.js';
export * from './music.js';
export * from './music-availability.js';
export * from './music-cover.js';
export * from './music-result.js';
export * from './music-tags.js';
export { MINIMAX_FRAME_IMAGE_TYPES, MINIMAX_SUBJECT_IMAGE_TYPES } from './shared.js';
export * from './tools.js';
export * from './video.js';
export * from './video-api.js';
export * from './video-camera.js';
export * from './video-provider.js';
export * from './video-task.js';
export * from './video-v2.js';
export * from './video-v2-content.js';
export * from './video-wait.js';
