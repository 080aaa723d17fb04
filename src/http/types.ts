/**
 * Public types of the one HTTP layer every provider client is built on.
 * @module
 */
import type { Hooks } from 'ky';
import type { ApiErrorDetails } from '../common/errors.js';

/** How the API key travels. */
export type AuthScheme =
  /** `Authorization: Bearer <key>` */
  | { type: 'bearer' }
  /** A header of the provider's own (`x-api-key`, `xi-api-key`, a license header); optional prefix before the key. */
  | { type: 'header'; name: string; prefix?: string }
  /** No key (local gateways). */
  | { type: 'none' };

/** Receives debug lines; every secret is already redacted. */
export interface Logger {
  /** One debug record. */
  debug(message: string, data?: Record<string, unknown>): void;
}

/** What a person can set on every provider client (`createOpenAIClient(options)` and the like). */
export interface HttpClientOptions {
  /** API key; defaults to the provider's environment variables. */
  apiKey?: string;
  /** Base URL (proxies, gateways); defaults to `<PROVIDER>_BASE_URL`, then the provider's URL. */
  baseUrl?: string;
  /**
   * Time allowed per attempt until the answer's headers arrive and, for answers read whole (JSON, errors), their
   * body too, ms (ky's `timeout`). Default 60 000. `Infinity` turns it off. Streams are bounded by `idleTimeoutMs`.
   * Generations answered whole get `generationTimeoutMs` instead. An upload (a file body or form) gets one ms more
   * per 128 bytes it sends, since its answer comes only after the whole upload.
   */
  timeoutMs?: number;
  /**
   * Time allowed per attempt for an answer that is a whole generation read at once, ms: a model's answer not
   * streamed, a song, a synchronous image or audio. Default 600 000 (10 min, as the providers' own SDKs allow):
   * these commonly take minutes, and a timed-out generation is paid for (a media answer cannot be fetched again).
   * `Infinity` turns it off.
   */
  generationTimeoutMs?: number;
  /** Longest silence allowed inside a body or stream, ms. Default 30 000. */
  idleTimeoutMs?: number;
  /**
   * Longest server-sent-events line (and event), in characters; past it the stream stops with a
   * `ResponseValidationError` instead of growing without end. Default 64 MiB.
   */
  maxSseLineLength?: number;
  /** Retries after the first attempt, for retryable failures. Default 2. */
  maxRetries?: number;
  /**
   * Upper bound of any single wait between retries, ms. Default 60 000. An answer whose Retry-After asks for
   * longer is not retried: the call fails at once with its typed error (a RateLimitError carrying `retryAfterMs`).
   */
  maxRetryDelayMs?: number;
  /** A fetch implementation to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Prefix for the User-Agent header. */
  userAgent?: string;
  /** Debug logger (secrets redacted). `HELLO_DAVE_DEBUG=1` logs to stderr without one. */
  logger?: Logger;
  /** Environment to read keys and base URLs from (defaults to the runtime's). */
  env?: Record<string, string | undefined>;
  /**
   * ky hooks, run after the client's own on every request (see the README's "Hooks"). `beforeRequest` sees the
   * request with its auth header; `afterResponse` sees every answer's status and headers (and the text of answers
   * read whole; streamed bodies are never handed to hooks); `beforeRetry` sees each retry; `beforeError` sees
   * ky's HTTPError for a non-2xx answer, with the typed error of this library as its `cause`.
   */
  hooks?: Hooks;
}

/** Per-call options that every endpoint function accepts as its last argument. */
export interface RequestOptions {
  /** Cancels the request, a pending retry wait, or a stream. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call, ms. */
  timeoutMs?: number;
  /** Overrides the client's idle timeout for this call, ms. */
  idleTimeoutMs?: number;
  /** Overrides the client's retry count for this call. */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** Error category decided by a provider's classifier. */
export type ErrorKind =
  | 'bad-request'
  | 'authentication'
  | 'permission'
  | 'not-found'
  | 'conflict'
  | 'rate-limit'
  | 'quota'
  | 'content-filter'
  | 'server'
  | 'retired'
  | 'other';

/** An answer as the classifier sees it (body already parsed when JSON). */
export interface ProviderAnswer {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Parsed JSON, text, or undefined for a body not read (streams). */
  body: unknown;
  /** The request that got this answer. */
  request: { method: string; path: string };
}

/** A classifier's verdict on a failed answer. */
export interface ClassifiedError extends Partial<Omit<ApiErrorDetails, 'provider' | 'status' | 'body'>> {
  /** Category: picks the error class. */
  kind: ErrorKind;
  /** Human message (the provider's). */
  message: string;
  /** What to do about it; defaults to a hint for the kind (empty string: none). */
  hint?: string;
  /** Worth retrying at all (429, 5xx, …). */
  retryable: boolean;
  /**
   * May a billable job have started? Retrying a job-starting POST is allowed only when this is false
   * (429, a documented "not processed" answer). Default: true unless the status is 429.
   */
  jobMayHaveStarted?: boolean;
}

/**
 * A provider's classifier: returns null for a success, or the verdict for a failure. It sees 2xx answers too,
 * so providers that report errors inside HTTP 200 bodies (MiniMax's `base_resp`) turn them into errors.
 */
export type ErrorClassifier = (answer: ProviderAnswer) => ClassifiedError | null;

/**
 * How a request may be retried.
 * - `safe`: idempotent or side-effect free (GET, DELETE, and POSTs that create nothing billable).
 * - `job-start`: a POST that starts a billable job: retried only when no job can have started
 *   (connection refused, 429, a documented "not processed" answer), or after a retryable error answer when an
 *   idempotency key is sent. Never after no answer at all (a reset, a timeout): its error says how to find the job.
 * - `never`: one attempt.
 */
export type RetryPolicy = 'safe' | 'job-start' | 'never';

/** A query string value; undefined is left out, arrays repeat the key. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number | boolean)[];

/** One request through the HTTP layer. */
export interface HttpRequest extends RequestOptions {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL (`videos/abc`); a leading slash is allowed. */
  path: string;
  /** Query parameters. */
  query?: Record<string, QueryValue>;
  /** JSON body. */
  json?: unknown;
  /** Multipart body (see `toFormData`). */
  form?: FormData;
  /** Any other body. */
  body?: BodyInit;
  /** Retry policy; default `safe` for GET/DELETE/PUT, `job-start` for POST/PATCH. */
  retry?: RetryPolicy;
  /**
   * Idempotency key: sent in the provider's `idempotencyHeader` (or already in the body, in its
   * `idempotencyField`), reused on every retry. A job start that carries one is retried after a retryable error
   * answer, never after no answer at all.
   */
  idempotencyKey?: string;
  /**
   * How to find the job this job start may have started when its answer is lost (a reset, a timeout): ends the
   * error's "before retrying, …" sentence. Default: the provider's `lostAnswerHint`.
   */
  lostAnswerHint?: string;
  /** Expected body: `json` (default), `text`, or `none`. */
  expect?: 'json' | 'text' | 'none';
  /**
   * The answer is a whole generation (a model's answer not streamed, synchronous media): the client's
   * `generationTimeoutMs` applies instead of its `timeoutMs` (a per-call `timeoutMs` still wins).
   */
  generation?: boolean;
}

/** A parsed answer. */
export interface HttpResponse<T> {
  /** Parsed body. */
  data: T;
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** The provider's request id, when it sends one. */
  requestId?: string;
}

/** One server-sent event. */
export interface SseEvent {
  /** `event:` field; undefined means the default `message`. */
  event?: string;
  /** `data:` lines joined with newlines. */
  data: string;
  /** `id:` field. */
  id?: string;
  /** `retry:` field, ms. */
  retry?: number;
}

/**
 * What a {@link HttpClient.rawRead} reader made of one answer: the result (`value`), or a parsed body that
 * delivered nothing usable (`body`), for the provider's classifier to judge.
 */
export type RawReadResult<T> = { value: T } | { body: unknown };

/** A provider's HTTP client: the only way provider code talks to the network. */
export interface HttpClient {
  /** Provider name. */
  readonly provider: string;
  /** Resolved base URL (ends without a slash). */
  readonly baseUrl: string;
  /** Sends a request, retries as its policy allows, classifies failures, parses the body. */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  /**
   * Sends a request and returns the successful Response with its body unread; the body is guarded by the
   * idle timeout and the signal. For downloads and streams.
   */
  raw(request: HttpRequest): Promise<Response>;
  /**
   * Sends a request like {@link HttpClient.raw} and hands a successful answer (body guarded the same way) to
   * `read`. When `read` returns `{ body }` (an error envelope inside a 2xx answer), the provider's classifier
   * judges it as it does parsed bodies: the typed error is retried as the request's policy allows (same loop,
   * backoff, Retry-After and `maxRetries` as {@link HttpClient.request}), or thrown; a body the classifier finds
   * no fault in throws a ResponseValidationError. Errors thrown by `read` end the call unretried.
   */
  rawRead<T>(request: HttpRequest, read: (response: Response) => Promise<RawReadResult<T>>): Promise<T>;
  /** Sends a request and yields its server-sent events as they arrive. */
  sse(request: HttpRequest): AsyncIterable<SseEvent>;
  /** Headers that authenticate against this provider (for same-origin downloads); resolved lazily. */
  authHeaders(): Record<string, string>;
  /** Literal secrets in use (for redaction by callers that log). */
  secrets(): readonly string[];
  /** The effective options. */
  readonly options: Readonly<
    Required<
      Pick<HttpClientOptions, 'timeoutMs' | 'generationTimeoutMs' | 'idleTimeoutMs' | 'maxRetries' | 'maxRetryDelayMs'>
    >
  > & {
    /** Longest server-sent-events line, in characters (`maxSseLineLength`). */
    readonly maxSseLineLength: number;
    /** The fetch in use. */
    readonly fetch: typeof globalThis.fetch;
    /** The debug logger, when one is set. */
    readonly logger?: Logger;
  };
}

/** What a provider module tells `createHttpClient` about itself. */
export interface ProviderConfig {
  /** Provider name used in errors and logs. */
  provider: string;
  /** Default base URL. */
  baseUrl: string;
  /** Environment variables for the base URL, first set wins (`OPENAI_BASE_URL`). */
  baseUrlEnv?: readonly string[];
  /** Environment variables for the key, first set wins (`OPENAI_API_KEY`, `OPENAIKEY`). */
  apiKeyEnv?: readonly string[];
  /** How the key is sent. */
  auth: AuthScheme;
  /** False when a key is optional (local gateways). Default true. */
  keyRequired?: boolean;
  /** The provider's classifier; defaults to `defaultClassifier`. */
  classify?: ErrorClassifier;
  /** Header names that carry a request id, first present wins. Default `x-request-id`, `request-id`. */
  requestIdHeaders?: readonly string[];
  /** Header that carries an idempotency key, where the provider accepts one. */
  idempotencyHeader?: string;
  /** Body field that carries an idempotency key, where the provider reads one there (the caller fills it). */
  idempotencyField?: string;
  /**
   * How a person finds a job whose starting request got no answer (`list your videos with listVideos()`): ends
   * the error's "before retrying, …" sentence. Default: look for it in the provider's account.
   */
  lostAnswerHint?: string;
  /** Headers every request of this provider sends (API versions). */
  headers?: Record<string, string>;
  /** Turns a terminal API error into a more specific one (e.g. "API retired"). */
  mapError?: (error: import('../common/errors.js').ApiError, answer: ProviderAnswer) => Error;
}
