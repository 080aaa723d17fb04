// One Grok Imagine video: start, wait, download, through `hello-dave/xai`.
import { createXAIClient, downloadXAIVideo, generateVideo, waitForXAIVideo } from '../../src/providers/xai/index.js';

const client = createXAIClient();
const { job } = await generateVideo(client, { model: 'grok-imagine-video', prompt: 'a fox in snow', duration: 8 });
const done = await waitForXAIVideo(client, job);
console.log((await downloadXAIVideo(client, done, { to: './fox.mp4' })).path);
