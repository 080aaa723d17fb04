/**
 * The package's entry points, read from the one list of them: `package.json#exports`. tsup (`tsup.config.ts`),
 * TypeDoc (`typedoc.config.mjs`) and the export-names test take them from here; add an entry point there only.
 */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * One record per code entry point: its subpath (`./openai`), its tsup entry name (`providers/openai/index`) and
 * its source file (`src/providers/openai/index.ts`).
 * @type {{ subpath: string, name: string, source: string }[]}
 */
export const entryPoints = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target !== null && typeof target.import === 'string')
  .map(([subpath, target]) => {
    const name = target.import.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    return { subpath, name, source: `src/${name}.ts` };
  });
