/**
 * The LALAL.AI client: a small object made by {@link createLalalClient}, passed to every endpoint function. It
 * speaks API v1 (`/api/v1/…`, `X-License-Key`), the generation LALAL.AI marks current; the older v0 API
 * (`/api/…`, `Authorization: license …`) is deprecated since 2025-12-29 and not implemented.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyLalalAnswer, LALAL_PROVIDER_NAME } from './errors.js';

/** Environment variables for the license key, first set wins. */
export const LALAL_API_KEY_ENV: readonly string[] = ['LALAL_API_KEY', 'LALAL_LICENSE_KEY'];
/** Environment variables for the base URL, first set wins. */
export const LALAL_BASE_URL_ENV: readonly string[] = ['LALAL_BASE_URL'];

/** Options of {@link createLalalClient}. */
export type LalalClientOptions = HttpClientOptions;

/** A LALAL.AI client (the shared HTTP client, configured for LALAL.AI API v1). */
export type LalalClient = HttpClient;

/** Provider settings for LALAL.AI: `X-License-Key` from `LALAL_API_KEY`, base URL from `LALAL_BASE_URL`. */
export const LALAL_PROVIDER: ProviderConfig = {
  provider: LALAL_PROVIDER_NAME,
  baseUrl: 'https://www.lalal.ai',
  baseUrlEnv: LALAL_BASE_URL_ENV,
  apiKeyEnv: LALAL_API_KEY_ENV,
  auth: { type: 'header', name: 'X-License-Key' },
  classify: classifyLalalAnswer,
  idempotencyField: 'idempotency_key',
  lostAnswerHint: 'see whether minutes were spent with lalalMinutesLeft(): LALAL.AI lists no past tasks',
};

/**
 * Creates a LALAL.AI client (API v1). The license key (`LALAL_API_KEY`) is read when a request is made, not here.
 * @see https://www.lalal.ai/api/v1/docs/
 * @example
 * ```ts
 * const lalal = createLalalClient(); // LALAL_API_KEY
 * ```
 */
export function createLalalClient(options: LalalClientOptions = {}): LalalClient {
  return createHttpClient(LALAL_PROVIDER, options);
}
