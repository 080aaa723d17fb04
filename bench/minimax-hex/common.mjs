// Shared by the variants: the request, the output path, and the metrics line.
import { join } from 'node:path';

export const url = `${process.env.BENCH_MINIMAX_URL}/v1/music_generation`;
export const expectedBytes = Number(process.env.BENCH_MINIMAX_BYTES);
export const out = (name) => join(process.env.BENCH_MINIMAX_OUT, `${name}-${process.pid}.mp3`);
export const request = {
  model: 'music-2.6',
  prompt: 'Indie folk, melancholic, rainy night',
  lyrics: '[Verse]\nStreetlights flicker on the empty road',
  audio_setting: { sample_rate: 44100, bitrate: 128000, format: 'mp3' },
  output_format: 'hex',
};

export async function library() {
  const target =
    process.env.BENCH_MINIMAX_MODULE ?? new URL('../../dist/providers/minimax/index.js', import.meta.url).href;
  return import(target);
}

export function report(started, bytes) {
  if (bytes !== expectedBytes) throw new Error(`wrote ${bytes} bytes, expected ${expectedBytes}`);
  const ms = performance.now() - started;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ metrics: { ms, peakRssMB } }));
}
