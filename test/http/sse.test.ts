import { describe, expect, it } from 'vitest';
import { parseSse, SseParser } from '../../src/http/sse.js';

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>) {
  const out = [];
  for await (const event of parseSse(stream)) out.push(event);
  return out;
}

describe('SSE parsing', () => {
  const text =
    'event: delta\ndata: {"a":1}\n\n: comment\ndata: line one\ndata: line two\nid: 7\nretry: 1500\n\ndata: last\n\n';
  const expected = [
    { event: 'delta', data: '{"a":1}' },
    { data: 'line one\nline two', id: '7', retry: 1500 },
    { data: 'last', id: '7' },
  ];

  it('parses events, multi-line data, comments, id and retry', async () => {
    expect(await collect(streamOf([text]))).toEqual(expected);
  });

  it('gives the same events for every possible split into two chunks', async () => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(await collect(streamOf([text.slice(0, cut), text.slice(cut)]))).toEqual(expected);
    }
  });

  it('handles one byte at a time, CRLF and CR line ends, and a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo 🎵\r\n\r\ndata: b\r\rdata: c');
    const chunks = [...bytes].map((byte) => new Uint8Array([byte]));
    expect(await collect(streamOf(chunks))).toEqual([{ data: 'héllo 🎵' }, { data: 'b' }, { data: 'c' }]);
  });

  it('strips a leading BOM and ignores events without data', () => {
    const parser = new SseParser();
    expect(parser.push('\uFEFFevent: ping\n\ndata: x\n\n')).toEqual([{ data: 'x' }]);
  });

  it('yields events before the stream ends', async () => {
    let push: ((text: string) => void) | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (value) => controller.enqueue(new TextEncoder().encode(value));
      },
    });
    const iterator = parseSse(stream)[Symbol.asyncIterator]();
    push!('data: first\n\n');
    expect((await iterator.next()).value).toEqual({ data: 'first' });
    await iterator.return?.();
  });
});

describe('SSE parsing of long lines', () => {
  it('parses a multi-megabyte data line sent in many small chunks in linear time', () => {
    const parser = new SseParser();
    const piece = 'ab'.repeat(512);
    const chunks = 4096; // 4 MiB in 1 KiB chunks
    const events: ReturnType<SseParser['push']> = [];
    events.push(...parser.push('data: '));
    for (let index = 0; index < chunks; index++) events.push(...parser.push(piece));
    events.push(...parser.push('\n\n'));
    expect(events).toHaveLength(1);
    expect(events[0]!.data.length).toBe(piece.length * chunks);
  });
});

describe('SseParser limits (issue 11 item 8)', () => {
  it('an event made of many short data lines is bounded like one long line', async () => {
    const { SseParser: Parser } = await import('../../src/http/sse.js');
    const { ResponseValidationError: Invalid } = await import('../../src/common/errors.js');
    const parser = new Parser({ maxLineLength: 100, provider: 'acme' });
    expect(parser.push('data: short\n\n')).toEqual([{ data: 'short' }]);
    let caught: unknown;
    try {
      for (let index = 0; index < 50; index++) parser.push('data: 0123456789\n');
    } catch (error) {
      caught = error;
    }
    expect(Invalid.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ provider: 'acme' });
    expect(() => parser.push(`data: ${'x'.repeat(101)}`)).toThrow(/maxSseLineLength/);
  });
});
