/**
 * The event side of a run: a one-consumer queue the loop pushes events into, and `AgentStream`, what
 * `agent.stream()` returns (the events as an async iterable, and the result).
 * @module
 */
import type { AgentEvent } from './events.js';
import type { RunResult } from './result.js';

/** A one-consumer async queue: the loop pushes events, the stream's reader takes them as they come. */
class Channel<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  push(item: T): void {
    if (this.#closed) return;
    this.#items.push(item);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    while (true) {
      const item = this.#items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}

/** Where the loop sends its events. */
export type EventSink<TOutput> = (event: AgentEvent<TOutput>) => void;

/**
 * The events of a streamed run, as an async iterable (one consumer), and its result. The run starts at once
 * and goes on even if nobody reads the events; cancel it with the `signal` option.
 */
export class AgentStream<TOutput> implements AsyncIterable<AgentEvent<TOutput>> {
  /** Resolves with the run's result once the run ends (rejects with its error). */
  readonly result: Promise<RunResult<TOutput>>;
  readonly #events = new Channel<AgentEvent<TOutput>>();
  #iterated = false;
  #error: { error: unknown } | undefined;

  /**
   * Starts the run: `start` runs the agent loop, sending its events to the `emit` it is given (used by
   * `agent.stream`).
   * @internal
   */
  constructor(start: (emit: EventSink<TOutput>) => Promise<RunResult<TOutput>>) {
    const events = this.#events;
    this.result = (async () => {
      try {
        return await start((event) => events.push(event));
      } catch (error) {
        this.#error = { error };
        throw error;
      } finally {
        events.close();
      }
    })();
    // The error also ends the iteration; an unread result promise must not count as unhandled.
    this.result.catch(() => undefined);
  }

  /** Iterates the events; throws the run's error after the last event when the run failed. */
  async *[Symbol.asyncIterator](): AsyncGenerator<AgentEvent<TOutput>, void, undefined> {
    if (this.#iterated) throw new TypeError('An agent stream can be iterated only once.');
    this.#iterated = true;
    yield* this.#events;
    if (this.#error) throw this.#error.error;
  }
}
