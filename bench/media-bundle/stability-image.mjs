import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-stability-image.ts', import.meta.url));
