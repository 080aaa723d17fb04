/**
 * One call through the HTTP layer, seen from ky's hooks: what was asked, the body of the current answer, and the
 * typed error it came to. ky runs the loop (URL, JSON, timeout, retries, backoff, Retry-After, hooks); an
 * exchange adds what ky cannot know: the provider's classifier, the job-start rule, the idle timeout on bodies,
 * and the mapping of every failure into the error family (in {@link Exchange.toError}, the one place).
 *
 * Bodies never pass through ky. ky clones each request for a retry and hands every `afterResponse` hook a
 * `response.clone()`; an unread clone of a stream keeps every chunk in memory. So the exchange's fetch sends
 * non-JSON bodies itself and hands ky an answer with status and headers only; the body stays here until the
 * caller takes it.
 * @module
 */
import { type HTTPError, isForceRetryError, isHTTPError, isTimeoutError, type NormalizedOptions } from 'ky';
import {
  AbortedError,
  ConnectionError,
  HelloDaveError,
  ResponseValidationError,
  TimeoutError,
} from '../common/errors.js';
import { redactUrl } from '../common/secrets.js';
import { type BodyGuardOptions, guardBody, MAX_TIMER_MS, readBodyText } from './guard-body.js';
import { parseRetryAfter } from './retry.js';
import type { ClassifiedError, HttpRequest, ProviderAnswer, RawReadResult, RetryPolicy } from './types.js';

/** What an exchange needs from its client. */
export interface ExchangeClient {
  /** Provider name (errors, logs). */
  readonly provider: string;
  /** The provider's classifier. */
  classify(answer: ProviderAnswer): ClassifiedError | null;
  /** Builds the typed error for a verdict (the provider's `mapError` applied). */
  buildError(verdict: ClassifiedError, answer: ProviderAnswer): Error;
  /** Key values in use, for redaction. */
  secrets(): readonly string[];
  /** Debug log (no-op without a logger). */
  log(message: string, data?: Record<string, unknown>): void;
  /** True when a logger is set. */
  readonly logging: boolean;
  /** The fetch to send with. */
  readonly fetch: typeof globalThis.fetch;
  /** Default idle timeout, ms. */
  readonly idleTimeoutMs: number;
  /** Longest wait between retries, ms: a longer Retry-After fails at once. */
  readonly maxRetryDelayMs: number;
  /** Whether the provider reads an idempotency key (in its header, or in a body field the caller fills). */
  readonly takesIdempotencyKey: boolean;
  /** How a person finds a job whose starting request got no answer (the provider's default, see ProviderConfig). */
  readonly lostAnswerHint: string | undefined;
  /** Whether a user's `afterResponse` hooks are installed (they then get the text of answers read whole). */
  readonly userSeesAnswers: boolean;
}

/** Reads a 2xx answer of a `rawRead` call. */
export type Reader = (response: Response) => Promise<RawReadResult<unknown>>;

/** Connection errors that prove the request never reached the server, so no job can have started. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ConnectionRefused'];

/** Statuses ky may retry (`retry.statusCodes`, `retry.afterStatusCodes`); the classifier decides which do. */
export const RETRY_STATUS_CODES: readonly number[] = [408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529];

/** The first error code on an error's cause chain (`ECONNREFUSED`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost message on an error's cause chain (`connect ECONNREFUSED 127.0.0.1:9`). */
function rootMessage(error: unknown): string | undefined {
  let current: unknown = error;
  let message: string | undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return message;
}

/** Parses a text body as JSON when it says or looks like JSON; else the text; undefined when empty. */
export function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (contentType?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Statuses whose answers cannot carry a body. */
const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];

/** One call through the layer (all its attempts). */
export class Exchange {
  /** The current attempt's body (unguarded: {@link Exchange.takeBody} and readText guard it), until taken. */
  private body: ReadableStream<Uint8Array> | null | undefined;
  /** Whether the current answer is a 2xx. */
  private ok = false;
  /** The typed error the last answer came to, and whether the policy lets it be retried. */
  private failure: Error | undefined;
  private retryable = false;
  private retryAfterMs: number | undefined;
  private status = 0;
  /** The last fetch failed before the request could reach the server. */
  private unsent = false;
  private sentAt = 0;
  /** What the answer was read to (parsed body, or a reader's value). */
  data: unknown;
  readonly policy: RetryPolicy;

  constructor(
    private readonly client: ExchangeClient,
    readonly request: HttpRequest,
    readonly mode: 'parsed' | 'raw',
    /** A body sent beside ky (FormData, streams, blobs), so that ky never clones it. */
    private readonly sendBody: BodyInit | undefined,
    /** The request's time limit, ms (for the error). */
    private readonly timeoutMs: number,
    private readonly read?: Reader,
  ) {
    this.policy = request.retry ?? (request.body instanceof ReadableStream ? 'never' : defaultPolicy(request.method));
  }

  /** The exchange a hook is running for. */
  static of(options: NormalizedOptions): Exchange {
    return (options.context as { exchange: Exchange }).exchange;
  }

  /**
   * May a request whose answer says it reached the server be sent again? Only a safe one, or a job start with a
   * key the provider reads. A job start that got no answer at all (a reset, a timeout) is never sent again, key or
   * not: the answer that named its job is lost, and a replayed key may be refused rather than answered again
   * (LALAL.AI's `idempotency_key_used`), so the caller decides, told how to find the job (see lostAnswer).
   */
  private get canRetrySent(): boolean {
    return this.policy === 'safe' || (this.policy === 'job-start' && this.keySent);
  }

  private get keySent(): boolean {
    return this.request.idempotencyKey !== undefined && this.client.takesIdempotencyKey;
  }

  /** ky's `fetch`: sends the request (with the body ky never saw) and hands ky the answer without its body. */
  readonly fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    this.discard();
    this.unsent = false;
    this.sentAt = Date.now();
    let response: Response;
    try {
      const extra: RequestInit & { duplex?: 'half' } = { ...init };
      if (this.sendBody !== undefined) {
        extra.body = this.sendBody;
        extra.duplex = 'half';
      }
      response = await this.client.fetch(input, extra);
    } catch (error) {
      if (this.request.signal?.aborted) throw new AbortedError();
      // ky's own timer aborted the request: ky reports its TimeoutError itself.
      if (input.signal.aborted) throw error;
      const code = errorCode(error);
      this.unsent = code !== undefined && NOT_SENT_CODES.includes(code);
      const why = rootMessage(error);
      const failed = `request to ${redactUrl(input.url)} failed${why ? `: ${why}` : ''}${code && !why?.includes(code) ? ` (${code})` : ''}`;
      throw new ConnectionError(
        this.client.provider,
        this.unsent || this.policy === 'safe' ? failed : `${failed}. ${this.lostAnswer()}`,
        {
          cause: error,
          secrets: this.client.secrets(),
        },
      );
    }
    this.body = response.body;
    this.ok = response.ok;
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /**
   * What a job start that got no answer tells the person: it may have started (and be billed), it was not sent
   * again, and how to find the job.
   */
  private lostAnswer(): string {
    const { provider } = this.client;
    const find = this.request.lostAnswerHint ?? this.client.lostAnswerHint ?? `look for it in your ${provider} account`;
    return (
      `It may have reached ${provider} and started a paid job, so it was not sent again ` +
      `(a second request could be charged twice): before retrying, ${find}.`
    );
  }

  /**
   * How the body is guarded: the idle timeout and the caller's signal. A body read whole (every answer but the
   * 2xx of a raw call) must also arrive within the request's time limit, counted from when the request was sent.
   */
  private guardOptions(): BodyGuardOptions {
    const options: BodyGuardOptions = {
      idleMs: this.request.idleTimeoutMs ?? this.client.idleTimeoutMs,
      provider: this.client.provider,
    };
    if (this.request.signal) options.signal = this.request.signal;
    const wholeBody = this.mode === 'parsed' || !this.ok;
    if (wholeBody && this.timeoutMs > 0 && this.timeoutMs <= MAX_TIMER_MS) {
      options.deadline = { at: this.sentAt + this.timeoutMs, timeoutMs: this.timeoutMs };
    }
    return options;
  }

  /** Takes the current body, guarded (the caller now owns it). */
  takeBody(): ReadableStream<Uint8Array> | null {
    const body = this.body ? guardBody(this.body, this.guardOptions()) : null;
    this.body = undefined;
    return body;
  }

  /** Cancels a body nobody took. */
  discard(): void {
    this.body?.cancel().catch(() => undefined);
    this.body = undefined;
  }

  /**
   * Our first `afterResponse` hook: reads the answer as the call needs it and judges it. A 2xx answer of a raw
   * call keeps its body unread (a `rawRead` reader gets it here); every other answer is read whole, parsed and
   * classified. Returns the answer ky should go on with when it must carry more than the shell does: the text
   * (for a user's hooks) or the Retry-After the classifier found (for ky's retry delay).
   */
  async readAnswer(request: Request, shell: Response): Promise<Response | undefined> {
    if (this.body === undefined) {
      this.body = shell.body ? shell.clone().body : null;
      this.ok = shell.ok;
    }
    this.failure = undefined;
    this.status = shell.status;
    if (shell.ok && this.mode === 'raw') {
      if (this.client.logging) this.logAnswer(request, shell, ' (headers)');
      if (this.read) await this.runReader(request, shell);
      return undefined;
    }
    const text = await this.readText(shell);
    if (this.client.logging) this.logAnswer(request, shell, '');
    const body = this.request.expect === 'text' && shell.ok ? text : parseBody(text, shell.headers.get('content-type'));
    const wait = this.judge(request, shell, body);
    if (!shell.ok && wait !== undefined) {
      const headers = new Headers(shell.headers);
      headers.set('retry-after', String(wait / 1000));
      return answerWith(shell, text, headers);
    }
    return this.client.userSeesAnswers && text ? answerWith(shell, text, shell.headers) : undefined;
  }

  /** Reads the body as text (nothing for `expect: 'none'`), as a typed error when the connection fails. */
  private async readText(shell: Response): Promise<string> {
    const body = this.body;
    this.body = undefined;
    if (!body) return '';
    if (this.request.expect === 'none' && shell.ok) {
      await body.cancel().catch(() => undefined);
      return '';
    }
    return readBodyText(body, this.guardOptions());
  }

  /** Hands a 2xx answer to the `rawRead` reader; a `{ body }` it returns is classified like a parsed body. */
  private async runReader(request: Request, shell: Response): Promise<void> {
    const handed = new Response(this.takeBody(), {
      status: shell.status,
      statusText: shell.statusText,
      headers: shell.headers,
    });
    const outcome = await (this.read as Reader)(handed);
    if ('value' in outcome) {
      this.data = outcome.value;
      return;
    }
    // Whatever the reader left unread is not wanted: free the connection.
    if (!handed.bodyUsed) handed.body?.cancel().catch(() => undefined);
    this.judge(request, shell, outcome.body);
    if (!this.failure) {
      throw new ResponseValidationError(this.client.provider, 'the answer holds no usable content', outcome.body, {
        secrets: this.client.secrets(),
      });
    }
  }

  /** Classifies one answer; keeps the typed error, whether it may be retried and the server's wait. */
  private judge(request: Request, shell: Response, body: unknown): number | undefined {
    const answer: ProviderAnswer = {
      status: shell.status,
      headers: shell.headers,
      body,
      request: { method: request.method, path: new URL(request.url).pathname },
    };
    const verdict = this.client.classify(answer);
    if (!verdict) {
      this.data = body;
      return undefined;
    }
    this.failure = this.client.buildError(verdict, answer);
    const allowed = verdict.jobMayHaveStarted === false || this.canRetrySent;
    this.retryable = verdict.retryable && this.policy !== 'never' && allowed;
    this.retryAfterMs = verdict.retryAfterMs ?? parseRetryAfter(shell.headers);
    return this.retryAfterMs;
  }

  /**
   * Our last `afterResponse` hook (after the user's): an error inside a 2xx answer (MiniMax's `base_resp`) is
   * retried through `ky.retry()` when that is safe, or thrown. Errors of other answers go on to ky as an
   * HTTPError.
   */
  settle<Marker>(shell: Response, retry: (options?: { delay?: number }) => Marker): Marker | undefined {
    if (!shell.ok || !this.failure) return undefined;
    if (!this.retryable || this.waitTooLong()) throw this.failure;
    this.logRetry(this.failure, this.retryAfterMs);
    return retry(this.retryAfterMs === undefined ? undefined : { delay: this.retryAfterMs });
  }

  private waitTooLong(): boolean {
    return this.retryAfterMs !== undefined && this.retryAfterMs > this.client.maxRetryDelayMs;
  }

  /** Our `beforeError` hook: the typed error rides on ky's HTTPError as its `cause`. */
  attachCause(error: HTTPError): HTTPError {
    if (this.failure)
      Object.defineProperty(error, 'cause', { value: this.failure, configurable: true, writable: true });
    return error;
  }

  /**
   * ky's `shouldRetry`: false ends the call; true retries after ky's backoff; undefined lets ky read the answer's
   * Retry-After (the wait the classifier found, see {@link Exchange.readAnswer}) for a status it knows.
   */
  readonly shouldRetry = ({ error }: { error: Error }): boolean | undefined => {
    const failure = this.toError(error);
    let verdict: boolean | undefined = false;
    if (isHTTPError(error)) {
      if (this.retryable && !this.waitTooLong()) verdict = RETRY_STATUS_CODES.includes(this.status) ? undefined : true;
    } else if (ConnectionError.isInstance(failure)) {
      // No answer: only a request that provably never left, or a safe one, is sent again (see canRetrySent).
      verdict = this.policy !== 'never' && (this.unsent || this.policy === 'safe');
    } else if (TimeoutError.isInstance(failure)) {
      verdict = this.policy === 'safe';
    }
    if (verdict !== false) this.logRetry(failure, isHTTPError(error) ? this.retryAfterMs : undefined);
    return verdict;
  };

  private logRetry(failure: unknown, waitMs: number | undefined): void {
    if (!this.client.logging) return;
    const wait = waitMs === undefined ? '' : ` in ${waitMs} ms`;
    const why = failure instanceof Error ? failure.message : String(failure);
    this.client.log(`retrying ${this.request.method} ${this.request.path}${wait} after: ${why}`);
  }

  private logAnswer(request: Request, shell: Response, suffix: string): void {
    const path = new URL(request.url).pathname;
    this.client.log(`← ${shell.status} ${request.method} ${path} in ${Date.now() - this.sentAt} ms${suffix}`);
  }

  /** The one place a failure becomes an error of the family: ky's HTTPError, TimeoutError, a forced retry's end. */
  toError(error: unknown): unknown {
    if (this.request.signal?.aborted) return new AbortedError();
    // Ours first: ky's type guards go by `name`, and ours has a TimeoutError too.
    if (HelloDaveError.isInstance(error)) return error;
    if (isHTTPError(error) || isForceRetryError(error)) return this.failure ?? error;
    if (isTimeoutError(error)) {
      return new TimeoutError(this.client.provider, 'request', this.timeoutMs, {
        cause: error,
        secrets: this.client.secrets(),
        ...(this.policy === 'safe' ? {} : { next: this.lostAnswer() }),
      });
    }
    return error;
  }
}

function defaultPolicy(method: HttpRequest['method']): RetryPolicy {
  return method === 'POST' || method === 'PATCH' ? 'job-start' : 'safe';
}

/** An answer like `shell` with `text` as its body (none for statuses that cannot carry one). */
function answerWith(shell: Response, text: string, headers: Headers): Response {
  const body = text && !NULL_BODY_STATUSES.includes(shell.status) ? text : null;
  return new Response(body, { status: shell.status, statusText: shell.statusText, headers });
}
