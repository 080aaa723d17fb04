/**
 * The error family. Every error this library throws is a {@link HelloDaveError}; each class has a
 * cross-realm `isInstance` check (it works across two copies of the library), so prefer
 * `RateLimitError.isInstance(e)` over `instanceof`.
 *
 * Secrets never reach an error: messages and raw bodies pass through {@link redactSecrets}, and
 * `toJSON()` lists only safe fields.
 * @module
 */

const KIND = Symbol.for('hello-dave.error.kind');

/** Replaces what looks like an API key or a bearer token with `<redacted>`; also every literal in `secrets`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 <redacted>')
    .replace(/\b(sk|xai|pk|rk)-[A-Za-z0-9_-]{8,}/g, '<redacted>')
    .replace(/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, '<redacted>');
}

function redactDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, secrets, depth + 1);
  return out;
}

/** Options shared by every error constructor. */
export interface HelloDaveErrorOptions {
  /** The underlying error; redacted like the message. */
  cause?: unknown;
  /** Literal secrets to scrub from the message and the cause (API keys in use). */
  secrets?: readonly string[];
}

function safeCause(cause: unknown, secrets: readonly string[]): unknown {
  if (cause === undefined) return undefined;
  if (cause instanceof Error) {
    if (HelloDaveError.isInstance(cause)) return cause;
    const copy = new Error(redactSecrets(cause.message, secrets));
    copy.name = cause.name;
    if (cause.stack) copy.stack = redactSecrets(cause.stack, secrets);
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') (copy as Error & { code?: string }).code = code;
    return copy;
  }
  return redactDeep(cause, secrets);
}

/** Base class of every error thrown by hello-dave. */
export class HelloDaveError extends Error {
  /** Stable kind tag used by the cross-realm `isInstance` checks. */
  static readonly [KIND]: string = 'HelloDaveError';

  constructor(message: string, options: HelloDaveErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    const cause = safeCause(options.cause, secrets);
    super(redactSecrets(message, secrets), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
  }

  /** True when `value` is this class (or a subclass), even from another copy of the library. */
  static isInstance<T extends abstract new (...args: never[]) => unknown>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    const wanted = (this as unknown as Record<symbol, unknown>)[KIND];
    let proto: unknown = Object.getPrototypeOf(value);
    while (proto && typeof proto === 'object') {
      const ctor = (proto as { constructor?: Record<symbol, unknown> }).constructor;
      if (ctor && Object.hasOwn(ctor, KIND) && ctor[KIND] === wanted) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  /** Safe, serialisable view (no secrets, no request headers). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') out[key] = value;
    }
    return out;
  }
}

/** Fields that describe a provider's error answer. */
export interface ApiErrorDetails {
  /** Provider name, e.g. `openai`. */
  provider: string;
  /** HTTP status (MiniMax-style errors inside HTTP 200 keep 200 here). */
  status: number;
  /** The provider's own error code, as sent (`insufficient_quota`, `1002`, …). */
  code?: string;
  /** The provider's error type, where it has one (`invalid_request_error`). */
  type?: string;
  /** The parameter the provider blamed, where it names one. */
  param?: string;
  /** The request id (header such as `x-request-id`, or a trace id in the body). */
  requestId?: string;
  /** How long the provider asked us to wait, in milliseconds. */
  retryAfterMs?: number;
  /** The raw response body (parsed JSON or text), secrets redacted. */
  body?: unknown;
}

/** A provider answered with an error. Subclasses narrow the reason. */
export class ApiError extends HelloDaveError {
  static override readonly [KIND]: string = 'ApiError';
  /** Provider name. */
  readonly provider: string;
  /** HTTP status. */
  readonly status: number;
  /** Provider error code. */
  readonly code?: string;
  /** Provider error type. */
  readonly type?: string;
  /** Parameter the provider blamed. */
  readonly param?: string;
  /** Request id for support tickets. */
  readonly requestId?: string;
  /** Suggested wait before retrying, ms. */
  readonly retryAfterMs?: number;
  /** Raw response body, redacted. */
  readonly body?: unknown;

  constructor(message: string, details: ApiErrorDetails, options: HelloDaveErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    const parts = [`${details.provider} ${details.status}`];
    if (details.code) parts.push(details.code);
    const where = details.requestId ? ` (request id ${details.requestId})` : '';
    super(`${parts.join(' ')}: ${message}${where}`, options);
    this.provider = details.provider;
    this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    if (details.type !== undefined) this.type = details.type;
    if (details.param !== undefined) this.param = details.param;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.body !== undefined) this.body = redactDeep(details.body, secrets);
  }
}

/** 400 / 422: the provider rejected the request's content. */
export class BadRequestError extends ApiError {
  static override readonly [KIND]: string = 'BadRequestError';
}
/** 401: the API key is missing, wrong, or for another region. */
export class AuthenticationError extends ApiError {
  static override readonly [KIND]: string = 'AuthenticationError';
}
/** 403: the key is valid but may not use this resource or model. */
export class PermissionDeniedError extends ApiError {
  static override readonly [KIND]: string = 'PermissionDeniedError';
}
/** 404: the resource (a job id, a file) does not exist. */
export class NotFoundError extends ApiError {
  static override readonly [KIND]: string = 'NotFoundError';
}
/** 409: conflict with the resource's current state. */
export class ConflictError extends ApiError {
  static override readonly [KIND]: string = 'ConflictError';
}
/** 429 (or a provider's rate-limit code): too many requests; retry after `retryAfterMs`. */
export class RateLimitError extends ApiError {
  static override readonly [KIND]: string = 'RateLimitError';
}
/** Quota or balance exhausted: retrying does not help; add credit or raise the limit. */
export class QuotaExceededError extends ApiError {
  static override readonly [KIND]: string = 'QuotaExceededError';
}
/** The provider refused the content (moderation, sensitive content). */
export class ContentFilterError extends ApiError {
  static override readonly [KIND]: string = 'ContentFilterError';
}
/** 5xx (or 529 overloaded): the provider failed; usually transient. */
export class ServerError extends ApiError {
  static override readonly [KIND]: string = 'ServerError';
}
/** The provider has withdrawn this whole API (it answers 404/410 for it). */
export class ApiRetiredError extends ApiError {
  static override readonly [KIND]: string = 'ApiRetiredError';
}

/** No connection could be made or it broke before an answer (DNS, refused, reset). */
export class ConnectionError extends HelloDaveError {
  static override readonly [KIND]: string = 'ConnectionError';
  /** Provider name. */
  readonly provider: string;
  constructor(provider: string, message: string, options: HelloDaveErrorOptions = {}) {
    super(`${provider}: ${message}`, options);
    this.provider = provider;
  }
}

/** The request (`phase: 'request'`) or a body / stream (`phase: 'idle'`) took longer than allowed. */
export class TimeoutError extends HelloDaveError {
  static override readonly [KIND]: string = 'TimeoutError';
  /** Provider name. */
  readonly provider: string;
  /** Which limit ran out. */
  readonly phase: 'request' | 'idle';
  /** The limit, ms. */
  readonly timeoutMs: number;
  constructor(provider: string, phase: 'request' | 'idle', timeoutMs: number, options: HelloDaveErrorOptions = {}) {
    const what = phase === 'idle' ? `no data arrived for ${timeoutMs} ms` : `no answer within ${timeoutMs} ms`;
    super(`${provider}: timed out (${what}). Raise the timeout option or retry later.`, options);
    this.provider = provider;
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted through its AbortSignal. */
export class AbortedError extends HelloDaveError {
  static override readonly [KIND]: string = 'AbortedError';
  constructor(message = 'The operation was aborted.', options: HelloDaveErrorOptions = {}) {
    super(message, options);
  }
}

/** Input rejected before any request: names the field path and, where known, the allowed values. */
export class RequestValidationError extends HelloDaveError {
  static override readonly [KIND]: string = 'RequestValidationError';
  /** Dotted path of the first bad field (`seconds`, `input_reference.image_url`). */
  readonly field: string;
  /** Allowed values of that field, where it is an enum. */
  readonly allowed?: readonly string[];
  /** Every problem found. */
  readonly issues: readonly { path: string; message: string; allowed?: readonly string[] }[];
  constructor(
    issues: readonly { path: string; message: string; allowed?: readonly string[] }[],
    context?: string,
    options: HelloDaveErrorOptions = {},
  ) {
    const lines = issues.map((issue) => {
      const allowed = issue.allowed?.length
        ? ` (allowed: ${issue.allowed.map((v) => JSON.stringify(v)).join(', ')})`
        : '';
      return `${issue.path || '(input)'}: ${issue.message}${allowed}`;
    });
    super(`Invalid ${context ?? 'request'}: ${lines.join('; ')}`, options);
    const first = issues[0];
    this.field = first?.path ?? '';
    if (first?.allowed) this.allowed = first.allowed;
    this.issues = issues.map((issue) => ({ ...issue, message: redactSecrets(issue.message, options.secrets ?? []) }));
  }
}

/** A provider's answer did not have the shape we rely on; `body` keeps what it sent. */
export class ResponseValidationError extends HelloDaveError {
  static override readonly [KIND]: string = 'ResponseValidationError';
  /** Provider name. */
  readonly provider: string;
  /** The raw body, redacted. */
  readonly body: unknown;
  constructor(provider: string, message: string, body: unknown, options: HelloDaveErrorOptions = {}) {
    super(`${provider}: unexpected response: ${message}`, options);
    this.provider = provider;
    this.body = redactDeep(body, options.secrets ?? []);
  }
}

/** A long job ended in failure on the provider's side. */
export class JobFailedError extends HelloDaveError {
  static override readonly [KIND]: string = 'JobFailedError';
  /** Provider name. */
  readonly provider: string;
  /** The job id. */
  readonly jobId: string;
  /** Terminal state: failed, cancelled or expired. */
  readonly state: 'failed' | 'cancelled' | 'expired';
  /** Provider's error code. */
  readonly code?: string;
  /** Provider's reason text. */
  readonly reason?: string;
  constructor(
    details: {
      provider: string;
      jobId: string;
      state?: 'failed' | 'cancelled' | 'expired';
      code?: string;
      reason?: string;
    },
    options: HelloDaveErrorOptions = {},
  ) {
    const state = details.state ?? 'failed';
    const why = [details.code, details.reason].filter(Boolean).join(': ');
    super(`${details.provider} job ${details.jobId} ${state}${why ? `: ${why}` : ''}`, options);
    this.provider = details.provider;
    this.jobId = details.jobId;
    this.state = state;
    if (details.code !== undefined) this.code = details.code;
    if (details.reason !== undefined) this.reason = redactSecrets(details.reason, options.secrets ?? []);
  }
}

/** Waiting for a job passed its deadline. The job goes on: resume waiting with its id. */
export class JobTimeoutError extends HelloDaveError {
  static override readonly [KIND]: string = 'JobTimeoutError';
  /** Provider name. */
  readonly provider: string;
  /** The job id, to resume with. */
  readonly jobId: string;
  /** How long we waited, ms. */
  readonly waitedMs: number;
  /** The last state seen (raw provider status). */
  readonly lastStatus?: string;
  constructor(
    details: { provider: string; jobId: string; waitedMs: number; lastStatus?: string },
    options: HelloDaveErrorOptions = {},
  ) {
    super(
      `${details.provider} job ${details.jobId} not finished after ${Math.round(details.waitedMs / 1000)} s` +
        `${details.lastStatus ? ` (last status ${details.lastStatus})` : ''}; it may still complete: wait again with its id.`,
      options,
    );
    this.provider = details.provider;
    this.jobId = details.jobId;
    this.waitedMs = details.waitedMs;
    if (details.lastStatus !== undefined) this.lastStatus = details.lastStatus;
  }
}

/** A required API key was not configured. Names the environment variables to set. */
export class MissingApiKeyError extends HelloDaveError {
  static override readonly [KIND]: string = 'MissingApiKeyError';
  /** Provider name. */
  readonly provider: string;
  /** Environment variables that are read, in order. */
  readonly envVars: readonly string[];
  constructor(provider: string, envVars: readonly string[]) {
    super(
      `${provider}: no API key. Pass { apiKey } or set ${envVars.length ? envVars.join(' or ') : 'the apiKey option'}.`,
    );
    this.provider = provider;
    this.envVars = envVars;
  }
}

/** What a run had done when it stopped early: the fields of a run result that are always present. */
export interface PartialRunResult {
  /** The run's id. */
  runId: string;
  /** The text of the last assistant message. */
  text: string;
  /** The whole history at the moment the run stopped. */
  messages: readonly object[];
  /** Every completed step (one model call and the tool calls it asked for). */
  steps: readonly object[];
  /** Token usage so far. */
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

/**
 * A run used all its turns and the model still asked for tools. `partial` holds what the run had done (its
 * messages, steps, usage); pass `forceFinalAnswer: true` to make one last call without tools instead.
 */
export class MaxTurnsExceededError<TPartial extends PartialRunResult = PartialRunResult> extends HelloDaveError {
  static override readonly [KIND]: string = 'MaxTurnsExceededError';
  /** The turn limit that was reached. */
  readonly maxTurns: number;
  /** What the run had done when it stopped. */
  readonly partial: TPartial;
  constructor(maxTurns: number, partial: TPartial, options: HelloDaveErrorOptions = {}) {
    super(
      `Run ${partial.runId} reached its limit of ${maxTurns} turns while the model still called tools. ` +
        'Raise maxTurns, or pass forceFinalAnswer: true for one last answer without tools.',
      options,
    );
    this.maxTurns = maxTurns;
    this.partial = partial;
  }

  /** Safe, serialisable view; the partial result is summarised, not copied. */
  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      maxTurns: this.maxTurns,
      runId: this.partial.runId,
      steps: this.partial.steps.length,
    };
  }
}

/** A tool or tool set was defined wrongly (bad name, duplicate names, missing schema). */
export class ToolDefinitionError extends HelloDaveError {
  static override readonly [KIND]: string = 'ToolDefinitionError';
  /** The tool's name, as given. */
  readonly toolName: string;
  constructor(toolName: string, message: string, options: HelloDaveErrorOptions = {}) {
    super(`Tool ${JSON.stringify(toolName)}: ${message}`, options);
    this.toolName = toolName;
  }
}

/** The model's final answer did not parse as the agent's structured `output` schema. `text` keeps the answer. */
export class StructuredOutputError extends HelloDaveError {
  static override readonly [KIND]: string = 'StructuredOutputError';
  /** The answer text the model gave (secrets redacted). */
  readonly text: string;
  /** What was wrong, one line per problem. */
  readonly issues: readonly string[];
  constructor(text: string, issues: readonly string[], options: HelloDaveErrorOptions = {}) {
    super(`The model's final answer does not match the output schema: ${issues.join('; ')}`, options);
    this.text = redactSecrets(text, options.secrets ?? []);
    this.issues = issues.map((issue) => redactSecrets(issue, options.secrets ?? []));
  }
}
