/**
 * OpenAI's error envelope (`{ error: { message, type, code, param } }`) and its retry classifier.
 * @module
 */
import { defaultClassifier } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/** OpenAI's error object. */
export interface OpenAIErrorBody {
  /** The error. */
  error?: { message?: string; type?: string; code?: string | null; param?: string | null };
}

/**
 * OpenAI's classifier: the default rules, plus `insufficient_quota` 429s (not retryable: add credit) and the
 * envelope's code, type and param.
 */
export function classifyOpenAIAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const error = (answer.body as OpenAIErrorBody | undefined)?.error;
  if (error && typeof error === 'object') {
    if (typeof error.code === 'string') verdict.code = error.code;
    if (typeof error.type === 'string') verdict.type = error.type;
    if (typeof error.param === 'string') verdict.param = error.param;
  }
  if (answer.status === 429 && (verdict.code === 'insufficient_quota' || verdict.type === 'insufficient_quota')) {
    verdict.kind = 'quota';
    verdict.retryable = false;
    verdict.hint = 'your quota is used up: check your plan and billing; retrying will not help';
  }
  return verdict;
}
