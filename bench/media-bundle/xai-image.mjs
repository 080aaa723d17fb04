import { measureApp } from './measure.mjs';

await measureApp('app-xai-image.ts');
