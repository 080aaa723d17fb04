/**
 * Redirects of API calls, followed by hand so that credentials stay on their origin. `fetch` follows redirects
 * itself and drops only `Authorization` (and cookies) on the way to another origin: a key in a header of the
 * provider's own (`x-api-key`, `xi-api-key`, `X-License-Key`) or a gateway's custom header would reach whatever
 * host the API (or a man in the middle of a plain-http base URL) redirects to.
 * @module
 */

/** Statuses that redirect (with a `location`). */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Hops followed before giving up (fetch's own limit). */
const MAX_REDIRECTS = 20;
/** The only headers a hop to another origin keeps: no key, custom header or cookie leaves its origin. */
const CROSS_ORIGIN_HEADERS = ['accept', 'accept-language', 'user-agent'];

/**
 * A fetch that follows redirects by hand: on the same origin as fetch does, to another origin with none of the
 * request's headers but `accept`, `accept-language` and `user-agent`. A 303 (and a 301 / 302 of a POST) goes on
 * as a GET without the body, as fetch does; a 307 / 308 of a request whose body cannot be sent again (a stream)
 * is an error, never a second send.
 */
export function originBoundFetch(fetcher: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const first = await fetcher(input, { ...init, redirect: 'manual' });
    if (first.type === 'opaqueredirect') {
      // Browsers hide where a manual redirect goes: refuse rather than follow blind with the key.
      throw new Error('the API answered with a redirect that this runtime does not show; not followed');
    }
    if (!isRedirect(first)) return first;
    return follow(fetcher, input, init, first);
  };
}

/** True when `response` redirects: a redirect status with a `location` (downloads follow these by hand too). */
export function isRedirect(response: Response): boolean {
  return REDIRECT_STATUSES.has(response.status) && response.headers.has('location');
}

/** The request's URL, method, headers and body as sent first. */
function sentRequest(input: RequestInfo | URL, init: RequestInit | undefined) {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  const headers = new Headers(request?.headers);
  for (const [name, value] of new Headers(init?.headers)) headers.set(name, value);
  return {
    url,
    method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
    headers,
    /** A body that can be sent again (text, bytes, a form); a stream cannot. */
    body: init?.body instanceof ReadableStream ? undefined : (init?.body ?? undefined),
    hasBody: (init?.body !== undefined && init.body !== null) || (request?.body ?? null) !== null,
    signal: init?.signal ?? request?.signal ?? null,
  };
}

async function follow(
  fetcher: typeof globalThis.fetch,
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  first: Response,
): Promise<Response> {
  const sent = sentRequest(input, init);
  const origin = sent.url.origin;
  let { url, method, headers, body, hasBody } = sent;
  let response = first;
  for (let hop = 1; isRedirect(response); hop++) {
    await response.body?.cancel().catch(() => undefined);
    if (hop > MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${origin}${sent.url.pathname}`);
    const target = new URL(response.headers.get('location') as string, url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new Error(`redirected to an unsupported scheme ${target.protocol}`);
    }
    const toGet =
      response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST');
    if (toGet) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      hasBody = false;
      headers.delete('content-type');
      headers.delete('content-length');
    } else if (hasBody && body === undefined) {
      throw new Error(
        `redirected (${response.status}) to ${target.origin}${target.pathname}; a request whose body is a stream is not sent again`,
      );
    }
    if (target.origin !== origin) headers = crossOriginHeaders(headers);
    url = target;
    const next: RequestInit & { duplex?: 'half' } = { method, headers, redirect: 'manual', signal: sent.signal };
    if (body !== undefined) next.body = body;
    response = await fetcher(url, next);
  }
  return response;
}

/** What a hop to another origin may carry (see {@link CROSS_ORIGIN_HEADERS}); kept for the hops after it. */
function crossOriginHeaders(headers: Headers): Headers {
  const kept = new Headers();
  for (const name of CROSS_ORIGIN_HEADERS) {
    const value = headers.get(name);
    if (value !== null) kept.set(name, value);
  }
  return kept;
}
