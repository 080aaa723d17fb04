/**
 * ElevenLabs' error envelope (`{ detail: { status, message, data? } }`, or FastAPI's `{ detail: [ … ] }` for a
 * 422 validation error), its retry classifier, and the music rejection that carries a suggested prompt or plan.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 * @module
 */
import {
  type ApiError,
  type ApiErrorDetails,
  apiErrorDetails,
  ContentFilterError,
  type HelloDaveErrorOptions,
} from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { defaultClassifier } from '../../http/retry.js';
import type { ClassifiedError, ProviderAnswer } from '../../http/types.js';

/** Provider name used in errors, logs and job references. */
export const ELEVENLABS_PROVIDER_NAME = 'elevenlabs';

const KIND = Symbol.for('hello-dave.error.kind');

/** The `detail.status` words of a music content rejection. */
const REJECTIONS = new Set(['bad_prompt', 'bad_composition_plan']);

/**
 * Eleven Music refused the prompt or plan (`detail.status` `bad_prompt` / `bad_composition_plan`, HTTP 422 or
 * 400): it names a copyrighted artist or quotes copyrighted lyrics. The compliant rewrite ElevenLabs suggests is on
 * the error; retry with it only after the user agrees. No suggestion is given for harmful content.
 */
export class ElevenLabsMusicRejectedError extends ContentFilterError {
  static readonly [KIND]: string = 'ElevenLabsMusicRejectedError';
  /** `bad_prompt` or `bad_composition_plan`. */
  readonly reason: string;
  /** The suggested prompt (`detail.data.prompt_suggestion`), for `bad_prompt`. */
  readonly promptSuggestion?: string;
  /** The suggested plan (`detail.data.composition_plan_suggestion`), for `bad_composition_plan`. */
  readonly compositionPlanSuggestion?: unknown;

  constructor(
    message: string,
    details: ApiErrorDetails,
    suggestion: { reason: string; prompt?: string; plan?: unknown },
    options: HelloDaveErrorOptions = {},
  ) {
    super(message, details, options);
    this.reason = suggestion.reason;
    if (suggestion.prompt !== undefined) this.promptSuggestion = suggestion.prompt;
    if (suggestion.plan !== undefined) this.compositionPlanSuggestion = suggestion.plan;
  }
}

/** `detail` when it is an object. */
function detailOf(body: unknown): Record<string, unknown> | undefined {
  const detail = isRecord(body) ? body.detail : undefined;
  return isRecord(detail) ? detail : undefined;
}

/** `detail.data.<key>`, then `detail.<key>` (clients read both places). */
function suggestionOf(detail: Record<string, unknown>, key: string): unknown {
  const data = isRecord(detail.data) ? detail.data : undefined;
  return data?.[key] ?? detail[key];
}

/** FastAPI validation issues → one message naming each field (`music_length_ms: Input should be …`). */
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
 * ElevenLabs' classifier: the default HTTP rules, refined by `detail.status` — `bad_prompt` /
 * `bad_composition_plan` are content rejections (not retried, no job started), `quota_exceeded` a quota error,
 * `output_format_not_allowed` a permission error (the plan's tier), `too_many_concurrent_requests` / `system_busy`
 * rate limits; a `detail` list is a validation error naming the field.
 * @see https://elevenlabs.io/docs/api-reference/music/compose
 */
export function classifyElevenLabsAnswer(answer: ProviderAnswer): ClassifiedError | null {
  const verdict = defaultClassifier(answer);
  if (!verdict) return null;
  const body = answer.body;
  const list = isRecord(body) && Array.isArray(body.detail) ? body.detail : undefined;
  if (list) {
    const { message, param } = validationMessage(list);
    verdict.kind = 'bad-request';
    verdict.message = message;
    verdict.retryable = false;
    verdict.jobMayHaveStarted = false;
    if (param) verdict.param = param;
    return verdict;
  }
  const detail = detailOf(body);
  const status = typeof detail?.status === 'string' ? detail.status : undefined;
  if (typeof detail?.message === 'string') verdict.message = detail.message;
  if (!status) return verdict;
  verdict.code = status;
  if (REJECTIONS.has(status)) {
    verdict.kind = 'content-filter';
    verdict.retryable = false;
    verdict.jobMayHaveStarted = false;
    verdict.hint =
      status === 'bad_prompt'
        ? 'the prompt names a copyrighted artist or work: see error.promptSuggestion for a compliant rewrite (ask the user first)'
        : 'the plan holds copyrighted styles or lyrics: see error.compositionPlanSuggestion (ask the user first)';
  } else if (status === 'quota_exceeded') {
    verdict.kind = 'quota';
    verdict.retryable = false;
    verdict.jobMayHaveStarted = false;
  } else if (status === 'output_format_not_allowed') {
    verdict.kind = 'permission';
    verdict.retryable = false;
    verdict.jobMayHaveStarted = false;
    verdict.hint =
      'your plan does not include this output_format (MP3 192 kbps needs Creator, PCM 44.1 kHz Pro): pick another';
  } else if (status === 'invalid_api_key') {
    verdict.kind = 'authentication';
  } else if (status === 'too_many_concurrent_requests' || status === 'system_busy') {
    verdict.kind = 'rate-limit';
    verdict.retryable = true;
    verdict.jobMayHaveStarted = false;
  }
  return verdict;
}

/**
 * Turns a `bad_prompt` / `bad_composition_plan` error into an {@link ElevenLabsMusicRejectedError} carrying the
 * suggestion; every other error is returned as it is.
 */
export function mapElevenLabsError(error: ApiError): Error {
  if (!error.code || !REJECTIONS.has(error.code)) return error;
  const detail = detailOf(error.body) ?? {};
  const prompt = suggestionOf(detail, 'prompt_suggestion');
  const plan = suggestionOf(detail, 'composition_plan_suggestion');
  return new ElevenLabsMusicRejectedError(
    error.providerMessage,
    apiErrorDetails(error),
    {
      reason: error.code,
      ...(typeof prompt === 'string' ? { prompt } : {}),
      ...(plan !== undefined && plan !== null ? { plan } : {}),
    },
    { cause: error },
  );
}
