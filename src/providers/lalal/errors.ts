/**
 * LALAL.AI v1's error envelope (`{ detail, code }` with an HTTP 4xx, or FastAPI's `{ detail: [ … ] }` for a 422) and
 * its retry classifier.
 * @see https://www.lalal.ai/api/v1/docs/
 * @module
 */
import { isRecord } from '../../common/guards.js';
import { defaultClassifier } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/** Provider name used in errors, logs and job references. */
export const LALAL_PROVIDER_NAME = 'lalal';

/** What each documented `code` means; match on the code, never on `detail`. */
const CODES: Readonly<Record<string, Pick<ClassifiedError, 'kind' | 'retryable' | 'hint'>>> = {
  idempotency_key_used: {
    kind: 'conflict',
    retryable: false,
    hint:
      'a split with this idempotency_key already started (an earlier attempt reached LALAL.AI) and is not charged ' +
      'twice; its task id came with that earlier answer. Send a new key only for a new split',
  },
  internal_error: { kind: 'server', retryable: true, hint: 'LALAL.AI failed; retry with the same idempotency_key' },
  exceeded_duration: { kind: 'quota', retryable: false, hint: 'no processing minutes left: top up the license' },
  exceeded_size: { kind: 'bad-request', retryable: false, hint: 'the file is larger than the license allows' },
  max_duration: { kind: 'bad-request', retryable: false, hint: 'the file is longer than the license allows' },
  batch_not_avaliable: {
    kind: 'permission',
    retryable: false,
    hint: 'batch splitting is not enabled for this license',
  },
};

/** FastAPI validation issues → one message naming each field (`presets.stem: Input should be …`). */
function validationMessage(issues: unknown[]): { message: string; param?: string } {
  const parts: string[] = [];
  let param: string | undefined;
  for (const issue of issues) {
    if (!isRecord(issue)) continue;
    const loc = Array.isArray(issue.loc) ? issue.loc.filter((part) => part !== 'body').join('.') : '';
    param ??= loc || undefined;
    parts.push(`${loc || '(body)'}: ${typeof issue.msg === 'string' ? issue.msg : 'invalid'}`);
  }
  return { message: parts.join('; ') || 'validation error', ...(param ? { param } : {}) };
}

/**
 * LALAL.AI's classifier: the default HTTP rules, refined by the documented `code`s (`idempotency_key_used`,
 * `internal_error`, `exceeded_duration`, `exceeded_size`, `max_duration`, `batch_not_avaliable`); a 403 (missing or
 * invalid license key, observed) is an authentication error; a `detail` list is a validation error naming the field.
 * @see https://www.lalal.ai/api/v1/docs/
 */
export function classifyLalalAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const body = isRecord(answer.body) ? answer.body : undefined;
  if (Array.isArray(body?.detail)) {
    const { message, param } = validationMessage(body.detail);
    Object.assign(verdict, { kind: 'bad-request', message, retryable: false, jobMayHaveStarted: false });
    if (param) verdict.param = param;
    return verdict;
  }
  if (answer.status === 403 && /license key/i.test(verdict.message)) {
    verdict.kind = 'authentication';
    verdict.jobMayHaveStarted = false;
    verdict.hint = 'send the LALAL.AI license key (option apiKey or LALAL_API_KEY)';
  }
  if (answer.status === 429) verdict.hint = '/check/ allows 30 requests a minute: poll more slowly';
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const known = code ? CODES[code] : undefined;
  if (code) verdict.code = code;
  if (known) Object.assign(verdict, known, { jobMayHaveStarted: known.kind === 'server' });
  return verdict;
}
