/**
 * Helpers shared by the xAI media tests (not a test file: vitest runs only `*.test.ts`).
 */
import { createXAIClient, type XAIClient, type XAIClientOptions } from '../../../src/providers/xai/index.js';

/** The API key every xAI media test client sends. */
export const XAI_TEST_KEY = 'xai-test-0123456789abcdef';
/** Fixture folder. */
export const FIXTURES = 'test/fixtures/xai';
/** Where the API fixtures are served. */
export const API = { baseUrl: 'https://api.x.ai' };
/** The image host. */
export const IMAGES = { baseUrl: 'https://imgen.x.ai' };
/** The video host. */
export const VIDEOS = { baseUrl: 'https://vidgen.x.ai' };
/** The video request id of the fixtures. */
export const VIDEO_ID = 'a3d1008e-4544-40d4-d075-11527e794e4a';

/** An xAI client for replayed fixtures: the test key, no retries, no environment; `options` override. */
export function client(options: XAIClientOptions = {}): XAIClient {
  return createXAIClient({ apiKey: XAI_TEST_KEY, maxRetries: 0, env: {}, ...options });
}
