/**
 * MiniMax's error envelope (`base_resp: { status_code, status_msg }`, usually inside an HTTP 200) and its retry
 * classifier: every non-zero `status_code` becomes a typed error, whatever the HTTP status.
 * @see https://platform.minimax.io/docs/api-reference/errorcode
 * @module
 */

import type { ApiError, HelloDaveErrorOptions } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import { apiErrorFromVerdict } from '../../http/api-error.js';
import { defaultClassifier, parseRetryAfter } from '../../http/retry.js';
import type { ClassifiedError, ErrorClassifier, ErrorKind, ProviderAnswer } from '../../http/types.js';

/** Provider name used in errors, logs and job references. */
export const MINIMAX_PROVIDER_NAME = 'minimax';

/**
 * The status object every MiniMax JSON answer carries; `status_code` 0 means success.
 * @see https://platform.minimax.io/docs/api-reference/errorcode
 */
export interface MiniMaxBaseResp {
  /** 0 for success; anything else is an error (see {@link MINIMAX_ERROR_CODES}). */
  status_code: number;
  /** The provider's message (`success`, `rate limit`, `insufficient balance`, …). */
  status_msg?: string;
}

/** What the classifier decides for one `base_resp.status_code`. */
export interface MiniMaxCodeRule {
  /** Error category (picks the error class). */
  kind: ErrorKind;
  /** Worth retrying with backoff. */
  retryable: boolean;
  /** False when the code guarantees no billable job started (rate limits), so a job-start POST may be retried. */
  jobMayHaveStarted: boolean;
  /** What to do about it, appended to the provider's message. */
  hint: string;
}

const rule = (kind: ErrorKind, retryable: boolean, jobMayHaveStarted: boolean, hint: string): MiniMaxCodeRule => ({
  kind,
  retryable,
  jobMayHaveStarted,
  hint,
});

/**
 * Every `base_resp.status_code` MiniMax documents (error-code page, per-endpoint schemas, the official CLI/MCP),
 * mapped to an error category. Codes not listed become `other` (not retried).
 * `1028`/`1030` (quota, seen in the official CLI) and `2067` (plan allowance, third-party report) are unverified.
 * @see https://platform.minimax.io/docs/api-reference/errorcode
 */
export const MINIMAX_ERROR_CODES: Readonly<Record<number, MiniMaxCodeRule>> = {
  1000: rule('server', true, true, 'unknown error on MiniMax’s side; retry later.'),
  1001: rule('server', true, true, 'MiniMax timed out; retry later.'),
  1002: rule('rate-limit', true, false, 'rate limit (RPM/TPM) reached; back off and retry.'),
  1004: rule('authentication', false, false, ''),
  1008: rule('quota', false, false, 'insufficient balance: top up your MiniMax account; retrying will not help.'),
  1013: rule('server', true, true, 'internal service error; retry later.'),
  1024: rule('server', true, true, 'internal error; retry later.'),
  1026: rule('content-filter', false, false, 'the input was flagged as sensitive: change the prompt or image.'),
  1027: rule('content-filter', false, true, 'the output was flagged as sensitive: change the input.'),
  1028: rule('quota', false, false, 'quota exhausted for your plan; check usage or upgrade.'),
  1030: rule('quota', false, false, 'quota exhausted for your plan; check usage or upgrade.'),
  1033: rule('server', true, true, 'system or downstream error; retry later.'),
  1039: rule('rate-limit', true, false, 'token limit reached; back off and retry.'),
  1041: rule('rate-limit', true, false, 'connection limit reached: reduce concurrency.'),
  1042: rule('bad-request', false, false, 'too many invisible characters in the input: clean the text.'),
  1043: rule('bad-request', false, false, 'ASR similarity check failed.'),
  1044: rule('bad-request', false, false, 'clone prompt similarity check failed.'),
  2013: rule('bad-request', false, false, 'invalid parameters: fix the request.'),
  20132: rule('bad-request', false, false, 'invalid samples or voice_id.'),
  2037: rule('bad-request', false, false, 'voice sample too short or too long.'),
  2038: rule('permission', false, false, 'real-name verification is required on this account.'),
  2039: rule('conflict', false, false, 'this voice_id already exists.'),
  2042: rule('permission', false, false, 'no access to this voice_id.'),
  2045: rule('rate-limit', true, false, 'request rate grew too steeply: smooth your traffic.'),
  2048: rule('bad-request', false, false, 'prompt audio too long (must be under 8 s).'),
  2049: rule('authentication', false, false, ''),
  2056: rule(
    'quota',
    false,
    false,
    'the plan’s usage limit for the current 5-hour window is used up: retry once the next 5-hour window starts ' +
      '(at most 5 hours from now), not sooner — immediate retries fail the same way.',
  ),
  2061: rule('permission', false, false, 'this model is not available on your current plan.'),
  2067: rule('quota', false, false, 'your plan does not include this media allowance.'),
};

/** Details the classifier adds to its messages: where the key was sent. */
export interface MiniMaxClassifierContext {
  /** `global` or `cn`, when a known region's host is in use. */
  region?: 'global' | 'cn';
  /** The base URL requests go to. */
  baseUrl?: string;
  /** True when a GroupId is appended to requests. */
  groupId?: boolean;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** Parses a text body that looks like JSON (for `expect: 'text'` requests); undefined when it is not. */
function jsonOf(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string') return asRecord(body);
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return asRecord(JSON.parse(trimmed));
  } catch {
    return undefined;
  }
}

/** Reads `base_resp` from a parsed body; `status_code` may arrive as a number or a numeric string. */
export function readBaseResp(body: unknown): MiniMaxBaseResp | undefined {
  const baseResp = asRecord(asRecord(body)?.base_resp);
  if (!baseResp) return undefined;
  const code = Number(baseResp.status_code);
  if (!Number.isFinite(code)) return undefined;
  const out: MiniMaxBaseResp = { status_code: code };
  if (typeof baseResp.status_msg === 'string') out.status_msg = baseResp.status_msg;
  return out;
}

/** The trace id MiniMax asks for in support requests: body `trace_id`, else the `Trace-Id` header. */
export function readTraceId(body: unknown, headers?: Headers): string | undefined {
  const fromBody = asRecord(body)?.trace_id;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  return headers?.get('trace-id') ?? headers?.get('x-trace-id') ?? undefined;
}

const REGION_HOSTS = { global: 'https://api.minimax.io', cn: 'https://api.minimaxi.com' } as const;

function authHint(message: string, context: MiniMaxClassifierContext): string {
  if (/group/i.test(message)) {
    return context.groupId
      ? 'the GroupId sent does not belong to this key: remove the groupId option / MINIMAX_GROUP_ID, or set the group of this key.'
      : 'the key does not match its group: check the key (current platform keys need no GroupId).';
  }
  const where = context.baseUrl ? ` (requests went to ${context.baseUrl})` : '';
  const other =
    context.region === 'cn'
      ? `region: 'global' (${REGION_HOSTS.global})`
      : context.region === 'global'
        ? `region: 'cn' (${REGION_HOSTS.cn})`
        : `the other region's host (${REGION_HOSTS.global} or ${REGION_HOSTS.cn})`;
  return (
    `the API key was rejected${where}. MiniMax keys are region-bound: a key from platform.minimax.io works only ` +
    `against ${REGION_HOSTS.global}, one from platform.minimaxi.com only against the mainland China host. ` +
    `Check the key, or try ${other}.`
  );
}

/**
 * Classifies one MiniMax `base_resp` code with its message into a verdict (used by the classifier and by
 * stream readers that see the envelope inside an event).
 */
export function classifyMiniMaxCode(
  statusCode: number,
  statusMessage: string | undefined,
  context: MiniMaxClassifierContext = {},
): ClassifiedError {
  const known = MINIMAX_ERROR_CODES[statusCode];
  const message = statusMessage?.trim() || `status_code ${statusCode}`;
  const kind = known?.kind ?? 'other';
  const hint = kind === 'authentication' ? authHint(message, context) : (known?.hint ?? '');
  return {
    kind,
    message,
    // MiniMax's own advice replaces the generic hint of the HTTP layer (empty: the code needs none).
    hint,
    retryable: known?.retryable ?? false,
    jobMayHaveStarted: known?.jobMayHaveStarted ?? true,
    code: String(statusCode),
  };
}

/** Failure words of a video task; such a status with a moderation code is a failed job, not a failed call. */
const FAILED_TASK_STATUSES = new Set(['fail', 'failed', 'error', 'unknown', 'cancelled', 'canceled']);

/**
 * Builds MiniMax's classifier. A non-zero `base_resp.status_code` is an error even inside HTTP 200 (JSON bodies and
 * JSON read as text alike): the endpoints rely on it, so a body `client.request` returns needs no second check;
 * rate-limit codes (1002, 1039, 1041, 2045) are retried like a 429 (no job started); gateway errors
 * (401/403/429/5xx, non-JSON bodies) follow the default rules, refined by a `base_resp` when the body has one.
 * The trace id (body `trace_id` or `Trace-Id` header) becomes the error's `requestId`.
 * A video-task query that reports `Fail` with a moderation code is left to the status mapping (a failed job).
 * @see https://platform.minimax.io/docs/api-reference/errorcode
 */
export function createMiniMaxClassifier(context: MiniMaxClassifierContext = {}): ErrorClassifier {
  return (answer: ProviderAnswer): ClassifiedError | null => {
    const body = jsonOf(answer.body);
    const baseResp = readBaseResp(body);
    const failed = baseResp !== undefined && baseResp.status_code !== 0;
    const httpVerdict = defaultClassifier(answer);
    if (!failed && !httpVerdict) return null;

    if (failed && !httpVerdict) {
      // v1 answers carry the task at the top level; v2 answers inside `task`.
      const v2Task = asRecord(body?.task);
      const taskStatus = v2Task?.status ?? body?.status;
      if (
        typeof taskStatus === 'string' &&
        FAILED_TASK_STATUSES.has(taskStatus.toLowerCase()) &&
        (v2Task !== undefined || typeof body?.task_id === 'string') &&
        answer.request.path.includes('query/video_generation')
      ) {
        return null;
      }
    }

    let verdict: ClassifiedError;
    if (failed) {
      verdict = classifyMiniMaxCode(baseResp.status_code, baseResp.status_msg, context);
      // A gateway status says more about retrying than an unknown code.
      if (httpVerdict && verdict.kind === 'other') {
        verdict.kind = httpVerdict.kind;
        verdict.retryable = httpVerdict.retryable;
        verdict.jobMayHaveStarted = httpVerdict.jobMayHaveStarted ?? true;
      }
    } else {
      verdict = httpVerdict as ClassifiedError;
      if (verdict.kind === 'authentication') verdict.hint = authHint('', context);
    }
    const traceId = readTraceId(body, answer.headers);
    if (traceId) verdict.requestId = traceId;
    // Requests read as text (to keep int64 ids exact) still deserve a parsed body on their error.
    if (typeof answer.body === 'string' && body) answer.body = body;
    const retryAfterMs = parseRetryAfter(answer.headers);
    if (retryAfterMs !== undefined) verdict.retryAfterMs = retryAfterMs;
    return verdict;
  };
}

/** MiniMax's classifier without region details (see {@link createMiniMaxClassifier}). */
export const classifyMiniMaxAnswer: ErrorClassifier = createMiniMaxClassifier();

/** Builds the error of the family that matches a verdict (for envelopes seen outside the HTTP layer: streams). */
export function miniMaxErrorFromVerdict(
  verdict: ClassifiedError,
  details: { status: number; body?: unknown },
  options: HelloDaveErrorOptions = {},
): ApiError {
  return apiErrorFromVerdict(
    verdict,
    { provider: MINIMAX_PROVIDER_NAME, status: details.status, body: details.body },
    options,
  );
}

/**
 * The verdict and typed error for a parsed MiniMax body with a non-zero `base_resp.status_code` (undefined for a
 * success). For bodies read outside the classifier: `client.raw` bodies, stream events. The trace id (body or
 * `Trace-Id` header) becomes the error's `requestId`; a `Retry-After` header is kept.
 */
export function miniMaxEnvelopeError(
  body: unknown,
  details: { status?: number; headers?: Headers; context?: MiniMaxClassifierContext } = {},
): { verdict: ClassifiedError; error: ApiError } | undefined {
  const baseResp = readBaseResp(body);
  if (!baseResp || baseResp.status_code === 0) return undefined;
  const verdict = classifyMiniMaxCode(baseResp.status_code, baseResp.status_msg, details.context);
  const traceId = readTraceId(body, details.headers);
  if (traceId) verdict.requestId = traceId;
  const retryAfterMs = details.headers ? parseRetryAfter(details.headers) : undefined;
  if (retryAfterMs !== undefined) verdict.retryAfterMs = retryAfterMs;
  return { verdict, error: miniMaxErrorFromVerdict(verdict, { status: details.status ?? 200, body }) };
}

/**
 * Throws the typed error when a parsed MiniMax body carries a non-zero `base_resp.status_code`, for bodies read
 * outside the classifier (`client.raw` bodies, stream events); bodies from `client.request` were already checked by
 * it. Returns quietly for a success. Pass the client's `context` (see `miniMaxClassifierContext`) so auth errors
 * keep the region and GroupId advice.
 */
export function assertMiniMaxOk(
  body: unknown,
  details: { status?: number; headers?: Headers; context?: MiniMaxClassifierContext } = {},
): void {
  const failure = miniMaxEnvelopeError(body, details);
  if (failure) throw failure.error;
}
