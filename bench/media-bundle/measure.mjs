// Shared by the variants: bundle an app with esbuild twice (zod bundled, then zod external), gzip -9, print one
// metrics line: {"metrics": {gzipBytes, minifiedBytes, ownGzipBytes}} (own = hello-dave without zod).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function bundle(entry, external) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
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

/** Bundles `entry` (relative to this folder) and prints its metrics line. */
export async function measureApp(entry) {
  const whole = await bundle(entry, []);
  const own = await bundle(entry, ['zod', 'zod/*']);
  const metrics = {
    gzipBytes: gzipSync(whole, { level: 9 }).byteLength,
    minifiedBytes: whole.byteLength,
    ownGzipBytes: gzipSync(own, { level: 9 }).byteLength,
  };
  process.stdout.write(`${JSON.stringify({ metrics })}\n`);
}
