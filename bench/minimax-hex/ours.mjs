// hello-dave: generateMusic (hex decoded while the body arrives, never held as text) + saveTo (atomic).
import { library, out, report, request } from './common.mjs';

const { createMiniMaxClient, generateMusic } = await library();
const started = performance.now();
const client = createMiniMaxClient({ apiKey: 'sk-api-bench', baseUrl: process.env.BENCH_MINIMAX_URL, maxRetries: 0 });
const song = await generateMusic(client, request);
const saved = await song.saveTo(out('ours'));
report(started, saved.bytes);
