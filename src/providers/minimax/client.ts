/**
 * The MiniMax client: a small object made by {@link createMiniMaxClient}, passed to every endpoint function.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @module
 */
import { createHttpClient, firstEnvVar, runtimeEnv } from '../../http/create-http-client.js';
import type {
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  ProviderConfig,
  RawReadResult,
  SseEvent,
} from '../../http/types.js';
import { createMiniMaxClassifier, MINIMAX_PROVIDER_NAME, type MiniMaxClassifierContext } from './errors.js';

/** Where the key was issued: `global` (platform.minimax.io) or `cn` (mainland China, platform.minimaxi.com). */
export type MiniMaxRegion = 'global' | 'cn';

/**
 * Current API hosts per region. All paths are the same on both.
 * The newest mainland-China doc pages list `https://api.minimax.cn` as their server; whether it and
 * `api.minimaxi.com` both stay accepted is unverified — pass `baseUrl` to use it.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 */
export const MINIMAX_BASE_URLS: Readonly<Record<MiniMaxRegion, string>> = {
  global: 'https://api.minimax.io',
  cn: 'https://api.minimaxi.com',
};

/** Legacy hosts still seen in older code (`api.minimaxi.chat` international, `api.minimax.chat` China). */
export const MINIMAX_LEGACY_BASE_URLS: Readonly<Record<MiniMaxRegion, string>> = {
  global: 'https://api.minimaxi.chat',
  cn: 'https://api.minimax.chat',
};

/** Options of {@link createMiniMaxClient}. */
export interface MiniMaxClientOptions extends HttpClientOptions {
  /**
   * Region the key belongs to (keys are region-bound). Default `global`. Ignored when `baseUrl` or
   * `MINIMAX_BASE_URL` is set.
   */
  region?: MiniMaxRegion;
  /**
   * Group id, appended as the `GroupId` query parameter to every request only when set (older keys needed it;
   * current keys do not). Defaults to `MINIMAX_GROUP_ID`. A GroupId that is not the key's gives error 1004.
   */
  groupId?: string;
}

/** A MiniMax client: the shared HTTP client configured for MiniMax, plus its region and group. */
export interface MiniMaxClient extends HttpClient {
  /** The region whose host is used (`undefined` when a custom base URL points elsewhere). */
  readonly region: MiniMaxRegion | undefined;
  /** The GroupId appended to requests, when configured. */
  readonly groupId: string | undefined;
}

/** Environment variables for the key, first set wins. */
export const MINIMAX_API_KEY_ENV: readonly string[] = ['MINIMAX_API_KEY'];
/** Environment variables for the base URL, first set wins. */
export const MINIMAX_BASE_URL_ENV: readonly string[] = ['MINIMAX_BASE_URL'];
/** Environment variables for the optional GroupId. */
export const MINIMAX_GROUP_ID_ENV: readonly string[] = ['MINIMAX_GROUP_ID'];

/** `https://api.minimax.io/v1/` → `https://api.minimax.io` (endpoint paths carry `/v1` themselves). */
function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function regionOf(baseUrl: string): MiniMaxRegion | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).host;
  } catch {
    return undefined;
  }
  if (host === 'api.minimax.io' || host === 'api.minimaxi.chat') return 'global';
  if (host === 'api.minimaxi.com' || host === 'api.minimax.chat' || host === 'api.minimax.cn') return 'cn';
  return undefined;
}

/**
 * Provider settings for MiniMax (global host): Bearer key from `MINIMAX_API_KEY`, base URL from `MINIMAX_BASE_URL`.
 * {@link createMiniMaxClient} builds its own copy per region.
 */
export const MINIMAX_PROVIDER: ProviderConfig = {
  provider: MINIMAX_PROVIDER_NAME,
  baseUrl: MINIMAX_BASE_URLS.global,
  baseUrlEnv: MINIMAX_BASE_URL_ENV,
  apiKeyEnv: MINIMAX_API_KEY_ENV,
  auth: { type: 'bearer' },
  classify: createMiniMaxClassifier({ region: 'global', baseUrl: MINIMAX_BASE_URLS.global }),
  requestIdHeaders: ['trace-id', 'x-trace-id', 'x-request-id'],
  lostAnswerHint:
    'check the usage page of the MiniMax console: MiniMax lists no past tasks, and a task is found only by the id its answer carried',
};

/**
 * What a client's errors say about where the key was sent (region, base URL, whether a GroupId is appended).
 * `client.request` needs no help: the client's classifier already holds this context and throws on a non-zero
 * `base_resp.status_code`, so a body it returns is a success. Pass it to `assertMiniMaxOk` / `miniMaxEnvelopeError`
 * only for bodies the classifier never sees (`client.raw` answers, stream events), so their auth errors keep the
 * region and GroupId advice too.
 * @see https://platform.minimax.io/docs/api-reference/errorcode
 */
export function miniMaxClassifierContext(
  client: Pick<MiniMaxClient, 'region' | 'baseUrl' | 'groupId'>,
): MiniMaxClassifierContext {
  return {
    ...(client.region === undefined ? {} : { region: client.region }),
    baseUrl: client.baseUrl,
    groupId: client.groupId !== undefined,
  };
}

function withGroup(request: HttpRequest, groupId: string | undefined): HttpRequest {
  if (!groupId) return request;
  return { ...request, query: { ...request.query, GroupId: groupId } };
}

/**
 * Creates a MiniMax client. The key (`MINIMAX_API_KEY`) is read when a request is made, not here.
 * Keys are region-bound: a key from platform.minimax.io works against `https://api.minimax.io` (`global`),
 * one from platform.minimaxi.com against `https://api.minimaxi.com` (`cn`); the wrong pairing answers with an
 * AuthenticationError that says so.
 * @see https://platform.minimax.io/docs/api-reference/api-overview
 * @example
 * ```ts
 * const mm = createMiniMaxClient();                   // MINIMAX_API_KEY, global host
 * const cn = createMiniMaxClient({ region: 'cn' });   // a mainland-China key
 * ```
 */
export function createMiniMaxClient(options: MiniMaxClientOptions = {}): MiniMaxClient {
  const { region: wantedRegion, groupId: groupOption, ...rest } = options;
  const env = rest.env ?? runtimeEnv();
  const configured = rest.baseUrl ?? firstEnvVar(env, MINIMAX_BASE_URL_ENV);
  const baseUrl = normaliseBaseUrl(configured ?? MINIMAX_BASE_URLS[wantedRegion ?? 'global']);
  const region = configured ? regionOf(baseUrl) : (wantedRegion ?? 'global');
  const groupId = groupOption?.trim() || firstEnvVar(env, MINIMAX_GROUP_ID_ENV);
  const config: ProviderConfig = {
    ...MINIMAX_PROVIDER,
    baseUrl,
    classify: createMiniMaxClassifier({
      ...(region === undefined ? {} : { region }),
      baseUrl,
      groupId: groupId !== undefined,
    }),
  };
  const http = createHttpClient(config, { ...rest, baseUrl });
  const client: MiniMaxClient = {
    get provider() {
      return http.provider;
    },
    get baseUrl() {
      return http.baseUrl;
    },
    get options() {
      return http.options;
    },
    region,
    groupId,
    request: <T>(request: HttpRequest) => http.request<T>(withGroup(request, groupId)),
    raw: (request: HttpRequest) => http.raw(withGroup(request, groupId)),
    rawRead: <T>(request: HttpRequest, read: (response: Response) => Promise<RawReadResult<T>>) =>
      http.rawRead<T>(withGroup(request, groupId), read),
    sse: (request: HttpRequest): AsyncIterable<SseEvent> => http.sse(withGroup(request, groupId)),
    authHeaders: () => http.authHeaders(),
    secrets: () => http.secrets(),
  };
  return client;
}
