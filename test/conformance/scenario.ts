/**
 * Shared pieces of the conformance scenarios: the adapters under test, the tools, scripted usage, replaying a run's
 * scripted answers and running an agent whole or streamed. Not a test file.
 */
import * as z from 'zod/mini';
import type { RunOptions } from '../../src/index.js';
import { defineTool } from '../../src/index.js';
import { type FixtureReplay, useFixtures } from '../../src/testing/index.js';
import { server } from '../msw.js';
import { type Body, type ConformanceAdapter, fixtureOf, type ScriptedUsage, type Turn } from './adapter.js';
import { anthropicAdapter } from './models/anthropic.js';
import { chatCompletionsAdapter } from './models/chat-completions.js';
import { openaiAdapter } from './models/openai.js';
import { xaiAdapter } from './models/xai.js';

/** Every chat model of the library. */
export const adapters: readonly ConformanceAdapter[] = [
  openaiAdapter,
  xaiAdapter,
  anthropicAdapter,
  chatCompletionsAdapter,
];

/** How the agent calls the model: `generate` (whole answers) or `stream`. */
export type Mode = 'run' | 'stream';
export const MODES: readonly Mode[] = ['run', 'stream'];

/** Usage of a first and a second call, in core terms. */
export const USAGE_1: ScriptedUsage = { input: 100, cached: 40, output: 30, reasoning: 10 };
export const USAGE_2: ScriptedUsage = { input: 150, cached: 60, output: 20, reasoning: 0 };

/** What `get_weather` answers per city. */
export const WEATHER: Record<string, string> = { Paris: '18°C, cloudy', London: '15°C, rain' };

/** `get_weather`: reports each city it ran for to `ran`, answers from {@link WEATHER}, throws for Oslo. */
export function weatherTool(ran: string[] = [], run?: (city: string) => Promise<string>) {
  return defineTool({
    name: 'get_weather',
    description: 'Current weather for a city',
    input: z.object({ city: z.string() }),
    run: ({ city }) => {
      ran.push(city);
      if (city === 'Oslo') throw new Error('weather service down');
      return run ? run(city) : (WEATHER[city] ?? 'unknown');
    },
  });
}

/** A `get_weather` call in the adapter's id format. */
export function weatherCall(adapter: ConformanceAdapter, base: string, argumentsText: string) {
  return { id: adapter.callId(base), name: 'get_weather', arguments: argumentsText };
}

/** Installs one scripted answer per turn (whole or streamed) and returns the replay. */
export function replay(
  adapter: ConformanceAdapter,
  turns: readonly Turn[],
  mode: Mode,
  options: { holdStreams?: number } = {},
): Promise<FixtureReplay> {
  const fixtures = turns.map((turn, index) =>
    mode === 'stream'
      ? fixtureOf(adapter, `turn ${index + 1}, streamed`, { sse: adapter.events(turn, index + 1) }, 'stream')
      : fixtureOf(adapter, `turn ${index + 1}`, adapter.answer(turn, index + 1), 'answer'),
  );
  return useFixtures(server, fixtures, {
    baseUrl: adapter.origin,
    ...(options.holdStreams ? { holdStreams: options.holdStreams } : {}),
  });
}

/** The JSON body of the n-th request (from 1). */
export function bodyOf(replayed: FixtureReplay, n: number): Body {
  const body = replayed.requests[n - 1]?.body;
  if (!body || !('json' in body)) throw new Error(`request ${n} has no JSON body`);
  return body.json as Body;
}

/** What {@link runIn} needs of an agent (its `run` and `stream`). */
interface Runs<TResult, TEvent> {
  run(input: string, options?: RunOptions): Promise<TResult>;
  stream(input: string, options?: RunOptions): AsyncIterable<TEvent> & { readonly result: Promise<TResult> };
}

/** Runs the agent whole or streamed; a streamed run also returns its events. */
export async function runIn<TResult, TEvent>(
  mode: Mode,
  agent: Runs<TResult, TEvent>,
  input: string,
  options: RunOptions = {},
): Promise<{ result: TResult; events: TEvent[] }> {
  if (mode === 'run') return { result: await agent.run(input, options), events: [] };
  const stream = agent.stream(input, options);
  const events: TEvent[] = [];
  for await (const event of stream) events.push(event);
  return { result: await stream.result, events };
}

/** True when `promise` is still unsettled after the pending I/O callbacks and a few event-loop turns ran. */
export async function stillPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let turn = 0; turn < 20 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

/** How many events of a stream go out before the one that carries `piece` (that one included). */
export function eventsThrough(events: readonly { data: string }[], piece: string): number {
  const at = events.findIndex((event) => event.data.includes(JSON.stringify(piece)));
  if (at < 0) throw new Error(`no event carries ${JSON.stringify(piece)}`);
  return at + 1;
}
