/**
 * The one HTTP layer: every provider client is made here, on ky (which runs on the runtime's `fetch`: Node, Bun,
 * Deno, edge). ky builds the URL (`prefixUrl`, `searchParams`), sends JSON, keeps the time limit and runs the
 * retry loop (limit, methods, status codes, Retry-After, backoff with jitter) and the hooks; this module adds what
 * ky cannot know: the key (resolved when first needed), the provider's classifier and the job-start rule
 * ({@link Exchange}), idle timeouts on bodies, SSE, redaction and debug logging.
 * @module
 */
import ky, { type AfterResponseHook, type BeforeRequestHook, type Hooks, type KyInstance, type Options } from 'ky';
import { ApiRetiredError, type MissingApiKeyError } from '../common/errors.js';
import { redactHeaders, redactUrl } from '../common/secrets.js';
import {
  apiErrorFromVerdict,
  customBaseUrlVerdict,
  FIXTURE_MISMATCH_HEADER,
  fixtureMismatchVerdict,
} from './api-error.js';
import { originBoundFetch } from './api-redirect.js';
import {
  type ClientKey,
  type ClientSettings,
  clientKey,
  clientSettings,
  count,
  debugLog,
  debugLogger,
  resolveBaseUrl,
  timeoutFor,
} from './client-options.js';
import { runtimeEnv } from './env.js';
import { Exchange, type ExchangeClient, parseBody, RETRY_STATUS_CODES, type Reader } from './exchange.js';
import { MAX_TIMER_MS } from './guard-body.js';
import { defaultClassifier } from './retry.js';
import { parseSse } from './sse.js';
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

/** Every method: whether one may be retried is the retry policy's decision (`shouldRetry`), not the method's. */
const ALL_METHODS = ['get', 'put', 'head', 'delete', 'options', 'trace', 'post', 'patch'];

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

/** What a client's parts are built from: its config and options, and what was resolved from them. */
interface ClientSetup {
  readonly config: ProviderConfig;
  readonly options: HttpClientOptions;
  readonly baseUrl: string;
  readonly settings: ClientSettings;
  readonly logger: Logger | undefined;
  readonly key: ClientKey;
  readonly log: ExchangeClient['log'];
  /** Headers that carry the request id, first found wins. */
  readonly requestIdHeaders: readonly string[];
}

/** What every request of one client reads; made once, when the client is made. */
interface ClientState {
  readonly config: ProviderConfig;
  readonly settings: ClientSettings;
  readonly requestIdHeaders: readonly string[];
  /** What each request's {@link Exchange} asks of the client. */
  readonly context: ExchangeClient;
  readonly api: KyInstance;
}

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
  const baseUrl = resolveBaseUrl(config, options, env);
  const settings = clientSettings(options);
  const logger = options.logger ?? debugLogger(env);
  const key = clientKey(config, options, env);
  const setup: ClientSetup = {
    config,
    options,
    baseUrl,
    settings,
    logger,
    key,
    log: debugLog(logger, key.secrets),
    requestIdHeaders: config.requestIdHeaders ?? ['x-request-id', 'request-id'],
  };
  const state: ClientState = {
    config,
    settings,
    requestIdHeaders: setup.requestIdHeaders,
    context: exchangeClient(setup),
    api: kyInstance(setup),
  };
  return {
    provider: config.provider,
    baseUrl,
    options: { ...settings, ...(logger ? { logger } : {}) },
    authHeaders: key.authHeaders,
    secrets: key.secrets,
    request: <T>(request: HttpRequest) => parsedRequest<T>(state, request),
    raw: (request) => rawRequest(state, request),
    rawRead: (request, read) => rawReadRequest(state, request, read),
    sse: (request) => sseEvents(state, request),
  };
}

/** What each request's {@link Exchange} asks of the client: its classifier, its error builder, its log. */
function exchangeClient(setup: ClientSetup): ExchangeClient {
  const { config, options, baseUrl, settings, logger, key, log, requestIdHeaders } = setup;
  const provider = config.provider;
  /** The base URL when it is not the provider's default (a 404 then hints at the base URL, see customBaseUrlVerdict). */
  const customBaseUrl = baseUrl === config.baseUrl.replace(/\/+$/, '') ? undefined : baseUrl;
  const classifyProvider = config.classify ?? defaultClassifier;
  const classify: ErrorClassifier = (answer) => {
    const verdict = classifyProvider(answer);
    return verdict && answer.headers.has(FIXTURE_MISMATCH_HEADER)
      ? fixtureMismatchVerdict(verdict, answer.body)
      : verdict;
  };
  return {
    provider,
    classify,
    buildError: (verdict, answer) => {
      const wrongBaseUrl = customBaseUrl !== undefined && answer.status === 404;
      const error = apiErrorFromVerdict(
        wrongBaseUrl ? customBaseUrlVerdict(verdict, customBaseUrl, config.baseUrl) : verdict,
        { provider, status: answer.status, headers: answer.headers, body: answer.body, requestIdHeaders },
        { secrets: key.secrets() },
      );
      const mapped = config.mapError ? config.mapError(error, answer) : error;
      // A 404 from a base URL of the user's own says nothing about the API being retired.
      return wrongBaseUrl && ApiRetiredError.isInstance(mapped) ? error : mapped;
    },
    secrets: key.secrets,
    log,
    logging: logger !== undefined,
    // Redirects followed by hand: no key or custom header reaches another origin.
    fetch: originBoundFetch(settings.fetch),
    idleTimeoutMs: settings.idleTimeoutMs,
    maxRetryDelayMs: settings.maxRetryDelayMs,
    takesIdempotencyKey: config.idempotencyHeader !== undefined || config.idempotencyField !== undefined,
    lostAnswerHint: config.lostAnswerHint,
    userSeesAnswers: (options.hooks?.afterResponse?.length ?? 0) > 0,
  };
}

/** The ky instance of a client: base URL, fixed headers, the retry rules and the hooks. */
function kyInstance(setup: ClientSetup): KyInstance {
  const { config, options, baseUrl, settings } = setup;
  return ky.create({
    prefixUrl: `${baseUrl}/`,
    headers: { 'user-agent': userAgentOf(options), ...config.headers, ...options.headers },
    throwHttpErrors: true,
    retry: {
      methods: ALL_METHODS,
      statusCodes: [...RETRY_STATUS_CODES],
      afterStatusCodes: [...RETRY_STATUS_CODES],
      maxRetryAfter: settings.maxRetryDelayMs,
      backoffLimit: settings.maxRetryDelayMs,
      delay: backoff,
      jitter,
    },
    hooks: clientHooks(setup),
  });
}

/** The ky hooks: authorize (and log) each attempt, read and settle each answer through its exchange, the user's. */
function clientHooks(setup: ClientSetup): Hooks {
  const { logger, key, log } = setup;
  const authorize: BeforeRequestHook = (request, _options, { retryCount }) => {
    for (const [name, value] of Object.entries(key.authHeaders())) request.headers.set(name, value);
    if (logger) {
      log(`→ ${request.method} ${redactUrl(request.url)} (attempt ${retryCount + 1})`, {
        headers: redactHeaders(request.headers, key.secrets()),
      });
    }
  };
  const user = setup.options.hooks ?? {};
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
  return {
    beforeRequest: [authorize, ...(user.beforeRequest ?? [])],
    afterResponse: user.afterResponse?.length ? [read, ...user.afterResponse, settle] : [readAndSettle],
    beforeRetry: [...(user.beforeRetry ?? [])],
    beforeError: [(error) => Exchange.of(error.options).attachCause(error), ...(user.beforeError ?? [])],
  };
}

/** Sends one call through ky; the answer ky ends with, and the exchange that read it. */
async function send(
  state: ClientState,
  request: HttpRequest,
  mode: 'parsed' | 'raw',
  read?: Reader,
): Promise<{ response: Response; exchange: Exchange }> {
  const { config, settings } = state;
  const timeoutMs = timeoutFor(request, settings);
  const sideBody = request.json === undefined ? (request.form ?? request.body) : undefined;
  const exchange = new Exchange(state.context, request, mode, sideBody, timeoutMs, read);
  const headers: Record<string, string> = { accept: mode === 'raw' ? '*/*' : 'application/json' };
  if (request.headers) Object.assign(headers, request.headers);
  if (request.idempotencyKey && config.idempotencyHeader) headers[config.idempotencyHeader] = request.idempotencyKey;
  const kyOptions: Options = {
    method: request.method,
    headers,
    timeout: kyTimeout(timeoutMs),
    retry: {
      limit: exchange.policy === 'never' ? 0 : count(request.maxRetries, settings.maxRetries),
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
    const response = await state.api(relativePath(request.path), kyOptions);
    return { response, exchange };
  } catch (error) {
    exchange.discard();
    throw exchange.toError(error);
  }
}

/** {@link HttpClient.request}: the parsed body, the status, the headers and the request id. */
async function parsedRequest<T>(state: ClientState, request: HttpRequest): Promise<HttpResponse<T>> {
  const { response, exchange } = await send(state, request, 'parsed');
  const out: HttpResponse<T> = { data: exchange.data as T, status: response.status, headers: response.headers };
  for (const name of state.requestIdHeaders) {
    const value = response.headers.get(name);
    if (value) {
      out.requestId = value;
      break;
    }
  }
  return out;
}

/** {@link HttpClient.raw}: the successful answer, its body unread (and guarded). */
async function rawRequest(state: ClientState, request: HttpRequest): Promise<Response> {
  const { response, exchange } = await send(state, request, 'raw');
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  return new Response(exchange.takeBody(), init);
}

/** {@link HttpClient.rawRead}: what `read` made of the successful answer. */
async function rawReadRequest<T>(
  state: ClientState,
  request: HttpRequest,
  read: (response: Response) => Promise<RawReadResult<T>>,
): Promise<T> {
  const { exchange } = await send(state, request, 'raw', read);
  return exchange.data as T;
}

/** {@link HttpClient.sse}: the answer's server-sent events, or its one JSON body as the only event. */
async function* sseEvents(state: ClientState, request: HttpRequest): AsyncGenerator<SseEvent, void, undefined> {
  const streamed: HttpRequest = { ...request, headers: { accept: 'text/event-stream', ...request.headers } };
  // Some providers answer a streamed request with one JSON body (often an error inside HTTP 200): an error
  // goes back to ky's retry loop as `{ body }` (classified, retried when that is safe, else thrown); any
  // other JSON body is the stream's only event.
  const answer = await rawReadRequest<{ stream: Response } | { single: unknown }>(state, streamed, async (response) => {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('event-stream') || !type.includes('json')) return { value: { stream: response } };
    const body = parseBody(await response.text(), type);
    const verdict = state.context.classify({
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
  yield* parseSse(answer.stream.body, {
    maxLineLength: state.settings.maxSseLineLength,
    provider: state.config.provider,
  });
}

/** A path relative to the base URL: ky's `prefixUrl` wants no leading slash. */
function relativePath(path: string): string {
  let relative = path;
  while (relative.startsWith('/')) relative = relative.slice(1);
  return relative;
}

function userAgentOf(options: HttpClientOptions): string {
  return `${options.userAgent ? `${options.userAgent} ` : ''}hello-dave/${SDK_VERSION}`;
}
