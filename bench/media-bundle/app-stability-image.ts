// One Stable Image Core picture, saved, through `hello-dave/stability`.
import { createStabilityClient, generateCore, saveStabilityMedia } from '../../src/providers/stability/index.js';

const client = createStabilityClient();
const image = await generateCore(client, { prompt: 'a red fox in snow', aspect_ratio: '16:9' });
console.log((await saveStabilityMedia(image, './fox.png')).path, image.seed);
