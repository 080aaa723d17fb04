/**
 * The Anthropic client: a small object made by {@link createAnthropicClient}, passed to every endpoint function.
 * @module
 */
import { createHttpClient, firstEnvVar, runtimeEnv } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyAnthropicAnswer } from './errors.js';

/**
 * The `anthropic-version` header every request sends (the only version the API has).
 * @see https://docs.anthropic.com/en/api/overview
 */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Options of {@link createAnthropicClient}.
 * @see https://docs.anthropic.com/en/api/overview
 */
export interface AnthropicClientOptions extends HttpClientOptions {
  /** Sent as `anthropic-version`. Default `2023-06-01`. */
  version?: string;
  /** Beta features, sent comma-separated as `anthropic-beta` (e.g. `files-api-2025-04-14`). */
  betas?: readonly string[];
}

/**
 * An Anthropic client (the shared HTTP client, configured for Anthropic).
 * @see https://docs.anthropic.com/en/api/overview
 */
export type AnthropicClient = HttpClient;

/**
 * Provider settings for Anthropic: key from `ANTHROPIC_API_KEY` sent as `x-api-key`, base URL from
 * `ANTHROPIC_BASE_URL` (a root without `/v1`, as the official SDK reads it, gets `/v1` appended), request id from
 * the `request-id` header.
 * @see https://docs.anthropic.com/en/api/overview
 */
export const ANTHROPIC_PROVIDER: ProviderConfig = {
  provider: 'anthropic',
  baseUrl: 'https://api.anthropic.com/v1',
  baseUrlEnv: ['ANTHROPIC_BASE_URL'],
  apiKeyEnv: ['ANTHROPIC_API_KEY'],
  auth: { type: 'header', name: 'x-api-key' },
  classify: classifyAnthropicAnswer,
  requestIdHeaders: ['request-id'],
  headers: { 'anthropic-version': ANTHROPIC_VERSION },
};

/**
 * `ANTHROPIC_BASE_URL` means the API root in the official SDKs and tools (`https://my-proxy.example`), while our
 * paths are relative to `…/v1`: append `/v1` unless the URL already ends with it.
 */
function withVersionPath(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

function readEnv(options: HttpClientOptions, name: string): string | undefined {
  return firstEnvVar(options.env ?? runtimeEnv(), [name]);
}

/**
 * Creates an Anthropic client. The key is read when a request is made, not here.
 * @see https://docs.anthropic.com/en/api/overview
 * @example
 * const client = createAnthropicClient(); // ANTHROPIC_API_KEY
 * const message = await createMessage(client, {
 *   model: 'claude-sonnet-4-6',
 *   max_tokens: 512,
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 */
export function createAnthropicClient(options: AnthropicClientOptions = {}): AnthropicClient {
  const { version, betas, ...rest } = options;
  const headers: Record<string, string> = { 'anthropic-version': version ?? ANTHROPIC_VERSION, ...rest.headers };
  if (betas?.length) headers['anthropic-beta'] = betas.join(',');
  const envBase = rest.baseUrl === undefined ? readEnv(rest, 'ANTHROPIC_BASE_URL') : undefined;
  const baseUrl = rest.baseUrl ?? (envBase ? withVersionPath(envBase) : undefined);
  return createHttpClient(ANTHROPIC_PROVIDER, { ...rest, headers, ...(baseUrl ? { baseUrl } : {}) });
}
