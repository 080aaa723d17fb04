// The app measured for hello-dave: create a Sora video and retrieve it, through the public `hello-dave/openai`
// entry (src/providers/openai/index.ts).
import { createOpenAIClient, createVideo, retrieveVideo } from '../../src/providers/openai/index.js';

const client = createOpenAIClient();
const job = await createVideo(client, {
  model: 'sora-2',
  prompt: 'a calico cat playing piano',
  seconds: '8',
  size: '1280x720',
});
const video = await retrieveVideo(client, job.id);
console.log(video.status, video.progress);
