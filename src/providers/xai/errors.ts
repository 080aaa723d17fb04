/**
 * xAI's error envelopes and its retry classifier. xAI answers errors in two shapes — `{ code, error }` with
 * strings (`code` a gRPC-style phrase), or OpenAI's `{ error: { message, type, code, param } }` — and in plain
 * text, and reports a bad API key as HTTP 400, not 401.
 * @see https://docs.x.ai/docs/api-reference
 * @module
 */
import { defaultClassifier } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/** xAI's error bodies: `{ code, error }` strings, or OpenAI's nested object. */
export interface XAIErrorBody {
  /** A gRPC-style phrase (`Client specified an invalid argument`) in the flat shape; absent in the nested one. */
  code?: string;
  /** The message (flat shape) or an OpenAI-style error object (nested shape). */
  error?: string | { message?: string; type?: string; code?: string | null; param?: string | null };
}

const BAD_KEY = /incorrect api key|invalid api key|api key.*(invalid|incorrect|not valid|missing)|no api key/i;
const NO_CREDIT = /credits?|spending limit|billing|exhausted/i;
const REASONING = /reasoning|encrypted[_ ]content/i;
const MODERATION = /content moderation|moderation (rejected|blocked)|rejected by .*moderation/i;

/**
 * xAI's classifier: the default rules, plus
 * - a 400 whose message says the API key is wrong → `authentication` (xAI uses 400 where others use 401);
 * - 401 / 403 / 429 that mention credits or a spending limit → `quota` (not retryable: out of credits is not a
 *   rate limit);
 * - a 400 / 403 / 422 saying content moderation rejected the request (images and videos) → `content-filter`;
 * - 529 (overloaded) → `server`, retryable like 503;
 * - a 400 about reasoning or encrypted content gets a hint: pass the previous output back, or use
 *   `previous_response_id`;
 * - `code`, `type` and `param` from either envelope.
 * @see https://docs.x.ai/docs/api-reference
 */
export function classifyXAIAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const body = answer.body as XAIErrorBody | undefined;
  if (body && typeof body === 'object') {
    if (typeof body.code === 'string' && body.code) verdict.code = body.code;
    const error = body.error;
    if (error && typeof error === 'object') {
      if (typeof error.code === 'string') verdict.code = error.code;
      if (typeof error.type === 'string') verdict.type = error.type;
      if (typeof error.param === 'string') verdict.param = error.param;
    }
  }
  const { status } = answer;
  if ((status === 400 || status === 401) && BAD_KEY.test(verdict.message)) {
    verdict.kind = 'authentication';
    verdict.retryable = false;
  } else if ((status === 401 || status === 403 || status === 429) && NO_CREDIT.test(verdict.message)) {
    verdict.kind = 'quota';
    verdict.retryable = false;
  } else if ((status === 400 || status === 403 || status === 422) && MODERATION.test(verdict.message)) {
    verdict.kind = 'content-filter';
    verdict.retryable = false;
  } else if (status === 529) {
    verdict.kind = 'server';
    verdict.retryable = answer.headers.get('x-should-retry') !== 'false';
  } else if (status === 400 && REASONING.test(verdict.message)) {
    verdict.message = `${verdict.message} — pass the previous output items back unchanged (reasoning included, with encrypted content when store is false) or continue with previous_response_id.`;
  }
  return verdict;
}
