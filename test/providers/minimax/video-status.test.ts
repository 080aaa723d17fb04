/**
 * Issue 11 item 5: unknown job statuses are pending (bounded by the deadline), failure spellings stay terminal,
 * and one malformed poll answer is retried like a transient error. Black-box: waitForVideo against msw answers.
 */
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobFailedError, JobTimeoutError } from '../../../src/common/errors.js';
import { waitForVideo } from '../../../src/providers/minimax/index.js';
import { createOpenAIClient, waitForVideo as waitForSora } from '../../../src/providers/openai/index.js';
import { rejection } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const QUERY = 'https://api.minimax.io/v1/query/video_generation';
const TASK = '106916112212032';
const ok = { status_code: 0, status_msg: 'success' };

/** Answers the query endpoint with `answers` in turn (the last one repeats); returns how many were asked. */
function script(answers: readonly (() => Response)[]): { count: number } {
  const seen = { count: 0 };
  server.use(
    http.get(QUERY, () => {
      const answer = answers[Math.min(seen.count, answers.length - 1)] as () => Response;
      seen.count += 1;
      return answer();
    }),
  );
  return seen;
}
const task =
  (status: string, extra: Record<string, unknown> = {}) =>
  () =>
    HttpResponse.json({ task_id: TASK, status, base_resp: ok, ...extra });

afterEach(() => {
  vi.useRealTimers();
});

describe('MiniMax video status words', () => {
  it('an unknown word is pending: the wait goes on to Success', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = script([task('Uploading'), task('Rendering'), task('Success', { file_id: '176844028768320' })]);
    const statuses: string[] = [];
    const waiting = waitForVideo(client(), TASK, {
      intervalMs: 1_000,
      onProgress: (progress) => statuses.push(`${progress.state}:${progress.providerStatus}`),
    });
    await vi.advanceTimersByTimeAsync(30_000);
    const done = await waiting;
    expect(done).toMatchObject({ state: 'succeeded', result: { file_id: '176844028768320' } });
    expect(statuses).toEqual(['pending:Uploading', 'pending:Rendering', 'succeeded:Success']);
    expect(seen.count).toBe(3);
  });

  it('an unknown word forever ends at the deadline with JobTimeoutError naming the last word', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    script([task('Uploading')]);
    const waiting = rejection(waitForVideo(client(), TASK, { intervalMs: 1_000, timeoutMs: 20_000 }));
    await vi.advanceTimersByTimeAsync(25_000);
    const error = await waiting;
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: TASK, lastStatus: 'Uploading' });
  });

  it.each(['Fail', 'Failed', 'failed', 'error', 'Error', 'ERROR'])('%s is terminal', async (word) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = script([task(word)]);
    const waiting = rejection(waitForVideo(client(), TASK, { intervalMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await waiting;
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'minimax', jobId: TASK });
    expect(seen.count).toBe(1);
  });

  it.each(['Fail', 'error'])(
    '%s with a moderation code (1026) is a failed job carrying the code, not a thrown call error',
    async (word) => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      script([
        () =>
          HttpResponse.json({
            task_id: TASK,
            status: word,
            base_resp: { status_code: 1026, status_msg: 'input new_sensitive' },
          }),
      ]);
      const waiting = rejection(waitForVideo(client(), TASK, { intervalMs: 1_000 }));
      await vi.advanceTimersByTimeAsync(5_000);
      const error = await waiting;
      expect(JobFailedError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ jobId: TASK, code: '1026' });
    },
  );

  it('a non-zero base_resp other than a rate limit ends the wait; a rate limit (1002) is retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    script([
      () =>
        HttpResponse.json({ task_id: TASK, status: '', base_resp: { status_code: 1002, status_msg: 'rate limit' } }),
      task('Processing'),
      () =>
        HttpResponse.json({
          task_id: TASK,
          status: 'Processing',
          base_resp: { status_code: 1004, status_msg: 'auth' },
        }),
    ]);
    const waiting = rejection(waitForVideo(client(), TASK, { intervalMs: 1_000 }));
    await vi.advanceTimersByTimeAsync(120_000);
    const error = (await waiting) as Error;
    expect(JobTimeoutError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ code: '1004' });
  });

  it('one malformed poll answer is retried like a transient error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const seen = script([
      task('Processing'),
      () => new HttpResponse('<html>upstream hiccup</html>', { headers: { 'content-type': 'text/html' } }),
      () => HttpResponse.json({ task_id: TASK, base_resp: ok }),
      task('Success', { file_id: '176844028768320' }),
    ]);
    const waiting = waitForVideo(client(), TASK, { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await waiting).toMatchObject({ state: 'succeeded' });
    expect(seen.count).toBe(4);
  });
});

describe('OpenAI video polling', () => {
  it('one malformed poll answer is retried, an unknown status is pending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const answers = [
      () => HttpResponse.json({ id: 'video_1', object: 'video', status: 'in_progress', model: 'sora-2' }),
      () => new HttpResponse('not json at all', { headers: { 'content-type': 'text/plain' } }),
      () => HttpResponse.json({ id: 'video_1', object: 'video', status: 'uploading', model: 'sora-2' }),
      () => HttpResponse.json({ id: 'video_1', object: 'video', status: 'completed', model: 'sora-2' }),
    ];
    let count = 0;
    server.use(
      http.get('https://api.openai.com/v1/videos/video_1', () => {
        const answer = answers[Math.min(count, answers.length - 1)] as () => Response;
        count += 1;
        return answer();
      }),
    );
    const sora = createOpenAIClient({ apiKey: 'sk-test-0000000000', env: {}, maxRetries: 0 });
    const waiting = waitForSora(sora, 'video_1', { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await waiting).toMatchObject({ id: 'video_1', status: 'completed' });
    expect(count).toBe(4);
  });
});
