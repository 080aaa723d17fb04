import { measureApp } from './measure.mjs';

await measureApp('app-stability-image.ts');
