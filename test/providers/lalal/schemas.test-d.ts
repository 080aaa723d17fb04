/** Type-level checks (run by `tsc --noEmit`): each request type matches its schema. */
import { expectTypeOf } from 'vitest';
import type * as z from 'zod/mini';
import type {
  CleanVoiceParams,
  cleanVoiceParamsSchema,
  RemoveMusicParams,
  removeMusicParamsSchema,
  SplitMultistemParams,
  SplitStemParams,
  splitMultistemParamsSchema,
  splitStemParamsSchema,
} from '../../../src/providers/lalal/index.js';

expectTypeOf<SplitStemParams>().toEqualTypeOf<z.input<typeof splitStemParamsSchema>>();
expectTypeOf<SplitMultistemParams>().toEqualTypeOf<z.input<typeof splitMultistemParamsSchema>>();
expectTypeOf<CleanVoiceParams>().toEqualTypeOf<z.input<typeof cleanVoiceParamsSchema>>();
expectTypeOf<RemoveMusicParams>().toEqualTypeOf<z.input<typeof removeMusicParamsSchema>>();
