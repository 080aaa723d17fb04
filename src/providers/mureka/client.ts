/**
 * The Mureka client: a small object made by {@link createMurekaClient}, passed to every endpoint function.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyMurekaAnswer, MUREKA_PROVIDER_NAME } from './errors.js';

/** Which platform issued the key: `global` (platform.mureka.ai) or `cn` (platform.mureka.cn). Same paths on both. */
export type MurekaRegion = 'global' | 'cn';

/** API hosts per region; model lists can differ between them. */
export const MUREKA_BASE_URLS: Readonly<Record<MurekaRegion, string>> = {
  global: 'https://api.mureka.ai',
  cn: 'https://api.mureka.cn',
};

/** Environment variables for the key, first set wins. */
export const MUREKA_API_KEY_ENV: readonly string[] = ['MUREKA_API_KEY'];
/** Environment variables for the base URL, first set wins. */
export const MUREKA_BASE_URL_ENV: readonly string[] = ['MUREKA_BASE_URL'];

/** Options of {@link createMurekaClient}. */
export interface MurekaClientOptions extends HttpClientOptions {
  /** Region whose host is used (default `global`); ignored when `baseUrl` or `MUREKA_BASE_URL` is set. */
  region?: MurekaRegion;
}

/** A Mureka client (the shared HTTP client, configured for Mureka). */
export type MurekaClient = HttpClient;

/**
 * Provider settings for Mureka: Bearer key from `MUREKA_API_KEY`, base URL from `MUREKA_BASE_URL` (endpoint paths
 * carry `/v1` themselves), the `trace_id` of an error as its request id.
 */
export const MUREKA_PROVIDER: ProviderConfig = {
  provider: MUREKA_PROVIDER_NAME,
  baseUrl: MUREKA_BASE_URLS.global,
  baseUrlEnv: MUREKA_BASE_URL_ENV,
  apiKeyEnv: MUREKA_API_KEY_ENV,
  auth: { type: 'bearer' },
  classify: classifyMurekaAnswer,
  requestIdHeaders: ['x-trace-id', 'trace-id', 'x-request-id'],
  lostAnswerHint:
    'check total_spending in the billing page of the Mureka console (GET /v1/account/billing): Mureka lists no past tasks',
};

/**
 * Creates a Mureka client. The key (`MUREKA_API_KEY`) is read when a request is made, not here.
 * @see https://platform.mureka.ai/docs/
 * @example
 * ```ts
 * const mureka = createMurekaClient();                 // MUREKA_API_KEY, https://api.mureka.ai
 * const cn = createMurekaClient({ region: 'cn' });     // a key from platform.mureka.cn
 * ```
 */
export function createMurekaClient(options: MurekaClientOptions = {}): MurekaClient {
  const { region, ...rest } = options;
  return createHttpClient({ ...MUREKA_PROVIDER, baseUrl: MUREKA_BASE_URLS[region ?? 'global'] }, rest);
}
