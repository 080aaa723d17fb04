/**
 * Smoke test of the built package's portable entry points under an edge runtime: Vercel's `edge-runtime` emulator
 * (a Node VM holding only the web APIs an edge function gets: fetch, streams, crypto; no `process`, no `node:`
 * modules), installed from the npm registry into `.ci/runtimes/edge/` (own package.json and lockfile).
 *
 * It bundles every entry point of package.json `exports` but the Node-only ones (`./node`, `./agents`, `./cli`:
 * the files, shell and publish toolsets, sessions on disk, the CLI) together with scripts/smoke/cases.mjs into one
 * script with the project's esbuild, as an edge deployment would (conditions `edge-light`, `worker`, `browser`),
 * evaluates it in the VM, and runs there: every entry has exports, every `create*Client` builds without a request,
 * and the loopback cases (agent loop on a fake model; each media provider's create → poll → download, saved to a
 * WritableStream). The loopback servers run in this host Node process (scripts/smoke/loopback.mjs); the code in
 * the VM reaches them with the VM's own fetch.
 *
 *   node scripts/smoke-edge.mjs   (after npm run build and npm ci in .ci/runtimes/edge)
 *
 * Prints `edge smoke: N passed, M failed` and exits non-zero on any failure.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { fixtureBytes, serve } from './smoke/loopback.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const NODE_ONLY = new Set(['./node', './agents', './cli']);
const portable = Object.entries(pkg.exports)
  .filter(([subpath, target]) => typeof target === 'object' && !NODE_ONLY.has(subpath))
  .map(([subpath, target]) => ({ subpath, file: target.import }));

const requireEdge = createRequire(new URL('../.ci/runtimes/edge/package.json', import.meta.url));
const { EdgeRuntime } = requireEdge('edge-runtime');
const edgeVersion = JSON.parse(readFileSync(requireEdge.resolve('edge-runtime/package.json'), 'utf8')).version;

// The VM side: entry points by subpath, and one function that runs every check and returns the results.
const entry = `
${portable.map((item, index) => `import * as e${index} from ${JSON.stringify(`./${item.file}`)};`).join('\n')}
import { cases } from './scripts/smoke/cases.mjs';
import * as z from 'zod';
const modules = { ${portable.map((item, index) => `${JSON.stringify(item.subpath)}: e${index}`).join(', ')} };

export async function run(host) {
  const results = [];
  const test = async (name, fn) => {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error?.stack ?? error) });
    }
  };
  await test('no process, no require: a real edge global scope', () => {
    if (typeof globalThis.process !== 'undefined' || typeof globalThis.require !== 'undefined')
      throw new Error('the VM exposes Node globals');
  });
  for (const [subpath, module] of Object.entries(modules)) {
    await test('import ' + subpath, () => {
      if (Object.keys(module).length === 0) throw new Error(subpath + ' has no exports');
    });
    for (const [name, value] of Object.entries(module)) {
      if (subpath === '.' || !/^create\\w*Client$/.test(name) || typeof value !== 'function') continue;
      await test(subpath + ': ' + name + '() builds a client without touching the network', () => {
        let sent = 0;
        const fetch = async () => {
          sent += 1;
          return new Response('{}');
        };
        const client = value({ apiKey: 'sk-edge-smoke', fetch, baseUrl: 'https://api.smoke.invalid/v1', env: {} });
        if (!client || typeof client !== 'object' || sent !== 0) throw new Error(name + ' misbehaved');
      });
    }
  }
  const ctx = {
    m: modules,
    z,
    serve: host.serve,
    // Bytes made in this realm: the package checks \`instanceof Uint8Array\` against the VM's own.
    fixtureBytes: async (name) => new Uint8Array(await host.fixtureBytes(name)),
    files: undefined,
  };
  for (const [name, fn] of cases) await test(name, () => fn(ctx));
  return results;
}
`;

const bundled = await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'edge-smoke-entry.mjs', loader: 'js' },
  bundle: true,
  write: false,
  format: 'iife',
  globalName: '__helloDaveEdgeSmoke',
  platform: 'browser',
  conditions: ['edge-light', 'worker', 'browser'],
  target: 'es2022',
  // A portable entry reaches node:fs only through a dynamic import behind a path option; none is taken here.
  // hello-dave/mcp imports the MCP SDK's stdio transport (child processes: Node only) dynamically, for a
  // `command` server; an edge app uses `url` servers and leaves that module out of its bundle, as here.
  external: ['node:*', '@modelcontextprotocol/sdk/client/stdio.js'],
  logLevel: 'error',
});
const code = bundled.outputFiles[0].text;

const runtime = new EdgeRuntime({
  extend: (context) => Object.assign(context, { __host: { serve, fixtureBytes } }),
});
runtime.evaluate(code);

let results;
try {
  results = await runtime.evaluate('__helloDaveEdgeSmoke.run(__host)');
} catch (error) {
  results = [{ name: 'run the bundle in the edge VM', ok: false, error: String(error?.stack ?? error) }];
}

console.log(
  `edge-runtime ${edgeVersion}; bundle of ${portable.length} entry points: ${(code.length / 1024).toFixed(0)} KiB`,
);
let passed = 0;
let failed = 0;
for (const result of results) {
  if (result.ok) {
    passed += 1;
    console.log(`  ok   ${result.name}`);
  } else {
    failed += 1;
    console.log(`  FAIL ${result.name}\n       ${result.error.split('\n').slice(0, 4).join('\n       ')}`);
  }
}
console.log(`edge smoke: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
