import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-minimax-image.ts', import.meta.url));
