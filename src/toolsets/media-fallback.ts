/**
 * When the media toolset may try the next provider: only when the request provably never reached the provider,
 * or the provider refused it in a way that starts no job. Everything else (a reset, a timeout, a 5xx after the
 * body was sent, a moderation refusal, a failed job) goes back to the model.
 * @module
 */
import {
  ApiError,
  ApiRetiredError,
  ConnectionError,
  ContentFilterError,
  MissingApiKeyError,
  QuotaExceededError,
  RequestValidationError,
} from '../common/errors.js';

/** Socket errors that mean the request never left: no such host, or nobody listening. */
const NOT_SENT_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ECONNREFUSED',
  'ConnectionRefused',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** Statuses of a refusal that starts no job: auth, billing, permission, a withdrawn API. */
const REFUSAL_STATUSES = new Set([401, 402, 403, 404, 410]);

/**
 * The socket code that proves the request never left, from the cause chain or the message (the HTTP layer names
 * the code in its message: `connect ECONNREFUSED 127.0.0.1:443`).
 */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return code;
    if (typeof message === 'string') {
      const found = message.match(/\b[A-Za-z_]+\b/g)?.find((word) => NOT_SENT_CODES.has(word));
      if (found !== undefined) return found;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Why a failed `start` allows trying the next provider, or undefined when it does not: a missing key, our own
 * validation before sending, name resolution or a refused connection, or an answer that starts no job (401,
 * 402, 403 for auth or billing, 404 / 410 for a withdrawn API, an out-of-credits refusal). Never for moderation
 * (`ContentFilterError`, whatever its status), a reset, a timeout or a 5xx.
 */
export function fallbackReason(error: unknown): string | undefined {
  if (ContentFilterError.isInstance(error)) return undefined;
  if (MissingApiKeyError.isInstance(error)) return 'no API key';
  if (RequestValidationError.isInstance(error)) return `input refused before sending (${error.field})`;
  if (ConnectionError.isInstance(error)) {
    const code = causeCode(error);
    return code === undefined ? undefined : `not reachable (${code})`;
  }
  if (ApiRetiredError.isInstance(error)) return `API withdrawn (HTTP ${error.status})`;
  if (QuotaExceededError.isInstance(error)) return `out of credits (HTTP ${error.status})`;
  if (ApiError.isInstance(error) && REFUSAL_STATUSES.has(error.status)) return `refused (HTTP ${error.status})`;
  return undefined;
}
