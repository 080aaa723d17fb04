/**
 * The one idle-timeout guard: every body the HTTP layer hands out (JSON answers, streams, downloads) is read
 * through it, so a connection that goes silent ends with a TimeoutError instead of hanging.
 * @module
 */
import { AbortedError, ConnectionError, HelloDaveError, TimeoutError } from '../common/errors.js';

/**
 * Wraps a body so that a read waiting longer than `idleMs`, or an abort of `signal`, ends the stream with a
 * TimeoutError (`phase: 'idle'`) or AbortedError instead of hanging. Only time spent waiting on the network
 * counts: a consumer that pauses between reads is never timed out. One timer stays armed and re-arms itself for
 * the time left, so a chunk costs a clock read, not a timer (a large download has tens of thousands of chunks).
 * A `deadline` (for bodies read whole, which the request's time limit covers) also ends the body once passed,
 * with a TimeoutError of phase `request`.
 */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  options: { idleMs: number; signal?: AbortSignal; provider: string; deadline?: { at: number; timeoutMs: number } },
): ReadableStream<Uint8Array> {
  const { idleMs, signal, provider, deadline } = options;
  const reader = body.getReader();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let since = 0;
  let failed = false;
  const cleanup = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
  };
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    cleanup();
    reader.cancel().catch(() => undefined);
    try {
      controller?.error(error);
    } catch {
      // already closed
    }
  };
  const finite = idleMs > 0 && Number.isFinite(idleMs);
  const untilDeadline = (now: number) => (deadline ? deadline.at - now : Number.POSITIVE_INFINITY);
  const arm = (delayMs: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      const now = Date.now();
      if (untilDeadline(now) <= 0) {
        fail(new TimeoutError(provider, 'request', deadline?.timeoutMs ?? 0));
        return;
      }
      const left = finite ? (reading ? idleMs - (now - since) : idleMs) : Number.POSITIVE_INFINITY;
      if (left > 0) arm(Math.min(left, untilDeadline(now)));
      else fail(new TimeoutError(provider, 'idle', idleMs));
    }, delayMs);
    // A body nobody reads must not keep the process alive (Node and Bun timers have unref).
    (timer as { unref?: () => void }).unref?.();
  };
  function onAbort() {
    fail(new AbortedError());
  }
  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    },
    async pull(streamController) {
      if (failed) return;
      reading = true;
      since = Date.now();
      if ((finite || deadline) && timer === undefined) {
        arm(Math.min(finite ? idleMs : Number.POSITIVE_INFINITY, untilDeadline(since)));
      }
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        reading = false;
        if (signal?.aborted) fail(new AbortedError());
        else if (HelloDaveError.isInstance(error)) fail(error);
        else fail(new ConnectionError(provider, 'the connection broke while reading the body', { cause: error }));
        return;
      }
      reading = false;
      if (failed) return;
      if (chunk.done) {
        cleanup();
        streamController.close();
      } else {
        streamController.enqueue(chunk.value);
      }
    },
    cancel(reason) {
      failed = true;
      cleanup();
      return reader.cancel(reason);
    },
  });
}
