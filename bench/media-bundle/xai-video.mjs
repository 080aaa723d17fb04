import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-xai-video.ts', import.meta.url));
