/**
 * The one HTTP layer: every provider client is made here, on ky (which runs on the runtime's `fetch`: Node, Bun,
 * Deno, edge). ky builds the URL (`prefixUrl`, `searchParams`), sends JSON, keeps the time limit and runs the
 * retry loop (limit, methods, status codes, Retry-After, backoff with jitter) and the hooks; this module adds what
 * ky cannot know: the key (resolved when first needed), the provider's classifier and the job-start rule
 * ({@link Exchange}), idle timeouts on bodies, SSE, redaction and debug logging.
 * @module
 */
import ky, { type AfterResponseHook, type BeforeRequestHook, type Hooks, type KyInstance, type Options } from 'ky';
import { ApiRetiredError, MissingApiKeyError, RequestValidationError } from '../common/errors.js';
import {
  redactHeaders,
  redactSecrets,
  redactUrl,
  redactValue,
  registerHeaderSecrets,
  registerSecret,
} from '../common/secrets.js';
import {
  apiErrorFromVerdict,
  customBaseUrlVerdict,
  FIXTURE_MISMATCH_HEADER,
  fixtureMismatchVerdict,
} from './api-error.js';
import { firstEnvEntry, firstEnvVar, readEnvVar, runtimeEnv } from './env.js';
import { Exchange, type ExchangeClient, parseBody, RETRY_STATUS_CODES, type Reader } from './exchange.js';
import { MAX_TIMER_MS } from './guard-body.js';
import { defaultClassifier } from './retry.js';
import { DEFAULT_MAX_SSE_LINE_LENGTH, parseSse } from './sse.js';
import type {
  ErrorClassifier,
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
  Logger,
  ProviderConfig,
  QueryValue,
  RawReadResult,
  SseEvent,
} from './types.js';

export { redactUrl } from '../common/secrets.js';
export { firstEnvVar, readEnvVar, runtimeEnv } from './env.js';

/** This package's version, sent in the User-Agent. */
export const SDK_VERSION = '0.2.0';

const DEFAULTS = { timeoutMs: 60_000, idleTimeoutMs: 30_000, maxRetries: 2, maxRetryDelayMs: 60_000 };

/** Every method: whether one may be retried is the retry policy's decision (`shouldRetry`), not the method's. */
const ALL_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace', 'post', 'patch'];

/** A non-negative whole number, or the fallback (NaN, negatives and fractions are not counts). */
function count(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** ky's `timeout`: a time limit in ms, or false for none (Infinity, 0, or more than a timer holds). */
function kyTimeout(ms: number): number | false {
  return ms > 0 && ms <= MAX_TIMER_MS ? ms : false;
}

/** Query parameters as ky's `searchParams` pairs: undefined left out, arrays repeat the key. */
function searchParams(query: Record<string, QueryValue> | undefined): [string, string][] | undefined {
  if (!query) return undefined;
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, String(item)]);
    else pairs.push([name, String(value)]);
  }
  return pairs;
}

/** Backoff before retry `n` (1-based): 500 ms doubling, at most 8 s before jitter. */
const backoff = (attempt: number): number => Math.min(500 * 2 ** (attempt - 1), 8_000);
/** ±25 % jitter. */
const jitter = (delay: number): number => delay * (0.75 + Math.random() * 0.5);

/**
 * Creates a provider's HTTP client. Nothing is read or checked until the first request: a missing key
 * raises {@link MissingApiKeyError} then, naming the environment variables to set.
 * @example
 * const client = createHttpClient(
 *   { provider: 'acme', baseUrl: 'https://api.acme.test/v1', apiKeyEnv: ['ACME_API_KEY'], auth: { type: 'bearer' } },
 *   { timeoutMs: 30_000 },
 * );
 * const { data } = await client.request<{ id: string }>({ method: 'GET', path: 'things/1' });
 */
export function createHttpClient(config: ProviderConfig, options: HttpClientOptions = {}): HttpClient {
  const env = options.env ?? runtimeEnv();
  const provider = config.provider;
  const baseUrl = resolveBaseUrl(config, options, env);
  /** The base URL when it is not the provider's default (a 404 then hints at the base URL, see customBaseUrlVerdict). */
  const customBaseUrl = baseUrl === config.baseUrl.replace(/\/+$/, '') ? undefined : baseUrl;
  const effective = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    maxRetries: count(options.maxRetries, DEFAULTS.maxRetries),
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs,
    maxSseLineLength: options.maxSseLineLength ?? DEFAULT_MAX_SSE_LINE_LENGTH,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
  };
  const logger = options.logger ?? debugLogger(env);
  const classifyProvider = config.classify ?? defaultClassifier;
  const classify: ErrorClassifier = (answer) => {
    const verdict = classifyProvider(answer);
    return verdict && answer.headers.has(FIXTURE_MISMATCH_HEADER)
      ? fixtureMismatchVerdict(verdict, answer.body)
      : verdict;
  };
  const requestIdHeaders = config.requestIdHeaders ?? ['x-request-id', 'request-id'];

  // Read when first needed (never at import); once found it is kept, so each request does not rescan the env.
  // Every key value this client holds is registered with the secrets module when the client is made (a key from
  // the environment when it is first read, before any request), so it is redacted wherever it turns up.
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
      throw new MissingApiKeyError(provider, config.apiKeyEnv ?? []);
    }
    if (config.auth.type === 'bearer') return { authorization: `Bearer ${key}` };
    return { [config.auth.name.toLowerCase()]: `${config.auth.prefix ?? ''}${key}` };
  };
  const log = (message: string, data?: Record<string, unknown>) => {
    if (!logger) return;
    const scrubbed = data ? (redactValue(data, { secrets: secrets() }) as Record<string, unknown>) : undefined;
    logger.debug(redactSecrets(message, secrets()), scrubbed);
  };

  const context: ExchangeClient = {
    provider,
    classify,
    buildError: (verdict, answer) => {
      const wrongBaseUrl = customBaseUrl !== undefined && answer.status === 404;
      const error = apiErrorFromVerdict(
        wrongBaseUrl ? customBaseUrlVerdict(verdict, customBaseUrl, config.baseUrl) : verdict,
        { provider, status: answer.status, headers: answer.headers, body: answer.body, requestIdHeaders },
        { secrets: secrets() },
      );
      const mapped = config.mapError ? config.mapError(error, answer) : error;
      // A 404 from a base URL of the user's own says nothing about the API being retired.
      return wrongBaseUrl && ApiRetiredError.isInstance(mapped) ? error : mapped;
    },
    secrets,
    log,
    logging: logger !== undefined,
    fetch: effective.fetch,
    idleTimeoutMs: effective.idleTimeoutMs,
    maxRetryDelayMs: effective.maxRetryDelayMs,
    takesIdempotencyKey: config.idempotencyHeader !== undefined,
    userSeesAnswers: (options.hooks?.afterResponse?.length ?? 0) > 0,
  };

  const authorize: BeforeRequestHook = (request, _options, { retryCount }) => {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    if (logger) {
      log(`→ ${request.method} ${redactUrl(request.url)} (attempt ${retryCount + 1})`, {
        headers: redactHeaders(request.headers, secrets()),
      });
    }
  };
  const user = options.hooks ?? {};
  const read: AfterResponseHook = (request, kyOptions, response) =>
    Exchange.of(kyOptions).readAnswer(request, response);
  const settle: AfterResponseHook = (_request, kyOptions, response) =>
    Exchange.of(kyOptions).settle(response, ky.retry);
  // Without hooks of the user's, one hook reads and settles: ky clones the answer once per hook.
  const readAndSettle: AfterResponseHook = async (request, kyOptions, response) => {
    const exchange = Exchange.of(kyOptions);
    const answer = await exchange.readAnswer(request, response);
    return exchange.settle(answer ?? response, ky.retry) ?? answer;
  };
  const hooks: Hooks = {
    beforeRequest: [authorize, ...(user.beforeRequest ?? [])],
    afterResponse: user.afterResponse?.length ? [read, ...user.afterResponse, settle] : [readAndSettle],
    beforeRetry: [...(user.beforeRetry ?? [])],
    beforeError: [(error) => Exchange.of(error.options).attachCause(error), ...(user.beforeError ?? [])],
  };
  const api: KyInstance = ky.create({
    prefixUrl: `${baseUrl}/`,
    headers: { 'user-agent': userAgentOf(options), ...config.headers, ...options.headers },
    throwHttpErrors: true,
    retry: {
      methods: ALL_METHODS,
      statusCodes: [...RETRY_STATUS_CODES],
      afterStatusCodes: [...RETRY_STATUS_CODES],
      maxRetryAfter: effective.maxRetryDelayMs,
      backoffLimit: effective.maxRetryDelayMs,
      delay: backoff,
      jitter,
    },
    hooks,
  });

  /** Sends one call through ky; the answer ky ends with, and the exchange that read it. */
  const send = async (request: HttpRequest, mode: 'parsed' | 'raw', read?: Reader) => {
    const timeoutMs = request.timeoutMs ?? effective.timeoutMs;
    const sideBody = request.json === undefined ? (request.form ?? request.body) : undefined;
    const exchange = new Exchange(context, request, mode, sideBody, timeoutMs, read);
    const headers: Record<string, string> = { accept: mode === 'raw' ? '*/*' : 'application/json' };
    if (request.headers) Object.assign(headers, request.headers);
    if (request.idempotencyKey && config.idempotencyHeader) headers[config.idempotencyHeader] = request.idempotencyKey;
    const kyOptions: Options = {
      method: request.method,
      headers,
      timeout: kyTimeout(timeoutMs),
      retry: {
        limit: exchange.policy === 'never' ? 0 : count(request.maxRetries, effective.maxRetries),
        shouldRetry: exchange.shouldRetry,
      },
      fetch: exchange.fetch as typeof globalThis.fetch,
      context: { exchange },
    };
    if (request.json !== undefined) kyOptions.json = request.json;
    const query = searchParams(request.query);
    if (query) kyOptions.searchParams = query;
    if (request.signal) kyOptions.signal = request.signal;
    try {
      const response = await api(relativePath(request.path), kyOptions);
      return { response, exchange };
    } catch (error) {
      exchange.discard();
      throw exchange.toError(error);
    }
  };

  const client: HttpClient = {
    provider,
    baseUrl,
    options: { ...effective, ...(logger ? { logger } : {}) },
    authHeaders,
    secrets,
    async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      const { response, exchange } = await send(request, 'parsed');
      const out: HttpResponse<T> = { data: exchange.data as T, status: response.status, headers: response.headers };
      for (const name of requestIdHeaders) {
        const value = response.headers.get(name);
        if (value) {
          out.requestId = value;
          break;
        }
      }
      return out;
    },
    async raw(request: HttpRequest): Promise<Response> {
      const { response, exchange } = await send(request, 'raw');
      const init = { status: response.status, statusText: response.statusText, headers: response.headers };
      return new Response(exchange.takeBody(), init);
    },
    async rawRead<T>(request: HttpRequest, read: (response: Response) => Promise<RawReadResult<T>>): Promise<T> {
      const { exchange } = await send(request, 'raw', read);
      return exchange.data as T;
    },
    async *sse(request: HttpRequest): AsyncGenerator<SseEvent, void, undefined> {
      const streamed: HttpRequest = { ...request, headers: { accept: 'text/event-stream', ...request.headers } };
      // Some providers answer a streamed request with one JSON body (often an error inside HTTP 200): an error
      // goes back to ky's retry loop as `{ body }` (classified, retried when that is safe, else thrown); any
      // other JSON body is the stream's only event.
      const answer = await client.rawRead<{ stream: Response } | { single: unknown }>(streamed, async (response) => {
        const type = response.headers.get('content-type') ?? '';
        if (type.includes('event-stream') || !type.includes('json')) return { value: { stream: response } };
        const body = parseBody(await response.text(), type);
        const verdict = classify({
          status: response.status,
          headers: response.headers,
          body,
          request: { method: request.method, path: request.path },
        });
        return verdict ? { body } : { value: { single: body } };
      });
      if ('single' in answer) {
        yield { data: typeof answer.single === 'string' ? answer.single : (JSON.stringify(answer.single) ?? '') };
        return;
      }
      if (!answer.stream.body) return;
      yield* parseSse(answer.stream.body, { maxLineLength: effective.maxSseLineLength, provider });
    },
  };
  return client;
}

/** A path relative to the base URL: ky's `prefixUrl` wants no leading slash. */
function relativePath(path: string): string {
  let relative = path;
  while (relative.startsWith('/')) relative = relative.slice(1);
  return relative;
}

/**
 * The base URL from the option, then the provider's variables, then its default; without a trailing slash. An
 * unusable one (not a URL, not http or https) is a RequestValidationError naming where it came from and its value.
 */
function resolveBaseUrl(
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

function userAgentOf(options: HttpClientOptions): string {
  return `${options.userAgent ? `${options.userAgent} ` : ''}hello-dave/${SDK_VERSION}`;
}

/** The logger to use without one: stderr when `HELLO_DAVE_DEBUG` is set (and not `0` or `false`). */
function debugLogger(env: Record<string, string | undefined>): Logger | undefined {
  const debugEnv = readEnvVar(env, 'HELLO_DAVE_DEBUG');
  if (!debugEnv || debugEnv === '0' || debugEnv === 'false') return undefined;
  return { debug: (message, data) => console.error(`[hello-dave] ${message}`, data ?? '') };
}
