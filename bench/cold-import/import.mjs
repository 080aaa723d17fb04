// One cold import: `node import.mjs <specifier>` in a fresh process. Node 20 loads its fetch implementation (undici)
// lazily, on the first touch of `fetch`/`Request`; ky touches it at import, and every first request pays it. So the
// process first loads fetch (`fetchLoadMs`), then times `await import(specifier)` (`importMs`, the module's own
// cost); `totalMs` is both, what a process that imports the module and never fetched before pays.
// Prints {"metrics": {importMs, fetchLoadMs, totalMs}}. bench.mjs passes hello-dave's entries as file URLs of dist/.
const specifier = process.argv[2];
if (!specifier) throw new Error('usage: node import.mjs <specifier>');
const round = (ms) => Math.round(ms * 100) / 100;
const fetchStarted = performance.now();
new Request('http://127.0.0.1/');
const fetchLoadMs = performance.now() - fetchStarted;
const started = performance.now();
await import(specifier);
const importMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ metrics: { importMs: round(importMs), fetchLoadMs: round(fetchLoadMs), totalMs: round(fetchLoadMs + importMs) } })}\n`,
);
