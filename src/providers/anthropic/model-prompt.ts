/**
 * The Prompt as Anthropic turns: core messages to `messages` (text, image and document blocks, tool use and
 * results, thinking replayed exactly) plus the system texts that go to the top-level `system`.
 * @module
 */
import { encodeBase64 } from '../../common/base64.js';
import { RequestValidationError } from '../../common/errors.js';
import { isRecord } from '../../common/guards.js';
import type {
  AssistantPart,
  FilePart,
  ImagePart,
  MediaSource,
  Message,
  ToolCallPart,
  ToolResultPart,
  UserPart,
} from '../../core/prompt/message.js';
import { ANTHROPIC_PROVIDER } from './client.js';
import type { AnthropicContentBlockParam, AnthropicSource } from './content-blocks.js';
import type { AnthropicMessageParam } from './message-params.js';

function invalid(path: string, message: string): RequestValidationError {
  return new RequestValidationError([{ path, message }], 'anthropic request');
}

/** Splits a `data:` URL into its media type and base64 payload; undefined for other URLs. */
function parseDataUrl(url: string): { mediaType: string; data: string; base64: boolean } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1] || 'text/plain', data: match[4] ?? '', base64: Boolean(match[3]) };
}

function decodeBase64Utf8(data: string): string {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new TextDecoder().decode(bytes);
}

/** A media source as inline bytes where it is a data URL, so images and PDFs from data URLs go as base64. */
function normalizeSource(source: MediaSource, path: string): MediaSource {
  if (source.kind !== 'url') return source;
  const parsed = parseDataUrl(source.url);
  if (!parsed) return source;
  if (!parsed.base64) {
    const bytes = new TextEncoder().encode(decodeURIComponent(parsed.data));
    return { kind: 'base64', mimeType: parsed.mediaType, data: encodeBase64(bytes) };
  }
  if (!parsed.data) throw invalid(path, 'empty data URL');
  return { kind: 'base64', mimeType: parsed.mediaType, data: parsed.data };
}

/** A (normalized) media source as Anthropic's `source`. */
function toSource(source: MediaSource): AnthropicSource {
  switch (source.kind) {
    case 'url':
      return { type: 'url', url: source.url };
    case 'file':
      return { type: 'file', file_id: source.fileId };
    case 'base64':
      return { type: 'base64', media_type: source.mimeType, data: source.data };
  }
}

function imageBlock(part: ImagePart | FilePart, path: string): AnthropicContentBlockParam {
  return { type: 'image', source: toSource(normalizeSource(part.source, path)) };
}

/** A document's source: PDFs as base64, plain text as text, URLs and stored files as they are. */
function documentSource(source: MediaSource, path: string): AnthropicSource {
  if (source.kind !== 'base64' || source.mimeType === 'application/pdf') return toSource(source);
  // Plain-text documents travel as text, not base64.
  if (source.mimeType.startsWith('text/')) {
    return { type: 'text', media_type: 'text/plain', data: decodeBase64Utf8(source.data) };
  }
  throw invalid(path, `Anthropic documents accept application/pdf and text/plain, not ${source.mimeType}`);
}

function documentBlock(part: FilePart, path: string): AnthropicContentBlockParam {
  const source = normalizeSource(part.source, path);
  if (source.kind === 'base64' && source.mimeType.startsWith('image/')) return imageBlock({ ...part, source }, path);
  const block: AnthropicContentBlockParam = { type: 'document', source: documentSource(source, path) };
  if (part.filename) block.title = part.filename;
  return block;
}

function userBlock(part: UserPart, path: string): AnthropicContentBlockParam {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return imageBlock(part, path);
    case 'file':
      return documentBlock(part, path);
    case 'audio':
      throw invalid(path, 'Anthropic Messages does not accept audio input');
  }
}

/** Tool arguments as the object `tool_use.input` needs; invalid JSON (a truncated call) becomes `{}`. */
function toolInput(call: ToolCallPart): unknown {
  if (!call.arguments.trim()) return {};
  try {
    const value: unknown = JSON.parse(call.arguments);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

function assistantBlocks(parts: readonly AssistantPart[]): AnthropicContentBlockParam[] {
  const blocks: AnthropicContentBlockParam[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        // The API rejects empty text blocks.
        if (part.text) blocks.push({ type: 'text', text: part.text });
        break;
      case 'tool-call':
        blocks.push({ type: 'tool_use', id: part.id, name: part.name, input: toolInput(part) });
        break;
      case 'reasoning':
      case 'provider-item':
        // Thinking blocks (signature intact) and server-tool blocks go back exactly as received.
        if (part.provider === ANTHROPIC_PROVIDER.provider && part.data && typeof part.data === 'object') {
          blocks.push(part.data as AnthropicContentBlockParam);
        }
        break;
      case 'media':
        // Anthropic cannot take assistant media back; the text around it stays.
        break;
    }
  }
  return blocks;
}

function toolResultBlocks(results: readonly ToolResultPart[]): AnthropicContentBlockParam[] {
  return results.map((result) => ({
    type: 'tool_result' as const,
    tool_use_id: result.callId,
    ...(result.output ? { content: result.output } : {}),
    ...(result.isError ? { is_error: true } : {}),
  }));
}

function asBlocks(content: string | AnthropicContentBlockParam[]): AnthropicContentBlockParam[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** Adds a turn, merging it into the previous one when the role is the same (the API wants turns to alternate). */
function pushTurn(
  turns: AnthropicMessageParam[],
  role: 'user' | 'assistant',
  content: string | AnthropicContentBlockParam[],
): void {
  const last = turns[turns.length - 1];
  if (last && last.role === role) last.content = [...asBlocks(last.content), ...asBlocks(content)];
  else turns.push({ role, content });
}

/** Maps the Prompt to Anthropic's turns: tool results go in a user turn, consecutive same-role turns merge. */
export function toAnthropicMessages(messages: readonly Message[]): {
  system: string[];
  messages: AnthropicMessageParam[];
} {
  const system: string[] = [];
  const turns: AnthropicMessageParam[] = [];
  messages.forEach((message, index) => {
    const path = `messages.${index}.content`;
    switch (message.role) {
      case 'system':
        // Anthropic has no system role inside messages: instructions go to the top-level `system`.
        if (message.content) system.push(message.content);
        break;
      case 'user': {
        const only = message.content[0];
        if (message.content.length === 1 && only?.type === 'text') pushTurn(turns, 'user', only.text);
        else if (message.content.length) {
          pushTurn(
            turns,
            'user',
            message.content.map((part, at) => userBlock(part, `${path}.${at}`)),
          );
        }
        break;
      }
      case 'assistant': {
        const blocks = assistantBlocks(message.content);
        if (blocks.length) pushTurn(turns, 'assistant', blocks);
        break;
      }
      case 'tool':
        pushTurn(turns, 'user', toolResultBlocks(message.content));
        break;
    }
  });
  return { system, messages: turns };
}
