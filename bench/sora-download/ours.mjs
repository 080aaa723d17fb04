// Ours: downloadVideoContent (client.raw GET …/content?variant=video, then saveResponse: temp file + rename).
import { pathToFileURL } from 'node:url';
import { measure, VIDEO_ID } from './measure.mjs';

const { createOpenAIClient, downloadVideoContent } = await import(pathToFileURL(process.env.SORA_BENCH_MODULE).href);

await measure('ours', async (baseUrl, path) => {
  const client = createOpenAIClient({ apiKey: 'sk-bench-0123456789', baseUrl, env: {} });
  await downloadVideoContent(client, VIDEO_ID, { to: path });
});
