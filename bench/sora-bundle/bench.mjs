// Benchmark 8a: bundle size of an app that creates and retrieves a Sora video, built with esbuild (bundle,
// minify, platform browser, format esm) and compressed with gzip -9: hello-dave (its `hello-dave/openai`
// entry, bundled from src/ by esbuild, so tree-shaking runs through the real barrel file) against the official
// `openai` package 7.57.0 (installed under bench/ only: `npm ci --prefix bench`). Target: ours ≤ 1/4.
export default {
  name: 'sora-bundle',
  description: 'esbuild + gzip -9 size of an app calling createVideo + retrieveVideo: hello-dave vs openai 7.57.0',
  variants: { baseline: 'baseline.mjs', ours: 'ours.mjs' },
  rounds: 5,
};
