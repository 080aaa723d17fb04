/**
 * Request mapping of the Chat Completions chat model: core's ModelRequest to a `POST /chat/completions` body, plus
 * what the response mapping needs to undo the strict-mode shaping.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @module
 */
import { RequestValidationError } from '../../common/errors.js';
import type { ModelRequest } from '../../core/model.js';
import type { AssistantPart, MediaSource, Message, ToolCallPart, UserPart } from '../../core/prompt/message.js';
import { toStrictJsonSchemaCached } from '../../protocols/strict-json-schema.js';
import type { ChatCompletionsModelOptions } from './chat-completions-model.js';
import type {
  ChatContentPart,
  ChatMessageParam,
  ChatToolCall,
  ChatToolChoice,
  CreateChatCompletionParams,
} from './chat-completions-wire.js';

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
      // `original` is a Responses-only detail; Chat Completions knows `high` as its closest.
      const detail = part.detail === 'original' ? 'high' : part.detail;
      return { type: 'image_url', image_url: detail ? { url, detail } : { url } };
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
        const text = joinText(message.content, false);
        const refusal = joinText(message.content, true);
        const calls: ChatToolCall[] = message.content
          .filter((part): part is ToolCallPart => part.type === 'tool-call')
          .map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
        const reasoning = options.sendReasoning
          ? message.content
              .filter((part) => part.type === 'reasoning' && part.provider === provider && part.text)
              .map((part) => (part.type === 'reasoning' ? part.text : ''))
              .join('')
          : '';
        if (!text && !refusal && !calls.length) break;
        const assistant: ChatMessageParam = { role: 'assistant', content: text || null };
        if (refusal) assistant.refusal = refusal;
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

/** The assistant's text parts joined: its answer, or (`refusal`) what it refused with. */
function joinText(parts: readonly AssistantPart[], refusal: boolean): string {
  let text = '';
  for (const part of parts) if (part.type === 'text' && (part.refusal === true) === refusal) text += part.text;
  return text;
}

function toToolChoice(choice: ModelRequest['toolChoice']): ChatToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.tool } };
}

/** Undoes the strict-mode shaping on what the model sends back. */
export interface Restore {
  /** Per tool name: removes the `null`s strict mode forced onto optional properties. */
  arguments: Map<string, (value: unknown) => unknown>;
  /** The same for the structured answer. */
  output?: (value: unknown) => unknown;
}

/** A request body plus what the response mapping needs to undo the strict-mode shaping. */
export interface BuiltParams {
  params: CreateChatCompletionParams;
  restore: Restore;
}

/**
 * Builds the request body: messages, tools (strict-shaped when `options.strict`), tool choice, structured output,
 * settings, and the provider options merged in last.
 */
export function toParams(
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
