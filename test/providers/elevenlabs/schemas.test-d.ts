/** Type-level checks (run by `tsc --noEmit`): each request type matches its schema. */
import { expectTypeOf } from 'vitest';
import type * as z from 'zod/mini';
import type {
  ChunkPlan,
  ComposeMusicDetailedParams,
  ComposeMusicParams,
  CreateCompositionPlanParams,
  chunkPlanSchema,
  composeMusicDetailedParamsSchema,
  composeMusicParamsSchema,
  createCompositionPlanParamsSchema,
  MusicPromptPlan,
  musicPromptPlanSchema,
  StreamMusicParams,
  streamMusicParamsSchema,
} from '../../../src/providers/elevenlabs/index.js';

expectTypeOf<MusicPromptPlan>().toEqualTypeOf<z.input<typeof musicPromptPlanSchema>>();
expectTypeOf<ChunkPlan>().toEqualTypeOf<z.input<typeof chunkPlanSchema>>();
expectTypeOf<ComposeMusicParams>().toEqualTypeOf<z.input<typeof composeMusicParamsSchema>>();
expectTypeOf<StreamMusicParams>().toEqualTypeOf<z.input<typeof streamMusicParamsSchema>>();
expectTypeOf<ComposeMusicDetailedParams>().toEqualTypeOf<z.input<typeof composeMusicDetailedParamsSchema>>();
expectTypeOf<CreateCompositionPlanParams>().toEqualTypeOf<z.input<typeof createCompositionPlanParamsSchema>>();
