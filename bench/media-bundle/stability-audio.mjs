import { measureApp } from './measure.mjs';

await measureApp('app-stability-audio.ts');
