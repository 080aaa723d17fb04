/**
 * Builds a Responses request body from a provider-neutral {@link ModelRequest}.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @module
 */

import { RequestValidationError } from '../../common/errors.js';
import type { ModelRequest } from '../../core/model.js';
import type {
  AssistantMessage,
  MediaSource,
  Message,
  TextPart,
  ToolResultPart,
  UserPart,
} from '../../core/prompt/message.js';
import type { ResponsesDialect } from './dialect.js';
import { setOutputFormat, setTools } from './request-tools.js';
import type {
  ResponsesBuiltinTool,
  ResponsesCreateBody,
  ResponsesFunctionCallOutputItem,
  ResponsesInputContentPart,
  ResponsesInputItem,
  ResponsesOutputTextPart,
  ResponsesRefusalPart,
} from './wire.js';

/**
 * The opaque `continuation` a Responses model hands back (in `ModelResponse.continuation`): the stored response
 * id and the call ids of the function calls it made. A later request chains onto it with
 * `previous_response_id` only when its trailing tool results answer exactly those calls.
 */
export interface ResponsesContinuation {
  /** Provider that stored the response. */
  provider: string;
  /** The stored response's id (`resp_…` at OpenAI, a UUID at xAI). */
  responseId: string;
  /** `call_id`s of the function calls in that response. */
  callIds: string[];
}

/** Reads a continuation of this provider; anything else (another provider's, a foreign shape) gives undefined. */
export function readContinuation(value: unknown, provider: string): ResponsesContinuation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.provider !== provider || typeof record.responseId !== 'string' || !record.responseId) return undefined;
  if (!Array.isArray(record.callIds) || !record.callIds.every((id) => typeof id === 'string')) return undefined;
  return { provider, responseId: record.responseId, callIds: record.callIds as string[] };
}

/** Options of {@link buildResponsesRequest}. */
export interface BuildResponsesRequestOptions {
  /** Model id. */
  modelId: string;
  /** Provider rules. */
  dialect: ResponsesDialect;
  /** Store responses and chain tool follow-ups with `previous_response_id` (overridable per call with `providerOptions.<provider>.store`). */
  store: boolean;
  /** Built-in tools appended to the function tools. */
  builtinTools?: readonly ResponsesBuiltinTool[];
  /** Extra `include` values. */
  include?: readonly string[];
  /** Ask for a server-sent event stream. */
  stream?: boolean;
  /** Body fields of the model's own typed settings, set before `providerOptions` (which may override them). */
  bodyFields?: Readonly<Record<string, unknown>>;
}

/** A built request plus what the response mapping needs to undo the strict-mode shaping. */
export interface BuiltResponsesRequest {
  /** The body to POST. */
  body: ResponsesCreateBody;
  /** Whether this request stores its response (decides whether a continuation is handed back). */
  store: boolean;
  /** Per function name: removes the `null`s strict mode forced onto optional properties. */
  restoreArguments: ReadonlyMap<string, (value: unknown) => unknown>;
  /** The same for a structured-output answer. */
  restoreOutput?: (value: unknown) => unknown;
}

const MEDIA_MIME_FALLBACK = 'application/octet-stream';

function dataUrl(source: Extract<MediaSource, { kind: 'base64' }>): string {
  return `data:${source.mimeType || MEDIA_MIME_FALLBACK};base64,${source.data}`;
}

function userPart(part: UserPart, path: string): ResponsesInputContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image': {
      const detail = part.detail ?? 'auto';
      if (part.source.kind === 'file') return { type: 'input_image', file_id: part.source.fileId, detail };
      const url = part.source.kind === 'url' ? part.source.url : dataUrl(part.source);
      return { type: 'input_image', image_url: url, detail };
    }
    case 'file': {
      const source = part.source;
      if (source.kind === 'file') return { type: 'input_file', file_id: source.fileId };
      if (source.kind === 'url') {
        return source.url.startsWith('data:')
          ? { type: 'input_file', file_data: source.url, filename: part.filename ?? 'file' }
          : { type: 'input_file', file_url: source.url };
      }
      return { type: 'input_file', file_data: dataUrl(source), filename: part.filename ?? 'file' };
    }
    case 'audio':
      throw new RequestValidationError(
        [{ path, message: 'audio input is not supported by the Responses API; transcribe it first or send a file' }],
        'model request',
      );
  }
}

/** True when a message carries reasoning or provider items of another provider (then its item ids are foreign). */
function isForeign(message: AssistantMessage, provider: string): boolean {
  return message.content.some(
    (part) => (part.type === 'reasoning' || part.type === 'provider-item') && part.provider !== provider,
  );
}

function assistantItems(message: AssistantMessage, provider: string, out: ResponsesInputItem[]): void {
  const foreign = isForeign(message, provider);
  let text: (ResponsesOutputTextPart | ResponsesRefusalPart)[] | undefined;
  let phase: TextPart['phase'];
  const flushText = () => {
    if (text)
      out.push(
        phase === undefined ? { role: 'assistant', content: text } : { role: 'assistant', content: text, phase },
      );
    text = undefined;
  };
  for (const part of message.content) {
    if (part.type === 'text') {
      // One output message per phase: a commentary and the final answer go back as the two items they came as.
      if (text && part.phase !== phase) flushText();
      if (!text) {
        text = [];
        phase = part.phase;
      }
      text.push(
        part.refusal
          ? { type: 'refusal', refusal: part.text }
          : { type: 'output_text', text: part.text, annotations: [] },
      );
      continue;
    }
    flushText();
    switch (part.type) {
      case 'tool-call':
        out.push({
          type: 'function_call',
          ...(part.itemId && !foreign ? { id: part.itemId } : {}),
          call_id: part.id,
          name: part.name,
          arguments: part.arguments,
        });
        break;
      case 'reasoning':
      case 'provider-item':
        // Replayed exactly, in place: the provider pairs a reasoning item with the item that follows it.
        if (part.provider === provider && typeof part.data === 'object' && part.data !== null) {
          out.push(part.data as ResponsesInputItem);
        }
        break;
      case 'media':
        if (!foreign && part.itemId && part.kind === 'image' && part.source.kind === 'base64') {
          out.push({ type: 'image_generation_call', id: part.itemId, status: 'completed', result: part.source.data });
        }
        break;
    }
  }
  flushText();
}

function toolOutputs(results: readonly ToolResultPart[], out: ResponsesInputItem[]): void {
  for (const result of results) {
    const item: ResponsesFunctionCallOutputItem = {
      type: 'function_call_output',
      call_id: result.callId,
      output: result.output,
    };
    out.push(item);
  }
}

/**
 * Maps the provider-neutral history to input items: user content parts, assistant text as output messages (one
 * per run of text parts of the same `phase`, which is resent),
 * function calls (with `call_id` and, when the message is this provider's own, the item id), tool results as
 * `function_call_output`, and this provider's reasoning and other items replayed exactly and in order.
 * Reasoning and provider items of another provider are dropped (with the item ids of that message).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function messagesToInput(messages: readonly Message[], provider: string): ResponsesInputItem[] {
  const out: ResponsesInputItem[] = [];
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: message.content });
        break;
      case 'user':
        out.push({
          role: 'user',
          content: message.content.map((part, partIndex) => userPart(part, `messages.${index}.content.${partIndex}`)),
        });
        break;
      case 'assistant':
        assistantItems(message, provider, out);
        break;
      case 'tool':
        toolOutputs(message.content, out);
        break;
    }
  });
  return out;
}

/** Tool results at the end of the history (after the last assistant message). */
function trailingToolResults(messages: readonly Message[]): ToolResultPart[] | undefined {
  let index = messages.length - 1;
  if (messages[index]?.role !== 'tool') return undefined;
  const results: ToolResultPart[] = [];
  while (index >= 0) {
    const message = messages[index];
    if (message?.role !== 'tool') break;
    results.unshift(...message.content);
    index -= 1;
  }
  return results;
}

function chainable(messages: readonly Message[], continuation: ResponsesContinuation): ToolResultPart[] | undefined {
  const results = trailingToolResults(messages);
  if (!results || results.length === 0) return undefined;
  // The answered ids and the asked ids must be the same set (a turn has a handful of calls: no Sets needed).
  const asked = continuation.callIds;
  for (const id of asked) if (!results.some((result) => result.callId === id)) return undefined;
  for (const result of results) if (!asked.includes(result.callId)) return undefined;
  return results;
}

/**
 * Builds the body of `POST /responses` from a model request.
 *
 * - A fresh request sends `instructions` and the whole history as input items.
 * - With `store` on and a continuation of this provider whose function calls are exactly answered by the
 *   trailing tool results, it chains with `previous_response_id` and sends **only** the `function_call_output`
 *   items (re-sending the calls would be rejected as duplicates); `instructions` go along only where the
 *   dialect allows it.
 * - Function tools are shaped for strict mode where the dialect asks for it; built-in tools are appended.
 * - `providerOptions[provider]` is merged over the body last (`builtinTools` there is appended to the tools,
 *   `store` decides storing; fields the dialect ignores are dropped).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function buildResponsesRequest(
  request: ModelRequest,
  options: BuildResponsesRequestOptions,
): BuiltResponsesRequest {
  const { dialect } = options;
  const settings = request.settings ?? {};
  const { providerOptions, extraTools, store } = splitProviderOptions(
    settings.providerOptions?.[dialect.provider],
    dialect,
    options.store,
  );
  const body: ResponsesCreateBody = { model: options.modelId };
  setInput(body, request, dialect, store);
  const restoreArguments = setTools(body, request, dialect, options.builtinTools, extraTools);
  const restoreOutput = request.output ? setOutputFormat(body, request.output, dialect) : undefined;
  const reasoning = settings.reasoning;
  if (reasoning && (reasoning.effort !== undefined || reasoning.summary !== undefined)) {
    body.reasoning = {};
    if (reasoning.effort !== undefined) body.reasoning.effort = reasoning.effort;
    if (reasoning.summary !== undefined) body.reasoning.summary = reasoning.summary;
  }
  if (settings.maxOutputTokens !== undefined) body.max_output_tokens = settings.maxOutputTokens;
  if (settings.temperature !== undefined) body.temperature = settings.temperature;
  if (settings.topP !== undefined) body.top_p = settings.topP;
  body.store = store;
  if (!store || (options.include && options.include.length > 0)) {
    const include = new Set(options.include);
    // Without storage the provider cannot look reasoning up by id: its encrypted content must travel with it.
    if (!store) include.add('reasoning.encrypted_content');
    body.include = [...include];
  }
  if (options.stream) body.stream = true;
  if (options.bodyFields) Object.assign(body, options.bodyFields);
  if (providerOptions) Object.assign(body, providerOptions);
  dialect.checkBody?.(body);
  const built: BuiltResponsesRequest = { body, store, restoreArguments };
  if (restoreOutput) built.restoreOutput = restoreOutput;
  return built;
}

/**
 * This provider's `providerOptions`: `builtinTools` (appended to the tools) and `store` (overrides the model's)
 * taken out, fields the dialect ignores dropped; the rest is merged over the body last.
 */
function splitProviderOptions(
  given: Record<string, unknown> | undefined,
  dialect: ResponsesDialect,
  storeDefault: boolean,
): { providerOptions: Record<string, unknown> | undefined; extraTools: unknown; store: boolean } {
  if (!given) return { providerOptions: undefined, extraTools: undefined, store: storeDefault };
  const { builtinTools, store: storeOption, ...rest }: Record<string, unknown> = given;
  for (const field of dialect.ignoredFields ?? []) delete rest[field];
  return {
    providerOptions: rest,
    extraTools: builtinTools,
    store: typeof storeOption === 'boolean' ? storeOption : storeDefault,
  };
}

/**
 * Sets `instructions` and `input` on `body`: only the trailing tool results, chained with
 * `previous_response_id`, when a stored continuation of this provider is exactly answered by them; else the
 * whole history.
 */
function setInput(body: ResponsesCreateBody, request: ModelRequest, dialect: ResponsesDialect, store: boolean): void {
  const continuation = store ? readContinuation(request.continuation, dialect.provider) : undefined;
  const chainedResults = continuation ? chainable(request.messages, continuation) : undefined;
  if (continuation && chainedResults) {
    body.previous_response_id = continuation.responseId;
    if (request.instructions && dialect.instructionsWithPreviousResponse) body.instructions = request.instructions;
    const input: ResponsesInputItem[] = [];
    toolOutputs(chainedResults, input);
    body.input = input;
  } else {
    if (request.instructions) body.instructions = request.instructions;
    body.input = messagesToInput(request.messages, dialect.provider);
  }
}
