// One Mureka song: start, wait, save the MP3.
import {
  createMurekaClient,
  downloadMurekaChoice,
  generateSong,
  murekaJobRef,
  waitForMurekaTask,
} from '../../src/providers/mureka/index.js';

const mureka = createMurekaClient();
const task = await generateSong(mureka, { lyrics: '[Verse]\nCarry me home', model: 'auto', n: 1 });
const done = await waitForMurekaTask(mureka, murekaJobRef(task, 'song'));
await downloadMurekaChoice(mureka, done, { to: './song.mp3' });
