import { defineConfig } from 'tsup';

/** One entry per public subpath; each is built so that importing one never pulls in another provider. */
export const entries = {
  index: 'src/index.ts',
  'http/index': 'src/http/index.ts',
  'providers/openai/index': 'src/providers/openai/index.ts',
  'providers/xai/index': 'src/providers/xai/index.ts',
  'providers/anthropic/index': 'src/providers/anthropic/index.ts',
  'providers/openai-compatible/index': 'src/providers/openai-compatible/index.ts',
  'providers/minimax/index': 'src/providers/minimax/index.ts',
  'toolsets/index': 'src/toolsets/index.ts',
  'node/index': 'src/node/index.ts',
  'testing/index': 'src/testing/index.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: true,
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: true,
  external: ['zod', 'msw', /^node:/],
  removeNodeProtocol: false,
});
