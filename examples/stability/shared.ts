/**
 * Shared by the Stability examples: the offline fixture server (msw, the same fixtures the tests use) and the
 * client for either mode.
 */

import { createStabilityClient, type StabilityClient } from 'hello-dave/stability';
import { offlineServer as serve } from '../shared/offline-server.js';

/** Starts msw with the named fixture sequences on api.stability.ai. */
export function offlineServer(names: string[]): Promise<{ close(): void }> {
  return serve('stability', { 'https://api.stability.ai': names });
}

/** The client: live reads STABILITY_API_KEY; offline uses a dummy key. */
export function exampleClient(live: boolean): StabilityClient {
  return live ? createStabilityClient() : createStabilityClient({ apiKey: 'sk-offline-example', env: {} });
}

/** Explains a missing key for --live. */
export function needsKey(live: boolean): boolean {
  if (live && !process.env.STABILITY_API_KEY) {
    console.error('--live needs STABILITY_API_KEY (platform.stability.ai → API keys).');
    return true;
  }
  return false;
}
