/**
 * MiniMax music: a song from a prompt and lyrics (hex output, decoded for you), then the same song streamed to a
 * file as it is made.
 *
 *   npx tsx examples/minimax/music.ts            # offline: replays the documented fixtures (no key, no network)
 *   npx tsx examples/minimax/music.ts --live     # live: needs MINIMAX_API_KEY (paid music account)
 *
 * Since 2026-08-20 MiniMax no longer offers paid music to new accounts and stopped the *-free models; such an
 * account gets a clear PermissionDeniedError / ApiRetiredError here.
 * Options: --out <folder> (default ./out), --model <id> (default music-2.6).
 */
import { parseArgs } from 'node:util';
import { HelloDaveError } from 'hello-dave';
import { generateMusic } from 'hello-dave/minimax';
import { exampleClient, needsKey, offlineServer } from './shared.js';

const { values } = parseArgs({
  options: {
    live: { type: 'boolean', default: false },
    out: { type: 'string', default: './out' },
    model: { type: 'string', default: 'music-2.6' },
  },
});

const PROMPT = 'Indie folk, melancholic, rainy night, warm male vocal, 90 BPM';
const LYRICS = '[Verse]\nStreetlights flicker on the empty road\n[Chorus]\nCarry me home before the morning';
const SETTING = { sample_rate: 44100, bitrate: 256000, format: 'mp3' } as const;

async function main(): Promise<number> {
  const live = values.live === true;
  if (needsKey(live)) return 1;
  const server = live
    ? undefined
    : await offlineServer({ 'https://api.minimax.io': ['music-generation-hex', 'music-generation-stream'] });
  try {
    const mm = exampleClient(live);
    console.log('Generating (this takes 1–3 minutes live)…');
    const song = await generateMusic(mm, {
      model: values.model ?? 'music-2.6',
      prompt: PROMPT,
      lyrics: LYRICS,
      audio_setting: SETTING,
      output_format: 'hex',
    });
    const saved = await song.saveTo(`${values.out}/song.mp3`);
    console.log(
      `Saved ${saved.bytes} bytes to ${saved.path}; ${(song.info.durationMs ?? 0) / 1000} s (trace ${song.traceId})`,
    );

    console.log('Streaming the same song…');
    const stream = await generateMusic(mm, {
      model: values.model ?? 'music-2.6',
      prompt: PROMPT,
      lyrics: LYRICS,
      audio_setting: SETTING,
      stream: true,
    });
    let received = 0;
    const { createWriteStream } = await import('node:fs');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(values.out ?? './out', { recursive: true });
    const file = createWriteStream(`${values.out}/song-streamed.mp3`);
    for await (const chunk of stream) {
      received += chunk.length;
      file.write(chunk);
      console.log(`  +${chunk.length} bytes (${received} so far)`);
    }
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    const summary = await stream.done;
    console.log(`Streamed ${summary.bytes} bytes; ${(summary.info.durationMs ?? 0) / 1000} s`);
    return 0;
  } catch (error) {
    if (HelloDaveError.isInstance(error)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    server?.close();
  }
}

process.exitCode = await main();
