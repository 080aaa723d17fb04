// Bundle size of an app that runs an agent with one classic-zod tool (esbuild, minify, gzip -9; bench/lib/bundle.mjs):
// hello-dave (Agent + openai(), from src/) against the AI SDK and the OpenAI Agents SDK; the baseline is the app's
// own zod alone, which every variant carries. Target: ours ≤ 110 KB with the user's zod. `ownGzipBytes` leaves zod
// out. Anchors install under bench/ only (`npm ci --prefix bench`).
export default {
  name: 'agent-bundle',
  description: 'esbuild + gzip -9 size of an agent app with one classic-zod tool: hello-dave vs AI SDK vs Agents SDK',
  variants: {
    baseline: 'baseline.mjs',
    ours: 'ours.mjs',
    'ai-sdk': 'ai-sdk.mjs',
    'openai-agents': 'openai-agents.mjs',
  },
  rounds: 5,
};
