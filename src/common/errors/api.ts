/**
 * Errors of a provider's answer: {@link ApiError} and its subclasses, one per reason (status or provider code),
 * with the helpers that carry an answer's fields from one class of the family to another.
 * @module
 */

import { redactSecrets, redactValue } from '../secrets.js';
import { HelloDaveError, type HelloDaveErrorOptions, KIND } from './base.js';

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
