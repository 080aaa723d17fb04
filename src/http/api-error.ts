/**
 * Turns a classifier's verdict into the matching class of the error family — the one place that maps an
 * {@link ErrorKind} to an error class (the HTTP layer, downloads and providers' stream envelopes use it).
 * @module
 */
import {
  ApiError,
  type ApiErrorDetails,
  ApiRetiredError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ContentFilterError,
  type HelloDaveErrorOptions,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../common/errors.js';
import { parseRetryAfter } from './retry.js';
import type { ClassifiedError, ErrorKind } from './types.js';

const ERROR_CLASSES: Record<
  ErrorKind,
  new (
    message: string,
    details: ApiErrorDetails,
    options?: HelloDaveErrorOptions,
  ) => ApiError
> = {
  'bad-request': BadRequestError,
  authentication: AuthenticationError,
  permission: PermissionDeniedError,
  'not-found': NotFoundError,
  conflict: ConflictError,
  'rate-limit': RateLimitError,
  quota: QuotaExceededError,
  'content-filter': ContentFilterError,
  server: ServerError,
  retired: ApiRetiredError,
  other: ApiError,
};

/** The answer a verdict was made from. */
export interface VerdictSource {
  /** Provider name. */
  provider: string;
  /** HTTP status. */
  status: number;
  /** Response headers (request id and Retry-After are read from them when the verdict has none). */
  headers?: Headers;
  /** Raw body. */
  body?: unknown;
  /** Header names that carry a request id, first present wins. Default `x-request-id`, `request-id`. */
  requestIdHeaders?: readonly string[];
}

/** Builds the error of the family that matches `verdict` (class by kind; code, request id, retry-after kept). */
export function apiErrorFromVerdict(
  verdict: ClassifiedError,
  source: VerdictSource,
  options: HelloDaveErrorOptions = {},
): ApiError {
  const details: ApiErrorDetails = { provider: source.provider, status: source.status };
  if (source.body !== undefined) details.body = source.body;
  if (verdict.code !== undefined) details.code = verdict.code;
  if (verdict.type !== undefined) details.type = verdict.type;
  if (verdict.param !== undefined) details.param = verdict.param;
  let requestId = verdict.requestId;
  if (requestId === undefined && source.headers) {
    for (const name of source.requestIdHeaders ?? ['x-request-id', 'request-id']) {
      const value = source.headers.get(name);
      if (value) {
        requestId = value;
        break;
      }
    }
  }
  if (requestId !== undefined) details.requestId = requestId;
  const retryAfterMs = verdict.retryAfterMs ?? (source.headers ? parseRetryAfter(source.headers) : undefined);
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  return new ERROR_CLASSES[verdict.kind](verdict.message, details, options);
}
