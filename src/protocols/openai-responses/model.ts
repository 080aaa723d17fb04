/**
 * The Responses endpoint functions and a {@link ChatModel} built on them, parameterised by a provider's
 * {@link ResponsesDialect} and HTTP client. Providers (OpenAI, xAI) wrap these; neither imports the other.
 * @see https://platform.openai.com/docs/api-reference/responses
 * @module
 */

import { RequestValidationError } from '../../common/errors.js';
import { validateInput } from '../../common/validate.js';
import type { ChatModel, ModelCallOptions, ModelRequest, ModelResponse, ModelStreamEvent } from '../../core/model.js';
import type { HttpClient, HttpResponse, RequestOptions, SseEvent } from '../../http/types.js';
import type { ResponsesDialect } from './dialect.js';
import { type BuiltResponsesRequest, buildResponsesRequest } from './request.js';
import { responsesCreateBodySchema } from './request-schema.js';
import { type ParseResponsesOptions, parseResponsesResponse, readResponsesBody } from './response.js';
import { mapResponsesStream } from './stream.js';
import type { ResponsesBuiltinTool, ResponsesCreateBody, ResponsesResponse } from './wire.js';

/**
 * `POST /responses` with a finished body; returns the response object (wire fields as sent, validated
 * leniently). A model call creates nothing billable twice on a retry that the provider did not process, and the
 * official SDKs retry it on 5xx too, so it uses the `safe` retry policy.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export async function postResponses(
  client: HttpClient,
  body: ResponsesCreateBody,
  options: RequestOptions = {},
): Promise<HttpResponse<ResponsesResponse>> {
  const answer = await client.request<unknown>({
    ...options,
    method: 'POST',
    path: 'responses',
    json: body,
    retry: 'safe',
    // The whole answer comes after the whole generation (minutes for a reasoning model).
    generation: true,
  });
  return { ...answer, data: readResponsesBody(answer.data, client.provider) };
}

/**
 * `POST /responses` with `stream: true`; yields the raw server-sent events as they arrive.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function streamResponsesEvents(
  client: HttpClient,
  body: ResponsesCreateBody,
  options: RequestOptions = {},
): AsyncIterable<SseEvent> {
  return client.sse({ ...options, method: 'POST', path: 'responses', json: { ...body, stream: true }, retry: 'safe' });
}

/** Configuration of {@link createResponsesChatModel}. */
export interface ResponsesChatModelConfig {
  /** Model id. */
  modelId: string;
  /** Provider rules. */
  dialect: ResponsesDialect;
  /** The provider's HTTP client, made on first use. */
  client: () => HttpClient;
  /** Store responses and chain tool follow-ups with `previous_response_id`. */
  store: boolean;
  /** Built-in tools sent with every request. */
  builtinTools?: readonly ResponsesBuiltinTool[];
  /** Extra `include` values. */
  include?: readonly string[];
  /** Throw on `incomplete` instead of returning finish reason `length` / `content-filter` (the providers default it to true). */
  throwOnIncomplete?: boolean;
  /** Sees every finished response object (usage extras such as xAI's `cost_in_usd_ticks`, citations). */
  onResponse?: (response: ResponsesResponse) => void;
  /** Body fields of the model's typed settings (checked already), sent with every request; provider options override them. */
  bodyFields?: Readonly<Record<string, unknown>>;
}

/**
 * A {@link ChatModel} on the Responses endpoint: `generate` posts one request and maps its response;
 * `stream` posts with `stream: true` and yields events as they arrive, ending with the assembled response.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
export function createResponsesChatModel(config: ResponsesChatModelConfig): ChatModel {
  let client: HttpClient | undefined;
  const getClient = (): HttpClient => {
    if (!client) client = config.client();
    return client;
  };
  // Per-request objects are plain literals (absent options as undefined), not conditional spreads: on Node 20 the
  // spread copies outlived their request (bytes promoted by every minor collection).
  const build = (request: ModelRequest, stream: boolean): BuiltResponsesRequest =>
    buildResponsesRequest(request, {
      modelId: config.modelId,
      dialect: config.dialect,
      store: config.store,
      builtinTools: config.builtinTools,
      include: config.include,
      stream,
      bodyFields: config.bodyFields,
    });
  const parseOptions = (built: BuiltResponsesRequest, requestId?: string): ParseResponsesOptions => ({
    dialect: config.dialect,
    store: built.store,
    restoreArguments: built.restoreArguments,
    restoreOutput: built.restoreOutput,
    requestId,
    throwOnIncomplete: config.throwOnIncomplete === true,
    onResponse: config.onResponse,
  });

  return {
    provider: config.dialect.provider,
    modelId: config.modelId,
    async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResponse> {
      const built = build(request, false);
      // Validated once, by the mapping (postResponses would validate a second time).
      const answer = await getClient().request<unknown>({
        method: 'POST',
        path: 'responses',
        json: built.body,
        retry: 'safe',
        generation: true,
        signal: options.signal,
      });
      return parseResponsesResponse(answer.data, parseOptions(built, answer.requestId));
    },
    async *stream(
      request: ModelRequest,
      options: ModelCallOptions = {},
    ): AsyncGenerator<ModelStreamEvent, void, undefined> {
      const built = build(request, true);
      const events = getClient().sse({
        method: 'POST',
        path: 'responses',
        json: built.body,
        retry: 'safe',
        signal: options.signal,
      });
      yield* mapResponsesStream(events, parseOptions(built));
    },
  };
}

/** Options of a provider's Responses chat model (`openai(id, options)`, `xai(id, options)`). */
export interface ResponsesModelOptions<TClient extends HttpClient = HttpClient> {
  /** Client to use; default the provider's client from the environment, made on the first call. */
  client?: TClient;
  /**
   * Store responses at the provider (default true, as the API) and continue tool rounds with
   * `previous_response_id`, sending only the `function_call_output` items. With false, every request carries the
   * whole history, reasoning items included with their encrypted content. Per call: `providerOptions.<provider>.store`.
   */
  store?: boolean;
  /** Built-in tools sent with every request; per call: `providerOptions.<provider>.builtinTools`. */
  builtinTools?: readonly ResponsesBuiltinTool[];
  /** Extra `include` values (`web_search_call.action.sources`, …). */
  include?: readonly string[];
  /**
   * Throw on status `incomplete` (a `ContentFilterError`, or an `ApiError` whose code is the reason such as
   * `max_output_tokens`), so a truncated answer never passes for a finished one. Default true; `false` returns
   * the partial answer with finish reason `length` / `content-filter` / `other` instead.
   */
  throwOnIncomplete?: boolean;
  /** Sees each response object as received (usage details, annotations, provider extras). */
  onResponse?: (response: ResponsesResponse) => void;
}

/**
 * Makes a provider's Responses chat model with the defaults every provider shares (store and throwOnIncomplete on);
 * `bodyFields` are the provider's typed settings in wire form, sent with every request.
 */
export function responsesModel(
  modelId: string,
  dialect: ResponsesDialect,
  options: ResponsesModelOptions,
  defaultClient: () => HttpClient,
  bodyFields?: Readonly<Record<string, unknown>>,
): ChatModel {
  return createResponsesChatModel({
    modelId,
    dialect,
    client: () => options.client ?? defaultClient(),
    store: options.store ?? true,
    ...(options.builtinTools ? { builtinTools: options.builtinTools } : {}),
    ...(options.include ? { include: options.include } : {}),
    throwOnIncomplete: options.throwOnIncomplete ?? true,
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
    ...(bodyFields && Object.keys(bodyFields).length > 0 ? { bodyFields } : {}),
  });
}

/**
 * `POST /responses` from a wire body for direct use: checks it first (schema, then the dialect's own rules),
 * refuses `stream: true` (a model's `stream()` handles streaming) and returns the response object.
 */
export async function createResponseWith(
  dialect: ResponsesDialect,
  client: HttpClient,
  body: ResponsesCreateBody,
  options: RequestOptions = {},
): Promise<ResponsesResponse> {
  const checked = validateInput(responsesCreateBodySchema, body, 'createResponse body');
  if (checked.stream) {
    throw new RequestValidationError(
      [
        {
          path: 'stream',
          message: `streaming is not available here; use the model from ${dialect.provider}() and its stream()`,
        },
      ],
      'createResponse body',
    );
  }
  dialect.checkBody?.(body);
  return (await postResponses(client, body, options)).data;
}
