// One LALAL.AI split: upload, split the vocals, wait, save the stem track.
import {
  createLalalClient,
  downloadLalalTrack,
  splitStem,
  uploadLalalFile,
  waitForLalalTask,
} from '../../src/providers/lalal/index.js';

const lalal = createLalalClient();
const source = await uploadLalalFile(lalal, { file: { path: './song.mp3' } });
const task = await splitStem(lalal, { source_id: source.id, presets: { stem: 'vocals' } });
const done = await waitForLalalTask(lalal, task.task_id);
await downloadLalalTrack(lalal, done, { track: 'stem', to: './vocals.mp3' });
