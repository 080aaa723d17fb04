/**
 * LALAL.AI split tasks (API v1): one stem (`stem_separator`), several stems (`multistem`), voice cleaning
 * (`voice_clean`) and music removal from speech (`demuser`). Each starts a billed task and returns its `task_id`;
 * every request carries an `idempotency_key`, so a retried split is never charged twice.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { idProblem } from '../../common/ids.js';
import { validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { LalalClient } from './client.js';
import { LALAL_PROVIDER_NAME } from './errors.js';

/** Stems of `stem_separator`; `synthesizer`, `strings` and `wind` need the `phoenix` splitter. */
export const LALAL_STEMS = [
  'vocals',
  'drum',
  'piano',
  'bass',
  'electric_guitar',
  'acoustic_guitar',
  'synthesizer',
  'strings',
  'wind',
] as const;

/** Stems `multistem` takes (1–6 of them). */
export const LALAL_MULTISTEMS = ['vocals', 'drum', 'piano', 'bass', 'electric_guitar', 'acoustic_guitar'] as const;

/**
 * Splitter models; omit `splitter` for the latest one that supports the stem (`auto` is the spec's default but not
 * in its enum — sending it may fail, unverified). Support (official script, 2026-03): `andromeda` vocals, voice,
 * drum, bass; `perseus` / `orion` all but synthesizer, strings, wind; `phoenix` all; `lyra` demuser; `lynx` voice
 * cleaner.
 */
export const LALAL_SPLITTERS = ['andromeda', 'perseus', 'orion', 'phoenix', 'lyra', 'lynx'] as const;

/** Output encodings; omit (null) for the source's own format. */
export const LALAL_ENCODER_FORMATS = ['mp3', 'wav', 'flac', 'aac', 'ogg'] as const;

const PHOENIX_ONLY: readonly string[] = ['synthesizer', 'strings', 'wind'];

const uuid = /* @__PURE__ */ z.string().check(
  z.refine((id) => idProblem(id) === undefined, { message: 'must be one id (a UUID from upload)' }),
  z.minLength(1),
);
const common = {
  splitter: z.optional(z.enum(LALAL_SPLITTERS)),
  dereverb_enabled: z.optional(z.boolean()),
  encoder_format: z.optional(z.nullable(z.enum(LALAL_ENCODER_FORMATS))),
};
const extraction = /* @__PURE__ */ z.optional(z.enum(['deep_extraction', 'clear_cut']));
const key = /* @__PURE__ */ z.optional(z.string().check(z.minLength(1), z.maxLength(128)));

/**
 * Body of `POST /api/v1/split/stem_separator/`.
 * @see https://www.lalal.ai/api/v1/docs/
 */
export const splitStemParamsSchema = /* @__PURE__ */ z.strictObject({
  source_id: uuid,
  presets: z
    .strictObject({
      ...common,
      stem: z.enum(LALAL_STEMS),
      extraction_level: extraction,
      multivocal: z.optional(z.literal('lead_back')),
    })
    .check(
      z.refine((p) => !PHOENIX_ONLY.includes(p.stem) || p.splitter === undefined || p.splitter === 'phoenix', {
        message: 'synthesizer, strings and wind need splitter "phoenix" (or none)',
        path: ['splitter'],
      }),
      z.refine((p) => p.multivocal === undefined || p.stem === 'vocals', {
        message: 'multivocal "lead_back" works with stem "vocals" only',
        path: ['multivocal'],
      }),
    ),
  idempotency_key: key,
});

/**
 * Body of `POST /api/v1/split/multistem/` (billed per stem).
 * @see https://www.lalal.ai/api/v1/docs/
 */
export const splitMultistemParamsSchema = /* @__PURE__ */ z.strictObject({
  source_id: uuid,
  presets: z.strictObject({
    ...common,
    stem_list: z.array(z.enum(LALAL_MULTISTEMS)).check(z.minLength(1), z.maxLength(6)),
    extraction_level: extraction,
  }),
  idempotency_key: key,
});

/**
 * Body of `POST /api/v1/split/voice_clean/` (`stem` is always `voice`).
 * @see https://www.lalal.ai/api/v1/docs/
 */
export const cleanVoiceParamsSchema = /* @__PURE__ */ z.strictObject({
  source_id: uuid,
  presets: z.strictObject({
    ...common,
    stem: z.optional(z.literal('voice')),
    noise_cancelling_level: z.optional(z.literal([0, 1, 2])),
  }),
  idempotency_key: key,
});

/**
 * Body of `POST /api/v1/split/demuser/` (`stem` is always `music`: removes background music from speech).
 * @see https://www.lalal.ai/api/v1/docs/
 */
export const removeMusicParamsSchema = /* @__PURE__ */ z.strictObject({
  source_id: uuid,
  presets: z.strictObject({ ...common, stem: z.optional(z.literal('music')) }),
  idempotency_key: key,
});

/** Presets every split takes. */
export interface LalalCommonPresets {
  /** Splitter model (see {@link LALAL_SPLITTERS}); omit for automatic choice. */
  splitter?: (typeof LALAL_SPLITTERS)[number];
  /** Remove reverb (vocals / voice only). */
  dereverb_enabled?: boolean;
  /** Output format; null or omitted: the source's. */
  encoder_format?: (typeof LALAL_ENCODER_FORMATS)[number] | null;
}

/** Presets of {@link splitStem}. */
export interface LalalStemPresets extends LalalCommonPresets {
  /** The stem (see {@link LALAL_STEMS}). */
  stem: (typeof LALAL_STEMS)[number];
  /** `deep_extraction` (default) or `clear_cut` (no effect with `andromeda`). */
  extraction_level?: 'deep_extraction' | 'clear_cut';
  /** `lead_back`: lead and backing vocals apart (vocals only). */
  multivocal?: 'lead_back';
}

/** Presets of {@link splitMultistem}. */
export interface LalalMultistemPresets extends LalalCommonPresets {
  /** 1–6 stems (see {@link LALAL_MULTISTEMS}). */
  stem_list: (typeof LALAL_MULTISTEMS)[number][];
  /** `deep_extraction` (default) or `clear_cut`. */
  extraction_level?: 'deep_extraction' | 'clear_cut';
}

/** Presets of {@link cleanVoice}. */
export interface LalalVoiceCleanPresets extends LalalCommonPresets {
  /** Always `voice` (sent for you). */
  stem?: 'voice';
  /** 0 mild (default), 1 normal, 2 aggressive. */
  noise_cancelling_level?: 0 | 1 | 2;
}

/** Presets of {@link removeMusic}. */
export interface LalalDemuserPresets extends LalalCommonPresets {
  /** Always `music` (sent for you). */
  stem?: 'music';
}

/** Parameters of {@link splitStem}. */
export interface SplitStemParams {
  /** The uploaded source's id. */
  source_id: string;
  /** What to split out. */
  presets: LalalStemPresets;
  /** Makes retries safe: the same key never starts (or bills) a second task. Default: a new UUID per call. */
  idempotency_key?: string;
}

/** Parameters of {@link splitMultistem}. */
export interface SplitMultistemParams {
  /** The uploaded source's id. */
  source_id: string;
  /** What to split out. */
  presets: LalalMultistemPresets;
  /** Idempotency key (default: a new UUID per call). */
  idempotency_key?: string;
}

/** Parameters of {@link cleanVoice}. */
export interface CleanVoiceParams {
  /** The uploaded source's id. */
  source_id: string;
  /** Presets. */
  presets: LalalVoiceCleanPresets;
  /** Idempotency key (default: a new UUID per call). */
  idempotency_key?: string;
}

/** Parameters of {@link removeMusic}. */
export interface RemoveMusicParams {
  /** The uploaded source's id. */
  source_id: string;
  /** Presets. */
  presets: LalalDemuserPresets;
  /** Idempotency key (default: a new UUID per call). */
  idempotency_key?: string;
}

/** Answer of every split endpoint. */
export interface LalalSplitTask {
  /** The task id (UUID): check it with `checkLalalTasks` / `waitForLalalTask`. */
  task_id: string;
  /** The idempotency key sent (store it with the task to retry the same split safely). */
  idempotency_key: string;
}

async function startSplit(
  client: LalalClient,
  path: string,
  body: { idempotency_key?: string | undefined } & Record<string, unknown>,
  options: RequestOptions,
  what: string,
): Promise<LalalSplitTask> {
  const idempotency_key = body.idempotency_key ?? globalThis.crypto.randomUUID();
  // The key in the body makes a repeat safe: LALAL.AI starts (and bills) one task per key, so a retryable error
  // answer is retried with the same body and key. A lost answer is not: a repeat would be refused with
  // `idempotency_key_used` and the task id lost for good, so the error hands the key back to the caller.
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path,
    json: { ...body, idempotency_key },
    retry: 'job-start',
    idempotencyKey: idempotency_key,
    lostAnswerHint:
      `retry with the same idempotency_key "${idempotency_key}", which LALAL.AI never bills twice, and see ` +
      'whether minutes were spent with lalalMinutesLeft(): LALAL.AI lists no past tasks',
  });
  const answer = response.data;
  if (!isRecord(answer) || typeof answer.task_id !== 'string' || !answer.task_id) {
    throw new ResponseValidationError(LALAL_PROVIDER_NAME, `${what}: the answer holds no task_id`, answer);
  }
  return { task_id: answer.task_id, idempotency_key };
}

/**
 * Splits one stem from a source (`POST /api/v1/split/stem_separator/`): the result has the stem track and the
 * back track (everything else); with `multivocal: 'lead_back'`, lead and backing vocals apart.
 * @throws {RequestValidationError} bad params (names the field and the allowed values), before any request.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const task = await splitStem(lalal, { source_id: source.id, presets: { stem: 'vocals', splitter: 'perseus', encoder_format: 'wav' } });
 * ```
 */
export async function splitStem(
  client: LalalClient,
  params: SplitStemParams,
  options: RequestOptions = {},
): Promise<LalalSplitTask> {
  const body = validateInput(splitStemParamsSchema, params, 'splitStem params');
  return startSplit(client, '/api/v1/split/stem_separator/', body, options, 'splitStem');
}

/**
 * Splits several stems at once (`POST /api/v1/split/multistem/`; billed per stem).
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const task = await splitMultistem(lalal, { source_id, presets: { stem_list: ['vocals', 'drum', 'bass'] } });
 * ```
 */
export async function splitMultistem(
  client: LalalClient,
  params: SplitMultistemParams,
  options: RequestOptions = {},
): Promise<LalalSplitTask> {
  const body = validateInput(splitMultistemParamsSchema, params, 'splitMultistem params');
  return startSplit(client, '/api/v1/split/multistem/', body, options, 'splitMultistem');
}

/**
 * Cleans a voice recording of noise (`POST /api/v1/split/voice_clean/`).
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const task = await cleanVoice(lalal, { source_id, presets: { noise_cancelling_level: 1 } });
 * ```
 */
export async function cleanVoice(
  client: LalalClient,
  params: CleanVoiceParams,
  options: RequestOptions = {},
): Promise<LalalSplitTask> {
  const body = validateInput(cleanVoiceParamsSchema, params, 'cleanVoice params');
  return startSplit(
    client,
    '/api/v1/split/voice_clean/',
    { ...body, presets: { ...body.presets, stem: 'voice' } },
    options,
    'cleanVoice',
  );
}

/**
 * Removes background music from speech (`POST /api/v1/split/demuser/`).
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const task = await removeMusic(lalal, { source_id, presets: {} });
 * ```
 */
export async function removeMusic(
  client: LalalClient,
  params: RemoveMusicParams,
  options: RequestOptions = {},
): Promise<LalalSplitTask> {
  const body = validateInput(removeMusicParamsSchema, params, 'removeMusic params');
  return startSplit(
    client,
    '/api/v1/split/demuser/',
    { ...body, presets: { ...body.presets, stem: 'music' } },
    options,
    'removeMusic',
  );
}
