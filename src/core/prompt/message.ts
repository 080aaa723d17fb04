/**
 * Provider-neutral messages and content parts: the history an agent keeps, and what every chat model maps
 * to and from its own wire format (in its own model module only).
 * @module
 */

/** Where a piece of media comes from. */
export type MediaSource =
  /** A URL (https or data URL). */
  | { kind: 'url'; url: string }
  /** Inline base64 bytes. */
  | { kind: 'base64'; data: string; mimeType: string }
  /** A file the provider already stores (OpenAI `file_id`, Anthropic file id). */
  | { kind: 'file'; fileId: string };

/** Plain text. */
export interface TextPart {
  /** Discriminator. */
  type: 'text';
  /** The text. */
  text: string;
  /**
   * Assistant text only: the phase of the provider message it came from, sent back unchanged on later turns
   * (OpenAI Responses, gpt-5.3-codex and later: `commentary` for what the model says on the way, such as a preamble
   * before tool calls; `final_answer` for the answer). Absent when the provider gave none; other providers ignore it.
   */
  phase?: 'commentary' | 'final_answer' | (string & {});
  /**
   * Assistant text only: `true` when the text is the model's refusal instead of an answer (OpenAI Responses
   * `refusal` part, Chat Completions `message.refusal`); it goes back as a refusal on later turns.
   */
  refusal?: true;
}

/** An image given to the model. */
export interface ImagePart {
  /** Discriminator. */
  type: 'image';
  /** Where the image is. */
  source: MediaSource;
  /**
   * Detail hint (OpenAI): `low`, `high`, `auto`, or `original` (the image as given, no downscaling; OpenAI Responses
   * only — Chat Completions sends `high` instead).
   */
  detail?: 'auto' | 'low' | 'high' | 'original';
}

/** Audio given to the model. */
export interface AudioPart {
  /** Discriminator. */
  type: 'audio';
  /** Where the audio is. */
  source: MediaSource;
}

/** A document or other file given to the model. */
export interface FilePart {
  /** Discriminator. */
  type: 'file';
  /** Where the file is. */
  source: MediaSource;
  /** File name shown to the model. */
  filename?: string;
}

/** A tool call the model asked for. */
export interface ToolCallPart {
  /** Discriminator. */
  type: 'tool-call';
  /** Call id that the result must name (OpenAI `call_id`, Anthropic `tool_use.id`). */
  id: string;
  /** Tool name. */
  name: string;
  /** Arguments exactly as the model sent them (a JSON string, possibly invalid). */
  arguments: string;
  /** The provider's own item id, where it differs from the call id (OpenAI `fc_…`). */
  itemId?: string;
}

/** The result of a tool call, sent back to the model. */
export interface ToolResultPart {
  /** Discriminator. */
  type: 'tool-result';
  /** The call this answers. */
  callId: string;
  /** Tool name. */
  name: string;
  /** What the model reads: text (JSON for structured results). */
  output: string;
  /** True when the tool failed, was refused, or got invalid arguments. */
  isError?: boolean;
}

/**
 * Reasoning the model produced, kept opaque and exact: `data` is the provider's own item (an OpenAI reasoning
 * item with its encrypted content, an Anthropic thinking block with its signature), sent back unchanged.
 */
export interface ReasoningPart {
  /** Discriminator. */
  type: 'reasoning';
  /** Provider whose item this is; other providers drop it. */
  provider: string;
  /** Readable summary, where the provider gave one. */
  summary?: string;
  /** Readable reasoning text, where the provider gave it. */
  text?: string;
  /** The provider's exact item. */
  data: unknown;
}

/** Media the assistant produced (a generated image from a built-in tool). */
export interface MediaPart {
  /** Discriminator. */
  type: 'media';
  /** Kind of media. */
  kind: 'image' | 'video' | 'audio';
  /** Where it is. */
  source: MediaSource;
  /** Provider item id, where there is one. */
  itemId?: string;
}

/** A provider item kept exactly for replay (built-in tool calls such as web search). */
export interface ProviderItemPart {
  /** Discriminator. */
  type: 'provider-item';
  /** Provider whose item this is; other providers drop it. */
  provider: string;
  /** The exact item. */
  data: unknown;
}

/** Parts a user message may hold. */
export type UserPart = TextPart | ImagePart | AudioPart | FilePart;
/** Parts an assistant message may hold. */
export type AssistantPart = TextPart | ToolCallPart | ReasoningPart | MediaPart | ProviderItemPart;

/** System instructions inside the history. */
export interface SystemMessage {
  /** Role. */
  role: 'system';
  /** Instructions. */
  content: string;
}

/** What a person said. */
export interface UserMessage {
  /** Role. */
  role: 'user';
  /** Parts. */
  content: UserPart[];
}

/** What the model said: text, reasoning, tool calls, media. */
export interface AssistantMessage {
  /** Role. */
  role: 'assistant';
  /** Parts. */
  content: AssistantPart[];
}

/** Tool results answering the previous assistant message's calls. */
export interface ToolMessage {
  /** Role. */
  role: 'tool';
  /** One result per call. */
  content: ToolResultPart[];
}

/** Any message of the history. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** Token usage of one model call or a whole run. */
export interface Usage {
  /** Input tokens. */
  inputTokens: number;
  /** Output tokens (incl. reasoning). */
  outputTokens: number;
  /** Input + output. */
  totalTokens: number;
  /** Reasoning tokens, where reported. */
  reasoningTokens?: number;
  /** Input tokens served from cache, where reported. */
  cachedInputTokens?: number;
}
