// Benchmark: decode and save a 10-minute hex-encoded MiniMax music answer (~10 MB of audio, ~20 MB of hex in a
// JSON body), served from 127.0.0.1 by another process. Time and peak RSS of `generateMusic` + `saveTo`
// against a plain `text()` + `JSON.parse` + `Buffer.from(hex, 'hex')` + `writeFile`, each in a fresh process;
// plus the streamed answer (`stream: true`, SSE events of hex chunks) saved with `saveTo`, whose peak stays
// near one chunk (its peak does not grow with the song), a naive streamed baseline that collects every chunk
// first, and `idle` (a process that only loads the library) for scale.
// BENCH_MINIMAX_SECONDS (default 600) and BENCH_MINIMAX_BITRATE (default 128000) size the song;
// BENCH_MINIMAX_CHUNK (default 65536) is the audio bytes per streamed event. The library comes from
// ../../dist/providers/minimax/index.js; BENCH_MINIMAX_MODULE points at another build (e.g. an esbuild bundle of src).
import { randomFillSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../lib/server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

async function writeBodies(folder, bytes, chunk) {
  const audio = Buffer.alloc(bytes);
  randomFillSync(audio);
  const extra = {
    music_duration: Math.round((bytes * 8 * 1000) / 128000),
    music_sample_rate: 44100,
    music_channel: 2,
    bitrate: 128000,
    music_size: bytes,
  };
  const json = createWriteStream(join(folder, 'answer.json'));
  json.write('{"data":{"audio":"');
  for (let at = 0; at < bytes; at += 1 << 20) json.write(audio.subarray(at, at + (1 << 20)).toString('hex'));
  json.write(
    `","status":2},"trace_id":"06c11f462840300d88d20b5d0bc905d5","extra_info":${JSON.stringify(extra)},"analysis_info":null,"base_resp":{"status_code":0,"status_msg":"success"}}`,
  );
  await new Promise((resolve, reject) => json.end((error) => (error ? reject(error) : resolve())));
  const sse = createWriteStream(join(folder, 'answer.sse'));
  for (let at = 0; at < bytes; at += chunk) {
    const part = audio.subarray(at, at + chunk).toString('hex');
    sse.write(`data: {"data":{"audio":"${part}","status":1},"base_resp":{"status_code":0,"status_msg":""}}\n\n`);
  }
  sse.write(
    `data: {"data":{"audio":"","status":2},"extra_info":${JSON.stringify(extra)},"base_resp":{"status_code":0,"status_msg":"success"}}\n\n`,
  );
  await new Promise((resolve, reject) => sse.end((error) => (error ? reject(error) : resolve())));
}

export default {
  name: 'minimax-hex',
  description:
    'Decode + save a 10-minute hex music answer (~20 MB hex JSON) from 127.0.0.1: generateMusic().saveTo() vs text + JSON.parse + Buffer.from(hex) + writeFile; and the streamed answer',
  variants: {
    baseline: 'baseline.mjs',
    ours: 'ours.mjs',
    'ours-stream': 'ours-stream.mjs',
    'baseline-stream': 'baseline-stream.mjs',
    idle: 'idle.mjs',
  },
  rounds: 5,
  async setup() {
    const seconds = Number(process.env.BENCH_MINIMAX_SECONDS ?? 600);
    const bitrate = Number(process.env.BENCH_MINIMAX_BITRATE ?? 128000);
    const chunk = Number(process.env.BENCH_MINIMAX_CHUNK ?? 65536);
    const bytes = Math.round((seconds * bitrate) / 8);
    const folder = await mkdtemp(join(tmpdir(), 'hello-dave-bench-minimax-'));
    await writeBodies(folder, bytes, chunk);
    const { port, stop } = await startServer(join(here, 'server.mjs'), { env: { BENCH_MINIMAX_DIR: folder } });
    return {
      env: {
        BENCH_MINIMAX_URL: `http://127.0.0.1:${port}`,
        BENCH_MINIMAX_BYTES: String(bytes),
        BENCH_MINIMAX_OUT: folder,
      },
      teardown: async () => {
        await stop();
        await rm(folder, { recursive: true, force: true });
      },
    };
  },
};
