/**
 * Child process of download-memory.test.ts: downloads `<origin>/v1/file` through an OpenAI client's `raw()` into
 * a sink that only counts bytes, with or without a user's afterResponse hook that keeps a clone of every response
 * it is given (under plain ky that clone, never read, would hold the whole body), and prints the bytes and the
 * process's peak RSS as JSON, with the most memory it held (V8 heap + external, buffers included) right after a
 * collection. Started with --expose-gc, it collects every 16 MiB in both variants: what is still held then is
 * what something keeps (a clone that buffers the body is kept, never collected), not what the collector has yet
 * to reach.
 */
import type { KyResponse } from 'ky';
import { createOpenAIClient } from '../../src/providers/openai/client.js';

const COLLECT_EVERY = 16 * 1024 * 1024;
const collect = (globalThis as { gc?: () => void }).gc;
const [origin, variant] = process.argv.slice(2);
const kept: KyResponse[] = [];
const client = createOpenAIClient({
  apiKey: 'sk-memory-test-0123456789',
  baseUrl: `${origin}/v1`,
  env: {},
  ...(variant === 'hook'
    ? { hooks: { afterResponse: [(_request, _options, response) => void kept.push(response.clone())] } }
    : {}),
});
let bytes = 0;
let sinceCollect = 0;
let held = 0;
const sink = new WritableStream<Uint8Array>({
  write(chunk) {
    bytes += chunk.byteLength;
    sinceCollect += chunk.byteLength;
    if (sinceCollect >= COLLECT_EVERY) {
      sinceCollect = 0;
      collect?.();
      const usage = process.memoryUsage();
      held = Math.max(held, usage.heapUsed + usage.external);
    }
  },
});
const response = await client.raw({ method: 'GET', path: 'file' });
await response.body?.pipeTo(sink);
process.stdout.write(
  JSON.stringify({
    bytes,
    kept: kept.length,
    maxRssKb: process.resourceUsage().maxRSS,
    heldKb: held >> 10,
  }),
);
