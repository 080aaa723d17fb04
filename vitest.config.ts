import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `hello-dave/<entry>` → its source file, from package.json#exports (as tsconfig `paths` does for tsc and tsx). */
const exportsMap = JSON.parse(readFileSync('package.json', 'utf8')).exports as Record<
  string,
  string | { import: string }
>;
const alias = Object.entries(exportsMap)
  .filter(([subpath]) => subpath !== './package.json')
  .map(([subpath, target]) => ({
    find: new RegExp(`^hello-dave${subpath.slice(1).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`),
    replacement: fileURLToPath(
      new URL(
        (typeof target === 'string' ? target : target.import).replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts'),
        import.meta.url,
      ),
    ),
  }));

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'node_modules/**'],
          setupFiles: ['test/setup.ts'],
          typecheck: { enabled: false },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
