// Baseline: the official openai SDK.
import { measureBundle } from './measure.mjs';

await measureBundle('app-official.mjs');
