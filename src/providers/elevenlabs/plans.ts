/**
 * Composition plans of Eleven Music — the v1 `MusicPrompt` (global styles and sections) and the v2
 * `CompositionPlan` (chunks) — as strict schemas, and `POST /v1/music/plan`, which writes one from a prompt.
 * @see https://elevenlabs.io/docs/api-reference/music/create-composition-plan
 * @module
 */
import * as z from 'zod/mini';
import { ResponseValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { validateInput } from '../../common/validate.js';
import type { RequestOptions } from '../../http/types.js';
import type { ElevenLabsClient } from './client.js';
import { ELEVENLABS_PROVIDER_NAME } from './errors.js';

/** Music model ids in the official SDKs (`music_v2_5`, used by third parties, is unverified). Any id is accepted. */
export const ELEVENLABS_MUSIC_MODELS = ['music_v1', 'music_v2'] as const;

const styles = /* @__PURE__ */ z.array(z.string()).check(z.maxLength(50));
const sectionMs = /* @__PURE__ */ z.int().check(z.gte(3000), z.lte(120_000));
const range = /* @__PURE__ */ z.strictObject({ start_ms: z.int().check(z.gte(0)), end_ms: z.int().check(z.gte(0)) });

/** Schema of a v1 section (all five non-optional keys must be present, arrays may be empty). */
export const songSectionSchema = /* @__PURE__ */ z.strictObject({
  section_name: z.string().check(z.minLength(1), z.maxLength(100)),
  positive_local_styles: styles,
  negative_local_styles: styles,
  duration_ms: sectionMs,
  lines: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(30)),
  source_from: z.optional(
    z.strictObject({
      song_id: z.string().check(z.minLength(1)),
      range,
      negative_ranges: z.optional(z.array(range).check(z.maxLength(10))),
    }),
  ),
});

/** Schema of a v1 plan (`MusicPrompt`, for `music_v1`). */
export const musicPromptPlanSchema = /* @__PURE__ */ z.strictObject({
  positive_global_styles: styles,
  negative_global_styles: styles,
  sections: z.array(songSectionSchema).check(z.minLength(1), z.maxLength(30)),
});

const audioRef = /* @__PURE__ */ z.strictObject({ song_id: z.string().check(z.minLength(1)), range });
const level = ['low', 'medium', 'high'] as const;

/** Schema of a v2 generation chunk. */
export const generationChunkSchema = /* @__PURE__ */ z.strictObject({
  text: z.string().check(z.maxLength(6000)),
  duration_ms: sectionMs,
  positive_styles: styles,
  negative_styles: z.optional(styles),
  context_adherence: z.optional(z.enum(level)),
  conditioning_ref: z.optional(audioRef),
  condition_strength: z.optional(z.enum([...level, 'xhigh'])),
});

/** Schema of a v2 plan (`CompositionPlan`, for `music_v2`): generation chunks or audio-reference chunks. */
export const chunkPlanSchema = /* @__PURE__ */ z.strictObject({
  chunks: z
    .array(
      z.union([generationChunkSchema, audioRef], {
        error: 'a chunk is { text, duration_ms, positive_styles, … } or { song_id, range }',
      }),
    )
    .check(z.minLength(1), z.maxLength(30)),
});

/** Either plan format. */
export const compositionPlanSchema = /* @__PURE__ */ z.union([musicPromptPlanSchema, chunkPlanSchema], {
  error:
    'a composition plan is { positive_global_styles, negative_global_styles, sections } (music_v1) or { chunks } (music_v2)',
});

/** One section of a v1 plan. */
export interface SongSection {
  /** 1–100 chars (`Intro`, `Verse 1`). */
  section_name: string;
  /** Styles for this section (≤ 50; English works best). */
  positive_local_styles: string[];
  /** Styles to avoid here (≤ 50). */
  negative_local_styles: string[];
  /** 3000–120000 ms. */
  duration_ms: number;
  /** Lyrics lines (≤ 30, ≤ 200 chars each); `[]` for an instrumental section. */
  lines: string[];
  /** Reuse a slice of a stored song (inpainting; enterprise only). */
  source_from?:
    | {
        song_id: string;
        range: { start_ms: number; end_ms: number };
        negative_ranges?: { start_ms: number; end_ms: number }[] | undefined;
      }
    | undefined;
}

/** A v1 composition plan (`MusicPrompt`), for `music_v1`. */
export interface MusicPromptPlan {
  /** Styles for the whole song (≤ 50). */
  positive_global_styles: string[];
  /** Styles to avoid (≤ 50). */
  negative_global_styles: string[];
  /** 1–30 sections; the song's length is the sum of their durations. */
  sections: SongSection[];
}

/** A v2 generation chunk. */
export interface GenerationChunk {
  /** Lyrics and directions (≤ 6000 chars; `[Verse 1]` headers, `{inline directions}`). */
  text: string;
  /** 3000–120000 ms. */
  duration_ms: number;
  /** Styles (≤ 50). */
  positive_styles: string[];
  /** Styles to avoid (≤ 50). */
  negative_styles?: string[] | undefined;
  /** How closely to follow the previous chunk (default `high`). */
  context_adherence?: 'low' | 'medium' | 'high' | undefined;
  /** A stored song slice (≤ 30 s) that conditions this chunk (enterprise only). */
  conditioning_ref?: { song_id: string; range: { start_ms: number; end_ms: number } } | undefined;
  /** Strength of `conditioning_ref` (default `medium`). */
  condition_strength?: 'low' | 'medium' | 'high' | 'xhigh' | undefined;
}

/** A v2 chunk that replays a stored song's slice unchanged (enterprise only). */
export interface AudioReferenceChunk {
  /** Stored song id. */
  song_id: string;
  /** The slice, ms (at least 50 ms). */
  range: { start_ms: number; end_ms: number };
}

/** A v2 composition plan (`CompositionPlan`), for `music_v2`. */
export interface ChunkPlan {
  /** 1–30 chunks. */
  chunks: (GenerationChunk | AudioReferenceChunk)[];
}

/** Either plan format: {@link MusicPromptPlan} (`music_v1`) or {@link ChunkPlan} (`music_v2`). */
export type CompositionPlan = MusicPromptPlan | ChunkPlan;

/** Sum of a plan's section or chunk durations, ms. */
export function planDurationMs(plan: CompositionPlan): number {
  if ('sections' in plan) return plan.sections.reduce((sum, section) => sum + section.duration_ms, 0);
  return plan.chunks.reduce(
    (sum, chunk) => sum + ('duration_ms' in chunk ? chunk.duration_ms : chunk.range.end_ms - chunk.range.start_ms),
    0,
  );
}

/** The plan format a model expects: `sections` for `music_v1`, `chunks` for `music_v2`; undefined for others. */
export function planMismatch(plan: CompositionPlan, modelId: string | undefined): string | undefined {
  if (modelId === 'music_v1' && !('sections' in plan))
    return 'music_v1 takes a sections plan (MusicPrompt), not chunks';
  if (modelId === 'music_v2' && !('chunks' in plan))
    return 'music_v2 takes a chunks plan (CompositionPlan), not sections';
  return undefined;
}

/**
 * Body of `POST /v1/music/plan`.
 * @see https://elevenlabs.io/docs/api-reference/music/create-composition-plan
 */
export const createCompositionPlanParamsSchema = /* @__PURE__ */ z
  .strictObject({
    prompt: z.string().check(z.minLength(1), z.maxLength(4100)),
    music_length_ms: z.optional(z.int().check(z.gte(3000), z.lte(600_000))),
    source_composition_plan: z.optional(compositionPlanSchema),
    model_id: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.refine((p) => p.source_composition_plan === undefined || !planMismatch(p.source_composition_plan, p.model_id), {
      message: 'the plan format does not match model_id (music_v1: sections, music_v2: chunks)',
      path: ['source_composition_plan'],
    }),
  );

/** Parameters of {@link createCompositionPlan}. */
export interface CreateCompositionPlanParams {
  /** What the music should be (≤ 4100 chars). */
  prompt: string;
  /** Target length, 3000–600000 ms. */
  music_length_ms?: number;
  /** A plan to revise. */
  source_composition_plan?: CompositionPlan;
  /** `music_v1` (sections plan) or `music_v2` (chunks plan); send it: the defaults differ per endpoint. */
  model_id?: string;
}

/** Checks that an answer is a plan of either format (fields we read; others kept). */
function readPlan(body: unknown): CompositionPlan {
  const ok =
    isRecord(body) &&
    ((Array.isArray(body.sections) && Array.isArray(body.positive_global_styles)) || Array.isArray(body.chunks));
  if (!ok) throw new ResponseValidationError(ELEVENLABS_PROVIDER_NAME, 'createCompositionPlan: not a plan', body);
  return body as unknown as CompositionPlan;
}

/**
 * Writes a composition plan from a prompt (`POST /v1/music/plan`): sections (v1) or chunks (v2) with styles,
 * lyrics lines and durations, to edit and pass to `composeMusic` as `composition_plan`. Costs no credits
 * (reportedly; rate-limited — unverified), so it is retried like a safe request.
 * @see https://elevenlabs.io/docs/api-reference/music/create-composition-plan
 * @example
 * ```ts
 * const plan = await createCompositionPlan(eleven, { prompt: 'Cinematic orchestral build', music_length_ms: 60000, model_id: 'music_v1' });
 * ```
 */
export async function createCompositionPlan(
  client: ElevenLabsClient,
  params: CreateCompositionPlanParams,
  options: RequestOptions = {},
): Promise<CompositionPlan> {
  const json = validateInput(createCompositionPlanParamsSchema, params, 'createCompositionPlan params');
  const response = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: '/v1/music/plan',
    json,
    retry: 'safe',
  });
  return readPlan(response.data);
}
