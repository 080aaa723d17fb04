/**
 * Retry decisions: the default classifier, Retry-After parsing and the backoff schedule.
 * Providers supply their own classifier (built on {@link defaultClassifier}) because they disagree on what a
 * status means.
 * @module
 */
import type { ClassifiedError, ErrorKind, ProviderAnswer } from './types.js';

/** Statuses the default classifier retries. */
export const RETRYABLE_STATUSES: readonly number[] = [408, 409, 429, 500, 502, 503, 504];

/** Maps an HTTP status to an error category. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'other';
}

/** Picks a message out of the common error envelopes (`{error:{message}}`, `{message}`, `{detail}`, text). */
export function extractMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  for (const key of ['message', 'detail', 'error_description', 'msg']) {
    const value = record[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The default classifier: 2xx is success; 408, 409, 429, 5xx are retryable; other 4xx are not. An
 * `x-should-retry: true|false` header overrides the status. A 429 means no job started.
 */
export function defaultClassifier(answer: ProviderAnswer): ClassifiedError | null {
  const { status, headers, body } = answer;
  if (status >= 200 && status < 300) return null;
  const kind = kindForStatus(status);
  let retryable = RETRYABLE_STATUSES.includes(status);
  const hint = headers.get('x-should-retry');
  if (hint === 'true') retryable = true;
  if (hint === 'false') retryable = false;
  return {
    kind,
    message: extractMessage(body) ?? `HTTP ${status}`,
    retryable,
    jobMayHaveStarted: status !== 429,
  };
}

/** Parses `retry-after-ms`, then `Retry-After` (seconds or HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}
