/**
 * Helpers shared by the Stability unit tests (not a test file: vitest runs only `*.test.ts`).
 */
import {
  createStabilityClient,
  type StabilityClient,
  type StabilityClientOptions,
} from '../../../src/providers/stability/index.js';

/** The API key every Stability test client sends. */
export const STABILITY_TEST_KEY = 'sk-stability-test-0123456789abcdef';

/** Fixture folder. */
export const FIXTURES = 'test/fixtures/stability';
/** Where the fixtures are served. */
export const API = { baseUrl: 'https://api.stability.ai' };
/** A local PNG file (8×8). */
export const PNG = { path: `${FIXTURES}/image.png` };
/** A local PNG mask. */
export const MASK = { path: `${FIXTURES}/mask.png` };

/** A Stability client for replayed fixtures: the test key, no retries, no environment; `options` override. */
export function client(options: StabilityClientOptions = {}): StabilityClient {
  return createStabilityClient({ apiKey: STABILITY_TEST_KEY, maxRetries: 0, env: {}, ...options });
}
