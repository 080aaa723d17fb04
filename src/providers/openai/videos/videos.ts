/**
 * The Sora video endpoints as plain functions: create, retrieve, list, delete, download, remix, edit, extend.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24. The client stays complete for stored jobs and
 * gateways that still serve it; an API-wide 404 / 410 raises `ApiRetiredError`. For new work use another video
 * provider (MiniMax video in `hello-dave/minimax`).
 * @module
 */

import { pathSegment } from '../../../common/ids.js';
import type { DownloadProgress, DownloadResult } from '../../../http/download.js';
import { saveResponse } from '../../../http/download.js';
import { isFileInput, toFormData } from '../../../http/multipart.js';
import type { HttpResponse, RequestOptions } from '../../../http/types.js';
import type { OpenAIClient } from '../client.js';
import { call, prepareUpload, readResponse, unwrapUnlisted, validate } from './internal.js';
import {
  createVideoParamsSchema,
  downloadVideoContentQuerySchema,
  editVideoParamsSchema,
  extendVideoParamsSchema,
  listVideosParamsSchema,
  remixVideoParamsSchema,
  videoDeletedSchema,
  videoPageSchema,
  videoSchema,
} from './schemas.js';
import type {
  CreateVideoParams,
  EditVideoParams,
  ExtendVideoParams,
  ListVideosParams,
  RemixVideoParams,
  Unlisted,
  Video,
  VideoDeleted,
  VideoPage,
  VideoVariant,
} from './types.js';

type Body = { json: unknown } | { form: FormData };

function referenceIds(reference: unknown): string[] {
  if (typeof reference !== 'object' || reference === null || isFileInput(reference)) return [];
  const record = reference as Record<string, unknown>;
  return [record.id, record.file_id].filter((id): id is string => typeof id === 'string');
}

async function sendVideoJob(
  client: OpenAIClient,
  path: string,
  route: string,
  ids: readonly string[],
  body: Body,
  options: RequestOptions,
  what: string,
): Promise<Video> {
  return call({ baseUrl: client.baseUrl, route, ids }, async () => {
    const response = await client.request<unknown>({ ...options, method: 'POST', path, ...body, retry: 'job-start' });
    return readResponse<Video>(videoSchema, response.data, what);
  });
}

/**
 * Starts a video generation job (`POST /v1/videos`) and returns the queued {@link Video} at once; wait for it
 * with {@link waitForVideo}. Sent as JSON, or as multipart when `input_reference` is a file. Rejects bad input
 * (empty prompt, undocumented `seconds` / `size`, both `image_url` and `file_id`) before any request.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * Use another video provider (MiniMax video in `hello-dave/minimax`).
 * @throws {RequestValidationError} invalid params (names the field and its allowed values).
 * @throws {ApiRetiredError} the API is gone.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create
 * @example
 * ```ts
 * const client = createOpenAIClient();
 * const job = await createVideo(client, { prompt: 'a calico cat playing piano', seconds: '8', size: '1280x720' });
 * const ref = videoJobRef(job); // store it before waiting
 * ```
 */
export async function createVideo(
  client: OpenAIClient,
  params: CreateVideoParams,
  options: RequestOptions = {},
): Promise<Video> {
  const body = unwrapUnlisted(validate(createVideoParamsSchema, params, 'createVideo params'));
  const reference = body.input_reference;
  const request: Body =
    reference !== undefined && isFileInput(reference)
      ? {
          form: await toFormData({
            ...body,
            input_reference: await prepareUpload(reference, 'input_reference', 'image/jpeg'),
          }),
        }
      : { json: body };
  return sendVideoJob(client, 'videos', 'POST /videos', referenceIds(reference), request, options, 'createVideo');
}

/**
 * Raw retrieve with the response headers (for the poll-after hint).
 * @internal
 */
export async function retrieveVideoResponse(
  client: OpenAIClient,
  videoId: string,
  options: RequestOptions = {},
): Promise<{ video: Video; response: HttpResponse<unknown> }> {
  const id = pathSegment(videoId, 'video_id', 'retrieveVideo');
  return call({ baseUrl: client.baseUrl, route: 'GET /videos/{video_id}', ids: [videoId] }, async () => {
    const response = await client.request<unknown>({ ...options, method: 'GET', path: `videos/${id}` });
    return { video: readResponse<Video>(videoSchema, response.data, 'retrieveVideo'), response };
  });
}

/**
 * Gets a video job (`GET /v1/videos/{video_id}`). A failed job is still a 200: check `status` and `error`.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @throws {NotFoundError} no video with this id.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/retrieve
 * @example
 * ```ts
 * const video = await retrieveVideo(client, 'video_68e1…');
 * if (video.status === 'failed') console.error(video.error?.message);
 * ```
 */
export async function retrieveVideo(
  client: OpenAIClient,
  videoId: string,
  options: RequestOptions = {},
): Promise<Video> {
  return (await retrieveVideoResponse(client, videoId, options)).video;
}

/**
 * Gets one page of video jobs (`GET /v1/videos`); pass the page's `last_id` as `after` for the next one, or use
 * {@link listVideoPages} / {@link listAllVideos}.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 * @example
 * ```ts
 * const page = await listVideos(client, { limit: 20, order: 'desc' });
 * ```
 */
export async function listVideos(
  client: OpenAIClient,
  params: ListVideosParams = {},
  options: RequestOptions = {},
): Promise<VideoPage> {
  const query = validate(listVideosParamsSchema, params, 'listVideos params');
  return call({ baseUrl: client.baseUrl, route: 'GET /videos' }, async () => {
    const response = await client.request<unknown>({ ...options, method: 'GET', path: 'videos', query });
    return readResponse<VideoPage>(videoPageSchema, response.data, 'listVideos');
  });
}

/**
 * Walks the video list page by page (cursor pagination: `after = last_id` while `has_more`).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 * @example
 * ```ts
 * for await (const page of listVideoPages(client, { limit: 100 })) console.log(page.data.length);
 * ```
 */
export async function* listVideoPages(
  client: OpenAIClient,
  params: ListVideosParams = {},
  options: RequestOptions = {},
): AsyncGenerator<VideoPage, void, undefined> {
  let after = params.after;
  for (;;) {
    const page = await listVideos(client, { ...params, ...(after === undefined ? {} : { after }) }, options);
    yield page;
    if (!page.has_more || !page.last_id || page.last_id === after) return;
    after = page.last_id;
  }
}

/**
 * Every video job, across all pages, one at a time.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/list
 * @example
 * ```ts
 * for await (const video of listAllVideos(client)) if (video.status === 'completed') console.log(video.id);
 * ```
 */
export async function* listAllVideos(
  client: OpenAIClient,
  params: ListVideosParams = {},
  options: RequestOptions = {},
): AsyncGenerator<Video, void, undefined> {
  for await (const page of listVideoPages(client, params, options)) yield* page.data;
}

/**
 * Deletes a completed or failed video and its assets (`DELETE /v1/videos/{video_id}`).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @throws {NotFoundError} no video with this id.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/delete
 * @example
 * ```ts
 * const { deleted } = await deleteVideo(client, video.id);
 * ```
 */
export async function deleteVideo(
  client: OpenAIClient,
  videoId: string,
  options: RequestOptions = {},
): Promise<VideoDeleted> {
  const id = pathSegment(videoId, 'video_id', 'deleteVideo');
  return call({ baseUrl: client.baseUrl, route: 'DELETE /videos/{video_id}', ids: [videoId] }, async () => {
    const response = await client.request<unknown>({
      ...options,
      method: 'DELETE',
      path: `videos/${id}`,
      retry: 'safe',
    });
    return readResponse<VideoDeleted>(videoDeletedSchema, response.data, 'deleteVideo');
  });
}

/**
 * Options of {@link downloadVideoContent}.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface DownloadVideoContentOptions extends RequestOptions {
  /** A file path (written to a temporary file, renamed when complete) or a WritableStream. */
  to: string | WritableStream<Uint8Array>;
  /** `video` (MP4, default), `thumbnail` or `spritesheet`; others through `unlisted()`. */
  variant?: VideoVariant | Unlisted;
  /** Refuse bodies larger than this many bytes. */
  maxBytes?: number;
  /** Called after every chunk. */
  onProgress?: (progress: DownloadProgress) => void;
}

/**
 * What {@link downloadVideoContent} saved.
 * @deprecated The Sora API shut down on 2026-09-24.
 */
export interface VideoContentDownload extends DownloadResult {
  /** The variant asked for. */
  variant: string;
}

/**
 * Streams a finished video's bytes (`GET /v1/videos/{video_id}/content?variant=…`) to a file (atomically:
 * temp file + rename, nothing left behind on failure) or a WritableStream, in constant memory. Download before
 * the video's `expires_at`.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @throws {NotFoundError} no video with this id (or its assets expired).
 * @see https://developers.openai.com/api/reference/resources/videos/methods/download_content
 * @example
 * ```ts
 * await downloadVideoContent(client, done.id, { to: './cat.mp4' });
 * await downloadVideoContent(client, done.id, { to: './cat.webp', variant: 'thumbnail' });
 * ```
 */
export async function downloadVideoContent(
  client: OpenAIClient,
  videoId: string,
  options: DownloadVideoContentOptions,
): Promise<VideoContentDownload> {
  const id = pathSegment(videoId, 'video_id', 'downloadVideoContent');
  const { variant } = unwrapUnlisted(
    validate(downloadVideoContentQuerySchema, { variant: options.variant ?? 'video' }, 'downloadVideoContent options'),
  );
  const { to, variant: _variant, maxBytes, onProgress, ...requestOptions } = options;
  return call({ baseUrl: client.baseUrl, route: 'GET /videos/{video_id}/content', ids: [videoId] }, async () => {
    const response = await client.raw({
      ...requestOptions,
      method: 'GET',
      path: `videos/${id}/content`,
      query: { variant },
      headers: { accept: 'application/binary', ...requestOptions.headers },
    });
    const saved = await saveResponse(response, {
      to,
      provider: 'openai',
      idleTimeoutMs: options.idleTimeoutMs ?? client.options.idleTimeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(maxBytes === undefined ? {} : { maxBytes }),
      ...(onProgress === undefined ? {} : { onProgress }),
    });
    return { ...saved, variant };
  });
}

/**
 * Starts a new job that remixes a completed video with a new prompt (`POST /v1/videos/{video_id}/remix`).
 * The new job keeps the source's model, size and length.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/remix
 * @example
 * ```ts
 * const remix = await remixVideo(client, done.id, { prompt: 'Same scene, but the cat takes a bow' });
 * ```
 */
export async function remixVideo(
  client: OpenAIClient,
  videoId: string,
  params: RemixVideoParams,
  options: RequestOptions = {},
): Promise<Video> {
  const id = pathSegment(videoId, 'video_id', 'remixVideo');
  const body = validate(remixVideoParamsSchema, params, 'remixVideo params');
  return sendVideoJob(
    client,
    `videos/${id}/remix`,
    'POST /videos/{video_id}/remix',
    [videoId],
    { json: body },
    options,
    'remixVideo',
  );
}

/**
 * Starts a job that edits a completed video (`{ id }`, sent as JSON) or an uploaded clip (sent as multipart)
 * (`POST /v1/videos/edits`).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/edit
 * @example
 * ```ts
 * const edit = await editVideo(client, { prompt: 'Make it snow', video: { id: done.id } });
 * ```
 */
export async function editVideo(
  client: OpenAIClient,
  params: EditVideoParams,
  options: RequestOptions = {},
): Promise<Video> {
  const body = validate(editVideoParamsSchema, params, 'editVideo params');
  const request: Body = isFileInput(body.video)
    ? { form: await toFormData({ ...body, video: await prepareUpload(body.video, 'video', 'video/mp4') }) }
    : { json: body };
  return sendVideoJob(
    client,
    'videos/edits',
    'POST /videos/edits',
    referenceIds(body.video),
    request,
    options,
    'editVideo',
  );
}

/**
 * Starts a job that continues a completed video (`{ id }`, JSON) or an uploaded clip (multipart)
 * (`POST /v1/videos/extensions`). `seconds` is the new segment's length; the finished video's `seconds` is the
 * stitched total.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/extend
 * @example
 * ```ts
 * const longer = await extendVideo(client, { prompt: 'The camera pulls back', seconds: '8', video: { id: done.id } });
 * ```
 */
export async function extendVideo(
  client: OpenAIClient,
  params: ExtendVideoParams,
  options: RequestOptions = {},
): Promise<Video> {
  const body = unwrapUnlisted(validate(extendVideoParamsSchema, params, 'extendVideo params'));
  const request: Body = isFileInput(body.video)
    ? { form: await toFormData({ ...body, video: await prepareUpload(body.video, 'video', 'video/mp4') }) }
    : { json: body };
  return sendVideoJob(
    client,
    'videos/extensions',
    'POST /videos/extensions',
    referenceIds(body.video),
    request,
    options,
    'extendVideo',
  );
}
