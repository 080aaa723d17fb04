/**
 * The download's request: the URL checks, the headers that keep credentials on their origin, and redirects
 * followed by hand so that authentication headers never reach another origin.
 * @module
 */

import { ConnectionError, RequestValidationError } from '../common/errors.js';
import { isRedirect } from './api-redirect.js';
import type { DownloadOptions } from './download.js';
import { discard, type Guard } from './download-guard.js';

/** Redirects followed before giving up. */
const MAX_REDIRECTS = 5;
/** Headers never forwarded to an origin other than `authOrigin`, even when passed in `headers`. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** What {@link fetchFollowingRedirects} needs besides the URL. */
export interface DownloadRequest {
  fetcher: typeof globalThis.fetch;
  options: Pick<DownloadOptions, 'headers' | 'authHeaders'>;
  /** The only origin that receives `authHeaders`, already checked by {@link safeOrigin}. */
  authOrigin: string | undefined;
  guard: Guard;
  provider: string;
  secrets: readonly string[];
}

/**
 * GETs `url`, following up to {@link MAX_REDIRECTS} redirects by hand; `authHeaders` go only to `authOrigin`.
 * Returns the first answer that is not a redirect (its body unread).
 */
export async function fetchFollowingRedirects(start: URL, request: DownloadRequest): Promise<Response> {
  const { fetcher, options, authOrigin, guard, provider, secrets } = request;
  let url = start;
  guard.start('request');
  let response: Response | undefined;
  for (let hop = 0; ; hop++) {
    const sameOrigin = authOrigin !== undefined && url.origin === authOrigin;
    response = await guard.race(
      fetcher(url, {
        method: 'GET',
        headers: requestHeaders(options, sameOrigin),
        redirect: 'manual',
        signal: guard.signal,
      }),
      (error) => new ConnectionError(provider, `could not reach ${describeUrl(url)}`, { cause: error, secrets }),
    );
    if (response.type === 'opaqueredirect') {
      // Browsers hide manual redirects; follow them natively, but without any credential.
      response = await guard.race(
        fetcher(url, { method: 'GET', headers: requestHeaders(options, false), signal: guard.signal }),
        (error) => new ConnectionError(provider, `could not reach ${describeUrl(url)}`, { cause: error, secrets }),
      );
      break;
    }
    guard.start('request');
    if (!isRedirect(response)) break;
    discard(response.body);
    if (hop >= MAX_REDIRECTS) {
      throw new ConnectionError(provider, `more than ${MAX_REDIRECTS} redirects from ${describeUrl(url)}`, {
        secrets,
      });
    }
    url = parseHttpUrl(new URL(response.headers.get('location') as string, url), 'redirect location');
  }
  return response;
}

/** Parses an absolute http(s) URL; anything else is a {@link RequestValidationError} on `field`. */
export function parseHttpUrl(source: string | URL, field: string): URL {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new RequestValidationError([{ path: field, message: 'not a valid absolute URL' }], 'download');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RequestValidationError(
      [{ path: field, message: `unsupported scheme ${url.protocol}`, allowed: ['http:', 'https:'] }],
      'download',
    );
  }
  return url;
}

/** The origin of `origin` (`https://host[:port]`); not a URL is a {@link RequestValidationError}. */
export function safeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    throw new RequestValidationError([{ path: 'authOrigin', message: 'not a valid origin URL' }], 'download');
  }
}

/** Origin and path only: signed URLs carry credentials in their query. */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** The headers for one hop: credentials (and `authHeaders`) only when the hop is on `authOrigin`. */
function requestHeaders(options: Pick<DownloadOptions, 'headers' | 'authHeaders'>, sameOrigin: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (sameOrigin || !CREDENTIAL_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  }
  if (sameOrigin) {
    for (const [name, value] of Object.entries(options.authHeaders ?? {})) headers.set(name, value);
  }
  return headers;
}
