// One ElevenLabs song: compose from a prompt, keep the audio.
import { composeMusic, createElevenLabsClient } from '../../src/providers/elevenlabs/index.js';

const song = await composeMusic(createElevenLabsClient(), {
  prompt: 'Upbeat indie pop about summer road trips',
  music_length_ms: 30000,
  model_id: 'music_v1',
});
console.log(song.audio.length, song.songId);
