// LALAL.AI: upload, split, wait, save through `hello-dave/lalal`.
import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-lalal.ts', import.meta.url));
