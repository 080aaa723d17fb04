/**
 * `scriptedModel`: a {@link ChatModel} that answers from a script, for testing agents without a network.
 * It records every request it gets and streams each scripted answer as events (with optional delays or
 * holds between events, to test what arrives while a model is still writing).
 * @module
 */
import { AbortedError } from '../common/errors.js';
import type {
  ChatModel,
  FinishReason,
  ModelCallOptions,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
} from '../core/model.js';
import type { AssistantMessage, AssistantPart, ReasoningPart, Usage } from '../core/prompt/message.js';

/** A scripted tool call: arguments as an object (sent as JSON) or a raw string (sent as is, even invalid JSON). */
export interface ScriptedToolCall {
  /** Tool name. */
  name: string;
  /** Arguments: an object, or the exact string the model sends. Default `{}`. */
  arguments?: string | Record<string, unknown>;
  /** Call id (default `call_<turn>_<index>`). */
  id?: string;
}

/** A short way to script an answer; missing fields get sensible defaults. */
export interface ScriptedResponse {
  /** Answer text. */
  text?: string;
  /** Reasoning: a summary text, or a whole reasoning part. */
  reasoning?: string | ReasoningPart;
  /** Tool calls. */
  toolCalls?: readonly ScriptedToolCall[];
  /** A whole assistant message (instead of text / reasoning / toolCalls). */
  message?: AssistantMessage;
  /** Default `tool-calls` when there are calls, else `stop`. */
  finishReason?: FinishReason;
  /** Default 10 in, 5 out. */
  usage?: Usage;
  /** Continuation handed back. */
  continuation?: unknown;
  /** Response id (`raw.id`). */
  id?: string;
}

/** One scripted turn: a response, a short form, or a function of the request (it may throw to fail the call). */
export type ScriptedTurn =
  | ModelResponse
  | ScriptedResponse
  | ((
      request: ModelRequest,
      index: number,
    ) => ModelResponse | ScriptedResponse | Promise<ModelResponse | ScriptedResponse>);

/** Where a stream is, for {@link ScriptedModelOptions.beforeEvent}. */
export interface StreamPosition {
  /** Which model call (0-based). */
  call: number;
  /** Which event of that call (0-based). */
  index: number;
}

/** Options of {@link scriptedModel}. */
export interface ScriptedModelOptions {
  /** Provider name (default `scripted`). */
  provider?: string;
  /** Model id (default `scripted-model`). */
  modelId?: string;
  /** Characters per `text-delta` (default: one delta per word). */
  chunkSize?: number;
  /** Wait before each streamed event, ms (uses `setTimeout`, so fake timers control it). */
  delayMs?: number;
  /** Awaited before each streamed event: return a promise to hold the stream back. */
  beforeEvent?(event: ModelStreamEvent, position: StreamPosition): void | Promise<void>;
}

/** A scripted chat model, with what it was asked. */
export interface ScriptedModel extends ChatModel {
  /** Copies of every request, in order. */
  readonly requests: ModelRequest[];
  /** Number of calls made. */
  readonly calls: number;
  /** Scripted turns not used yet. */
  readonly remaining: number;
}

const DEFAULT_USAGE: Usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

function isModelResponse(value: ModelResponse | ScriptedResponse): value is ModelResponse {
  return 'message' in value && 'raw' in value && 'usage' in value && 'finishReason' in value;
}

function toResponse(value: ModelResponse | ScriptedResponse, call: number, provider: string): ModelResponse {
  if (isModelResponse(value)) return structuredClone(value);
  let message: AssistantMessage;
  if (value.message) message = structuredClone(value.message);
  else {
    const content: AssistantPart[] = [];
    if (value.reasoning !== undefined) {
      content.push(
        typeof value.reasoning === 'string'
          ? {
              type: 'reasoning',
              provider,
              summary: value.reasoning,
              data: { id: `rs_${call}`, summary: value.reasoning },
            }
          : structuredClone(value.reasoning),
      );
    }
    if (value.text !== undefined) content.push({ type: 'text', text: value.text });
    (value.toolCalls ?? []).forEach((toolCall, index) => {
      const args = toolCall.arguments ?? {};
      content.push({
        type: 'tool-call',
        id: toolCall.id ?? `call_${call}_${index}`,
        name: toolCall.name,
        arguments: typeof args === 'string' ? args : JSON.stringify(args),
      });
    });
    message = { role: 'assistant', content };
  }
  const hasCalls = message.content.some((part) => part.type === 'tool-call');
  const response: ModelResponse = {
    message,
    finishReason: value.finishReason ?? (hasCalls ? 'tool-calls' : 'stop'),
    usage: { ...(value.usage ?? DEFAULT_USAGE) },
    raw: { id: value.id ?? `resp_${call}` },
  };
  if (value.continuation !== undefined) response.continuation = value.continuation;
  return response;
}

function chunks(text: string, size: number | undefined): string[] {
  if (text === '') return [];
  if (size !== undefined && size > 0) {
    const out: string[] = [];
    for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
    return out;
  }
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

/** The events a streaming provider would send for `response`, ending with the response itself. */
export function responseToStreamEvents(response: ModelResponse, chunkSize?: number): ModelStreamEvent[] {
  const events: ModelStreamEvent[] = [];
  for (const part of response.message.content) {
    if (part.type === 'reasoning') {
      const text = part.summary ?? part.text ?? '';
      for (const delta of chunks(text, chunkSize)) events.push({ type: 'reasoning-delta', delta });
    } else if (part.type === 'text') {
      for (const delta of chunks(part.text, chunkSize)) events.push({ type: 'text-delta', delta });
    } else if (part.type === 'tool-call') {
      events.push({ type: 'tool-call-start', id: part.id, name: part.name });
      if (part.arguments) events.push({ type: 'tool-call-delta', id: part.id, delta: part.arguments });
      events.push({ type: 'tool-call', call: structuredClone(part) });
    }
  }
  events.push({ type: 'usage', usage: { ...response.usage } });
  events.push({ type: 'response', response });
  return events;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A chat model that returns scripted answers in order and records each request. Functions in the script
 * get the request (and the call's index) and may compute the answer or throw.
 * @example
 * ```ts
 * const model = scriptedModel([
 *   { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
 *   { text: 'It is sunny in Paris.' },
 * ]);
 * const agent = new Agent({ name: 'test', model, tools: [weather] });
 * await agent.run('Weather in Paris?');
 * expect(model.requests[1]?.messages.at(-1)?.role).toBe('tool');
 * ```
 */
export function scriptedModel(turns: readonly ScriptedTurn[], options: ScriptedModelOptions = {}): ScriptedModel {
  const provider = options.provider ?? 'scripted';
  const modelId = options.modelId ?? 'scripted-model';
  const requests: ModelRequest[] = [];
  let calls = 0;

  const next = async (
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ response: ModelResponse; call: number }> => {
    if (signal?.aborted) throw new AbortedError();
    const call = calls++;
    requests.push(structuredClone(request));
    const turn = turns[call];
    if (turn === undefined) {
      throw new Error(`scriptedModel: no answer scripted for call ${call + 1} (the script has ${turns.length})`);
    }
    const value = typeof turn === 'function' ? await turn(structuredClone(request), call) : turn;
    return { response: toResponse(value, call, provider), call };
  };

  return {
    provider,
    modelId,
    get requests() {
      return requests;
    },
    get calls() {
      return calls;
    },
    get remaining() {
      return Math.max(0, turns.length - calls);
    },
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResponse> {
      const { response } = await next(request, callOptions.signal);
      if (options.delayMs) await wait(options.delayMs, callOptions.signal);
      return response;
    },
    async *stream(
      request: ModelRequest,
      callOptions: ModelCallOptions = {},
    ): AsyncGenerator<ModelStreamEvent, void, undefined> {
      const { response, call } = await next(request, callOptions.signal);
      let index = 0;
      for (const event of responseToStreamEvents(response, options.chunkSize)) {
        if (options.delayMs) await wait(options.delayMs, callOptions.signal);
        await options.beforeEvent?.(event, { call, index: index++ });
        if (callOptions.signal?.aborted) throw new AbortedError();
        yield event;
      }
    },
  };
}
