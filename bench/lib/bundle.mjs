// The one bundle measurement of the bundle benchmarks: bundle an app with esbuild (bundle, minify, platform browser,
// format esm) twice, zod bundled and then zod left out, compress each with gzip -9, print one metrics line:
// {"metrics": {gzipBytes, minifiedBytes, ownGzipBytes, helloDaveGzipBytes, buildMs}} (own = the app and its
// libraries without zod; helloDave = without zod and ky, i.e. what hello-dave's own code adds).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function bundle(entryUrl, external) {
  const result = await build({
    entryPoints: [fileURLToPath(entryUrl)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    // hello-dave reaches node:fs only through lazy import() on file-path code paths; leave those to the runtime.
    external: ['node:*', ...external],
  });
  return result.outputFiles[0].contents;
}

/** Bundles the app at `entryUrl` (a URL, e.g. `new URL('./app.ts', import.meta.url)`) and prints its metrics. */
export async function measureBundle(entryUrl) {
  const started = performance.now();
  const whole = await bundle(entryUrl, []);
  const buildMs = Math.round(performance.now() - started);
  const own = await bundle(entryUrl, ['zod', 'zod/*']);
  const helloDave = await bundle(entryUrl, ['zod', 'zod/*', 'ky']);
  const metrics = {
    gzipBytes: gzipSync(whole, { level: 9 }).byteLength,
    minifiedBytes: whole.byteLength,
    ownGzipBytes: gzipSync(own, { level: 9 }).byteLength,
    helloDaveGzipBytes: gzipSync(helloDave, { level: 9 }).byteLength,
    buildMs,
  };
  process.stdout.write(`${JSON.stringify({ metrics })}\n`);
}
