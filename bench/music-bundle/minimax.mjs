// Baseline: MiniMax music (generateMusic, hex output) through `hello-dave/minimax`.
import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-minimax.ts', import.meta.url));
