/**
 * Helpers shared by the MiniMax unit tests (not a test file: vitest runs only `*.test.ts`).
 */
import {
  createMiniMaxClient,
  type MiniMaxClient,
  type MiniMaxClientOptions,
} from '../../../src/providers/minimax/index.js';

/** The API key every MiniMax test client sends (fixtures expect it as `Bearer sk-api-test-…`). */
export const MINIMAX_TEST_KEY = 'sk-api-test-0123456789abcdef';

/** A MiniMax client for replayed fixtures: the test key, no retries, no environment; `options` override. */
export function client(options: MiniMaxClientOptions = {}): MiniMaxClient {
  return createMiniMaxClient({ apiKey: MINIMAX_TEST_KEY, maxRetries: 0, env: {}, ...options });
}
