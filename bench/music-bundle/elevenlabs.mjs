// ElevenLabs: compose one song through `hello-dave/elevenlabs`.
import { measureBundle } from '../sora-bundle/measure.mjs';

await measureBundle(new URL('./app-elevenlabs.ts', import.meta.url).pathname);
