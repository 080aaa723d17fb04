// Bundle size of apps that make one typical call to a media provider (esbuild: bundle, minify, platform browser,
// format esm; gzip -9), bundled from src/ through each provider's public entry. Two figures per app: the whole
// bundle (hello-dave + zod/mini) and hello-dave alone (zod external). Target: ≤ 20 KB gzip of hello-dave per app.
// The baseline is the MiniMax image app (an existing provider entry) for scale.
export default {
  name: 'media-bundle',
  description: 'esbuild + gzip -9 size of one-call media apps (Stability image / audio, xAI image / video)',
  variants: {
    baseline: 'minimax-image.mjs',
    'stability-image': 'stability-image.mjs',
    'stability-audio': 'stability-audio.mjs',
    'xai-image': 'xai-image.mjs',
    'xai-video': 'xai-video.mjs',
  },
  rounds: 5,
};
