/**
 * The one HTTP layer: every provider client is made here, directly on the runtime's `fetch` (Node, Bun, Deno,
 * edge). An earlier version ran on ky; measured here, ky cost 100–150 µs CPU per GET and 300–350 µs per JSON
 * POST (≈1.5× raw fetch) and about 5 KB gzip per bundle, for features (retries, timeouts, hooks) this layer has to
 * implement itself anyway: per-provider retry classifiers, job-start retry rules, idle timeouts.
 * Retries (per-provider classifier, backoff with jitter, Retry-After), timeouts (per request, and an idle
 * timeout for bodies and streams), AbortSignal everywhere, typed errors, secret redaction and debug logging.
 * @module
 */
import {
  AbortedError,
  ConnectionError,
  HelloDaveError,
  MissingApiKeyError,
  ResponseValidationError,
  redactSecrets,
  TimeoutError,
} from '../common/errors.js';
import { apiErrorFromVerdict } from './api-error.js';
import { defaultClassifier, parseRetryAfter, retryDelay } from './retry.js';
import { parseSse } from './sse.js';
import type {
  ClassifiedError,
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
  Logger,
  ProviderAnswer,
  ProviderConfig,
  QueryValue,
  RawReadResult,
  RetryPolicy,
  SseEvent,
} from './types.js';

/** This package's version, sent in the User-Agent. */
export const SDK_VERSION = '0.2.0';

const DEFAULTS = { timeoutMs: 60_000, idleTimeoutMs: 30_000, maxRetries: 2, maxRetryDelayMs: 60_000 };

/** Reads the runtime's environment (Node, Bun, Deno); empty where there is none (browsers, edge). */
export function runtimeEnv(): Record<string, string | undefined> {
  const processEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (processEnv) return processEnv;
  const deno = (globalThis as { Deno?: { env?: { toObject(): Record<string, string> } } }).Deno;
  try {
    if (deno?.env) return deno.env.toObject();
  } catch {
    // No --allow-env: behave as if nothing is set.
  }
  return {};
}

/** Reads one variable; a runtime that refuses (Deno without `--allow-env` throws) counts as "not set". */
export function readEnvVar(env: Record<string, string | undefined>, name: string): string | undefined {
  try {
    const value = env[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The first of `names` that is set to something other than blanks, trimmed. */
export function firstEnvVar(
  env: Record<string, string | undefined>,
  names: readonly string[] | undefined,
): string | undefined {
  for (const name of names ?? []) {
    const value = readEnvVar(env, name);
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** A non-negative whole number, or the fallback (NaN, negatives and fractions are not counts). */
function count(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** A relative path without dot segments, escapes, queries or fragments: safe to join to the base URL as text. */
const SIMPLE_PATH = /^[\w-]+(?:[/.~:@][\w-]+)*$/;

/** Longest delay setTimeout keeps (larger values fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

const SENSITIVE_HEADER = /authorization|api[-_]?key|token|secret|license|cookie/i;
const SENSITIVE_QUERY = /key|token|secret|signature|sig$|password/i;

/** A URL with key-like query values replaced by `<redacted>`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) {
      if (SENSITIVE_QUERY.test(name)) parsed.searchParams.set(name, '<redacted>');
    }
    return parsed.toString().replace(/%3Credacted%3E/gi, '<redacted>');
  } catch {
    return url;
  }
}

function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SENSITIVE_HEADER.test(name) ? '<redacted>' : redactSecrets(value, secrets);
  }
  return out;
}

function appendQuery(url: URL, query: Record<string, QueryValue> | undefined): void {
  if (!query) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
    else url.searchParams.append(name, String(value));
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return true;
  return false;
}

/** Waits `ms`, or rejects with AbortedError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Connection errors that prove the request never reached the server, so no job can have started. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ConnectionRefused'];

/**
 * Wraps a body so that a read waiting longer than `idleMs`, or an abort of `signal`, ends the stream with a
 * TimeoutError (`phase: 'idle'`) or AbortedError instead of hanging. Only time spent waiting on the network
 * counts: a consumer that pauses between reads is never timed out. One timer stays armed and re-arms itself for
 * the time left, so a chunk costs a clock read, not a timer (a large download has tens of thousands of chunks).
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: { idleMs: number; signal?: AbortSignal; provider: string },
): ReadableStream<Uint8Array> {
  const { idleMs, signal, provider } = options;
  const reader = body.getReader();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let since = 0;
  let failed = false;
  const cleanup = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
  };
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    cleanup();
    reader.cancel().catch(() => undefined);
    try {
      controller?.error(error);
    } catch {
      // already closed
    }
  };
  const arm = (delayMs: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      const left = reading ? idleMs - (Date.now() - since) : idleMs;
      if (left > 0) arm(left);
      else fail(new TimeoutError(provider, 'idle', idleMs));
    }, delayMs);
    // A body nobody reads must not keep the process alive (Node and Bun timers have unref).
    (timer as { unref?: () => void }).unref?.();
  };
  function onAbort() {
    fail(new AbortedError());
  }
  const finite = idleMs > 0 && Number.isFinite(idleMs);
  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    },
    async pull(streamController) {
      if (failed) return;
      reading = true;
      since = Date.now();
      if (finite && timer === undefined) arm(idleMs);
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        reading = false;
        if (signal?.aborted) fail(new AbortedError());
        else if (HelloDaveError.isInstance(error)) fail(error);
        else fail(new ConnectionError(provider, 'the connection broke while reading the body', { cause: error }));
        return;
      }
      reading = false;
      if (failed) return;
      if (chunk.done) {
        cleanup();
        streamController.close();
      } else {
        streamController.enqueue(chunk.value);
      }
    },
    cancel(reason) {
      failed = true;
      cleanup();
      return reader.cancel(reason);
    },
  });
}

interface Attempt {
  response?: Response;
  failure?: Error;
  retryable: boolean;
  retryAfterMs?: number;
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
  const provider = config.provider;
  const baseUrl = (options.baseUrl ?? firstEnvVar(env, config.baseUrlEnv) ?? config.baseUrl).replace(/\/+$/, '');
  const baseOrigin = new URL(baseUrl).origin;
  const effective = {
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    maxRetries: count(options.maxRetries, DEFAULTS.maxRetries),
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs,
    fetch: options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
  };
  const debugEnv = readEnvVar(env, 'HELLO_DAVE_DEBUG');
  const logger: Logger | undefined =
    options.logger ??
    (debugEnv && debugEnv !== '0' && debugEnv !== 'false'
      ? { debug: (message, data) => console.error(`[hello-dave] ${message}`, data ?? '') }
      : undefined);
  const classify = config.classify ?? defaultClassifier;
  const requestIdHeaders = config.requestIdHeaders ?? ['x-request-id', 'request-id'];
  const userAgent = `${options.userAgent ? `${options.userAgent} ` : ''}hello-dave/${SDK_VERSION}`;

  // Read when first needed (never at import); once found it is kept, so each request does not rescan the env.
  let resolvedKey = options.apiKey;
  const apiKey = (): string | undefined => {
    resolvedKey ??= firstEnvVar(env, config.apiKeyEnv);
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
    const scrubbed = data
      ? (JSON.parse(redactSecrets(JSON.stringify(data), secrets())) as Record<string, unknown>)
      : undefined;
    logger.debug(redactSecrets(message, secrets()), scrubbed);
  };
  const requestIdOf = (headers: Headers): string | undefined => {
    for (const name of requestIdHeaders) {
      const value = headers.get(name);
      if (value) return value;
    }
    return undefined;
  };

  // Headers every request of a mode sends, made once the key is known (a missing key is not cached: it is
  // looked for again on the next request).
  type FixedHeaders = { headers: Record<string, string>; contentType: boolean };
  const fixedHeaders: { parsed?: FixedHeaders; raw?: FixedHeaders } = {};
  const headersFor = (mode: 'parsed' | 'raw'): FixedHeaders => {
    const fixed = fixedHeaders[mode];
    if (fixed) return fixed;
    const headers = {
      accept: mode === 'raw' ? '*/*' : 'application/json',
      'user-agent': userAgent,
      ...config.headers,
      ...options.headers,
      ...authHeaders(),
    };
    const made = { headers, contentType: hasHeader(headers, 'content-type') };
    fixedHeaders[mode] = made;
    return made;
  };
  // Plain relative paths (`responses`, `videos/video_1/content`) are joined as text; anything else (dot
  // segments, escapes, a query) goes through URL, which normalises it.
  const base = new URL(`${baseUrl}/`);
  const joinable = base.search === '' && base.hash === '';
  const baseHref = base.href.slice(0, -1);
  const basePath = base.pathname.slice(0, -1);
  const target = (request: HttpRequest): { href: string; pathname: string } => {
    let path = request.path;
    while (path.startsWith('/')) path = path.slice(1);
    if (joinable && !request.query && SIMPLE_PATH.test(path)) {
      return { href: `${baseHref}/${path}`, pathname: `${basePath}/${path}` };
    }
    // `./` keeps a first segment with a colon (`a:b`) a path, not a URL scheme.
    const url = new URL(`./${path}`, base);
    appendQuery(url, request.query);
    return { href: url.toString(), pathname: url.pathname };
  };

  const policyOf = (request: HttpRequest): RetryPolicy => {
    if (request.retry) return request.retry;
    if (request.body instanceof ReadableStream) return 'never';
    return request.method === 'POST' || request.method === 'PATCH' ? 'job-start' : 'safe';
  };

  const buildError = (verdict: ClassifiedError, answer: ProviderAnswer): Error => {
    const error = apiErrorFromVerdict(
      verdict,
      { provider, status: answer.status, headers: answer.headers, body: answer.body, requestIdHeaders },
      { secrets: secrets() },
    );
    return config.mapError ? config.mapError(error, answer) : error;
  };

  const readBody = async (response: Response): Promise<unknown> => {
    const text = await response.text();
    if (!text) return undefined;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json') || /^\s*[[{]/.test(text)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    return text;
  };

  /** A response whose body is guarded by the request's idle timeout and signal. */
  const guarded = (response: Response, request: HttpRequest): Response => {
    if (!response.body) return response;
    const body = guardBody(response.body, {
      idleMs: request.idleTimeoutMs ?? effective.idleTimeoutMs,
      provider,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** The failed attempt for a classifier's verdict: the typed error, and whether the policy lets it be retried. */
  const judged = (verdict: ClassifiedError, answer: ProviderAnswer, policy: RetryPolicy, canRetrySent: boolean) => {
    const failure = buildError(verdict, answer);
    const notStarted = verdict.jobMayHaveStarted === false;
    const retryable = verdict.retryable && policy !== 'never' && (policy === 'safe' || notStarted || canRetrySent);
    const result: Attempt = { failure, retryable };
    const retryAfterMs = verdict.retryAfterMs ?? parseRetryAfter(answer.headers);
    if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
    return result;
  };

  type Reader = (response: Response) => Promise<RawReadResult<unknown>>;

  /**
   * One attempt: sends, and for non-raw requests reads and classifies the body. A raw request with a `read`
   * callback hands a 2xx answer to it; a `{ body }` it returns is classified like a parsed body.
   */
  const attempt = async (
    request: HttpRequest,
    mode: 'parsed' | 'raw',
    number: number,
    read?: Reader,
  ): Promise<Attempt & { data?: unknown }> => {
    const policy = policyOf(request);
    const url = target(request);
    const fixed = headersFor(mode);
    // No object spreads on this path (Object.assign here, a literal in answerOf below): on Node 20 the objects spread
    // copies made here outlived their request (bytes promoted by every minor collection; measured, not understood).
    const headers: Record<string, string> = Object.assign({}, fixed.headers, request.headers);
    if (request.idempotencyKey && config.idempotencyHeader) headers[config.idempotencyHeader] = request.idempotencyKey;
    const timeoutMs = request.timeoutMs ?? effective.timeoutMs;
    const userSignal = request.signal;
    if (userSignal?.aborted) throw new AbortedError();
    // Infinity (or anything setTimeout cannot hold) means no request timeout. Without one, nothing of ours can
    // abort the request: fetch gets the caller's signal as it is (or none) and no controller is made.
    const controller = timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS ? new AbortController() : undefined;
    const onUserAbort = () => controller?.abort();
    if (controller) userSignal?.addEventListener('abort', onUserAbort, { once: true });
    let timedOut = false;
    const timer = controller
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
    const started = logger ? Date.now() : 0;
    const href = url.href;
    if (logger)
      log(`→ ${request.method} ${redactUrl(href)} (attempt ${number})`, {
        headers: redactHeaders(headers, secrets()),
      });
    const finish = () => {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
    };
    const canRetryUnsent = policy !== 'never';
    // A key makes a job-starting POST safe to repeat only when the provider takes one (its header is sent).
    const keySent = Boolean(request.idempotencyKey && config.idempotencyHeader);
    const canRetrySent = policy === 'safe' || (policy === 'job-start' && keySent);
    let response: Response;
    try {
      const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers };
      const signal = controller?.signal ?? userSignal;
      if (signal) init.signal = signal;
      if (request.json !== undefined) {
        init.body = JSON.stringify(request.json);
        const typed =
          fixed.contentType || (request.headers !== undefined && hasHeader(request.headers, 'content-type'));
        if (!typed) headers['content-type'] = 'application/json';
      } else if (request.form) init.body = request.form;
      else if (request.body !== undefined) {
        init.body = request.body;
        if (request.body instanceof ReadableStream) init.duplex = 'half';
      }
      response = await effective.fetch(href, init);
    } catch (error) {
      finish();
      if (userSignal?.aborted) throw new AbortedError();
      if (timedOut) {
        const failure = new TimeoutError(provider, 'request', timeoutMs, { cause: error, secrets: secrets() });
        return { failure, retryable: canRetrySent };
      }
      const code = errorCode(error);
      const unsent = code !== undefined && NOT_SENT_CODES.includes(code);
      const failure = new ConnectionError(provider, `request to ${redactUrl(href)} failed${code ? ` (${code})` : ''}`, {
        cause: error,
        secrets: secrets(),
      });
      return { failure, retryable: unsent ? canRetryUnsent : canRetrySent };
    }
    const answerOf = (body: unknown): ProviderAnswer => ({
      status: response.status,
      headers: response.headers,
      request: { method: request.method, path: url.pathname },
      body,
    });
    if (mode === 'raw' && response.ok) {
      finish();
      if (logger) log(`← ${response.status} ${request.method} ${url.pathname} in ${Date.now() - started} ms (headers)`);
      if (!read) return { response, retryable: false };
      const handed = guarded(response, request);
      const outcome = await read(handed);
      if ('value' in outcome) return { response, data: outcome.value, retryable: false };
      // Whatever the reader left unread is not wanted: free the connection.
      if (!handed.bodyUsed) handed.body?.cancel().catch(() => undefined);
      const answer = answerOf(outcome.body);
      const verdict = classify(answer);
      if (!verdict) {
        throw new ResponseValidationError(provider, 'the answer holds no usable content', answer.body, {
          secrets: secrets(),
        });
      }
      return judged(verdict, answer, policy, canRetrySent);
    }
    let body: unknown;
    try {
      body =
        request.expect === 'none' && response.ok
          ? await response.body?.cancel().then(() => undefined)
          : request.expect === 'text' && response.ok
            ? await response.text()
            : await readBody(response);
    } catch (error) {
      finish();
      if (userSignal?.aborted) throw new AbortedError();
      if (timedOut)
        return {
          failure: new TimeoutError(provider, 'request', timeoutMs, { cause: error, secrets: secrets() }),
          retryable: canRetrySent,
        };
      return {
        failure: new ConnectionError(provider, 'the connection broke while reading the answer', {
          cause: error,
          secrets: secrets(),
        }),
        retryable: canRetrySent,
      };
    }
    finish();
    if (logger) log(`← ${response.status} ${request.method} ${url.pathname} in ${Date.now() - started} ms`);
    const answer = answerOf(body);
    const verdict = classify(answer);
    if (!verdict) return { response, data: body, retryable: false };
    return judged(verdict, answer, policy, canRetrySent);
  };

  const run = async (
    request: HttpRequest,
    mode: 'parsed' | 'raw',
    read?: Reader,
  ): Promise<{ response: Response; data?: unknown }> => {
    const maxRetries = count(request.maxRetries, effective.maxRetries);
    for (let number = 1; ; number++) {
      const result = await attempt(request, mode, number, read);
      if (result.response && !result.failure) {
        const out: { response: Response; data?: unknown } = { response: result.response };
        if ('data' in result) out.data = result.data;
        return out;
      }
      const failure = result.failure ?? new ConnectionError(provider, 'no answer');
      if (!result.retryable || number > maxRetries) throw failure;
      const wait = retryDelay(number, result.retryAfterMs, effective.maxRetryDelayMs);
      log(`retrying ${request.method} ${request.path} in ${wait} ms after: ${failure.message}`);
      await sleep(wait, request.signal);
    }
  };

  const client: HttpClient = {
    provider,
    baseUrl,
    options: { ...effective, ...(logger ? { logger } : {}) },
    authHeaders,
    secrets,
    async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
      const { response, data } = await run(request, 'parsed');
      const out: HttpResponse<T> = { data: data as T, status: response.status, headers: response.headers };
      const requestId = requestIdOf(response.headers);
      if (requestId !== undefined) out.requestId = requestId;
      return out;
    },
    async raw(request: HttpRequest): Promise<Response> {
      const { response } = await run(request, 'raw');
      return guarded(response, request);
    },
    async rawRead<T>(request: HttpRequest, read: (response: Response) => Promise<RawReadResult<T>>): Promise<T> {
      const { data } = await run(request, 'raw', read);
      return data as T;
    },
    async *sse(request: HttpRequest): AsyncGenerator<SseEvent, void, undefined> {
      const streamed = { ...request, headers: { accept: 'text/event-stream', ...request.headers } };
      // Some providers answer a streamed request with one JSON body (often an error inside HTTP 200): an error
      // goes back to the one retry loop as `{ body }` (classified, retried when that is safe, else thrown); any
      // other JSON body is the stream's only event.
      const answer = await client.rawRead<{ stream: Response } | { single: unknown }>(streamed, async (response) => {
        const type = response.headers.get('content-type') ?? '';
        if (type.includes('event-stream') || !type.includes('json')) return { value: { stream: response } };
        const body = await readBody(response);
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
      yield* parseSse(answer.stream.body);
    },
  };
  if (baseOrigin === 'null') throw new TypeError(`invalid base URL for ${provider}`);
  return client;
}
