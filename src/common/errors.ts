/**
 * The error family. Every error this library throws is a {@link HelloDaveError}; each class has a
 * cross-realm `isInstance` check (it works across two copies of the library), so prefer
 * `RateLimitError.isInstance(e)` over `instanceof`.
 *
 * Secrets never reach an error: messages, causes, provider fields and raw bodies (at any depth) pass through the
 * secrets module (`common/secrets.ts`: registered key values and key shapes), and `toJSON()` lists only safe
 * fields.
 * @module
 */

import { redactSecrets, redactValue } from './secrets.js';

const KIND = Symbol.for('hello-dave.error.kind');

/** Options shared by every error constructor. */
export interface HelloDaveErrorOptions {
  /** The underlying error; redacted like the message. */
  cause?: unknown;
  /** Literal secrets to scrub from the message and the cause (API keys in use). */
  secrets?: readonly string[];
}

function safeCause(cause: unknown, secrets: readonly string[]): unknown {
  if (cause === undefined) return undefined;
  // Our own errors are redacted when made; anything else is copied with every string redacted, at any depth.
  if (HelloDaveError.isInstance(cause)) return cause;
  return redactValue(cause, { secrets });
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
  /** The message as given, without the provider, status, code and request id that `message` adds around it. */
  readonly providerMessage: string;

  constructor(message: string, details: ApiErrorDetails, options: HelloDaveErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    const parts = [`${details.provider} ${details.status}`];
    if (details.code) parts.push(details.code);
    const where = details.requestId ? ` (request id ${details.requestId})` : '';
    super(`${parts.join(' ')}: ${message}${where}`, options);
    this.provider = details.provider;
    this.status = details.status;
    this.providerMessage = redactSecrets(message, secrets);
    // The provider's own fields may echo what was sent (a key in `param`): redacted like the message.
    if (details.code !== undefined) this.code = redactSecrets(details.code, secrets);
    if (details.type !== undefined) this.type = redactSecrets(details.type, secrets);
    if (details.param !== undefined) this.param = redactSecrets(details.param, secrets);
    if (details.requestId !== undefined) this.requestId = redactSecrets(details.requestId, secrets);
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.body !== undefined) this.body = redactValue(details.body, { secrets });
  }
}

/** Every field of an API error, to make another error of the family from it (already redacted). */
export function apiErrorDetails(error: ApiError): ApiErrorDetails {
  const details: ApiErrorDetails = { provider: error.provider, status: error.status };
  if (error.code !== undefined) details.code = error.code;
  if (error.type !== undefined) details.type = error.type;
  if (error.param !== undefined) details.param = error.param;
  if (error.requestId !== undefined) details.requestId = error.requestId;
  if (error.retryAfterMs !== undefined) details.retryAfterMs = error.retryAfterMs;
  if (error.body !== undefined) details.body = error.body;
  return details;
}

/**
 * The same answer as another error of the family (`ApiRetiredError`, `ContentFilterError`…): every field kept,
 * the message replaced or kept (`error.providerMessage`), the original as `cause`.
 */
export function rewrapApiError<E extends ApiError>(
  error: ApiError,
  As: new (message: string, details: ApiErrorDetails, options?: HelloDaveErrorOptions) => E,
  message: string = error.providerMessage,
): E {
  return new As(message, apiErrorDetails(error), { cause: error });
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

/** What to do about a file-system error code: one or two sentences ending a {@link FileSystemError}'s message. */
const FILE_SYSTEM_ADVICE: Readonly<Record<string, string>> = {
  EEXIST: 'Something already exists at that path; remove it or choose another path.',
  EACCES: 'Permission denied; check the permissions of the file and its folder, or choose another path.',
  EPERM: 'Operation not permitted; check the permissions of the file and its folder, or choose another path.',
  EROFS: 'The file system is read-only; choose a path on a writable disk.',
  ENOSPC: 'The disk is full; free some space or choose a path on another disk.',
  EDQUOT: 'The disk quota is used up; free some space or choose a path on another disk.',
  ENOENT: 'A folder on the path does not exist (or was removed meanwhile); check the path.',
  ENOTDIR: 'A part of the path is a file, not a folder; choose another path.',
  EISDIR: 'The path is a folder; give a file name.',
  EMFILE: 'Too many open files in this process; close some, or raise the limit (ulimit -n).',
  ENFILE: 'Too many open files on this system; close some and retry.',
  ENAMETOOLONG: 'The path is too long; choose a shorter one.',
  EBUSY: 'The file is in use by another program; retry later or choose another path.',
};

/**
 * A file-system operation failed (a download's target, a session file). Names the path, the operation and the
 * system error code (`EEXIST`, `EACCES`, `ENOSPC`, …); the message says what to do.
 */
export class FileSystemError extends HelloDaveError {
  static override readonly [KIND]: string = 'FileSystemError';
  /** The path concerned (absolute where known). */
  readonly path: string;
  /** What was being done, as a verb: `create folder`, `write`, `save`, `read`, `lock`, … */
  readonly operation: string;
  /** The system error code (`EEXIST`, `EACCES`, `ENOSPC`, …), when there is one. */
  readonly code?: string;
  constructor(
    details: {
      path: string;
      operation: string;
      code?: string;
      /** What to do, in sentences; default: a known advice for `code`. */
      advice?: string;
    },
    options: HelloDaveErrorOptions = {},
  ) {
    const advice = details.advice ?? (details.code ? FILE_SYSTEM_ADVICE[details.code] : undefined);
    const code = details.code ? ` (${details.code})` : '';
    super(`Could not ${details.operation} ${details.path}${code}.${advice ? ` ${advice}` : ''}`, options);
    this.path = redactSecrets(details.path, options.secrets ?? []);
    this.operation = details.operation;
    if (details.code !== undefined) this.code = details.code;
  }

  /**
   * Wraps what a `node:fs` call threw: a system error (one with a string `code`) becomes a FileSystemError for
   * `path` and `operation` (the original as its cause); anything else (our own errors included) is returned as is.
   */
  static from(error: unknown, path: string, operation: string): unknown {
    if (HelloDaveError.isInstance(error)) return error;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return error;
    return new FileSystemError({ path, operation, code }, { cause: error });
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
    this.body = redactValue(body, { secrets: options.secrets ?? [] });
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

/**
 * A toolset refused what a tool call asked for (a path outside its root, a private address, a command not on the
 * allowlist, a file over the size cap). The model reads the message as the tool's result; the run goes on.
 */
export class ToolRefusedError extends HelloDaveError {
  static override readonly [KIND]: string = 'ToolRefusedError';
  /** Why, as a short stable word (`outside-root`, `symlink`, `device`, `too-large`, `private-address`, …). */
  readonly reason: string;
  constructor(reason: string, message: string, options: HelloDaveErrorOptions = {}) {
    super(message, options);
    this.reason = reason;
  }
}
