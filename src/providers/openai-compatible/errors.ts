/**
 * Error handling for OpenAI-compatible gateways: the default classifier plus the OpenAI-style envelope
 * (`{ error: { message, type, code, param } }`) that most of them send, also when it arrives inside HTTP 200.
 * @module
 */
import { defaultClassifier, kindForStatus, RETRYABLE_STATUSES } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/**
 * The OpenAI-style error body most gateways send (`code` may be a number on some, e.g. OpenRouter).
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export interface ChatCompletionsErrorBody {
  /** The error (a plain string on some servers). */
  error?:
    | string
    | {
        /** What went wrong. */
        message?: string;
        /** Error type (`invalid_request_error`). */
        type?: string;
        /** Error code (`invalid_api_key`, or an HTTP-like number). */
        code?: string | number | null;
        /** The parameter blamed. */
        param?: string | null;
      };
}

function envelopeOf(body: unknown): ChatCompletionsErrorBody['error'] | undefined {
  if (!body || typeof body !== 'object') return undefined;
  return (body as ChatCompletionsErrorBody).error;
}

/**
 * The classifier of OpenAI-compatible servers: {@link defaultClassifier} (408, 409, 429, 5xx retried), the
 * envelope's code, type and param, and an error envelope inside HTTP 200 (no `choices`) turned into an error whose
 * kind follows a numeric `code` when there is one.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function classifyChatCompletionsAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const envelope = envelopeOf(answer.body);
  let verdict = defaultClassifier(answer);
  if (!verdict) {
    const body = answer.body as { choices?: unknown } | undefined;
    if (envelope === undefined || envelope === null || (body && body.choices !== undefined)) return null;
    const code = typeof envelope === 'object' ? envelope.code : undefined;
    const status = typeof code === 'number' && code >= 400 && code <= 599 ? code : 500;
    verdict = {
      kind: kindForStatus(status),
      message: typeof envelope === 'string' ? envelope : (envelope.message ?? 'error inside HTTP 200'),
      retryable: RETRYABLE_STATUSES.includes(status),
      jobMayHaveStarted: status !== 429,
    };
  }
  if (envelope && typeof envelope === 'object') {
    if (envelope.code !== undefined && envelope.code !== null) verdict.code = String(envelope.code);
    if (typeof envelope.type === 'string') verdict.type = envelope.type;
    if (typeof envelope.param === 'string') verdict.param = envelope.param;
  }
  return verdict;
}
