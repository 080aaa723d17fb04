/**
 * The public surface, reviewed: every name (values and types) each entry point of `package.json#exports` exports.
 * A change to any entry's names fails this test until the snapshot is updated (`npx vitest run
 * test/export-names.test.ts -u`) and the diff of `test/__snapshots__/export-names.txt` is reviewed with the change.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entryPoints } from '../scripts/entry-points.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The exported names of each entry point, sorted, as the TypeScript compiler sees them. */
function exportNames(): Map<string, string[]> {
  const files = entryPoints.map((entry) => `${root}${entry.source}`);
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const [index, entry] of entryPoints.entries()) {
    const source = program.getSourceFile(files[index] as string);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`${entry.source} is not a module`);
    names.set(
      entry.subpath,
      checker
        .getExportsOfModule(symbol)
        .map((item) => item.name)
        .sort(),
    );
  }
  return names;
}

describe('export names of every entry point', () => {
  const names = exportNames();

  it('match the reviewed snapshot', async () => {
    const text = [...names]
      .map(([subpath, list]) => `${subpath} (${list.length})\n  ${list.join('\n  ')}\n`)
      .join('\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/export-names.txt');
  });

  it('the root entry exports at most 120 names and none of the layer internals', () => {
    const rootNames = names.get('.') ?? [];
    expect(rootNames.length).toBeLessThanOrEqual(120);
    for (const entry of ['.', './http']) {
      for (const internal of [
        'guardBody',
        'sleep',
        'readEnvVar',
        'cloneDeep',
        'randomId',
        'prepareEntry',
        'executeToolCalls',
      ]) {
        expect(names.get(entry), `${entry} exports ${internal}`).not.toContain(internal);
      }
    }
    for (const name of [
      'Agent',
      'defineTool',
      'ToolSet',
      'Prompt',
      'MemorySessionStore',
      'pollJob',
      'download',
      'RateLimitError',
    ]) {
      expect(rootNames).toContain(name);
    }
    expect(names.get('./minimax')).not.toContain('HexDecoder');
  });
});
