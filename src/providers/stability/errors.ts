/**
 * Stability's error envelope (`{ id, name, errors[] }` on v2beta; `{ id, name, message }` on v1) and its retry
 * classifier.
 * @see https://platform.stability.ai/docs/api-reference
 * @module
 */
import { isRecord } from '../../common/guards.js';
import { defaultClassifier } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/** Provider name used in errors, logs and job references. */
export const STABILITY_PROVIDER_NAME = 'stability';

/**
 * Stability's error body. `id` is a support reference (not a generation id); `name` tells errors with the
 * same status apart (`content_moderation`, `payload_too_large`, `invalid_language`, …).
 * @see https://platform.stability.ai/docs/api-reference
 */
export interface StabilityErrorBody {
  /** Support reference. */
  id?: string;
  /** Error name. */
  name?: string;
  /** What was wrong (v2beta: a non-empty list). */
  errors?: string[];
  /** What was wrong (v1 and some 401s). */
  message?: string;
}

/** 422 names that are policy rejections (sent back to the model, never worked around). */
const POLICY_NAMES = new Set(['public_figure', 'copyrighted_content']);

const HINTS: Readonly<Record<number, string>> = {
  402: 'not enough Stability credits: top up at platform.stability.ai; retrying will not help.',
  403: 'the request was flagged by content moderation (you were not charged); change the prompt or input.',
  413: 'the request body is too large (10 MiB for images, 50 MB for audio); send a smaller file.',
};

/**
 * Stability's classifier: the default rules, plus the message from `errors[]` (or `message`), `name` as the
 * code, and
 * - 403 `content_moderation` → `content-filter` (on Stability 403 is moderation, never auth);
 * - 422 `public_figure` / `copyrighted_content` → `content-filter`; other 422s → `bad-request`;
 * - 402 → `quota`; 413 → `bad-request` with a hint on the size limits; 404 → `not-found` (an async result
 *   that is unknown, expired after 24 h, or asked for with another key).
 * @see https://platform.stability.ai/docs/api-reference
 */
export function classifyStabilityAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const { status, body } = answer;
  let name: string | undefined;
  if (isRecord(body)) {
    if (typeof body.name === 'string') name = body.name;
    const errors = Array.isArray(body.errors) ? body.errors.filter((item) => typeof item === 'string') : [];
    if (errors.length) verdict.message = errors.join('; ');
    else if (typeof body.message === 'string') verdict.message = body.message;
  }
  if (name !== undefined) verdict.code = name;
  if (status === 403 && name !== 'unauthorized' && name !== 'forbidden') verdict.kind = 'content-filter';
  else if (status === 422)
    verdict.kind = name !== undefined && POLICY_NAMES.has(name) ? 'content-filter' : 'bad-request';
  else if (status === 402) verdict.kind = 'quota';
  else if (status === 413) verdict.kind = 'bad-request';
  const hint = HINTS[status];
  if (hint !== undefined && (status !== 403 || verdict.kind === 'content-filter')) verdict.hint = hint;
  return verdict;
}
