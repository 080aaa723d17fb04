// The same app with the official SDK (openai 7.57.0, from bench/node_modules).
import OpenAI from 'openai';

const client = new OpenAI();
const job = await client.videos.create({
  model: 'sora-2',
  prompt: 'a calico cat playing piano',
  seconds: '8',
  size: '1280x720',
});
const video = await client.videos.retrieve(job.id);
console.log(video.status, video.progress);
