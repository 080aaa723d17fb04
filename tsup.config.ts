import { defineConfig } from 'tsup';
import { entryPoints } from './scripts/entry-points.mjs';

/**
 * One entry per public subpath, from `package.json#exports` (the one list of entry points); each is built so that
 * importing one never pulls in another provider.
 */
export const entries: Record<string, string> = {
  ...Object.fromEntries(entryPoints.map((entry) => [entry.name, entry.source])),
  // The `dave` command (package.json "bin"): built beside the library, reached by no library entry.
  'cli/index': 'src/cli/index.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  external: ['zod', 'msw', /^@modelcontextprotocol\/sdk(\/|$)/, /^node:/],
  removeNodeProtocol: false,
});
