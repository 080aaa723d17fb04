/**
 * The OpenAI Videos API (Sora): every endpoint as a plain function, long-job helpers, and the media-provider
 * implementation. All Sora code lives in this folder, so it can be removed in one change.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24. The client stays complete for stored jobs and
 * gateways that still serve it; an API-wide 404 / 410 raises `ApiRetiredError`. For new work use another
 * video provider (MiniMax video in `hello-dave/minimax`).
 * @module
 */
export { createCharacter, getCharacter } from './characters.js';
export { type SoraVideoProviderOptions, soraVideoProvider } from './provider.js';
export {
  createCharacterParamsSchema,
  createVideoParamsSchema,
  editVideoParamsSchema,
  extendVideoParamsSchema,
  listVideosParamsSchema,
  remixVideoParamsSchema,
  VIDEO_ENUMS,
} from './schemas.js';
export { createVideoToolset, type VideoToolsetOptions } from './tools.js';
export type {
  CreateCharacterParams,
  CreateVideoParams,
  EditVideoParams,
  ExtendVideoParams,
  ImageInputReference,
  KnownVideoModel,
  ListVideosParams,
  RemixVideoParams,
  Unlisted,
  UploadInput,
  Video,
  VideoCharacter,
  VideoCreateError,
  VideoDeleted,
  VideoExtensionSeconds,
  VideoModel,
  VideoPage,
  VideoReference,
  VideoSeconds,
  VideoSize,
  VideoStatus,
  VideoVariant,
} from './types.js';
export { SORA_SHUTDOWN_DATE, unlisted } from './types.js';
export type { DownloadVideoContentOptions, VideoContentDownload } from './videos.js';
export {
  createVideo,
  deleteVideo,
  downloadVideoContent,
  editVideo,
  extendVideo,
  listAllVideos,
  listVideoPages,
  listVideos,
  remixVideo,
  retrieveVideo,
} from './videos.js';
export type { VideoClock, VideoStatusOptions, WaitForVideoOptions } from './wait.js';
export { createVideoAndWait, retrieveVideoStatus, toVideoJobStatus, videoJobRef, waitForVideo } from './wait.js';
