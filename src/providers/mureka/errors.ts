/**
 * Mureka's error envelope (`{ error: { message }, trace_id }` with an HTTP status) and its retry classifier.
 * @see https://platform.mureka.ai/docs/
 * @module
 */
import { isRecord } from '../../common/guards.js';
import { defaultClassifier } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/** Provider name used in errors, logs and job references. */
export const MUREKA_PROVIDER_NAME = 'mureka';

/** Mureka's error body. */
export interface MurekaErrorBody {
  /** The error. */
  error?: { message?: string };
  /** Trace id for support requests (may be absent). */
  trace_id?: string;
}

/** Words of a 429 that mean the balance or quota is used up rather than too many requests at once. */
const QUOTA_WORDS = /balance|quota|insufficient|credit|recharge|exhaust/i;

/**
 * Mureka's classifier: the default HTTP rules, refined by the documented statuses — 401 bad key, 403 a region
 * Mureka does not serve, 429 either the concurrency limit (retryable, no job started) or an exhausted balance
 * (read from the message: not retryable), 451 content that failed review, 500 / 503 retryable. `trace_id` becomes
 * the error's request id.
 * @see https://platform.mureka.ai/docs/
 */
export function classifyMurekaAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const body = isRecord(answer.body) ? (answer.body as MurekaErrorBody) : undefined;
  if (typeof body?.trace_id === 'string' && body.trace_id) verdict.requestId = body.trace_id;
  switch (answer.status) {
    case 403:
      verdict.hint = 'Mureka refuses requests from this region (or this key may not use the resource); not retryable';
      verdict.retryable = false;
      break;
    case 429:
      if (QUOTA_WORDS.test(verdict.message)) {
        verdict.kind = 'quota';
        verdict.retryable = false;
        verdict.jobMayHaveStarted = false;
        verdict.hint =
          'the Mureka balance or quota is used up: top up (see GET /v1/account/billing); retrying will not help';
      } else {
        verdict.hint =
          'too many requests or too many tasks running at once (concurrent_request_limit): wait for one to finish';
      }
      break;
    case 451:
      verdict.kind = 'content-filter';
      verdict.retryable = false;
      verdict.jobMayHaveStarted = false;
      verdict.hint = 'the input failed Mureka’s safety review: change the lyrics or the prompt';
      break;
    default:
      break;
  }
  return verdict;
}
