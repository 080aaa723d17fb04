/**
 * Server-sent events parsing (WHATWG `text/event-stream`), incremental and safe across chunk boundaries.
 * @module
 */
import { ResponseValidationError } from '../common/errors.js';
import type { SseEvent } from './types.js';

/** Default longest line, and longest event, in characters: 64 MiB (real events stay far below it). */
export const DEFAULT_MAX_SSE_LINE_LENGTH = 64 * 1024 * 1024;

/** Options of {@link SseParser} and {@link parseSse}. */
export interface SseOptions {
  /**
   * Longest line, and longest event (its `data` lines together), in characters; past it a
   * {@link ResponseValidationError} instead of memory growing without end. Default 64 MiB.
   */
  maxLineLength?: number;
  /** Provider name for the error. Default `sse`. */
  provider?: string;
}

/**
 * Incremental SSE parser: feed it decoded text in any chunking, get complete events back.
 * Handles LF, CRLF and CR line ends, comments, multi-line `data`, `id`, `retry` and a leading BOM.
 */
export class SseParser {
  private readonly maxLength: number;
  private readonly provider: string;
  private partial: string[] = [];
  private partialLength = 0;
  private dataLength = 0;
  private data: string[] = [];
  private event: string | undefined;
  private id: string | undefined;
  private retry: number | undefined;
  private started = false;
  private pendingCr = false;

  constructor(options: SseOptions = {}) {
    const max = options.maxLineLength;
    this.maxLength = max !== undefined && max > 0 ? max : DEFAULT_MAX_SSE_LINE_LENGTH;
    this.provider = options.provider ?? 'sse';
  }

  /** Feeds a piece of text; returns the events it completed. */
  push(text: string): SseEvent[] {
    let chunk = text;
    if (!this.started && chunk.length) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    // A CR at the end of the previous chunk may be the first half of CRLF.
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCr = false;
    const events: SseEvent[] = [];
    let start = 0;
    // Only the new text is scanned; pieces of an unfinished line wait in `partial` and are joined once, so a
    // long line that arrives in many chunks (MiniMax streams whole songs as hex) costs linear time.
    for (let index = 0; index < chunk.length; index++) {
      const char = chunk.charCodeAt(index);
      if (char !== 10 && char !== 13) continue;
      let line = chunk.slice(start, index);
      if (this.partial.length) {
        this.grow(line.length);
        this.partial.push(line);
        line = this.partial.join('');
        this.partial = [];
        this.partialLength = 0;
      } else if (line.length > this.maxLength) this.tooLong();
      if (char === 13) {
        if (index + 1 < chunk.length) {
          if (chunk.charCodeAt(index + 1) === 10) index++;
        } else {
          this.pendingCr = true;
        }
      }
      start = index + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    if (start < chunk.length) {
      const rest = chunk.slice(start);
      this.grow(rest.length);
      this.partial.push(rest);
    }
    return events;
  }

  /** Counts `length` more characters of the unfinished line; throws past the cap. */
  private grow(length: number): void {
    this.partialLength += length;
    if (this.partialLength > this.maxLength) this.tooLong();
  }

  private tooLong(): never {
    this.partial = [];
    this.partialLength = 0;
    this.data = [];
    this.dataLength = 0;
    throw new ResponseValidationError(
      this.provider,
      `an event-stream line or event is longer than ${this.maxLength} characters (maxSseLineLength); ` +
        'the stream was stopped. Raise maxSseLineLength if the provider really sends events this large',
      undefined,
    );
  }

  /** Ends the stream: returns a last event that had data but no closing blank line. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.partial.length) {
      const event = this.line(this.partial.join(''));
      this.partial = [];
      this.partialLength = 0;
      if (event) events.push(event);
    }
    const last = this.dispatch();
    if (last) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataLength += value.length + 1;
        if (this.dataLength > this.maxLength) this.tooLong();
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    if (this.data.length === 0) {
      this.event = undefined;
      return undefined;
    }
    const event: SseEvent = { data: this.data.join('\n') };
    if (this.event !== undefined && this.event !== '') event.event = this.event;
    if (this.id !== undefined) event.id = this.id;
    if (this.retry !== undefined) event.retry = this.retry;
    // The last event id persists (WHATWG "last event ID buffer"); the retry hint belongs to this event only.
    this.data = [];
    this.dataLength = 0;
    this.event = undefined;
    this.retry = undefined;
    return event;
  }
}

/**
 * Yields the events of an SSE body as they arrive. Cancelling the iteration (break / return) cancels the body;
 * so does a line or event longer than `maxLineLength` (a {@link ResponseValidationError}).
 * @example
 * for await (const event of parseSse(response.body!)) console.log(event.event, event.data);
 */
export async function* parseSse(
  body: ReadableStream<Uint8Array>,
  options: SseOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser(options);
  let done = false;
  try {
    while (true) {
      const chunk = await reader.read();
      if (chunk.done) break;
      for (const event of parser.push(decoder.decode(chunk.value, { stream: true }))) yield event;
    }
    done = true;
    for (const event of parser.push(decoder.decode())) yield event;
    for (const event of parser.end()) yield event;
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
