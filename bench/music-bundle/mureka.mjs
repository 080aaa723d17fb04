// Mureka: start a song, wait for it, save the MP3, through `hello-dave/mureka`.
import { measureBundle } from '../lib/bundle.mjs';

await measureBundle(new URL('./app-mureka.ts', import.meta.url));
