/**
 * What crash-safety.test.ts and its child share: the seeded generator, the entries the child appends (the
 * shapes an agent run records: start, messages, a tool call that starts a job, its job reference, its result) and
 * how each entry's id is read back from the file.
 */
import { messageText } from '../../src/core/prompt/history.js';
import type { SessionEntry, SessionEntryInput } from '../../src/core/session/session.js';

/** mulberry32: a small seeded generator of numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The id of entry `n` of round `round` (`n` 0 is the run's start entry). */
export const entryId = (round: number, n: number): string => `r${round}-${n}`;

/**
 * Entry `n` of a child's run in round `round`, carrying its id: a start entry first, then turns of a user
 * message, a tool call, its job reference, the tool's result and the answer. `filler` pads messages (some of them
 * large, so that a kill can land inside the write of one line).
 */
export function crashEntry(sessionId: string, round: number, n: number, filler: string): SessionEntryInput {
  const id = entryId(round, n);
  const runId = `run_r${round}`;
  if (n === 0) return { type: 'start', runId, sessionId, agent: 'crash-child' };
  const callId = `call_${entryId(round, n - ((n - 1) % 5) + 1)}`;
  switch ((n - 1) % 5) {
    case 0:
      return {
        type: 'message',
        runId,
        message: { role: 'user', content: [{ type: 'text', text: `${id} ${filler}` }] },
      };
    case 1:
      return { type: 'tool-call', runId, callId, name: 'make_video', data: { arguments: { entry: id } } };
    case 2:
      return {
        type: 'job',
        runId,
        job: { provider: 'openai', kind: 'video', id, createdAt: new Date().toISOString() },
        callId,
        jobTools: ['sora_video_status', 'sora_download_video'],
        state: 'pending',
      };
    case 3:
      return {
        type: 'tool-result',
        runId,
        callId,
        name: 'make_video',
        data: { output: id, isError: false, status: 'ok', ms: 1 },
      };
    default:
      return {
        type: 'message',
        runId,
        message: { role: 'assistant', content: [{ type: 'text', text: `${id} ${filler}` }] },
      };
  }
}

/** The id an entry of {@link crashEntry} (or the test's own resume entries) carries. */
export function idOf(entry: SessionEntry): string {
  switch (entry.type) {
    case 'start':
      return entryId(Number(entry.runId.slice('run_r'.length)), 0);
    case 'message':
      return messageText(entry.message).split(' ')[0] ?? '';
    case 'job':
      return entry.job.id;
    case 'tool-call':
      return String((entry.data as { arguments: { entry: unknown } }).arguments.entry);
    case 'tool-result':
      return String((entry.data as { output: unknown }).output);
    default:
      return '';
  }
}
