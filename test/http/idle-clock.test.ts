import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleClock, readBodyText } from '../../src/http/guard-body.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('IdleClock', () => {
  it('expires when one wait lasts longer than idleMs', () => {
    const expired: string[] = [];
    const clock = new IdleClock(1000, (reason) => expired.push(reason));
    clock.waiting();
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['idle']);
  });

  it('does not count the time between waits (a consumer that pauses)', () => {
    const expired: string[] = [];
    const clock = new IdleClock(1000, (reason) => expired.push(reason));
    clock.waiting();
    vi.advanceTimersByTime(900);
    clock.arrived();
    vi.advanceTimersByTime(5000);
    expect(expired).toEqual([]);
    clock.waiting();
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['idle']);
  });

  it('keeps one timer however many chunks arrive', () => {
    const clock = new IdleClock(1000, () => undefined);
    const spy = vi.spyOn(globalThis, 'setTimeout');
    for (let chunk = 0; chunk < 100; chunk++) {
      clock.waiting();
      vi.advanceTimersByTime(5);
      clock.arrived();
    }
    expect(spy.mock.calls.length).toBe(1);
    clock.stop();
  });

  it('a deadline fires waiting or not; stop ends the clock', () => {
    const expired: string[] = [];
    const clock = new IdleClock(Number.POSITIVE_INFINITY, (reason) => expired.push(reason), Date.now() + 3000);
    clock.waiting();
    clock.arrived();
    vi.advanceTimersByTime(3000);
    expect(expired).toEqual(['deadline']);
    const stopped = new IdleClock(10, (reason) => expired.push(reason));
    stopped.waiting();
    stopped.stop();
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['deadline']);
  });
});

describe('readBodyText', () => {
  it('decodes a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"text":"ø€"}');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 11));
        controller.enqueue(bytes.subarray(11));
        controller.close();
      },
    });
    await expect(readBodyText(body, { idleMs: 1000, provider: 'test' })).resolves.toBe('{"text":"ø€"}');
  });

  it('ends a silent body with a TimeoutError of phase idle', async () => {
    const body = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    const reading = readBodyText(body, { idleMs: 500, provider: 'test' }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(500);
    const error = (await reading) as { name: string; phase: string };
    expect(error.name).toBe('TimeoutError');
    expect(error.phase).toBe('idle');
  });
});
