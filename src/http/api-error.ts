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

/** What a person can do about each kind of failure (appended to the provider's message). */
export function defaultHint(kind: ErrorKind, retryAfterMs?: number): string {
  switch (kind) {
    case 'authentication':
      return "check the API key (option apiKey or the provider's environment variable) and that it belongs to this provider and region";
    case 'permission':
      return 'the key is valid but may not use this model or resource; check the account, project or plan';
    case 'not-found':
      return 'check the id or the model name; the resource may have expired or been deleted';
    case 'rate-limit':
      return retryAfterMs !== undefined
        ? `too many requests; retry after ${Math.ceil(retryAfterMs / 1000)} s`
        : 'too many requests; slow down and retry later';
    case 'quota':
      return 'the quota or balance is used up; add credit or raise the limit (retrying will not help)';
    case 'server':
      return 'the provider failed; retry later';
    case 'bad-request':
      return 'fix the request as the message says';
    case 'content-filter':
      return 'the provider refused the content; change the prompt or the input';
    case 'conflict':
      return 'the resource changed meanwhile; fetch it again and retry';
    default:
      return '';
  }
}

/**
 * The verdict for a 404 from a base URL that is not the provider's default: a not-found whose hint names the
 * base URL and asks whether it includes the default's version path (`/v1`). Never "API retired": a wrong base
 * URL looks exactly like a route that is gone.
 */
export function customBaseUrlVerdict(
  verdict: ClassifiedError,
  baseUrl: string,
  defaultBaseUrl: string,
): ClassifiedError {
  const version = new URL(defaultBaseUrl).pathname.replace(/\/+$/, '');
  const question = version
    ? `does it include the version path ${version}, as the default ${defaultBaseUrl} does?`
    : `is it the API's root, as the default ${defaultBaseUrl} is?`;
  return {
    ...verdict,
    kind: 'not-found',
    hint: `${defaultHint('not-found')}; or the base URL ${baseUrl} is wrong: ${question}`,
  };
}

/** Header the fixture kit (`hello-dave/testing`) sets on its answer to a request that no fixture matched. */
export const FIXTURE_MISMATCH_HEADER = 'x-fixture-mismatch';

/**
 * The verdict for the fixture kit's answer to an unmatched request: not retryable, the kit's diff as the message
 * and a hint about the fixture — never the "retry later" of the 5xx status it is sent with.
 */
export function fixtureMismatchVerdict(verdict: ClassifiedError, body: unknown): ClassifiedError {
  return {
    ...verdict,
    kind: 'other',
    retryable: false,
    jobMayHaveStarted: false,
    message: typeof body === 'string' && body ? body : verdict.message,
    hint: 'the request differs from every recorded fixture (hello-dave/testing): fix the request or the fixture, or record it again',
  };
}

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
  const hint = verdict.hint ?? defaultHint(verdict.kind, retryAfterMs);
  const message = hint ? `${verdict.message.replace(/[\s.]+$/, '')} — ${hint}` : verdict.message;
  return new ERROR_CLASSES[verdict.kind](message, details, options);
}
