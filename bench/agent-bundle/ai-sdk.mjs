import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-ai-sdk.mjs', import.meta.url));
