// One Grok Imagine picture, saved, through `hello-dave/xai`.
import { createXAIClient, generateImages, saveXAIImage } from '../../src/providers/xai/index.js';

const client = createXAIClient();
const made = await generateImages(client, {
  model: 'grok-imagine-image',
  prompt: 'a red fox',
  response_format: 'b64_json',
});
if (!made.deferred) console.log((await saveXAIImage(made.response.data[0] ?? {}, './fox.jpeg')).path);
