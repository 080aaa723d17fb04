// One MiniMax image, saved (the baseline: an existing provider entry).
import { createMiniMaxClient, generateImage, saveImages } from '../../src/providers/minimax/index.js';

const client = createMiniMaxClient();
const result = await generateImage(client, { model: 'image-01', prompt: 'a red fox in snow', response_format: 'url' });
console.log(await saveImages(result, './out'));
