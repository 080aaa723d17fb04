// Cold import of every entry point (after Node has loaded fetch: see import.mjs) in package.json#exports, each in a fresh node process, against the import of
// `zod/mini` alone (the floor of any zod-based SDK). Targets: each entry ≤ zod/mini + 15 ms; hello-dave/http ≤ 20 ms.
import { readFileSync } from 'node:fs';

const packageUrl = new URL('../../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(packageUrl, 'utf8'));
/** [entry name, file URL of its built module] for every entry point. */
const entries = Object.entries(manifest.exports)
  .filter(([key]) => key !== './package.json')
  .map(([key, target]) => [
    key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`,
    new URL(target.import, packageUrl).href,
  ]);

export default {
  name: 'cold-import',
  description: 'time of `await import(entry)` in a fresh node process: every entry point vs zod/mini alone',
  variants: {
    baseline: ['import.mjs', 'zod/mini'],
    ...Object.fromEntries(entries.map(([entry, url]) => [entry, ['import.mjs', url]])),
  },
  rounds: 7,
};
