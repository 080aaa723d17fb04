// hello-dave, streamed: stream: true, each SSE event's hex decoded and written as it arrives (saveTo).
import { library, out, report, request } from './common.mjs';

const { createMiniMaxClient, generateMusic } = await library();
const started = performance.now();
const client = createMiniMaxClient({ apiKey: 'sk-api-bench', baseUrl: process.env.BENCH_MINIMAX_URL, maxRetries: 0 });
const stream = await generateMusic(client, { ...request, stream: true });
const saved = await stream.saveTo(out('ours-stream'));
report(started, saved.bytes);
