import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-xai-image.ts', import.meta.url));
