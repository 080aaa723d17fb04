/**
 * What xAI's image and video endpoints share: the media usage record, the result error, reading an async result
 * (`GET /v1/{images|videos}/{request_id}`: HTTP 202 with an empty or small body while pending, 200 when finished)
 * and the one-path-segment check of request ids.
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import { checkId } from '../../common/ids.js';
import type { JobRef } from '../../common/jobs.js';
import type { HttpResponse, RequestOptions } from '../../http/types.js';
import type { XAIClient } from './client.js';

/** Cost of a media request: 1 USD cent = 100 000 000 ticks (tokens only for token-billed image models). */
export interface XAIMediaUsage {
  /** Cost in ticks (missing on some legacy answers: unknown cost). */
  cost_in_usd_ticks?: number;
  [key: string]: unknown;
}

/** The error of a failed async result (`invalid_argument`, `permission_denied`, `failed_precondition`, …). */
export interface XAIResultError {
  /** Code. */
  code?: string;
  /** Message. */
  message?: string;
}

/** The request id of a job reference or id, checked to be one path segment (`checkId`). */
export function xaiJobId(job: JobRef | string): string {
  return checkId(typeof job === 'string' ? job : job.id, 'request_id', 'xAI request id');
}

/** The answer's `x-request-id`, when sent. */
export function xaiRequestId(answer: HttpResponse<unknown>): string | undefined {
  return answer.requestId ?? answer.headers.get('x-request-id') ?? undefined;
}

/** Fetches an async result once: its HTTP status (202 pending, 200 finished) and parsed body (`{}` when empty). */
export async function getXAIResult(
  client: XAIClient,
  collection: 'images' | 'videos',
  job: JobRef | string,
  options: RequestOptions = {},
): Promise<{ status: number; body: unknown }> {
  const id = xaiJobId(job);
  const response = await client.raw({
    ...options,
    method: 'GET',
    path: `${collection}/${encodeURIComponent(id)}`,
    retry: 'safe',
  });
  const text = await response.text();
  if (!text.trim()) return { status: response.status, body: {} };
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch (error) {
    if (response.status === 202) return { status: 202, body: text };
    throw new ResponseValidationError('xai', 'the result is not JSON', text.slice(0, 2000), { cause: error });
  }
}
