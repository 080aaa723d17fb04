// LALAL.AI: upload, split, wait, save through `hello-dave/lalal`.
import { measureBundle } from '../sora-bundle/measure.mjs';

await measureBundle(new URL('./app-lalal.ts', import.meta.url).pathname);
