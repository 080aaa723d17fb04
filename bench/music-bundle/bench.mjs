// Bundle size of an app making one typical call to each music provider, built like bench/sora-bundle (esbuild
// bundle + minify, platform browser, gzip -9), hello-dave bundled from src/. The baseline is the MiniMax music app
// (generateMusic); every other variant is one provider entry point. Budget: each ≤ 20 KB min + gzip.
export default {
  name: 'music-bundle',
  description: 'esbuild + gzip -9 size of an app making one typical music call, per provider entry point',
  variants: { baseline: 'minimax.mjs', mureka: 'mureka.mjs', elevenlabs: 'elevenlabs.mjs', lalal: 'lalal.mjs' },
  rounds: 5,
};
