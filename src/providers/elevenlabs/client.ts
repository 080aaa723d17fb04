/**
 * The ElevenLabs client: a small object made by {@link createElevenLabsClient}, passed to every music function.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient, HttpClientOptions, ProviderConfig } from '../../http/types.js';
import { classifyElevenLabsAnswer, ELEVENLABS_PROVIDER_NAME, mapElevenLabsError } from './errors.js';

/**
 * API hosts: `default` (api.elevenlabs.io), `us`, and the data-residency hosts. Whether every residency host
 * serves Music is unverified.
 */
export const ELEVENLABS_BASE_URLS = {
  default: 'https://api.elevenlabs.io',
  us: 'https://api.us.elevenlabs.io',
  eu: 'https://api.eu.residency.elevenlabs.io',
  in: 'https://api.in.residency.elevenlabs.io',
  sg: 'https://api.sg.residency.elevenlabs.io',
} as const;

/** A named ElevenLabs host (see {@link ELEVENLABS_BASE_URLS}). */
export type ElevenLabsEnvironment = keyof typeof ELEVENLABS_BASE_URLS;

/** Environment variables for the key, first set wins. */
export const ELEVENLABS_API_KEY_ENV: readonly string[] = ['ELEVENLABS_API_KEY'];
/** Environment variables for the base URL, first set wins. */
export const ELEVENLABS_BASE_URL_ENV: readonly string[] = ['ELEVENLABS_BASE_URL'];

/** Options of {@link createElevenLabsClient}. */
export interface ElevenLabsClientOptions extends HttpClientOptions {
  /** Host to use (default `default`); ignored when `baseUrl` or `ELEVENLABS_BASE_URL` is set. */
  environment?: ElevenLabsEnvironment;
}

/** An ElevenLabs client (the shared HTTP client, configured for ElevenLabs). */
export type ElevenLabsClient = HttpClient;

/** Provider settings for ElevenLabs: `xi-api-key` header from `ELEVENLABS_API_KEY`, base URL from `ELEVENLABS_BASE_URL`. */
export const ELEVENLABS_PROVIDER: ProviderConfig = {
  provider: ELEVENLABS_PROVIDER_NAME,
  baseUrl: ELEVENLABS_BASE_URLS.default,
  baseUrlEnv: ELEVENLABS_BASE_URL_ENV,
  apiKeyEnv: ELEVENLABS_API_KEY_ENV,
  auth: { type: 'header', name: 'xi-api-key' },
  classify: classifyElevenLabsAnswer,
  mapError: mapElevenLabsError,
  requestIdHeaders: ['request-id', 'x-request-id'],
  lostAnswerHint: 'check the usage page of your ElevenLabs account: the audio of a composition cannot be fetched again',
};

/**
 * Creates an ElevenLabs client. The key (`ELEVENLABS_API_KEY`) is read when a request is made, not here. Eleven
 * Music is for paid plans only.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @example
 * ```ts
 * const eleven = createElevenLabsClient();                      // ELEVENLABS_API_KEY
 * const eu = createElevenLabsClient({ environment: 'eu' });     // EU data residency
 * ```
 */
export function createElevenLabsClient(options: ElevenLabsClientOptions = {}): ElevenLabsClient {
  const { environment, ...rest } = options;
  return createHttpClient({ ...ELEVENLABS_PROVIDER, baseUrl: ELEVENLABS_BASE_URLS[environment ?? 'default'] }, rest);
}
