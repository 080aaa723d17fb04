import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-ours.ts', import.meta.url));
