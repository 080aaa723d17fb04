// Shared by the two variants: bundle an entry with esbuild, gzip it at level 9, print the one metrics line.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Bundles `entry` (a path relative to this folder) and prints {"metrics": {gzipBytes, minifiedBytes, buildMs}}. */
export async function measureBundle(entry) {
  const started = performance.now();
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
    external: ['node:*'],
  });
  const buildMs = performance.now() - started;
  const code = result.outputFiles[0].contents;
  const gzipBytes = gzipSync(code, { level: 9 }).byteLength;
  process.stdout.write(
    `${JSON.stringify({ metrics: { gzipBytes, minifiedBytes: code.byteLength, buildMs: Math.round(buildMs) } })}\n`,
  );
}
