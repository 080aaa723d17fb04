import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-openai-agents.mjs', import.meta.url));
