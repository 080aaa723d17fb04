import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-stability-audio.ts', import.meta.url));
