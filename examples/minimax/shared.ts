/**
 * Shared by the MiniMax examples: the offline fixture server (msw, the same fixtures the tests use) and the
 * client for either mode.
 */
import { createMiniMaxClient, type MiniMaxClient } from 'hello-dave/minimax';

const FIXTURES = new URL('../../test/fixtures/minimax/', import.meta.url);

/** Starts msw with the named fixture sequences: `{ 'https://api.minimax.io': ['music-generation-hex'] }`. */
export async function offlineServer(byOrigin: Record<string, string[]>): Promise<{ close(): void }> {
  const { setupServer } = await import('msw/node');
  const { replayFixtures } = await import('hello-dave/testing');
  const handlers = [];
  for (const [baseUrl, names] of Object.entries(byOrigin)) {
    const sources = names.map((name) =>
      name.endsWith('.json') ? new URL(name, FIXTURES) : decodeURIComponent(new URL(name, FIXTURES).pathname),
    );
    handlers.push(...(await replayFixtures(sources, { baseUrl })).handlers);
  }
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return server;
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
