/**
 * The Stability AI client: a small object made by {@link createStabilityClient}, passed to every Stability
 * endpoint function (Stable Image and Stable Audio, REST v2beta).
 * @see https://platform.stability.ai/docs/api-reference
 * @module
 */
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyStabilityAnswer, STABILITY_PROVIDER_NAME } from './errors.js';

/** Options of {@link createStabilityClient}. */
export type StabilityClientOptions = HttpClientOptions;

/** A Stability client (the shared HTTP client, configured for Stability). */
export type StabilityClient = HttpClient;

/**
 * Provider settings for Stability: key from `STABILITY_API_KEY` (bearer), base URL from `STABILITY_BASE_URL`,
 * default `https://api.stability.ai`; Stability's own error classifier (`{ id, name, errors[] }` bodies).
 * @see https://platform.stability.ai/docs/api-reference
 */
export const STABILITY_PROVIDER: ProviderConfig = {
  provider: STABILITY_PROVIDER_NAME,
  baseUrl: 'https://api.stability.ai',
  baseUrlEnv: ['STABILITY_BASE_URL'],
  apiKeyEnv: ['STABILITY_API_KEY', 'STABILITY_KEY'],
  auth: { type: 'bearer' },
  classify: classifyStabilityAnswer,
  requestIdHeaders: ['x-request-id'],
  lostAnswerHint:
    'check the credit history of your Stability AI account (platform.stability.ai): the answer of a generation cannot be fetched again',
};

/**
 * Creates a Stability client. The key is read when a request is made, not here.
 * @see https://platform.stability.ai/docs/api-reference
 * @example
 * ```ts
 * const stability = createStabilityClient(); // STABILITY_API_KEY
 * ```
 */
export function createStabilityClient(options: StabilityClientOptions = {}): StabilityClient {
  return createHttpClient(STABILITY_PROVIDER, options);
}
