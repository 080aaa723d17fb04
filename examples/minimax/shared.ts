/**
 * Shared by the MiniMax examples: the offline fixture server (msw, the same fixtures the tests use) and the
 * client for either mode.
 */

import { createMiniMaxClient, type MiniMaxClient } from 'hello-dave/minimax';
import { offlineServer as serve } from '../shared/offline-server.js';

/** Starts msw with the named fixture sequences: `{ 'https://api.minimax.io': ['music-generation-hex'] }`. */
export function offlineServer(byOrigin: Record<string, string[]>): Promise<{ close(): void }> {
  return serve('minimax', byOrigin);
}

/** The client: live reads MINIMAX_API_KEY (and MINIMAX_REGION=cn for a mainland key); offline uses a dummy key. */
export function exampleClient(live: boolean): MiniMaxClient {
  if (!live) return createMiniMaxClient({ apiKey: 'sk-api-offline-example', env: {} });
  return createMiniMaxClient({ region: process.env.MINIMAX_REGION === 'cn' ? 'cn' : 'global' });
}

/** Explains a missing key for --live. */
export function needsKey(live: boolean): boolean {
  if (live && !process.env.MINIMAX_API_KEY) {
    console.error('--live needs MINIMAX_API_KEY (and MINIMAX_REGION=cn for a key from platform.minimaxi.com).');
    return true;
  }
  return false;
}
