/**
 * Mureka song, instrumental and song-extension tasks: each POST starts a paid task and returns it at once; wait
 * for it with `waitForMurekaTask`, then download a choice with `downloadMurekaChoice`.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import * as z from 'zod/mini';
import { validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { MurekaClient } from './client.js';
import { type MurekaTask, readMurekaTask } from './tasks.js';

/**
 * Model ids documented for song generation (`auto` = the latest non-"o" model). Older accounts also list
 * `mureka-5.5`, `mureka-6`, `mureka-7`, `mureka-7.5`, `mureka-o1`; fine-tuned models look like
 * `lora:mureka-6:4354198:my-model`. Any id is accepted (newer ones such as `mureka-9.5` are unverified).
 */
export const MUREKA_SONG_MODELS = ['auto', 'mureka-7.6', 'mureka-8', 'mureka-9', 'mureka-o2'] as const;

/** Model ids documented for instrumentals (older: `mureka-6`, `mureka-7.5`). Any id is accepted. */
export const MUREKA_INSTRUMENTAL_MODELS = ['auto', 'mureka-7.6', 'mureka-8', 'mureka-o2'] as const;

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const id = /* @__PURE__ */ z.string().check(z.minLength(1));
const model = /* @__PURE__ */ z.string().check(z.minLength(1));
const count = /* @__PURE__ */ z.int().check(z.gte(1), z.lte(3));

/**
 * Body of `POST /v1/song/generate`. Control options combine only as `prompt`, `prompt + vocal_id`,
 * `reference_id`, `reference_id + vocal_id`, `vocal_id` or `melody_id` alone. The 3000-character lyrics limit
 * is the documented one (newer models may allow 5000 — unverified).
 * @see https://platform.mureka.ai/docs/
 */
export const generateSongParamsSchema = /* @__PURE__ */ z
  .strictObject({
    lyrics: text(3000),
    model,
    n: z.optional(count),
    prompt: z.optional(text(1024)),
    reference_id: z.optional(id),
    vocal_id: z.optional(id),
    melody_id: z.optional(id),
    stream: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (p) =>
        p.melody_id === undefined ||
        (p.prompt === undefined && p.reference_id === undefined && p.vocal_id === undefined),
      { message: 'melody_id cannot be combined with prompt, reference_id or vocal_id', path: ['melody_id'] },
    ),
    z.refine((p) => p.prompt === undefined || p.reference_id === undefined, {
      message: 'give prompt or reference_id, not both',
      path: ['reference_id'],
    }),
  );

/** Parameters of {@link generateSong} (`POST /v1/song/generate`). */
export interface GenerateSongParams {
  /** Lyrics with section tags (`[Verse]`, `[Chorus]`…), ≤ 3000 chars. Write them first with `generateLyrics`. */
  lyrics: string;
  /** Model id, e.g. `auto` (see {@link MUREKA_SONG_MODELS}); required by the API. */
  model: string;
  /** Songs per request, 1–3 (API default 2, billed per song: send 1 for a single track). */
  n?: number;
  /** Style text, ≤ 1024 chars (`r&b, slow, passionate, male vocal`). */
  prompt?: string;
  /** File id from an upload with `purpose: 'reference'`. */
  reference_id?: string;
  /** File id from an upload with `purpose: 'vocal'`. */
  vocal_id?: string;
  /** File id from an upload with `purpose: 'melody'` (alone only). */
  melody_id?: string;
  /** Adds a `streaming` phase and `stream_url` (not with `mureka-o1` / `mureka-o2`). */
  stream?: boolean;
}

/**
 * Body of `POST /v1/instrumental/generate`: exactly one of `prompt` and `instrumental_id`.
 * @see https://platform.mureka.ai/docs/
 */
export const generateInstrumentalParamsSchema = /* @__PURE__ */ z
  .strictObject({
    model,
    n: z.optional(count),
    prompt: z.optional(text(1024)),
    instrumental_id: z.optional(id),
    stream: z.optional(z.boolean()),
  })
  .check(
    z.refine((p) => (p.prompt === undefined) !== (p.instrumental_id === undefined), {
      message: 'give exactly one of prompt or instrumental_id',
      path: ['prompt'],
    }),
  );

/** Parameters of {@link generateInstrumental} (`POST /v1/instrumental/generate`). */
export interface GenerateInstrumentalParams {
  /** Model id, e.g. `auto` (see {@link MUREKA_INSTRUMENTAL_MODELS}); required by the API. */
  model: string;
  /** Tracks per request, 1–3 (API default 2, billed per track). */
  n?: number;
  /** Style text, ≤ 1024 chars; not with `instrumental_id`. */
  prompt?: string;
  /** File id from an upload with `purpose: 'instrumental'`; not with `prompt`. */
  instrumental_id?: string;
  /** Adds a `streaming` phase and `stream_url`. */
  stream?: boolean;
}

/**
 * Body of `POST /v1/song/extend`: exactly one of `song_id` and `upload_audio_id`; `extend_type: 'head'` only with
 * `mureka-8`.
 * @see https://platform.mureka.ai/docs/
 */
export const extendSongParamsSchema = /* @__PURE__ */ z
  .strictObject({
    song_id: z.optional(id),
    upload_audio_id: z.optional(id),
    lyrics: text(3000),
    extend_at: z.int().check(z.gte(8000), z.lte(420_000)),
    extend_type: z.optional(z.enum(['tail', 'head'])),
    model: z.optional(model),
  })
  .check(
    z.refine((p) => (p.song_id === undefined) !== (p.upload_audio_id === undefined), {
      message: 'give exactly one of song_id or upload_audio_id',
      path: ['song_id'],
    }),
    z.refine((p) => p.extend_type !== 'head' || p.model === 'mureka-8', {
      message: "extend_type 'head' needs model 'mureka-8'",
      path: ['extend_type'],
    }),
  );

/** Parameters of {@link extendSong} (`POST /v1/song/extend`). */
export interface ExtendSongParams {
  /** A song id (`choices[].id`) generated within the last month; not with `upload_audio_id`. */
  song_id?: string;
  /** File id from an upload with `purpose: 'audio'`; not with `song_id`. */
  upload_audio_id?: string;
  /** Lyrics of the new part. */
  lyrics: string;
  /** Where to extend, ms (8000–420000; clamped to the song's length). */
  extend_at: number;
  /** `tail` (default) or `head` (only with `mureka-8`). */
  extend_type?: 'tail' | 'head';
  /** `mureka-7.6` (default behaviour) or `mureka-8`. */
  model?: string;
}

async function startTask(
  client: MurekaClient,
  path: string,
  body: unknown,
  options: RequestOptions,
  what: string,
): Promise<MurekaTask> {
  // A paid task: never repeated once the body may have reached Mureka (429 and refused connections only).
  const response = await client.request<unknown>({ ...options, method: 'POST', path, json: body, retry: 'job-start' });
  return readMurekaTask(response.data, what);
}

/**
 * Starts a song (`POST /v1/song/generate`) and returns the task at once (status `preparing`); wait with
 * `waitForMurekaTask(client, murekaJobRef(task, 'song'))`. Billed per song (`n`).
 * @throws {RequestValidationError} bad params (names the field), before any request.
 * @throws {ContentFilterError} 451: the lyrics or prompt failed review.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const task = await generateSong(mureka, { lyrics: '[Verse]\nIn the stormy night…', model: 'auto', prompt: 'r&b, slow', n: 1 });
 * ```
 */
export async function generateSong(
  client: MurekaClient,
  params: GenerateSongParams,
  options: RequestOptions = {},
): Promise<MurekaTask> {
  const body = validateInput(generateSongParamsSchema, params, 'generateSong params');
  return startTask(client, '/v1/song/generate', body, options, 'generateSong');
}

/**
 * Starts an instrumental (`POST /v1/instrumental/generate`); wait with
 * `waitForMurekaTask(client, murekaJobRef(task, 'instrumental'))`.
 * @throws {RequestValidationError} bad params (names the field), before any request.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const task = await generateInstrumental(mureka, { model: 'auto', prompt: 'lo-fi hip hop, mellow piano', n: 1 });
 * ```
 */
export async function generateInstrumental(
  client: MurekaClient,
  params: GenerateInstrumentalParams,
  options: RequestOptions = {},
): Promise<MurekaTask> {
  const body = validateInput(generateInstrumentalParamsSchema, params, 'generateInstrumental params');
  return startTask(client, '/v1/instrumental/generate', body, options, 'generateInstrumental');
}

/**
 * Extends a song (`POST /v1/song/extend`) — a song task: poll it like a generated song.
 * @throws {RequestValidationError} bad params (names the field), before any request.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const task = await extendSong(mureka, { song_id: 'song-8812a', lyrics: '[Bridge]\nOne more mile', extend_at: 150000 });
 * ```
 */
export async function extendSong(
  client: MurekaClient,
  params: ExtendSongParams,
  options: RequestOptions = {},
): Promise<MurekaTask> {
  const body = validateInput(extendSongParamsSchema, params, 'extendSong params');
  return startTask(client, '/v1/song/extend', body, options, 'extendSong');
}
