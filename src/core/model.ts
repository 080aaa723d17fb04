/**
 * The ChatModel interface every chat model implements. The agent loop talks only to this; each provider maps
 * it to and from its wire format in its own model module.
 * @module
 */
import type { AssistantMessage, Message, ToolCallPart, Usage } from './prompt/message.js';

/** A JSON Schema object (draft 2020-12 subset as produced by zod's `toJSONSchema`). */
export type JsonSchema = { [key: string]: unknown };

/** A tool as the model sees it. */
export interface ToolSpec {
  /** Tool name (`^[a-zA-Z0-9_-]{1,64}$`). */
  name: string;
  /** What it does, for the model. */
  description: string;
  /** JSON Schema of the input object. */
  inputSchema: JsonSchema;
}

/** Which tool the model must (or must not) call. */
export type ToolChoice = 'auto' | 'required' | 'none' | { tool: string };

/** Model settings shared by providers; `providerOptions` passes the rest through by provider name. */
export interface ModelSettings {
  /** Output token limit. */
  maxOutputTokens?: number;
  /** Sampling temperature. */
  temperature?: number;
  /** Nucleus sampling. */
  topP?: number;
  /** Reasoning effort and summary (OpenAI, xAI); effort and thinking budget (Anthropic). */
  reasoning?: {
    effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
    summary?: 'auto' | 'concise' | 'detailed';
    budgetTokens?: number;
  };
  /** Allow several tool calls in one turn. */
  parallelToolCalls?: boolean;
  /** Provider-specific fields, merged into that provider's request body: `{ openai: { store: true } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** One model call. */
export interface ModelRequest {
  /** System instructions. */
  instructions?: string;
  /** Provider-neutral history. */
  messages: readonly Message[];
  /** Tools offered. */
  tools: readonly ToolSpec[];
  /** Tool choice. */
  toolChoice?: ToolChoice;
  /** Structured output: the answer must match this schema. */
  output?: { name: string; schema: JsonSchema };
  /** Settings. */
  settings?: ModelSettings;
  /** Opaque provider state from the previous response (OpenAI's previous response id). */
  continuation?: unknown;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'other';

/** One model answer. */
export interface ModelResponse {
  /** What the model said. */
  message: AssistantMessage;
  /** Why it stopped. */
  finishReason: FinishReason;
  /** Tokens used. */
  usage: Usage;
  /** Opaque state to hand back on the next request. */
  continuation?: unknown;
  /** Provider ids. */
  raw: { id?: string; requestId?: string; model?: string };
}

/** Events a streaming model call yields; the last is always `response`. */
export type ModelStreamEvent =
  /** A piece of answer text. */
  | { type: 'text-delta'; delta: string }
  /** A piece of reasoning summary or thinking text. */
  | { type: 'reasoning-delta'; delta: string }
  /**
   * A piece of a refusal (OpenAI Responses `response.refusal.delta`): the model declines instead of answering. Not
   * part of the `text-delta`s; the final response holds the whole refusal as text, with finish reason
   * `content-filter`.
   */
  | { type: 'refusal-delta'; delta: string }
  /** The model began a tool call. */
  | { type: 'tool-call-start'; id: string; name: string }
  /** A piece of a tool call's arguments. */
  | { type: 'tool-call-delta'; id: string; delta: string }
  /** A complete tool call. */
  | { type: 'tool-call'; call: ToolCallPart }
  /** Usage, when the provider reports it. */
  | { type: 'usage'; usage: Usage }
  /** The assembled response. */
  | { type: 'response'; response: ModelResponse };

/** Options of one model call. */
export interface ModelCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** A chat model: implemented once per provider protocol. */
export interface ChatModel {
  /** Provider name: `openai`, `anthropic`, `xai`, … */
  readonly provider: string;
  /** Model id as the provider names it. */
  readonly modelId: string;
  /** One call, whole answer. */
  generate(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResponse>;
  /** One call, streamed; the last event carries the ModelResponse. */
  stream(request: ModelRequest, options?: ModelCallOptions): AsyncIterable<ModelStreamEvent>;
}
