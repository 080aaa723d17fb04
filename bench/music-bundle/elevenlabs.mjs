// ElevenLabs: compose one song through `hello-dave/elevenlabs`.
import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-elevenlabs.ts', import.meta.url));
