// The reference app: one MiniMax song, saved.
import { createMiniMaxClient, generateMusic } from '../../src/providers/minimax/index.js';

const song = await generateMusic(createMiniMaxClient(), {
  model: 'music-2.6',
  prompt: 'indie folk, warm male vocal',
  lyrics: '[Verse]\nCarry me home',
  output_format: 'hex',
});
await song.saveTo('./song.mp3');
