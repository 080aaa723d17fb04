/**
 * What a provider client resolves from its config and options once, when it is made: its settings with their
 * defaults, its base URL, its key (read when first needed) and its debug logger.
 * @module
 */
import { MissingApiKeyError, RequestValidationError } from '../common/errors.js';
import { redactSecrets, redactValue, registerHeaderSecrets, registerSecret } from '../common/secrets.js';
import { firstEnvEntry, firstEnvVar, readEnvVar } from './env.js';
import { DEFAULT_MAX_SSE_LINE_LENGTH } from './sse.js';
import type { HttpClient, HttpClientOptions, HttpRequest, Logger, ProviderConfig } from './types.js';

const DEFAULTS = {
  timeoutMs: 60_000,
  generationTimeoutMs: 600_000,
  idleTimeoutMs: 30_000,
  maxRetries: 2,
  maxRetryDelayMs: 60_000,
};

/** The slowest upload a request's timeout allows for, bytes per ms (128 KB/s, about 1 Mbit/s). */
const UPLOAD_FLOOR_BYTES_PER_MS = 128;

/** The size of a request's body when it is known before sending (a Blob, bytes, or a form of them), else 0. */
function bodyBytes(request: HttpRequest): number {
  if (!request.form) return sizeOf(request.body);
  let total = 0;
  for (const [, value] of request.form) total += typeof value === 'string' ? value.length : sizeOf(value);
  return total;
}

/** The byte size of a Blob or of bytes; 0 for anything else (a stream, a string left to the runtime). */
function sizeOf(value: unknown): number {
  if (value instanceof Blob) return value.size;
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer ? value.byteLength : 0;
}

/**
 * The timeout of one request: its own `timeoutMs`, else the client's `generationTimeoutMs` for a generation or
 * `timeoutMs`; plus the time its body takes to upload at {@link UPLOAD_FLOOR_BYTES_PER_MS}, since the answer's
 * headers come only after the whole upload (a 300 MB file must not fail at 60 s, nor be sent again).
 */
export function timeoutFor(request: HttpRequest, settings: ClientSettings): number {
  const base = request.timeoutMs ?? (request.generation ? settings.generationTimeoutMs : settings.timeoutMs);
  return base + Math.ceil(bodyBytes(request) / UPLOAD_FLOOR_BYTES_PER_MS);
}

/** The settings a client runs with, defaults applied: `client.options` without the logger. */
export type ClientSettings = Omit<HttpClient['options'], 'logger'>;

/** A non-negative whole number, or the fallback (NaN, negatives and fractions are not counts). */
export function count(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** The options with their defaults. */
export function clientSettings(options: HttpClientOptions): ClientSettings {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    generationTimeoutMs: options.generationTimeoutMs ?? DEFAULTS.generationTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    maxRetries: count(options.maxRetries, DEFAULTS.maxRetries),
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs,
    maxSseLineLength: options.maxSseLineLength ?? DEFAULT_MAX_SSE_LINE_LENGTH,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
  };
}

/**
 * The base URL from the option, then the provider's variables, then its default; without a trailing slash. An
 * unusable one (not a URL, not http or https) is a RequestValidationError naming where it came from and its value.
 */
export function resolveBaseUrl(
  config: ProviderConfig,
  options: HttpClientOptions,
  env: Record<string, string | undefined>,
): string {
  const fromEnv = options.baseUrl === undefined ? firstEnvEntry(env, config.baseUrlEnv) : undefined;
  const raw = options.baseUrl ?? fromEnv?.value ?? config.baseUrl;
  const source = options.baseUrl !== undefined ? 'baseUrl' : (fromEnv?.name ?? 'baseUrl');
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    const why = protocol ? `uses ${protocol} (only http: and https: are supported)` : 'is not a URL';
    throw new RequestValidationError(
      [{ path: source, message: `${JSON.stringify(raw)} ${why}; e.g. ${config.baseUrl}` }],
      `${config.provider} client options`,
    );
  }
  return raw.replace(/\/+$/, '');
}

/** The key of one client and what is made from it. */
export interface ClientKey {
  /** The key: the option, else the first provider variable set (read when first needed, then kept). */
  apiKey(): string | undefined;
  /** The key as a list of literal secrets (empty without one), for redaction. */
  secrets(): readonly string[];
  /** The headers that authenticate; a {@link MissingApiKeyError} when a required key is missing. */
  authHeaders(): Record<string, string>;
}

/**
 * The client's key. Read when first needed (never at import); once found it is kept, so each request does not
 * rescan the env. Every key value this client holds is registered with the secrets module when the client is made
 * (a key from the environment when it is first read, before any request), so it is redacted wherever it turns up.
 */
export function clientKey(
  config: ProviderConfig,
  options: HttpClientOptions,
  env: Record<string, string | undefined>,
): ClientKey {
  let resolvedKey = options.apiKey;
  registerSecret(resolvedKey);
  registerHeaderSecrets(config.headers);
  registerHeaderSecrets(options.headers);
  const apiKey = (): string | undefined => {
    if (resolvedKey === undefined) {
      resolvedKey = firstEnvVar(env, config.apiKeyEnv);
      registerSecret(resolvedKey);
    }
    return resolvedKey;
  };
  const secrets = (): readonly string[] => {
    const key = apiKey();
    return key ? [key] : [];
  };
  const authHeaders = (): Record<string, string> => {
    const key = apiKey();
    if (config.auth.type === 'none') return {};
    if (!key) {
      if (config.keyRequired === false) return {};
      throw new MissingApiKeyError(config.provider, config.apiKeyEnv ?? []);
    }
    if (config.auth.type === 'bearer') return { authorization: `Bearer ${key}` };
    return { [config.auth.name.toLowerCase()]: `${config.auth.prefix ?? ''}${key}` };
  };
  return { apiKey, secrets, authHeaders };
}

/** The logger to use without one: stderr when `HELLO_DAVE_DEBUG` is set (and not `0` or `false`). */
export function debugLogger(env: Record<string, string | undefined>): Logger | undefined {
  const debugEnv = readEnvVar(env, 'HELLO_DAVE_DEBUG');
  if (!debugEnv || debugEnv === '0' || debugEnv === 'false') return undefined;
  return { debug: (message, data) => console.error(`[hello-dave] ${message}`, data ?? '') };
}

/** The client's debug log: message and data redacted with the client's secrets; a no-op without a logger. */
export function debugLog(
  logger: Logger | undefined,
  secrets: () => readonly string[],
): (message: string, data?: Record<string, unknown>) => void {
  return (message, data) => {
    if (!logger) return;
    const scrubbed = data ? (redactValue(data, { secrets: secrets() }) as Record<string, unknown>) : undefined;
    logger.debug(redactSecrets(message, secrets()), scrubbed);
  };
}
