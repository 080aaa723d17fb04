/**
 * The http toolset: GET and POST for a model, with a size cap, a time cap, and no way into your network. Only
 * `http:` and `https:`; every address is checked before it is connected to and again once connected (loopback,
 * private, link-local, cloud metadata and reserved addresses are refused unless allowed), at every redirect hop
 * (redirects are followed here, one checked hop at a time). A hostname is resolved once per hop and the connection
 * goes to the address that was checked, so a name that answers differently the second time (DNS rebinding) cannot
 * slip through.
 *
 * Node only: the check needs the address a socket connects to (`node:http`'s `lookup` hook and the socket's
 * `remoteAddress`), which `fetch` does not expose. Other runtimes get no http toolset from hello-dave; a fetch tool
 * of your own there can only check addresses written into the URL, so put it behind an egress proxy that refuses
 * private ranges.
 * @module
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { type ClientRequest, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import * as z from 'zod/mini';
import { ConnectionError, TimeoutError, ToolDefinitionError, ToolRefusedError } from '../../common/errors.js';
import { decodeText, describeBinary } from '../../common/text.js';
import { defineTool, type Tool } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { type AddressAllowance, checkAddress } from './address-policy.js';

/** Resolves a hostname to its IP addresses (the default uses the system resolver, `dns.lookup`). */
export type HttpResolver = (hostname: string) => Promise<readonly string[]>;

/** Options of {@link httpToolset}. */
export interface HttpToolsetOptions {
  /** Non-public address kinds the tools may reach (default: none). `{ loopback: true }` for a local test server. */
  allow?: AddressAllowance;
  /** Most bytes of a response body kept (default 1 MiB); the rest is not read, and the result says `truncated`. */
  maxResponseBytes?: number;
  /** Largest POST body, bytes (default 256 KiB). */
  maxRequestBytes?: number;
  /** Longest one call may take, redirects included, ms (default 30 s). */
  timeoutMs?: number;
  /** Most redirects followed (default 5). */
  maxRedirects?: number;
  /** Offer `http_post` (default `true`). */
  post?: boolean;
  /** Ask a person before a call (default: never). */
  needsApproval?: { get?: boolean; post?: boolean };
  /** Headers sent with every request (e.g. `user-agent`); `authorization` and `cookie` are dropped on a redirect to another origin. */
  headers?: Readonly<Record<string, string>>;
  /** The resolver (tests inject one; default the system resolver). */
  resolve?: HttpResolver;
  /** Prefix of the tool names (default `http_`). */
  namePrefix?: string;
}

/** What `http_get` and `http_post` return. */
export interface HttpFetchResult {
  /** The URL that answered (after redirects). */
  url: string;
  /** HTTP status. */
  status: number;
  /** The `content-type` header, when sent. */
  content_type?: string;
  /** The body as text. */
  body?: string;
  /** For a binary body: what it looks like (never the bytes). */
  binary?: string;
  /** Body bytes read. */
  bytes: number;
  /** Set when the body was longer than the cap and was cut there. */
  truncated?: true;
  /** The URLs redirected from, in order. */
  redirects?: string[];
}

const KIB = 1024;
/** Headers the model may not set: the toolset decides how it talks to the server. */
const FORBIDDEN_HEADERS =
  /^(host|connection|content-length|transfer-encoding|te|trailer|upgrade|keep-alive|expect|accept-encoding|proxy-.*)$/i;
const CROSS_ORIGIN_DROPPED = /^(authorization|cookie)$/i;

function refuse(reason: string, message: string): never {
  throw new ToolRefusedError(reason, message);
}

/** Parses and checks a model-given URL: http or https, no credentials. */
function checkUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    refuse('invalid-url', `${JSON.stringify(input)} is not an absolute URL; give one that starts with https://.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    refuse('scheme', `Refused: ${url.protocol} URLs are not fetched; only http: and https:.`);
  if (url.username !== '' || url.password !== '')
    refuse('credentials', 'Refused: the URL carries a user name or password; credentials in URLs are not sent.');
  return url;
}

function checkHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (FORBIDDEN_HEADERS.test(name)) refuse('header', `Refused: the header "${name}" is set by the toolset.`);
    if (/[\r\n\0]/.test(name) || /[\r\n\0]/.test(value))
      refuse('header', `Refused: the header "${name}" contains a line break or NUL.`);
  }
}

const hostOf = (url: URL) => (url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname);

/** The addresses of a URL's host (the literal, or the resolver's answer), every one checked. */
async function checkedAddresses(url: URL, allow: AddressAllowance, resolve: HttpResolver): Promise<string[]> {
  const host = hostOf(url);
  let addresses: readonly string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new ConnectionError('http', `${host} could not be resolved`, { cause: error });
    }
  }
  if (addresses.length === 0) throw new ConnectionError('http', `${host} has no address`);
  // Every address, not just the first: a name with one public and one private address is refused.
  for (const address of addresses) checkAddress(address, allow, url.host);
  return [...addresses];
}

/** A `lookup` for `node:http` that answers with the checked addresses only (no second resolution). */
function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const first = entries[0];
    if (options.all) (callback as (error: null, all: typeof entries) => void)(null, entries);
    else if (first) callback(null, first.address, first.family);
  };
}

/** One request of a call (a redirect makes the next). @internal */
export interface Hop {
  url: URL;
  method: 'GET' | 'POST';
  body?: Buffer;
  headers: OutgoingHttpHeaders;
}

/**
 * Sends one request to a checked address; refuses the socket if the connected address is not allowed.
 * @internal exported for a test of the connected-address check
 */
export function send(hop: Hop, addresses: readonly string[], allow: AddressAllowance, signal: AbortSignal) {
  return new Promise<{ response: IncomingMessage; request: ClientRequest }>((resolve, reject) => {
    const request = (hop.url.protocol === 'https:' ? httpsRequest : httpRequest)(hop.url, {
      method: hop.method,
      headers: hop.headers,
      agent: false,
      lookup: pinnedLookup(addresses),
      signal,
    });
    request.on('socket', (socket) => {
      socket.once('connect', () => {
        try {
          checkAddress(socket.remoteAddress ?? '', allow, hop.url.host);
        } catch (error) {
          request.destroy(error as Error);
        }
      });
    });
    request.on('response', (response) => resolve({ response, request }));
    request.on('error', reject);
    request.end(hop.body);
  });
}

/** Reads a body up to `limit` bytes; stops (and closes the connection) there. */
async function readCapped(response: IncomingMessage, request: ClientRequest, limit: number) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const room = limit - bytes;
    chunks.push(chunk.subarray(0, Math.max(0, room)));
    bytes += Math.min(chunk.length, Math.max(0, room));
    if (chunk.length > room) {
      truncated = true;
      request.destroy();
      break;
    }
  }
  return { bytes: Buffer.concat(chunks), truncated };
}

/** Where a redirect goes, or `undefined` when the response is not one. */
function redirectTarget(response: IncomingMessage, from: URL): URL | undefined {
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (![301, 302, 303, 307, 308].includes(status) || !location) return undefined;
  try {
    return new URL(location, from);
  } catch {
    refuse('invalid-url', `The server redirected to ${JSON.stringify(location)}, which is not a URL.`);
  }
}

interface FetchSettings {
  allow: AddressAllowance;
  /** Test seam: kinds also allowed for the first hop only (a loopback test server that redirects). */
  firstHop?: AddressAllowance;
  resolve: HttpResolver;
  maxResponseBytes: number;
  maxRedirects: number;
  timeoutMs: number;
}

/** One model call: checked hops until a response that is not a redirect. */
async function fetchChecked(first: Hop, settings: FetchSettings, callSignal: AbortSignal): Promise<HttpFetchResult> {
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = AbortSignal.any([callSignal, timeout]);
  const redirects: string[] = [];
  let hop = first;
  try {
    for (;;) {
      const allow = redirects.length === 0 ? { ...settings.allow, ...settings.firstHop } : settings.allow;
      const addresses = await checkedAddresses(hop.url, allow, settings.resolve);
      signal.throwIfAborted();
      const { response, request } = await send(hop, addresses, allow, signal);
      const next = redirectTarget(response, hop.url);
      if (!next) {
        const { bytes, truncated } = await readCapped(response, request, settings.maxResponseBytes);
        const text = decodeText(bytes);
        const result: HttpFetchResult = { url: hop.url.href, status: response.statusCode ?? 0, bytes: bytes.length };
        const type = response.headers['content-type'];
        if (type) result.content_type = type;
        if (text === undefined) result.binary = describeBinary(bytes, bytes.length);
        else result.body = text;
        if (truncated) result.truncated = true;
        if (redirects.length > 0) result.redirects = redirects;
        return result;
      }
      request.destroy();
      if (redirects.length >= settings.maxRedirects)
        refuse('too-many-redirects', `Stopped after ${settings.maxRedirects} redirects (last: ${next.href}).`);
      redirects.push(hop.url.href);
      hop = redirectHop(hop, next, response.statusCode ?? 0);
    }
  } catch (error) {
    if (timeout.aborted && !callSignal.aborted) throw new TimeoutError('http', 'request', settings.timeoutMs);
    if (ToolRefusedError.isInstance(error) || callSignal.aborted) throw error;
    if (error instanceof Error && 'code' in error)
      throw new ConnectionError('http', `${hop.url.host}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The next hop of a redirect: checked like the first URL; 301/302/303 turn a POST into a GET without body. */
function redirectHop(previous: Hop, target: URL, status: number): Hop {
  let url: URL;
  try {
    url = checkUrl(target.href);
  } catch (error) {
    if (ToolRefusedError.isInstance(error))
      refuse(error.reason, `The server redirected to ${target.protocol}//…: ${error.message}`);
    throw error;
  }
  const keepBody = status === 307 || status === 308;
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(previous.headers)) {
    if (url.origin !== previous.url.origin && CROSS_ORIGIN_DROPPED.test(name)) continue;
    if (!keepBody && name === 'content-type') continue;
    headers[name] = value;
  }
  return keepBody && previous.body
    ? { url, method: previous.method, body: previous.body, headers }
    : { url, method: 'GET', headers };
}

function positive(name: string, value: number | undefined, fallback: number, zeroOk = false): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) && (value > 0 || (zeroOk && value === 0))))
    throw new ToolDefinitionError(name, 'limits must be positive integers');
  return value;
}

const defaultResolver: HttpResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The http toolset: `http_get` and `http_post` (unless `post: false`). Node only (see the module notes for other
 * runtimes).
 * @example
 * ```ts
 * import { httpToolset } from 'hello-dave/node';
 * const web = httpToolset({ maxResponseBytes: 200_000, needsApproval: { post: true } });
 * ```
 */
export function httpToolset(options: HttpToolsetOptions = {}): ToolSet {
  return new ToolSet(createHttpTools(options), { name: 'http' });
}

/** Test seams of {@link createHttpTools}. @internal */
export interface HttpTestSeams {
  /**
   * Address kinds allowed for the first hop only, so that a test server on 127.0.0.1 can answer a redirect whose
   * next hop is checked by the toolset's own policy (which may refuse loopback).
   */
  firstHop?: AddressAllowance;
}

/** The tools of {@link httpToolset} (tests pass seams). @internal */
export function createHttpTools(options: HttpToolsetOptions, seams: HttpTestSeams = {}): Tool[] {
  const prefix = options.namePrefix ?? 'http_';
  const maxRequestBytes = positive(`${prefix}post`, options.maxRequestBytes, 256 * KIB);
  const settings: FetchSettings = {
    allow: { ...options.allow },
    ...(seams.firstHop ? { firstHop: { ...seams.firstHop } } : {}),
    resolve: options.resolve ?? defaultResolver,
    maxResponseBytes: positive(`${prefix}get`, options.maxResponseBytes, 1024 * KIB),
    maxRedirects: positive(`${prefix}get`, options.maxRedirects, 5, true),
    timeoutMs: positive(`${prefix}get`, options.timeoutMs, 30_000),
  };
  const appHeaders = { ...options.headers };
  const headersOf = (given: Readonly<Record<string, string>> | undefined): OutgoingHttpHeaders => {
    if (given) checkHeaders(given);
    const merged: OutgoingHttpHeaders = { 'accept-encoding': 'identity' };
    for (const [name, value] of Object.entries({ ...appHeaders, ...given })) merged[name.toLowerCase()] = value;
    return merged;
  };
  const limits = `Responses are cut at ${settings.maxResponseBytes} bytes; private and local network addresses are refused.`;
  const headersSchema = z.optional(z.record(z.string(), z.string()));

  const tools: Tool[] = [
    defineTool({
      name: `${prefix}get`,
      description: `Fetches a public http(s) URL with GET and returns its status and body text. ${limits}`,
      input: z.object({ url: z.string(), headers: headersSchema }),
      needsApproval: options.needsApproval?.get === true,
      run: async ({ url, headers }, context) =>
        fetchChecked({ url: checkUrl(url), method: 'GET', headers: headersOf(headers) }, settings, context.signal),
    }),
  ];
  if (options.post !== false) {
    tools.push(
      defineTool({
        name: `${prefix}post`,
        description: `Sends a POST with a text body (JSON by default) to a public http(s) URL and returns its status and body text. ${limits}`,
        input: z.object({
          url: z.string(),
          body: z.string(),
          content_type: z.optional(z.string()),
          headers: headersSchema,
        }),
        needsApproval: options.needsApproval?.post === true,
        run: async ({ url, body, content_type, headers }, context) => {
          const bytes = Buffer.from(body, 'utf8');
          if (bytes.length > maxRequestBytes)
            refuse('too-large', `The body is ${bytes.length} bytes; the limit is ${maxRequestBytes} bytes.`);
          const merged = headersOf(headers);
          merged['content-type'] = content_type ?? merged['content-type'] ?? 'application/json';
          if (/[\r\n\0]/.test(String(merged['content-type'])))
            refuse('header', 'Refused: content_type contains a line break or NUL.');
          return fetchChecked(
            { url: checkUrl(url), method: 'POST', body: bytes, headers: merged },
            settings,
            context.signal,
          );
        },
      }),
    );
  }
  return tools;
}
