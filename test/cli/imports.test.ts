/** The `dave` command reaches the library only through its public entry points, as an installed app would. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPoints } from '../../scripts/entry-points.mjs';

const root = process.cwd();
const cliDir = join(root, 'src/cli');
const entrySources = new Set(entryPoints.map((entry) => entry.source));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory() ? files(join(dir, item.name)) : item.name.endsWith('.ts') ? [join(dir, item.name)] : [],
  );
}

describe('src/cli imports', () => {
  it('outside src/cli, only public entry points and Node builtins', () => {
    const outside: string[] = [];
    for (const file of files(cliDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('node:')) continue;
        expect(specifier.startsWith('.'), `${relative(root, file)} imports the package ${specifier}`).toBe(true);
        const target = relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts');
        if (target.startsWith('src/cli/')) continue;
        outside.push(target);
        expect(entrySources, `${relative(root, file)} imports ${target}, which is not an entry point`).toContain(
          target,
        );
      }
    }
    expect(outside.length).toBeGreaterThan(5);
  });
});
