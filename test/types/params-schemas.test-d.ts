/**
 * Type-level checks (run by `tsc --noEmit`, not by vitest): every endpoint's params type is the input type of the
 * zod schema that checks it before the request, so the two cannot drift apart. A new endpoint adds its line here
 * (docs/CONTRIBUTING.md).
 *
 * A params type is what a caller passes, and the schema checks exactly that, so each is compared with the
 * schema's `z.input`. "The same" is {@link Equal}: each assignable to the other, and the same field paths with the
 * same optionality at every depth. Assignability alone would miss a field one side lacks but the other has as
 * optional; that is the drift which matters most, because a strict schema rejects a field the type offers, and
 * the type hides a field the schema takes. Model-id types like `'a' | 'b' | (string & {})` equal `string` here
 * (they differ only in editor hints).
 */
import type * as z from 'zod/mini';
import type { responsesCreateBodySchema } from '../../src/protocols/openai-responses/request-schema.js';
import type { ResponsesCreateBody } from '../../src/protocols/openai-responses/wire.js';
import type * as anthropic from '../../src/providers/anthropic/index.js';
import type { createMessageSchema } from '../../src/providers/anthropic/message-params.js';
import type * as elevenlabs from '../../src/providers/elevenlabs/index.js';
import type * as lalal from '../../src/providers/lalal/index.js';
import type * as minimax from '../../src/providers/minimax/index.js';
import type * as mureka from '../../src/providers/mureka/index.js';
import type * as sora from '../../src/providers/openai/videos/index.js';
import type { downloadVideoContentQuerySchema } from '../../src/providers/openai/videos/schemas.js';
import type { createSchema as createChatCompletionSchema } from '../../src/providers/openai-compatible/chat-completions-schema.js';
import type * as chat from '../../src/providers/openai-compatible/index.js';
import type * as stability from '../../src/providers/stability/index.js';
import type * as xai from '../../src/providers/xai/index.js';

/** Values compared as a whole, never field by field (`string & {}` counts as an object otherwise). */
type Opaque =
  | string
  | number
  | boolean
  | bigint
  | symbol
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | Date
  | RegExp
  | ((...args: never[]) => unknown);

/**
 * Every field path of `T` (`.a?`, `.a.b`, `.list[].c`), through unions and arrays; `?` marks an optional field. A
 * key typed `never` (`file_id?: never`, a spelled-out absence) is no field.
 */
type Paths<T, Depth extends unknown[] = []> = Depth['length'] extends 8
  ? never
  : T extends Opaque
    ? never
    : T extends readonly (infer E)[]
      ? `[]${Paths<E, [...Depth, 0]>}`
      : T extends object
        ? FieldsPaths<KnownFields<T>, Depth>
        : never;

/**
 * `T` without its index signatures (the `[key: string]: unknown` of an open body or block): such a key names no field,
 * and as a path (`.${string}?`) it would stand for every optional path beside it. (A mapped type over `keyof T`
 * would not do: an index signature makes `keyof T` plain `string`, hiding the named fields.)
 */
type KnownFields<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** The paths of every field of `T`. */
type FieldsPaths<T, Depth extends unknown[]> = {
  [K in keyof T & (string | number)]-?: FieldPaths<T, K, Depth>;
}[keyof T & (string | number)];

/** The paths of one field `K` of `T`: itself (with `?` when optional) and those inside it. */
type FieldPaths<T, K extends keyof T & (string | number), Depth extends unknown[]> = [
  Exclude<T[K], undefined>,
] extends [never]
  ? never
  : `.${K}${object extends Pick<T, K> ? '?' : ''}` | `.${K}${Paths<Exclude<T[K], undefined>, [...Depth, 0]>}`;

/** True when the unions `A` and `B` hold the same members. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** True when `A` and `B` take the same values and spell the same fields. */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? SameSet<Paths<A>, Paths<B>> : false) : false;

/** `true` when the params type equals the input type; otherwise where they differ (shown in the error). */
type MatchesInput<Params, Input> =
  Equal<Params, Input> extends true
    ? true
    : {
        onlyInParams: Exclude<Paths<Params>, Paths<Input>>;
        onlyInSchema: Exclude<Paths<Input>, Paths<Params>>;
        paramsFitSchema: [Params] extends [Input] ? true : false;
        schemaFitsParams: [Input] extends [Params] ? true : false;
      };

/** `true` when the params type matches the schema's input; otherwise where they differ (shown in the error). */
type Matches<Params, Schema extends z.ZodMiniType> = MatchesInput<Params, z.input<Schema>>;

/** Compiles only for `true`. */
type Assert<T extends true> = T;

export type SoraEndpoints = [
  Assert<Matches<sora.CreateVideoParams, typeof sora.createVideoParamsSchema>>,
  Assert<Matches<sora.RemixVideoParams, typeof sora.remixVideoParamsSchema>>,
  Assert<Matches<sora.EditVideoParams, typeof sora.editVideoParamsSchema>>,
  Assert<Matches<sora.ExtendVideoParams, typeof sora.extendVideoParamsSchema>>,
  Assert<Matches<sora.ListVideosParams, typeof sora.listVideosParamsSchema>>,
  Assert<Matches<sora.CreateCharacterParams, typeof sora.createCharacterParamsSchema>>,
  Assert<Matches<Required<Pick<sora.DownloadVideoContentOptions, 'variant'>>, typeof downloadVideoContentQuerySchema>>,
];

export type MiniMaxEndpoints = [
  Assert<Matches<minimax.CreateVideoParams, typeof minimax.createVideoParamsSchema>>,
  Assert<Matches<minimax.CreateVideoV2Params, typeof minimax.createVideoV2ParamsSchema>>,
  Assert<Matches<minimax.VideoV2ContentPart, typeof minimax.videoV2ContentPartSchema>>,
  Assert<Matches<minimax.GenerateImageParams, typeof minimax.generateImageParamsSchema>>,
  Assert<Matches<minimax.GenerateMusicParams, typeof minimax.generateMusicParamsSchema>>,
  Assert<Matches<minimax.MusicCoverPreprocessParams, typeof minimax.musicCoverPreprocessParamsSchema>>,
  Assert<Matches<minimax.GenerateLyricsParams, typeof minimax.generateLyricsParamsSchema>>,
];

export type XAIEndpoints = [
  Assert<Matches<xai.XAIImageRef, typeof xai.xaiImageRefSchema>>,
  Assert<Matches<xai.XAIGenerateImagesParams, typeof xai.xaiGenerateImagesSchema>>,
  Assert<Matches<xai.XAIEditImagesParams, typeof xai.xaiEditImagesSchema>>,
  Assert<Matches<xai.XAIGenerateVideoParams, typeof xai.xaiGenerateVideoSchema>>,
  Assert<Matches<xai.XAIEditVideoParams, typeof xai.xaiEditVideoSchema>>,
  Assert<Matches<xai.XAIExtendVideoParams, typeof xai.xaiExtendVideoSchema>>,
];

export type StabilityEndpoints = [
  Assert<Matches<stability.StabilityUltraParams, typeof stability.stabilityUltraSchema>>,
  Assert<Matches<stability.StabilityCoreParams, typeof stability.stabilityCoreSchema>>,
  Assert<Matches<stability.StabilitySd3Params, typeof stability.stabilitySd3Schema>>,
  Assert<Matches<stability.StabilityEraseParams, typeof stability.stabilityEraseSchema>>,
  Assert<Matches<stability.StabilityInpaintParams, typeof stability.stabilityInpaintSchema>>,
  Assert<Matches<stability.StabilityOutpaintParams, typeof stability.stabilityOutpaintSchema>>,
  Assert<Matches<stability.StabilitySearchAndReplaceParams, typeof stability.stabilitySearchAndReplaceSchema>>,
  Assert<Matches<stability.StabilitySearchAndRecolorParams, typeof stability.stabilitySearchAndRecolorSchema>>,
  Assert<Matches<stability.StabilityRemoveBackgroundParams, typeof stability.stabilityRemoveBackgroundSchema>>,
  Assert<Matches<stability.StabilityFastUpscaleParams, typeof stability.stabilityFastUpscaleSchema>>,
  Assert<Matches<stability.StabilityConservativeUpscaleParams, typeof stability.stabilityConservativeUpscaleSchema>>,
  Assert<Matches<stability.StabilityCreativeUpscaleParams, typeof stability.stabilityCreativeUpscaleSchema>>,
  Assert<Matches<stability.StabilityTextToAudioParams, typeof stability.stabilityTextToAudioSchema>>,
  Assert<Matches<stability.StabilityAudioToAudioParams, typeof stability.stabilityAudioToAudioSchema>>,
];

export type MurekaEndpoints = [
  Assert<Matches<mureka.GenerateSongParams, typeof mureka.generateSongParamsSchema>>,
  Assert<Matches<mureka.GenerateInstrumentalParams, typeof mureka.generateInstrumentalParamsSchema>>,
  Assert<Matches<mureka.ExtendSongParams, typeof mureka.extendSongParamsSchema>>,
  Assert<Matches<mureka.GenerateLyricsParams, typeof mureka.generateLyricsParamsSchema>>,
  Assert<Matches<mureka.ExtendLyricsParams, typeof mureka.extendLyricsParamsSchema>>,
  Assert<Matches<mureka.SeparateStemsParams, typeof mureka.separateStemsParamsSchema>>,
  Assert<Matches<mureka.UploadFileParams, typeof mureka.uploadFileParamsSchema>>,
];

export type ElevenLabsEndpoints = [
  Assert<Matches<elevenlabs.SongSection, typeof elevenlabs.songSectionSchema>>,
  Assert<Matches<elevenlabs.MusicPromptPlan, typeof elevenlabs.musicPromptPlanSchema>>,
  Assert<Matches<elevenlabs.GenerationChunk, typeof elevenlabs.generationChunkSchema>>,
  Assert<Matches<elevenlabs.ChunkPlan, typeof elevenlabs.chunkPlanSchema>>,
  Assert<Matches<elevenlabs.CompositionPlan, typeof elevenlabs.compositionPlanSchema>>,
  Assert<Matches<elevenlabs.ComposeMusicParams, typeof elevenlabs.composeMusicParamsSchema>>,
  Assert<Matches<elevenlabs.StreamMusicParams, typeof elevenlabs.streamMusicParamsSchema>>,
  Assert<Matches<elevenlabs.ComposeMusicDetailedParams, typeof elevenlabs.composeMusicDetailedParamsSchema>>,
  Assert<Matches<elevenlabs.CreateCompositionPlanParams, typeof elevenlabs.createCompositionPlanParamsSchema>>,
];

export type LalalEndpoints = [
  Assert<Matches<lalal.SplitStemParams, typeof lalal.splitStemParamsSchema>>,
  Assert<Matches<lalal.SplitMultistemParams, typeof lalal.splitMultistemParamsSchema>>,
  Assert<Matches<lalal.CleanVoiceParams, typeof lalal.cleanVoiceParamsSchema>>,
  Assert<Matches<lalal.RemoveMusicParams, typeof lalal.removeMusicParamsSchema>>,
];

// The chat endpoints' bodies: their schemas are internal (module exports, not in the entries). Chat Completions
// passes gateway fields through and Responses provider options, so both sides have an index signature besides the
// documented fields.
export type ChatEndpoints = [
  Assert<Matches<chat.CreateChatCompletionParams, typeof createChatCompletionSchema>>,
  Assert<Matches<anthropic.CreateMessageParams, typeof createMessageSchema>>,
  Assert<Matches<ResponsesCreateBody, typeof responsesCreateBodySchema>>,
];

// LALAL's upload, task check and cancel take ids and a file checked by hand, with no schema to drift from.

// Self-check: each drifted pair below must fail (an unused `@ts-expect-error` is itself an error).
type EditVideoWithoutStorageFields = Omit<xai.XAIEditVideoParams, 'storage_options'> & {
  storage_options?: { filename: string };
};
type SplitStemWithNumericId = Omit<lalal.SplitStemParams, 'source_id'> & { source_id: number };
export type SelfCheck = [
  // An optional field the type has and the schema lacks (assignability alone would accept it).
  // @ts-expect-error the check bites
  Assert<Matches<mureka.GenerateSongParams & { note?: string }, typeof mureka.generateSongParamsSchema>>,
  // An optional field that became required.
  // @ts-expect-error the check bites
  Assert<Matches<Required<lalal.SplitStemParams>, typeof lalal.splitStemParamsSchema>>,
  // A nested optional field dropped from the type (`storage_options.expires_after`, `.public_url`).
  // @ts-expect-error the check bites
  Assert<Matches<EditVideoWithoutStorageFields, typeof xai.xaiEditVideoSchema>>,
  // A named optional field beside an index signature (an open body): the signature must not stand for it.
  // @ts-expect-error the check bites
  Assert<Matches<chat.CreateChatCompletionParams & { note?: string }, typeof createChatCompletionSchema>>,
  // A field whose type changed.
  // @ts-expect-error the check bites
  Assert<Matches<SplitStemWithNumericId, typeof lalal.splitStemParamsSchema>>,
];
