// Ours: hello-dave's Sora functions, bundled from src/ (the same code tsup ships in dist/).
import { measureBundle } from './measure.mjs';

await measureBundle('app-ours.ts');
