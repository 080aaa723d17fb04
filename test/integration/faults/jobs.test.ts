/**
 * Fault scenarios of long jobs (issue 18 item 1): a job that fails, one that never finishes, polling through
 * transient failures, unknown statuses (pending, bounded by the deadline) and a job the API no longer knows —
 * each provider's wait against a real server on 127.0.0.1, with intervals and deadlines of milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { JobFailedError, JobTimeoutError, NotFoundError, ServerError } from '../../../src/common/errors.js';
import type { JobProgress } from '../../../src/common/media-provider.js';
import { waitForLalalTask } from '../../../src/providers/lalal/index.js';
import { waitForVideo as waitForMiniMaxVideo } from '../../../src/providers/minimax/index.js';
import { murekaJobRef, waitForMurekaTask } from '../../../src/providers/mureka/index.js';
import { waitForVideo } from '../../../src/providers/openai/index.js';
import { waitForImageResult } from '../../../src/providers/stability/index.js';
import { getDeferredImages, waitForXAIVideo } from '../../../src/providers/xai/index.js';
import { rejection } from '../../helpers.js';
import { answer } from '../local-server.js';
import { clients, murekaTask, soraVideo, useScriptedServers } from './http-fault-clients.js';

const serve = useScriptedServers();

/** Fast polling: first wait 10 ms. */
const FAST = { intervalMs: 10 } as const;
const MUREKA_REF = murekaJobRef({ id: '1436211', created_at: 1, model: 'mureka-7' }, 'song');
const mmTask = (status: string, extra: Record<string, unknown> = {}) => ({
  task_id: '106916112212032',
  status,
  base_resp: { status_code: 0, status_msg: 'success' },
  ...extra,
});
const lalalCheck = (entry: Record<string, unknown>) => ({ result: { task_1: entry } });
const TRACKS = { tracks: [{ type: 'stem', label: 'vocals', url: 'http://127.0.0.1:9/vocals.wav' }] };

/** Asserts a JobFailedError for `jobId` and returns it. */
function expectJobFailed(error: unknown, provider: string, jobId: string): JobFailedError {
  expect(JobFailedError.isInstance(error), String(error)).toBe(true);
  const failed = error as JobFailedError;
  expect(failed.provider).toBe(provider);
  expect(failed.jobId).toBe(jobId);
  expect(failed.message).toContain(jobId);
  return failed;
}

describe('a job that fails', () => {
  it('Sora video queued, then failed: JobFailedError naming the job, with the API code and reason', async () => {
    const api = await serve(
      answer.json(200, soraVideo('queued')),
      answer.json(
        200,
        soraVideo('failed', { error: { code: 'moderation_blocked', message: 'The prompt was blocked' } }),
      ),
    );
    const failed = expectJobFailed(
      await rejection(waitForVideo(clients.openai(api.origin), 'video_faults_1', FAST)),
      'openai',
      'video_faults_1',
    );
    expect(failed.state).toBe('failed');
    expect(failed.code).toBe('moderation_blocked');
    expect(failed.reason).toBe('The prompt was blocked');
    expect(api.requests).toHaveLength(2);
  });

  it('Mureka song running, then failed: JobFailedError naming the task, with its failed_reason', async () => {
    const api = await serve(
      answer.json(200, murekaTask('running')),
      answer.json(200, murekaTask('failed', { failed_reason: 'lyrics rejected' })),
    );
    const failed = expectJobFailed(
      await rejection(waitForMurekaTask(clients.mureka(api.origin), MUREKA_REF, FAST)),
      'mureka',
      '1436211',
    );
    expect(failed.reason).toBe('lyrics rejected');
  });

  it('LALAL split ends with error: JobFailedError with the task, its code and detail', async () => {
    const api = await serve(
      answer.json(200, lalalCheck({ status: 'error', error: { code: 'invalid_file', detail: 'File is corrupted' } })),
    );
    const failed = expectJobFailed(
      await rejection(waitForLalalTask(clients.lalal(api.origin), 'task_1', FAST)),
      'lalal',
      'task_1',
    );
    expect(failed.code).toBe('invalid_file');
    expect(failed.reason).toBe('File is corrupted');
  });

  it('MiniMax video Processing, then Fail with base_resp 1027: JobFailedError with the code', async () => {
    const api = await serve(
      answer.json(200, mmTask('Processing')),
      answer.json(200, mmTask('Fail', { base_resp: { status_code: 1027, status_msg: 'output video is sensitive' } })),
    );
    const failed = expectJobFailed(
      await rejection(waitForMiniMaxVideo(clients.minimax(api.origin), '106916112212032', FAST)),
      'minimax',
      '106916112212032',
    );
    expect(failed.code).toBe('1027');
    expect(failed.reason).toBe('output video is sensitive');
  });

  it('LALAL task the check no longer lists (older than 24 h): JobFailedError, state expired', async () => {
    const api = await serve(answer.json(200, { result: {} }));
    const failed = expectJobFailed(
      await rejection(waitForLalalTask(clients.lalal(api.origin), 'task_1', FAST)),
      'lalal',
      'task_1',
    );
    expect(failed.state).toBe('expired');
  });
});

describe('a job that never finishes', () => {
  it('xAI video pending (HTTP 202) forever: JobTimeoutError at the deadline, naming the job and last status', async () => {
    const api = await serve(answer.json(202, { status: 'pending', progress: 5 }));
    const started = Date.now();
    const error = await rejection(
      waitForXAIVideo(clients.xai(api.origin), 'req_faults_1', { intervalMs: 20, timeoutMs: 300 }),
    );
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    const late = error as JobTimeoutError;
    expect(late.jobId).toBe('req_faults_1');
    expect(late.lastStatus).toBe('pending');
    expect(late.message).toMatch(/wait again with its id/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(api.requests.length).toBeGreaterThan(2);
  });

  it('Stability result in progress forever: JobTimeoutError at the deadline', async () => {
    const api = await serve(answer.json(202, { id: 'gen_faults_1', status: 'in-progress' }));
    const error = await rejection(
      waitForImageResult(clients.stability(api.origin), 'gen_faults_1', { intervalMs: 20, timeoutMs: 250 }),
    );
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    expect((error as JobTimeoutError).provider).toBe('stability');
    expect((error as JobTimeoutError).lastStatus).toBe('in-progress');
  });
});

describe('polling through transient failures', () => {
  it('Mureka poll meets 503 and 502 between pending answers: the finished task (the poller retries)', async () => {
    const api = await serve(
      answer.json(200, murekaTask('running')),
      answer.json(503, { error: { message: 'busy' } }),
      answer.text(502, 'Bad Gateway', 'text/plain'),
      answer.json(200, murekaTask('succeeded', { choices: [{ index: 0, url: 'http://127.0.0.1:9/a.mp3' }] })),
    );
    const done = await waitForMurekaTask(clients.mureka(api.origin, { maxRetries: 0 }), MUREKA_REF, FAST);
    expect(done.status).toBe('succeeded');
    expect(api.requests).toHaveLength(4);
  });

  it('MiniMax poll meets a reset connection and a malformed answer: the finished task', async () => {
    const api = await serve(
      answer.json(200, mmTask('Queueing')),
      answer.reset(),
      answer.text(200, '{"task_id":"106916112212032","status":'),
      answer.json(200, mmTask('Success', { file_id: '205258526306433' })),
    );
    const done = await waitForMiniMaxVideo(clients.minimax(api.origin, { maxRetries: 0 }), '106916112212032', FAST);
    expect(done.state).toBe('succeeded');
    expect(done.result?.file_id).toBe('205258526306433');
    expect(api.requests).toHaveLength(4);
  });

  it('Mureka poll meets 503 six times in a row: the last ServerError (five transient errors are tolerated)', async () => {
    const api = await serve(answer.json(200, murekaTask('running')), answer.json(503, { error: { message: 'busy' } }));
    const error = await rejection(waitForMurekaTask(clients.mureka(api.origin, { maxRetries: 0 }), MUREKA_REF, FAST));
    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as ServerError).status).toBe(503);
    expect(api.requests).toHaveLength(7);
  });

  it('xAI poll answered 404 (the API does not know the job): NotFoundError at once, not polled again', async () => {
    const api = await serve(answer.json(404, { code: 'Not found', error: 'No such request' }));
    const error = await rejection(waitForXAIVideo(clients.xai(api.origin), 'req_faults_1', FAST));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });
});

describe('unknown job statuses: pending, bounded by the deadline', () => {
  it('Sora status "rendering" (not in the spec), then completed: the video, the word reported as progress', async () => {
    const api = await serve(
      answer.json(200, soraVideo('rendering', { progress: 50 })),
      answer.json(200, soraVideo('completed', { progress: 100 })),
    );
    const seen: JobProgress[] = [];
    const video = await waitForVideo(clients.openai(api.origin), 'video_faults_1', {
      ...FAST,
      onProgress: (progress) => seen.push(progress),
    });
    expect(video.status).toBe('completed');
    expect(seen.map((progress) => [progress.state, progress.providerStatus])).toEqual([
      ['pending', 'rendering'],
      ['succeeded', 'completed'],
    ]);
  });

  it('xAI status "processing" (not in the docs), then done: the video, not a failure', async () => {
    const api = await serve(
      answer.json(200, { status: 'processing', progress: 40 }),
      answer.json(200, { status: 'done', progress: 100, video: { url: 'http://127.0.0.1:9/v.mp4', duration: 6 } }),
    );
    const done = await waitForXAIVideo(clients.xai(api.origin), 'req_faults_1', FAST);
    expect(done.state).toBe('succeeded');
    expect(done.result?.video?.url).toBe('http://127.0.0.1:9/v.mp4');
    expect(api.requests).toHaveLength(2);
  });

  it('xAI deferred image status "queued" (not in the docs): pending, not a failure; then done', async () => {
    const api = await serve(
      answer.json(200, { status: 'queued' }),
      answer.json(200, { status: 'done', data: [{ url: 'http://127.0.0.1:9/i.jpeg' }] }),
    );
    const client = clients.xai(api.origin);
    expect(await getDeferredImages(client, 'req_faults_1')).toMatchObject({
      state: 'pending',
      providerStatus: 'queued',
    });
    expect((await getDeferredImages(client, 'req_faults_1')).state).toBe('succeeded');
  });

  it('Mureka status "mixing" forever: JobTimeoutError naming the unknown word as the last status', async () => {
    const api = await serve(answer.json(200, murekaTask('mixing')));
    const error = await rejection(
      waitForMurekaTask(clients.mureka(api.origin), MUREKA_REF, { intervalMs: 20, timeoutMs: 250 }),
    );
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    expect((error as JobTimeoutError).lastStatus).toBe('mixing');
    expect((error as JobTimeoutError).jobId).toBe('1436211');
  });

  it('LALAL status "uploading" (not in the docs), then success: the task with its tracks', async () => {
    const api = await serve(
      answer.json(200, lalalCheck({ status: 'uploading' })),
      answer.json(200, lalalCheck({ status: 'success', result: TRACKS })),
    );
    const done = await waitForLalalTask(clients.lalal(api.origin), 'task_1', FAST);
    expect(done.result?.tracks[0]?.label).toBe('vocals');
  });
});
