// Ours: hello-dave's Sora functions, bundled from src/ (the same code tsup ships in dist/).
import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-ours.ts', import.meta.url));
