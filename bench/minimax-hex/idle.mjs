// Scale: a fresh process that loads the library (and fetch) and does nothing else.
import { library } from './common.mjs';

await library();
await fetch('data:,x');
console.log(JSON.stringify({ metrics: { ms: 0, peakRssMB: process.resourceUsage().maxRSS / 1024 } }));
