/**
 * The Chat Completions chat model for OpenAI-compatible servers: maps core's ModelRequest to
 * `POST /chat/completions` and the answer (or its stream) back to a ModelResponse.
 * @module
 */
import { ConnectionError, RequestValidationError } from '../../common/errors.js';
import type {
  ChatModel,
  FinishReason,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from '../../core/model.js';
import type {
  AssistantMessage,
  AssistantPart,
  MediaSource,
  Message,
  ToolCallPart,
  Usage,
  UserPart,
} from '../../core/prompt/message.js';
import { restoreJsonText, toStrictJsonSchemaCached } from '../../protocols/strict-json-schema.js';
import {
  type ChatCompletion,
  type ChatContentPart,
  type ChatMessageParam,
  type ChatToolCall,
  type ChatToolChoice,
  type ChatUsage,
  type CreateChatCompletionParams,
  openChatCompletionStream,
  sendChatCompletion,
} from './chat-completions.js';
import type { ChatCompletionsClient } from './client.js';

/**
 * Options of {@link chatCompletions}.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export interface ChatCompletionsModelOptions {
  /** The client (from `createChatCompletionsClient`). */
  client: ChatCompletionsClient;
  /** Which field carries `settings.maxOutputTokens`. Default `max_tokens` (what most compatible servers read). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Ask for usage in streams (`stream_options.include_usage`). Default true; turn off for servers that reject it. */
  streamUsage?: boolean;
  /**
   * Strict mode for tools and the structured-output schema. Each schema is shaped for the Chat Completions strict
   * rules (every object `additionalProperties: false`, every property in `required`, optional properties made
   * nullable; see `toStrictJsonSchema`) and sent with `strict: true`; a schema strict mode cannot express goes
   * as given with `strict: false`. The `null`s the model then sends for optional properties are removed from tool
   * arguments and the structured answer, so the caller's own schema accepts them.
   */
  strict?: boolean;
  /**
   * Send reasoning text back as `reasoning_content` on assistant messages (some servers want it back during tool
   * loops, others reject it). Default false.
   */
  sendReasoning?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Request mapping

function invalid(path: string, message: string): RequestValidationError {
  return new RequestValidationError([{ path, message }], 'chat completions request');
}

function dataUrl(source: Extract<MediaSource, { kind: 'base64' }>): string {
  return `data:${source.mimeType};base64,${source.data}`;
}

function userPart(part: UserPart, path: string): ChatContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const source = part.source;
      if (source.kind === 'file') throw invalid(path, 'Chat Completions takes images as URLs or base64, not file ids');
      const url = source.kind === 'url' ? source.url : dataUrl(source);
      return { type: 'image_url', image_url: part.detail ? { url, detail: part.detail } : { url } };
    }
    case 'audio': {
      const source = part.source;
      const format = source.kind === 'base64' ? /(wav|mp3|mpeg)/.exec(source.mimeType)?.[1] : undefined;
      if (source.kind !== 'base64' || !format) throw invalid(path, 'Chat Completions takes audio as base64 wav or mp3');
      return { type: 'input_audio', input_audio: { data: source.data, format: format === 'wav' ? 'wav' : 'mp3' } };
    }
    case 'file': {
      const source = part.source;
      const file: { file_id?: string; file_data?: string; filename?: string } = {};
      if (source.kind === 'file') file.file_id = source.fileId;
      else if (source.kind === 'base64') file.file_data = dataUrl(source);
      else if (source.url.startsWith('data:')) file.file_data = source.url;
      else throw invalid(path, 'Chat Completions takes files as base64 or file ids, not URLs');
      if (part.filename) file.filename = part.filename;
      return { type: 'file', file };
    }
  }
}

function toChatMessages(
  request: ModelRequest,
  options: ChatCompletionsModelOptions,
  provider: string,
): ChatMessageParam[] {
  const out: ChatMessageParam[] = [];
  if (request.instructions) out.push({ role: 'system', content: request.instructions });
  request.messages.forEach((message: Message, index) => {
    const path = `messages.${index}.content`;
    switch (message.role) {
      case 'system':
        out.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const only = message.content[0];
        if (message.content.length === 1 && only?.type === 'text') out.push({ role: 'user', content: only.text });
        else out.push({ role: 'user', content: message.content.map((part, at) => userPart(part, `${path}.${at}`)) });
        break;
      }
      case 'assistant': {
        const text = message.content
          .filter((part) => part.type === 'text')
          .map((part) => part.text)
          .join('');
        const calls: ChatToolCall[] = message.content
          .filter((part): part is ToolCallPart => part.type === 'tool-call')
          .map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
        const reasoning = options.sendReasoning
          ? message.content
              .filter((part) => part.type === 'reasoning' && part.provider === provider && part.text)
              .map((part) => (part.type === 'reasoning' ? part.text : ''))
              .join('')
          : '';
        if (!text && !calls.length) break;
        const assistant: ChatMessageParam = { role: 'assistant', content: text || null };
        if (calls.length) assistant.tool_calls = calls;
        if (reasoning) assistant.reasoning_content = reasoning;
        out.push(assistant);
        break;
      }
      case 'tool':
        for (const result of message.content) {
          out.push({ role: 'tool', tool_call_id: result.callId, content: result.output });
        }
        break;
    }
  });
  return out;
}

function toToolChoice(choice: ModelRequest['toolChoice']): ChatToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.tool } };
}

/** Undoes the strict-mode shaping on what the model sends back. */
interface Restore {
  /** Per tool name: removes the `null`s strict mode forced onto optional properties. */
  arguments: Map<string, (value: unknown) => unknown>;
  /** The same for the structured answer. */
  output?: (value: unknown) => unknown;
}

/** A request body plus what the response mapping needs to undo the strict-mode shaping. */
interface BuiltParams {
  params: CreateChatCompletionParams;
  restore: Restore;
}

function toParams(
  modelId: string,
  request: ModelRequest,
  options: ChatCompletionsModelOptions,
  provider: string,
): BuiltParams {
  const settings = request.settings ?? {};
  const params: CreateChatCompletionParams = { model: modelId, messages: toChatMessages(request, options, provider) };
  const restore: Restore = { arguments: new Map() };
  if (request.tools.length) {
    params.tools = request.tools.map((tool) => {
      if (!options.strict) {
        return {
          type: 'function',
          function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
        };
      }
      const shaped = toStrictJsonSchemaCached(tool.inputSchema);
      if (shaped.restore) restore.arguments.set(tool.name, shaped.restore);
      return {
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: shaped.schema, strict: shaped.strict },
      };
    });
    const choice = toToolChoice(request.toolChoice);
    if (choice) params.tool_choice = choice;
    if (settings.parallelToolCalls !== undefined) params.parallel_tool_calls = settings.parallelToolCalls;
  }
  if (request.output) {
    const shaped = options.strict ? toStrictJsonSchemaCached(request.output.schema) : undefined;
    if (shaped?.restore) restore.output = shaped.restore;
    params.response_format = {
      type: 'json_schema',
      json_schema: {
        name: request.output.name,
        schema: shaped ? shaped.schema : request.output.schema,
        ...(shaped ? { strict: shaped.strict } : {}),
      },
    };
  }
  if (settings.maxOutputTokens !== undefined) params[options.maxTokensField ?? 'max_tokens'] = settings.maxOutputTokens;
  if (settings.temperature !== undefined) params.temperature = settings.temperature;
  if (settings.topP !== undefined) params.top_p = settings.topP;
  if (settings.reasoning?.effort) params.reasoning_effort = settings.reasoning.effort;
  const extra = { ...settings.providerOptions?.['openai-compatible'], ...settings.providerOptions?.[provider] };
  return { params: { ...params, ...extra }, restore };
}

// ---------------------------------------------------------------------------------------------------------------
// Response mapping

function toFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'stop':
    case 'eos':
    case 'end_turn':
      // Some local servers report `stop` although the answer holds tool calls.
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return hasToolCalls ? 'tool-calls' : 'other';
  }
}

function toUsage(usage: ChatUsage | null | undefined): Usage {
  const inputTokens = usage?.prompt_tokens ?? 0;
  const outputTokens = usage?.completion_tokens ?? 0;
  const out: Usage = { inputTokens, outputTokens, totalTokens: usage?.total_tokens ?? inputTokens + outputTokens };
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') out.cachedInputTokens = cached;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}

interface Assembled {
  reasoning: string;
  text: string;
  refusal: string;
  calls: ToolCallPart[];
}

function toMessage(provider: string, assembled: Assembled, restore: Restore): AssistantMessage {
  const content: AssistantPart[] = [];
  if (assembled.reasoning) {
    content.push({
      type: 'reasoning',
      provider,
      text: assembled.reasoning,
      data: { reasoning_content: assembled.reasoning },
    });
  }
  if (assembled.text) content.push({ type: 'text', text: restoreJsonText(assembled.text, restore.output) });
  if (assembled.refusal) content.push({ type: 'text', text: assembled.refusal });
  content.push(...assembled.calls);
  return { role: 'assistant', content };
}

function raw(id: string | undefined, model: string | undefined, requestId: string | undefined): ModelResponse['raw'] {
  const out: ModelResponse['raw'] = {};
  if (id) out.id = id;
  if (requestId) out.requestId = requestId;
  if (model) out.model = model;
  return out;
}

function toModelResponse(
  provider: string,
  completion: ChatCompletion,
  requestId: string | undefined,
  restore: Restore,
): ModelResponse {
  const choice = completion.choices[0];
  const message = choice?.message ?? {};
  const calls: ToolCallPart[] = (message.tool_calls ?? []).map((call, index) => ({
    type: 'tool-call',
    // Some local servers leave ids out; the result still needs one to name.
    id: call.id || `call_${index}`,
    name: call.function.name,
    arguments: restoreJsonText(call.function.arguments ?? '', restore.arguments.get(call.function.name)),
  }));
  const refusal = message.refusal ?? '';
  return {
    message: toMessage(
      provider,
      { reasoning: message.reasoning_content ?? message.reasoning ?? '', text: message.content ?? '', refusal, calls },
      restore,
    ),
    finishReason: refusal ? 'content-filter' : toFinishReason(choice?.finish_reason, calls.length > 0),
    usage: toUsage(completion.usage),
    raw: raw(completion.id, completion.model, requestId),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Stream assembly

interface CallState {
  id: string;
  name: string;
  arguments: string;
  started: boolean;
}

async function* streamModel(
  client: ChatCompletionsClient,
  { params, restore }: BuiltParams,
  options: ChatCompletionsModelOptions,
  callOptions: ModelCallOptions,
): AsyncGenerator<ModelStreamEvent, void, undefined> {
  const provider = client.provider;
  const body: CreateChatCompletionParams = { ...params };
  if (options.streamUsage !== false) body.stream_options = { include_usage: true, ...body.stream_options };
  const opened = await openChatCompletionStream(client, body, callOptions.signal ? { signal: callOptions.signal } : {});
  const assembled: Assembled = { reasoning: '', text: '', refusal: '', calls: [] };
  const calls = new Map<number, CallState>();
  let finishReason: string | null | undefined;
  let usage: ChatUsage | undefined;
  let id: string | undefined;
  let model: string | undefined;
  let done = false;
  let callsEmitted = false;

  function* emitCalls(): Generator<ModelStreamEvent, void, undefined> {
    if (callsEmitted) return;
    callsEmitted = true;
    for (const index of [...calls.keys()].sort((a, b) => a - b)) {
      const state = calls.get(index) as CallState;
      const call: ToolCallPart = {
        type: 'tool-call',
        id: state.id,
        name: state.name,
        arguments: restoreJsonText(state.arguments, restore.arguments.get(state.name)),
      };
      assembled.calls.push(call);
      yield { type: 'tool-call', call };
    }
  }

  for await (const chunk of opened.chunks) {
    if (chunk === 'done') {
      done = true;
      break;
    }
    id ??= chunk.id;
    model ??= chunk.model;
    const choice = chunk.choices?.find((item) => (item.index ?? 0) === 0);
    const delta = choice?.delta;
    if (delta) {
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (reasoning) {
        assembled.reasoning += reasoning;
        yield { type: 'reasoning-delta', delta: reasoning };
      }
      if (delta.content) {
        assembled.text += delta.content;
        yield { type: 'text-delta', delta: delta.content };
      }
      if (delta.refusal) assembled.refusal += delta.refusal;
      for (const [position, fragment] of (delta.tool_calls ?? []).entries()) {
        // Fragments of one call share an index; a server that leaves it out sends each call whole.
        const index = fragment.index ?? position;
        let state = calls.get(index);
        if (!state) {
          state = { id: fragment.id || `call_${index}`, name: '', arguments: '', started: false };
          calls.set(index, state);
        }
        const piece = fragment.function?.arguments ?? '';
        if (fragment.function?.name) state.name += fragment.function.name;
        state.arguments += piece;
        if (state.started) {
          if (piece) yield { type: 'tool-call-delta', id: state.id, delta: piece };
        } else if (state.name) {
          state.started = true;
          yield { type: 'tool-call-start', id: state.id, name: state.name };
          if (state.arguments) yield { type: 'tool-call-delta', id: state.id, delta: state.arguments };
        }
      }
    }
    if (choice?.finish_reason) {
      finishReason = choice.finish_reason;
      yield* emitCalls();
    }
    if (chunk.usage) {
      usage = chunk.usage;
      yield { type: 'usage', usage: toUsage(usage) };
    }
  }
  // Some servers end the stream without `[DONE]`; a finish reason shows the answer is complete all the same.
  if (!done && !finishReason) {
    throw new ConnectionError(provider, 'the stream ended before a finish reason or [DONE]; the answer is incomplete');
  }
  yield* emitCalls();
  const response: ModelResponse = {
    message: toMessage(provider, assembled, restore),
    finishReason: assembled.refusal ? 'content-filter' : toFinishReason(finishReason, assembled.calls.length > 0),
    usage: toUsage(usage),
    raw: raw(id, model, opened.requestId),
  };
  yield { type: 'response', response };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * A chat model over any OpenAI-compatible `/chat/completions` endpoint (gateways, local servers): function tools
 * and tool results, tool choice, structured output through `response_format` json_schema, and SSE streaming with
 * tool-call fragments assembled by index. `settings.providerOptions['openai-compatible']` (and
 * `providerOptions[<provider name>]`) are merged into the request body last.
 * @see https://platform.openai.com/docs/api-reference/chat
 * @example
 * import { chatCompletions, createChatCompletionsClient } from 'hello-dave/openai-compatible';
 * const client = createChatCompletionsClient({ baseUrl: 'http://127.0.0.1:11434/v1', provider: 'ollama' });
 * const agent = new Agent({ name: 'local', model: chatCompletions('llama3.2', { client }) });
 */
export function chatCompletions(modelId: string, options: ChatCompletionsModelOptions): ChatModel {
  const client = options.client;
  const provider = client.provider;
  return {
    provider,
    modelId,
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResponse> {
      const { params, restore } = toParams(modelId, request, options, provider);
      const response = await sendChatCompletion(
        client,
        params,
        callOptions.signal ? { signal: callOptions.signal } : {},
      );
      return toModelResponse(provider, response.data, response.requestId, restore);
    },
    stream(request: ModelRequest, callOptions: ModelCallOptions = {}): AsyncIterable<ModelStreamEvent> {
      return streamModel(client, toParams(modelId, request, options, provider), options, callOptions);
    },
  };
}
