/**
 * Shared by every provider's examples: an offline fixture server (msw, replaying the same
 * fixtures the tests use), so every example runs without a key or a network.
 */

/**
 * Starts msw with fixtures of `provider` (`test/fixtures/<provider>/`), by origin: each name is a sequence prefix
 * (`song-query-wait`) or one file (`song-generate.1.json`), replayed in order.
 * @example
 * const server = await offlineServer('mureka', { 'https://api.mureka.ai': ['song-generate.1.json'] });
 */
export async function offlineServer(provider: string, byOrigin: Record<string, string[]>): Promise<{ close(): void }> {
  const fixtures = new URL(`../../test/fixtures/${provider}/`, import.meta.url);
  const { setupServer } = await import('msw/node');
  const { replayFixtures } = await import('hello-dave/testing');
  const handlers = [];
  for (const [baseUrl, names] of Object.entries(byOrigin)) {
    const sources = names.map((name) =>
      name.endsWith('.json') ? new URL(name, fixtures) : decodeURIComponent(new URL(name, fixtures).pathname),
    );
    handlers.push(...(await replayFixtures(sources, { baseUrl })).handlers);
  }
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return server;
}

/** True (after explaining) when `--live` was asked for without the key it needs. */
export function missingKey(live: boolean, variable: string): boolean {
  if (live && !process.env[variable]) {
    console.error(`--live needs ${variable}.`);
    return true;
  }
  return false;
}
