// One Stable Audio clip, saved, through `hello-dave/stability`.
import { createStabilityClient, saveStabilityMedia, textToAudio } from '../../src/providers/stability/index.js';

const client = createStabilityClient();
const audio = await textToAudio(client, { prompt: 'warm lo-fi beat', model: 'stable-audio-2.5', duration: 30 });
console.log((await saveStabilityMedia(audio, './beat.mp3')).path);
