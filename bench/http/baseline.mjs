/** Baseline: raw `fetch` + `res.json()`. */
import { baseUrl, measure } from './measure.mjs';

const url = `${baseUrl()}/v1/videos/video_123`;
await measure(async () => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
});
