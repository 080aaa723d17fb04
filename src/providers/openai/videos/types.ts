/**
 * Wire types of the OpenAI Videos API (Sora): request parameters and the objects it returns, with field
 * names exactly as sent.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24. These types stay for stored jobs and gateways
 * that still serve it; for new work use another video provider (MiniMax video in `hello-dave/minimax`).
 * @module
 */
import type { FileInput } from '../../../http/multipart.js';

/** The date OpenAI announced for the permanent shutdown of the Sora video API. */
export const SORA_SHUTDOWN_DATE = '2026-09-24';

/**
 * Video models the spec lists.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export type KnownVideoModel =
  | 'sora-2'
  | 'sora-2-pro'
  | 'sora-2-2025-10-06'
  | 'sora-2-pro-2025-10-06'
  | 'sora-2-2025-12-08';

/**
 * A video model id: the known ones typed, any other string accepted (new snapshots).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export type VideoModel = KnownVideoModel | (string & {});

/**
 * Clip length in seconds, as a string (the spec's `VideoSeconds`). Default `"4"`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export type VideoSeconds = '4' | '8' | '12';

/**
 * Length of the new segment of an extension. The SDK documents 4, 8, 12, 16 and 20 seconds here.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/extend
 */
export type VideoExtensionSeconds = '4' | '8' | '12' | '16' | '20';

/**
 * Output resolution, `width`x`height` (the spec's `VideoSize`). Default `720x1280`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export type VideoSize = '720x1280' | '1280x720' | '1024x1792' | '1792x1024';

/**
 * Which asset the content endpoint returns: the MP4 (`video`, default), a still (`thumbnail`) or a frame grid
 * (`spritesheet`).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/download_content
 */
export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';

/**
 * A value the spec does not list yet, passed on purpose. Make one with {@link unlisted}.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface Unlisted<T extends string = string> {
  /** The raw value sent as is. */
  readonly unlisted: T;
}

/**
 * The one way to send an enum value the spec does not list yet (the guide's 16 s and 20 s clips, 1080p
 * sizes): `seconds: unlisted('16')`, `size: unlisted('1920x1080')`. Plain strings outside the documented
 * values are rejected before any request, so a typo never costs a paid job. The wrapper is plain JSON, so
 * it also works in tool inputs.
 *
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 * @example
 * ```ts
 * await createVideo(client, { prompt: 'a lighthouse at dusk', seconds: unlisted('16'), size: unlisted('1920x1080') });
 * ```
 */
export function unlisted<T extends string>(value: T): Unlisted<T> {
  return { unlisted: value };
}

/**
 * A file to upload: a `Blob` / `File` (its name and type are used), raw bytes, `{ data, filename?, type? }`, or
 * `{ path }` (read through a lazy `node:fs` import; Node, Bun, Deno). Without a name or type, both are guessed
 * from the first bytes (JPEG, PNG, WebP, GIF, MP4, QuickTime, WebM).
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export type UploadInput = FileInput;

/**
 * A reference image given by URL (https or a base64 `data:` URL) or by an uploaded file id: exactly one.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export type ImageInputReference = { image_url: string; file_id?: never } | { file_id: string; image_url?: never };

/**
 * A reference to an existing (completed) generated video.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/edit
 */
export interface VideoReference {
  /** The video's id, e.g. `video_68e1…`. */
  id: string;
}

/**
 * Body of `POST /v1/videos`. Sent as JSON, or as multipart when `input_reference` is a file.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 */
export interface CreateVideoParams {
  /** What to generate; 1–32 000 characters. */
  prompt: string;
  /** Model id; default `sora-2`. */
  model?: VideoModel;
  /** Clip length: `"4"` (default), `"8"` or `"12"`; other values only through {@link unlisted}. */
  seconds?: VideoSeconds | Unlisted;
  /** Resolution: `720x1280` (default), `1280x720`, `1024x1792`, `1792x1024`; others through {@link unlisted}. */
  size?: VideoSize | Unlisted;
  /** First frame / reference image: a file (sent as multipart) or `{ image_url }` / `{ file_id }`. */
  input_reference?: UploadInput | ImageInputReference;
}

/**
 * Body of `POST /v1/videos/{video_id}/remix`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/remix
 */
export interface RemixVideoParams {
  /** What to change; 1–32 000 characters. */
  prompt: string;
}

/**
 * Body of `POST /v1/videos/edits`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/edit
 */
export interface EditVideoParams {
  /** How to edit the source; 1–32 000 characters. */
  prompt: string;
  /** The source: a completed video `{ id }`, or a video file (sent as multipart). */
  video: VideoReference | UploadInput;
}

/**
 * Body of `POST /v1/videos/extensions`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/extend
 */
export interface ExtendVideoParams {
  /** What happens next; 1–32 000 characters. */
  prompt: string;
  /** Length of the new segment: `"4"`, `"8"`, `"12"`, `"16"`, `"20"`; others through {@link unlisted}. */
  seconds: VideoExtensionSeconds | Unlisted;
  /** The source: a completed video `{ id }`, or a video file (sent as multipart). */
  video: VideoReference | UploadInput;
}

/**
 * Query of `GET /v1/videos`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 */
export interface ListVideosParams {
  /** Id of the last video of the previous page. */
  after?: string;
  /** Page size, 0–100. */
  limit?: number;
  /** Sort by creation time. */
  order?: 'asc' | 'desc';
}

/**
 * Body of `POST /v1/videos/characters` (always multipart).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create_character
 */
export interface CreateCharacterParams {
  /** Display name; 1–80 characters. */
  name: string;
  /** A short clip of the character. */
  video: UploadInput;
}

/**
 * Wire status of a video job.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/**
 * Why a video job failed.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 */
export interface VideoCreateError {
  /** Machine-readable code (e.g. `moderation_blocked`). */
  code: string;
  /** Human-readable reason. */
  message: string;
}

/**
 * A video job, as the API sends it (unknown fields are kept).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 */
export interface Video {
  /** Job id, e.g. `video_68e1c2a9…`. */
  id: string;
  /** Always `video`. */
  object: 'video';
  /** Model that runs the job. */
  model: VideoModel;
  /** Lifecycle: `queued` → `in_progress` → `completed` | `failed` (a failed job is still HTTP 200). */
  status: VideoStatus | (string & {});
  /** Approximate percent done, 0–100. */
  progress: number;
  /** Unix seconds when the job was created. */
  created_at: number;
  /** Unix seconds when it finished, or null. */
  completed_at: number | null;
  /** Unix seconds when the downloadable assets expire, or null: download before then. */
  expires_at: number | null;
  /** The prompt used. */
  prompt: string | null;
  /** Resolution, e.g. `1280x720`. */
  size: VideoSize | (string & {});
  /** Duration as a string; for an extension, the stitched total. */
  seconds: VideoSeconds | (string & {});
  /** Source id when this video is a remix. */
  remixed_from_video_id: string | null;
  /** Why it failed, when `status` is `failed`. */
  error: VideoCreateError | null;
  /** Fields the spec does not list (such as `quality`). */
  [field: string]: unknown;
}

/**
 * One page of `GET /v1/videos`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 */
export interface VideoPage {
  /** Always `list`. */
  object: 'list';
  /** The videos on this page. */
  data: Video[];
  /** Id of the first video, or null for an empty page. */
  first_id: string | null;
  /** Id of the last video (the next page's `after`), or null. */
  last_id: string | null;
  /** Whether another page follows. */
  has_more: boolean;
  /** Fields the spec does not list. */
  [field: string]: unknown;
}

/**
 * Answer of `DELETE /v1/videos/{video_id}`.
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/delete
 */
export interface VideoDeleted {
  /** The deleted video's id. */
  id: string;
  /** Always `video.deleted`. */
  object: 'video.deleted';
  /** True when deleted. */
  deleted: boolean;
  /** Fields the spec does not list. */
  [field: string]: unknown;
}

/**
 * A character (a reusable cameo made from an uploaded clip).
 * @deprecated The Sora API shut down on 2026-09-24.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create_character
 */
export interface VideoCharacter {
  /** Character id, e.g. `char_68e1…` (nullable in the spec). */
  id: string | null;
  /** Display name (nullable in the spec). */
  name: string | null;
  /** Unix seconds when it was created. */
  created_at: number;
  /** Fields the spec does not list. */
  [field: string]: unknown;
}
