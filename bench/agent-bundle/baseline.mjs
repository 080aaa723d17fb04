import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-zod.ts', import.meta.url));
