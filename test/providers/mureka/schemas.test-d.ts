/** Type-level checks (run by `tsc --noEmit`): each request type matches its schema both ways. */
import { expectTypeOf } from 'vitest';
import type * as z from 'zod/mini';
import type {
  ExtendLyricsParams,
  ExtendSongParams,
  extendLyricsParamsSchema,
  extendSongParamsSchema,
  GenerateInstrumentalParams,
  GenerateLyricsParams,
  GenerateSongParams,
  generateInstrumentalParamsSchema,
  generateLyricsParamsSchema,
  generateSongParamsSchema,
  SeparateStemsParams,
  separateStemsParamsSchema,
  UploadFileParams,
  uploadFileParamsSchema,
} from '../../../src/providers/mureka/index.js';

expectTypeOf<GenerateSongParams>().toEqualTypeOf<z.input<typeof generateSongParamsSchema>>();
expectTypeOf<GenerateInstrumentalParams>().toEqualTypeOf<z.input<typeof generateInstrumentalParamsSchema>>();
expectTypeOf<ExtendSongParams>().toEqualTypeOf<z.input<typeof extendSongParamsSchema>>();
expectTypeOf<GenerateLyricsParams>().toEqualTypeOf<z.input<typeof generateLyricsParamsSchema>>();
expectTypeOf<ExtendLyricsParams>().toEqualTypeOf<z.input<typeof extendLyricsParamsSchema>>();
expectTypeOf<SeparateStemsParams>().toEqualTypeOf<z.input<typeof separateStemsParamsSchema>>();
expectTypeOf<UploadFileParams>().toEqualTypeOf<z.input<typeof uploadFileParamsSchema>>();
