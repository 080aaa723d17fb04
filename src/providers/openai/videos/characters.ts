/**
 * Sora characters: create one from a short clip, get it back.
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @module
 */
import { pathSegment } from '../../../common/ids.js';
import { toFormData } from '../../../http/multipart.js';
import type { RequestOptions } from '../../../http/types.js';
import type { OpenAIClient } from '../client.js';
import { call, prepareUpload, readResponse, validate } from './internal.js';
import { createCharacterParamsSchema, videoCharacterSchema } from './schemas.js';
import type { CreateCharacterParams, VideoCharacter } from './types.js';

/**
 * Creates a character from an uploaded clip (`POST /v1/videos/characters`, always multipart: `name`, `video`).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/create_character
 * @example
 * ```ts
 * const pip = await createCharacter(client, { name: 'Captain Pip', video: { path: './pip.mp4' } });
 * ```
 */
export async function createCharacter(
  client: OpenAIClient,
  params: CreateCharacterParams,
  options: RequestOptions = {},
): Promise<VideoCharacter> {
  const body = validate(createCharacterParamsSchema, params, 'createCharacter params');
  const form = await toFormData({ name: body.name, video: await prepareUpload(body.video, 'video', 'video/mp4') });
  return call({ baseUrl: client.baseUrl, route: 'POST /videos/characters' }, async () => {
    const response = await client.request<unknown>({
      ...options,
      method: 'POST',
      path: 'videos/characters',
      form,
      retry: 'job-start',
    });
    return readResponse<VideoCharacter>(videoCharacterSchema, response.data, 'createCharacter');
  });
}

/**
 * Gets a character (`GET /v1/videos/characters/{character_id}`).
 *
 * @deprecated OpenAI shut the Sora API down on 2026-09-24; an API-wide 404 / 410 raises `ApiRetiredError`.
 * @throws {NotFoundError} no character with this id.
 * @see https://developers.openai.com/api/reference/resources/videos/methods/get_character
 * @example
 * ```ts
 * const pip = await getCharacter(client, 'char_68e1…');
 * ```
 */
export async function getCharacter(
  client: OpenAIClient,
  characterId: string,
  options: RequestOptions = {},
): Promise<VideoCharacter> {
  const id = pathSegment(characterId, 'character_id', 'getCharacter');
  return call(
    { baseUrl: client.baseUrl, route: 'GET /videos/characters/{character_id}', ids: [characterId] },
    async () => {
      const response = await client.request<unknown>({ ...options, method: 'GET', path: `videos/characters/${id}` });
      return readResponse<VideoCharacter>(videoCharacterSchema, response.data, 'getCharacter');
    },
  );
}
