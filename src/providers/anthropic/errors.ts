/**
 * Anthropic's error envelope (`{ type: 'error', error: { type, message }, request_id }`), its retry classifier,
 * and the typed errors for `error` events inside a 200 stream.
 * @module
 */
import {
  type ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../common/errors.js';
import { defaultClassifier, kindForStatus } from '../../http/retry.js';
import type { ClassifiedError, ErrorKind, ProviderAnswer } from '../../http/types.js';

/**
 * Anthropic's error body.
 * @see https://docs.anthropic.com/en/api/errors
 */
export interface AnthropicErrorBody {
  /** Always `error`. */
  type?: string;
  /** The error. */
  error?: {
    /** `invalid_request_error`, `overloaded_error`… */
    type?: string;
    /** What went wrong. */
    message?: string;
  };
  /** Request id, echoed in the body. */
  request_id?: string;
}

/** Error kind for each documented `error.type`. */
const KIND_BY_TYPE: Record<string, ErrorKind> = {
  invalid_request_error: 'bad-request',
  request_too_large: 'bad-request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not-found',
  billing_error: 'quota',
  rate_limit_error: 'rate-limit',
  api_error: 'server',
  timeout_error: 'server',
  overloaded_error: 'server',
};

function readEnvelope(body: unknown): { type?: string; message?: string; requestId?: string } {
  if (!body || typeof body !== 'object') return {};
  const envelope = body as AnthropicErrorBody;
  const out: { type?: string; message?: string; requestId?: string } = {};
  if (envelope.error && typeof envelope.error === 'object') {
    if (typeof envelope.error.type === 'string') out.type = envelope.error.type;
    if (typeof envelope.error.message === 'string') out.message = envelope.error.message;
  }
  if (typeof envelope.request_id === 'string') out.requestId = envelope.request_id;
  return out;
}

/**
 * Anthropic's classifier: the default rules, plus every status ≥ 500 retried (529 `overloaded_error` included, as
 * the official SDK does) unless `x-should-retry: false`, 402 `billing_error` as a quota error, and the envelope's
 * `error.type` as code and type.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function classifyAnthropicAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const envelope = readEnvelope(answer.body);
  if (envelope.type) {
    verdict.type = envelope.type;
    verdict.code = envelope.type;
  }
  if (envelope.message) verdict.message = envelope.message;
  if (envelope.requestId && !verdict.requestId) verdict.requestId = envelope.requestId;
  if (answer.status >= 500 || envelope.type === 'overloaded_error') {
    verdict.kind = 'server';
    verdict.retryable = answer.headers.get('x-should-retry') !== 'false';
  }
  if (answer.status === 402 || envelope.type === 'billing_error') {
    verdict.kind = 'quota';
    verdict.retryable = false;
  }
  return verdict;
}

/** The HTTP status Anthropic documents for each error type (used to type errors that arrive inside a stream). */
const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Turns an `error` event of a 200 stream (`{ type: 'error', error: { type, message } }`) into a typed error:
 * `overloaded_error` and `api_error` become {@link ServerError}, `rate_limit_error` a {@link RateLimitError}, and so
 * on. `status` stays 200 (the HTTP status the stream had).
 * @see https://docs.anthropic.com/en/api/messages-streaming#error-events
 */
export function anthropicStreamError(data: unknown, requestId?: string): ApiError {
  const envelope = readEnvelope(data);
  const type = envelope.type ?? 'api_error';
  const details: ApiErrorDetails = { provider: 'anthropic', status: 200, code: type, type, body: data };
  const id = requestId ?? envelope.requestId;
  if (id) details.requestId = id;
  const message = `${envelope.message ?? 'error event in the stream'} (in the stream after HTTP 200)`;
  const kind = KIND_BY_TYPE[type] ?? kindForStatus(STATUS_BY_TYPE[type] ?? 500);
  switch (kind) {
    case 'bad-request':
      return new BadRequestError(message, details);
    case 'authentication':
      return new AuthenticationError(message, details);
    case 'permission':
      return new PermissionDeniedError(message, details);
    case 'not-found':
      return new NotFoundError(message, details);
    case 'conflict':
      return new ConflictError(message, details);
    case 'rate-limit':
      return new RateLimitError(message, details);
    case 'quota':
      return new QuotaExceededError(message, details);
    default:
      return new ServerError(message, details);
  }
}
