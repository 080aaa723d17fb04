/**
 * A client for any server that speaks OpenAI's Chat Completions format (gateways, local servers): a base URL and
 * an optional key.
 * @module
 */
import { RequestValidationError } from '../../common/errors.js';
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyChatCompletionsAnswer } from './errors.js';

/**
 * Options of {@link createChatCompletionsClient}.
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export interface ChatCompletionsClientOptions extends HttpClientOptions {
  /** Base URL including the API's version path, e.g. `http://127.0.0.1:11434/v1`. Required. */
  baseUrl: string;
  /** Bearer key; optional. Without one (and none in `apiKeyEnv`), no `Authorization` header is sent. */
  apiKey?: string;
  /** Provider name used in errors, logs, responses and `providerOptions`. Default `openai-compatible`. */
  provider?: string;
  /** Environment variables to read the key from when `apiKey` is not given, first set wins. */
  apiKeyEnv?: readonly string[];
}

/**
 * A client for an OpenAI-compatible server (the shared HTTP client).
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export type ChatCompletionsClient = HttpClient;

/**
 * Creates a client for an OpenAI-compatible Chat Completions server. The key is optional: local servers get no
 * `Authorization` header.
 * @see https://platform.openai.com/docs/api-reference/chat
 * @example
 * const local = createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:11434/v1', provider: 'ollama' });
 * const hosted = createChatCompletionsClient({ baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: ['OPENROUTER_API_KEY'] });
 */
export function createChatCompletionsClient(options: ChatCompletionsClientOptions): ChatCompletionsClient {
  const { provider = 'openai-compatible', apiKeyEnv, ...rest } = options;
  if (typeof rest.baseUrl !== 'string' || !rest.baseUrl.trim()) {
    throw new RequestValidationError(
      [{ path: 'baseUrl', message: 'is required (the server URL up to and including its version path, e.g. …/v1)' }],
      'createChatCompletionsClient options',
    );
  }
  const config: ProviderConfig = {
    provider,
    baseUrl: rest.baseUrl,
    apiKeyEnv: apiKeyEnv ?? [],
    auth: { type: 'bearer' },
    keyRequired: false,
    classify: classifyChatCompletionsAnswer,
    requestIdHeaders: ['x-request-id', 'request-id'],
  };
  return createHttpClient(config, rest);
}
