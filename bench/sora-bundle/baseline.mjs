// Baseline: the official openai SDK.
import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-official.mjs', import.meta.url));
