#!/usr/bin/env node
/**
 * Checks the built package in `dist/` (run by `npm run check:dist` after `npm run build`).
 *
 * 1. Smoke import: every entry point of package.json `exports` is imported by its public specifier
 *    (`hello-dave`, `hello-dave/openai`, … — Node resolves these through the exports map by self-reference), each
 *    in a fresh `node` process, and must have at least one export. Its `types` file must exist.
 * 2. Portability: no portable entry point (every entry but `./node` and `./cli`) may reach a static import of a
 *    Node builtin (`node:fs`, or a bare `fs`), through its own file or any chunk it statically imports. Dynamic
 *    `import()` is allowed: that is how a path option reaches `node:fs` lazily.
 * 3. No CLI in the library: no entry of `exports` reaches a source file of `src/cli/` (statically or dynamically).
 * 4. Independence: importing one entry never pulls in another provider's code. `hello-dave` (core) and
 *    `hello-dave/testing` may reach no `src/providers/<name>/` source at all, and `hello-dave/<provider>` only its
 *    own; `./toolsets`, `./node` and `./cli` aggregate providers on purpose and are not restricted. Both static and
 *    dynamic imports count here (a bundler would pull either in).
 *
 * How the import graph is read (robust against formatting, comments and strings that look like imports):
 * - Edges between built files come from esbuild parsing the real files in `dist/` (a metafile of a bundle of
 *   every entry with all packages external); each edge carries its kind (`import-statement` or `dynamic-import`).
 * - Which source files ended up in which built file comes from tsup's own metafile: this script rebuilds the
 *   package with the project's tsup config (JavaScript only, `metafile: true`) into a scratch folder under
 *   `node_modules/.cache/`, checks that the rebuild is byte-identical to `dist/` (otherwise `dist/` is stale and the
 *   script says so), and reads the `inputs` of every output chunk. Chunk names carry content hashes, so a chunk
 *   of `dist/` is matched to its source files exactly; no marker strings or URLs are guessed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(root, 'dist');
const scratchDir = path.join(root, 'node_modules', '.cache', 'hello-dave-check-dist');

/** Entry points that may use Node builtins statically. */
const NODE_ONLY = new Set(['./node', './agents', './cli']);
/** Entry points that combine several providers on purpose. */
const AGGREGATES = new Set(['./toolsets', './node', './agents', './cli']);
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const problems = [];
const passed = [];

function relativeToRoot(file) {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The entry points of package.json `exports` that point at JavaScript. */
function readEntries() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target === 'string') continue; // ./package.json
    const file = target.import ?? target.default;
    if (typeof file !== 'string' || !file.endsWith('.js')) continue;
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    entries.push({
      subpath,
      specifier,
      file: path.join(root, file),
      types: target.types && path.join(root, target.types),
    });
  }
  return { pkg, entries };
}

async function smokeImport(entry) {
  const code = [
    'const specifier = process.argv[1];',
    'const m = await import(specifier);',
    'const names = Object.keys(m);',
    "if (names.length === 0) { console.error(specifier + ' has no exports'); process.exit(1); }",
    'console.log(names.length);',
  ].join('\n');
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', code, entry.specifier], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    passed.push(`import ${entry.specifier}: ${stdout.trim()} exports`);
  } catch (error) {
    const detail = (error.stderr || error.message).trim().split('\n').slice(0, 6).join('\n    ');
    problems.push(
      `import ${entry.specifier} (${relativeToRoot(entry.file)}) failed in a fresh node process:\n    ${detail}`,
    );
  }
}

/** Import edges between the real files in dist/, parsed by esbuild. */
async function readDistGraph(entries) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries.map((entry) => entry.file),
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    external: ['node:*'],
    outdir: path.join(scratchDir, 'graph'),
    splitting: true,
    logLevel: 'silent',
  });
  /** @type {Map<string, {path: string, kind: string, external: boolean}[]>} keyed by root-relative path */
  const graph = new Map();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    graph.set(
      file,
      input.imports.map((edge) => ({ path: edge.path, kind: edge.kind, external: edge.external === true })),
    );
  }
  return graph;
}

/** Files reachable from `start`, following static imports only or also dynamic ones. */
function reachable(graph, start, { dynamic }) {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const edge of graph.get(file) ?? []) {
      if (edge.external) continue;
      if (edge.kind !== 'import-statement' && !(dynamic && edge.kind === 'dynamic-import')) continue;
      if (!seen.has(edge.path)) {
        seen.add(edge.path);
        queue.push(edge.path);
      }
    }
  }
  return seen;
}

function checkPortability(graph, entry) {
  if (NODE_ONLY.has(entry.subpath)) return;
  const start = relativeToRoot(entry.file);
  let found = false;
  for (const file of reachable(graph, start, { dynamic: false })) {
    for (const edge of graph.get(file) ?? []) {
      if (edge.kind === 'import-statement' && edge.external && BUILTINS.has(edge.path)) {
        found = true;
        const via = file === start ? 'its own file' : `chunk ${file}, statically imported from ${start}`;
        problems.push(
          `portable entry ${entry.specifier} has a static import of '${edge.path}' in ${via}. ` +
            `Move it to src/node/ (or src/cli/), or use a lazy \`await import('${edge.path}')\` on the code path that needs it.`,
        );
      }
    }
  }
  if (!found) passed.push(`portable ${entry.specifier}: no static Node builtin import`);
}

/** Entry points that promise not to load zod (hello-dave/http: the transport alone). */
const ZOD_FREE = new Set(['./http']);

function checkZodFree(graph, entry) {
  if (!ZOD_FREE.has(entry.subpath)) return;
  const start = relativeToRoot(entry.file);
  for (const file of reachable(graph, start, { dynamic: true })) {
    for (const edge of graph.get(file) ?? []) {
      if (edge.external && /^zod(\/|$)/.test(edge.path)) {
        problems.push(`${entry.specifier} must not load zod, but ${file} imports '${edge.path}'`);
        return;
      }
    }
  }
  passed.push(`${entry.specifier}: loads no zod`);
}

/** Source files per built file, from tsup's metafile of a JavaScript-only rebuild (checked identical to dist/). */
async function readChunkSources() {
  await rm(scratchDir, { recursive: true, force: true });
  await mkdir(scratchDir, { recursive: true });
  const outDir = path.join(scratchDir, 'tsup');
  const { build } = await import('tsup');
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await build({ outDir, metafile: true, dts: false, silent: true, clean: true });
  } finally {
    process.chdir(cwd);
  }
  const metafile = JSON.parse(await readFile(path.join(outDir, 'metafile-esm.json'), 'utf8'));

  const stale = [];
  const builtFiles = (await listJs(outDir)).sort();
  const distFiles = (await listJs(distDir)).sort();
  if (builtFiles.join('\n') !== distFiles.join('\n')) {
    const missing = builtFiles.filter((file) => !distFiles.includes(file));
    const extra = distFiles.filter((file) => !builtFiles.includes(file));
    stale.push(
      `files differ (missing in dist: ${missing.join(', ') || 'none'}; extra in dist: ${extra.join(', ') || 'none'})`,
    );
  } else {
    for (const file of builtFiles) {
      const [a, b] = await Promise.all([readFile(path.join(outDir, file)), readFile(path.join(distDir, file))]);
      if (!a.equals(b)) stale.push(`${file} differs`);
    }
  }
  if (stale.length > 0) {
    problems.push(
      `dist/ is not the output of the current sources and tsup config; run \`npm run build\` first: ${stale.join('; ')}`,
    );
    return undefined;
  }

  /** @type {Map<string, string[]>} dist-relative path ("dist/chunk-X.js") → source files */
  const sources = new Map();
  const outPrefix = relativeToRoot(outDir);
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    if (!output.endsWith('.js')) continue;
    const distPath = `dist/${path.posix.relative(outPrefix, output)}`;
    sources.set(distPath, Object.keys(meta.inputs));
  }
  return sources;
}

async function listJs(dir, prefix = '') {
  const out = [];
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${item.name}` : item.name;
    if (item.isDirectory()) out.push(...(await listJs(path.join(dir, item.name), rel)));
    else if (item.name.endsWith('.js')) out.push(rel);
  }
  return out;
}

function checkIndependence(graph, sources, entry) {
  if (AGGREGATES.has(entry.subpath)) return;
  const start = relativeToRoot(entry.file);
  const own = /^dist\/providers\/([^/]+)\//.exec(start)?.[1];
  const offending = [];
  for (const file of reachable(graph, start, { dynamic: true })) {
    for (const source of sources.get(file) ?? []) {
      const provider = /^src\/providers\/([^/]+)\//.exec(source)?.[1];
      if (provider && provider !== own) offending.push(`${file} contains ${source}`);
    }
  }
  if (offending.length > 0) {
    const rule = own ? `may only contain provider '${own}'` : 'may not contain any provider';
    problems.push(
      `entry ${entry.specifier} ${rule}, but reaches another provider's code:\n    ${offending.join('\n    ')}\n` +
        '    Providers never import each other: move what they share into src/protocols/ or src/http/.',
    );
  } else {
    passed.push(`independent ${entry.specifier}: ${own ? `only provider '${own}'` : 'no provider code'}`);
  }
}

/** No library entry may reach the `dave` command's code (src/cli/): the CLI adds no weight to library users. */
function checkNoCli(graph, sources, entry) {
  const start = relativeToRoot(entry.file);
  const offending = [];
  for (const file of reachable(graph, start, { dynamic: true })) {
    for (const source of sources.get(file) ?? [])
      if (source.startsWith('src/cli/')) offending.push(`${file} contains ${source}`);
  }
  if (offending.length > 0) {
    problems.push(`library entry ${entry.specifier} reaches the CLI's code:\n    ${offending.join('\n    ')}`);
  } else {
    passed.push(`no cli code in ${entry.specifier}`);
  }
}

async function main() {
  const { entries } = readEntries();
  if (!existsSync(distDir)) {
    console.error('check:dist: dist/ does not exist; run `npm run build` first.');
    process.exit(1);
  }
  const present = [];
  for (const entry of entries) {
    if (!existsSync(entry.file)) {
      problems.push(`exports ${entry.subpath} points at ${relativeToRoot(entry.file)}, which was not built`);
      continue;
    }
    if (entry.types && !existsSync(entry.types)) {
      problems.push(`exports ${entry.subpath} names types ${relativeToRoot(entry.types)}, which was not built`);
    }
    present.push(entry);
  }

  await Promise.all(present.map(smokeImport));
  const graph = await readDistGraph(present);
  for (const entry of present) checkPortability(graph, entry);
  for (const entry of present) checkZodFree(graph, entry);
  const sources = await readChunkSources();
  if (sources) for (const entry of present) checkIndependence(graph, sources, entry);
  if (sources) for (const entry of present) checkNoCli(graph, sources, entry);

  for (const line of passed.sort()) console.log(`  ok  ${line}`);
  if (problems.length > 0) {
    for (const line of problems) console.error(`  FAIL ${line}`);
    console.error(`check:dist: ${passed.length} passed, ${problems.length} failed`);
    process.exit(1);
  }
  console.log(`check:dist: ${passed.length} passed, 0 failed`);
}

await main();
