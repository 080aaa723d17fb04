/**
 * Reference variant: raw `fetch` + `res.json()` with a 60 s `AbortSignal.timeout` on every request (the HTTP
 * layer's default timeout): what a cancellable request alone costs on this runtime.
 */
import { baseUrl, measure } from './measure.mjs';

const url = `${baseUrl()}/v1/videos/video_123`;
await measure(async () => {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
});
