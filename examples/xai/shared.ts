/**
 * Shared by the xAI media examples: the offline fixture server (msw, the same fixtures the tests use) and the
 * client for either mode.
 */

import { createXAIClient, type XAIClient } from 'hello-dave/xai';
import { offlineServer as serve } from '../shared/offline-server.js';

/** Starts msw with the named fixture sequences per origin: `{ 'https://api.x.ai': ['videos-get'] }`. */
export function offlineServer(byOrigin: Record<string, string[]>): Promise<{ close(): void }> {
  return serve('xai', byOrigin);
}

/** The client: live reads XAI_API_KEY; offline uses a dummy key. */
export function exampleClient(live: boolean): XAIClient {
  return live ? createXAIClient() : createXAIClient({ apiKey: 'xai-offline-example', env: {} });
}

/** Explains a missing key for --live. */
export function needsKey(live: boolean): boolean {
  if (live && !process.env.XAI_API_KEY) {
    console.error('--live needs XAI_API_KEY (console.x.ai).');
    return true;
  }
  return false;
}
