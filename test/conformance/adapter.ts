/**
 * What the ChatModel conformance suite (`chat-model.test.ts`) needs from each model: how to build it, how to script
 * its wire answers (JSON bodies and SSE streams in the provider's exact format), and how to read the parts of a
 * recorded request the suite asserts on. One adapter file per model; the scenarios are written once.
 * Not a test file (vitest runs only `*.test.ts`).
 */
import type { ChatModel, JsonSchema, ModelSettings } from '../../src/index.js';
import type { Fixture, FixtureResponseBody, FixtureSseEvent } from '../../src/testing/index.js';

/** A tool call the scripted model makes; `arguments` is sent as given (it may be invalid JSON). */
export interface ScriptedCall {
  id: string;
  name: string;
  arguments: string;
}

/** Token counts of one scripted answer, as core reports them: `output` includes `reasoning`, `input` includes `cached`. */
export interface ScriptedUsage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

/** Reasoning the model hands out and needs back on the next request, unchanged. */
export interface ScriptedReasoning {
  /** Readable summary or thinking text. */
  text: string;
  /** Opaque part (encrypted content, signature, redacted data). */
  opaque: string;
}

/** One scripted model answer. */
export interface Turn {
  /** Answer text in the pieces a stream sends (joined for a whole answer). */
  text?: readonly string[];
  /** Tool calls, in order. */
  calls?: readonly ScriptedCall[];
  /** Reasoning before the answer. */
  reasoning?: ScriptedReasoning;
  usage: ScriptedUsage;
}

/** A tool result as it went back to the model. */
export interface SentToolResult {
  callId: string;
  output: string;
  /** The wire's error flag, where the protocol has one. */
  isError?: boolean;
}

/** One model under test. */
export interface ConformanceAdapter {
  /** Provider name as the model reports it. */
  readonly name: string;
  /** Origin the client talks to. */
  readonly origin: string;
  /** Path of the chat endpoint, base path included. */
  readonly path: string;
  /** The notes section each kind of scripted answer follows (fixtures with `source: 'docs'` must name one). */
  readonly notes: { answer: string; stream: string; error: string };
  /** True when the protocol has an error flag on tool results (Anthropic's `is_error`). */
  readonly toolErrorFlag: boolean;
  /** False when a whole (non-streamed) answer carries arguments as a JSON object, so they cannot be invalid JSON. */
  readonly argumentsAsText: boolean;
  /** The model; `reasoning` asks for the options under which reasoning must come back on the next request. */
  model(options?: { reasoning?: boolean }): ChatModel;
  /** Agent settings that turn reasoning on. */
  readonly reasoningSettings: ModelSettings;
  /** A tool-call id in the provider's format. */
  callId(base: string): string;
  /** The n-th (from 1) answer of a run as a whole JSON body. */
  answer(turn: Turn, n: number): FixtureResponseBody;
  /** The n-th answer as the provider streams it. */
  events(turn: Turn, n: number): FixtureSseEvent[];
  /** A stream that sends `textBefore` as a text delta, then the provider's mid-stream error. */
  errorEvents(textBefore: string): FixtureSseEvent[];
  /** Asserts the typed error the mid-stream error becomes. */
  expectStreamError(error: unknown): void;
  /** Reasoning of a turn in the exact wire form the model must get back. */
  reasoningReturned(turn: Turn, n: number): unknown;
  /** The reasoning a request sends back (wire form), or undefined. */
  reasoningResent(body: Body): unknown;
  /** Tool results a request sends back, in order. */
  toolResults(body: Body): SentToolResult[];
  /** The system instructions a request carries. */
  instructions(body: Body): string | undefined;
  /** True when the request asks for a stream. */
  streamed(body: Body): boolean;
  /** The structured-output JSON Schema a request sends. */
  outputSchema(body: Body): JsonSchema | undefined;
  /** Asserts the envelope the structured-output schema goes in (name, strictness) for an output named `output`. */
  expectOutputFormat(body: Body): void;
  /** Names of the tools a request offers. */
  toolNames(body: Body): string[];
  /** The tool choice a request sends, in core terms. */
  toolChoice(body: Body): 'auto' | 'none' | 'required' | undefined;
  /**
   * Asserts what the request after a tool round carries besides the results (the earlier calls resent, or the
   * previous response referenced); `first` is the request of the round.
   */
  expectToolFollowUp(
    body: Body,
    context: { first: Body; previousResponseId: string | undefined; callIds: string[] },
  ): void;
}

/** A recorded JSON request body. */
export type Body = Record<string, unknown>;

/** A scripted answer as a fixture for the replay: any request body to the endpoint, this answer back. */
export function fixtureOf(
  adapter: ConformanceAdapter,
  description: string,
  body: FixtureResponseBody,
  kind: 'answer' | 'stream' | 'error',
): Fixture {
  return {
    source: 'docs',
    notes: adapter.notes[kind],
    description,
    request: { method: 'POST', path: adapter.path, body: { any: true } },
    response: { status: 200, body },
  };
}

/** An SSE event whose data is `data` as JSON. */
export function sse(data: Record<string, unknown>, event?: string): FixtureSseEvent {
  return event === undefined ? { data: JSON.stringify(data) } : { event, data: JSON.stringify(data) };
}

/** The answer text of a turn. */
export function textOf(turn: Turn): string {
  return (turn.text ?? []).join('');
}

/** A JSON text in two pieces, as streamed argument deltas arrive. */
export function halves(text: string): string[] {
  const cut = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, cut), text.slice(cut)];
}
