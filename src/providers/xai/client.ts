/**
 * The xAI client: a small object made by {@link createXAIClient}, passed to every xAI endpoint function.
 * @see https://docs.x.ai/docs/api-reference
 * @module
 */
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyXAIAnswer } from './errors.js';

/** Options of {@link createXAIClient}. */
export type XAIClientOptions = HttpClientOptions;

/** An xAI client (the shared HTTP client, configured for xAI). */
export type XAIClient = HttpClient;

/**
 * Provider settings for xAI: key from `XAI_API_KEY` (bearer), base URL from `XAI_BASE_URL`, default
 * `https://api.x.ai/v1`; xAI's own error classifier.
 * @see https://docs.x.ai/docs/api-reference
 */
export const XAI_PROVIDER: ProviderConfig = {
  provider: 'xai',
  baseUrl: 'https://api.x.ai/v1',
  baseUrlEnv: ['XAI_BASE_URL'],
  apiKeyEnv: ['XAI_API_KEY'],
  auth: { type: 'bearer' },
  classify: classifyXAIAnswer,
  requestIdHeaders: ['x-request-id'],
  lostAnswerHint: 'check the usage page of the xAI console (console.x.ai): xAI lists no past image or video requests',
};

/**
 * Creates an xAI client. The key is read when a request is made, not here.
 * @see https://docs.x.ai/docs/api-reference
 * @example
 * const client = createXAIClient(); // XAI_API_KEY
 */
export function createXAIClient(options: XAIClientOptions = {}): XAIClient {
  return createHttpClient(XAI_PROVIDER, options);
}
