import { measureApp } from './measure.mjs';

await measureApp('app-minimax-image.ts');
