/**
 * The OpenAI client: a small object made by {@link createOpenAIClient}, passed to every endpoint function.
 * @module
 */
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyOpenAIAnswer } from './errors.js';

/** Options of {@link createOpenAIClient}. */
export interface OpenAIClientOptions extends HttpClientOptions {
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
}

/** An OpenAI client (the shared HTTP client, configured for OpenAI). */
export type OpenAIClient = HttpClient;

/** Provider settings for OpenAI: key from `OPENAI_API_KEY` (or `OPENAIKEY`, the older JavaScript hello-dave's name), base URL from `OPENAI_BASE_URL`. */
export const OPENAI_PROVIDER: ProviderConfig = {
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  baseUrlEnv: ['OPENAI_BASE_URL'],
  apiKeyEnv: ['OPENAI_API_KEY', 'OPENAIKEY'],
  auth: { type: 'bearer' },
  classify: classifyOpenAIAnswer,
  requestIdHeaders: ['x-request-id'],
  lostAnswerHint: 'find it with listVideos() (the newest come first) or in the OpenAI dashboard',
};

/**
 * Creates an OpenAI client. The key is read when a request is made, not here.
 * @example
 * const client = createOpenAIClient(); // OPENAI_API_KEY
 */
export function createOpenAIClient(options: OpenAIClientOptions = {}): OpenAIClient {
  const { organization, project, ...rest } = options;
  const headers: Record<string, string> = { ...rest.headers };
  if (organization) headers['OpenAI-Organization'] = organization;
  if (project) headers['OpenAI-Project'] = project;
  return createHttpClient(OPENAI_PROVIDER, { ...rest, headers });
}
