import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobFailedError } from '../../../src/common/errors.js';
import type { JobRef, JobState, MediaArtifact } from '../../../src/common/jobs.js';
import type { ToolContext } from '../../../src/core/tools/define-tool.js';
import { createOpenAIClient } from '../../../src/providers/openai/client.js';
import { createVideoToolset } from '../../../src/providers/openai/videos/index.js';
import { loadFixture, useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/openai';
const VIDEO_ID = 'video_68e1c2a9f0d48190a1b2c3d4e5f60718';
const CAT = 'A calico cat plays a tiny piano on a dim stage, slow dolly-in';
const FAILED_ID = 'video_68e1c3b0a1c28190ffee001122334455';
/** Between the fixtures' completion and their expires_at (1767312112 = 2026-01-02T00:01:52Z). */
const BEFORE_EXPIRY = new Date('2026-01-01T00:05:00Z');

const client = () => createOpenAIClient({ apiKey: 'sk-test-0123456789abcdef', maxRetries: 0, env: {} });
const replay = (name: string) => useFixtures(server, `${FIXTURES}/${name}`, { baseUrl: 'https://api.openai.com' });

type Recorded = { job: JobRef; state: JobState | undefined; artifact: MediaArtifact | undefined };

function context(log: string[], recorded: Recorded[]): ToolContext {
  return {
    signal: new AbortController().signal,
    runId: 'run_1',
    agent: 'director',
    callId: 'call_1',
    toolName: 'tool',
    context: undefined,
    depth: 0,
    reportProgress: (progress) => log.push(`progress ${progress.progress ?? '-'}`),
    recordJob: async (job, options = {}) => {
      log.push(`record ${options.state}`);
      recorded.push({ job, state: options.state, artifact: options.artifact });
    },
  };
}

describe('createVideoToolset', () => {
  const tmp = useTempDir('sora-tools-');
  // Registered after the folder's hooks, so it runs before the folder is removed (after-hooks run in reverse).
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers six tools with JSON Schemas', () => {
    const tools = createVideoToolset(client(), { outputDir: tmp.path });
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'sora_create_video',
      'sora_video_status',
      'sora_download_video',
      'sora_remix_video',
      'sora_extend_video',
      'sora_edit_video',
    ]);
    const create = tools.get('sora_create_video')!.jsonSchema() as { properties: Record<string, { enum?: string[] }> };
    expect(create.properties.seconds?.enum).toEqual(['4', '8', '12']);
  });

  it('create returns the id at once and records the job first', async () => {
    const fixtures = await replay('videos-create-json');
    const log: string[] = [];
    const recorded: Recorded[] = [];
    const tools = createVideoToolset(client(), { outputDir: tmp.path });
    const result = await tools
      .get('sora_create_video')!
      .run({ prompt: CAT, model: 'sora-2', seconds: '8', size: '1280x720' }, context(log, recorded));
    fixtures.assertAllUsed();
    expect(result).toMatchObject({ video_id: VIDEO_ID, status: 'queued' });
    expect(recorded).toEqual([
      {
        job: expect.objectContaining({ provider: 'openai', kind: 'video', id: VIDEO_ID }),
        state: 'pending',
        artifact: undefined,
      },
    ]);
  });

  it('with wait: records, polls, downloads into the output folder and returns the path', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(BEFORE_EXPIRY);
    const created = await replay('videos-create-json');
    const polls = await replay('videos-poll-progress');
    const content = await replay('videos-content-video');
    const log: string[] = [];
    const recorded: Recorded[] = [];
    const tools = createVideoToolset(client(), { outputDir: tmp.path, wait: true, intervalMs: 1_000 });
    const running = tools
      .get('sora_create_video')!
      .run({ prompt: CAT, model: 'sora-2', seconds: '8', size: '1280x720' }, context(log, recorded));
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    const result = (await running) as { path: string; mime_type: string; bytes: number };
    created.assertAllUsed();
    polls.assertAllUsed();
    content.assertAllUsed();
    expect(result).toMatchObject({ video_id: VIDEO_ID, status: 'completed', mime_type: 'video/mp4', bytes: 2453 });
    expect(result.path).toBe(join(tmp.path, `${VIDEO_ID}.mp4`));
    expect(log[0]).toBe('record pending');
    expect(log.at(-1)).toBe('record succeeded');
    expect(recorded.at(-1)?.artifact).toMatchObject({ kind: 'video', path: result.path, provider: 'openai' });
  });

  it('with wait: a failed job is recorded as failed in the session before the error reaches the model', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(BEFORE_EXPIRY);
    // The documented create answer, for the documented failed job's id.
    const accepted = await loadFixture(`${FIXTURES}/videos-create-json.1.json`);
    const body = accepted.response.body;
    if (body && 'json' in body) body.json = { ...(body.json as object), id: FAILED_ID };
    const created = await useFixtures(server, [accepted], { baseUrl: 'https://api.openai.com' });
    const polls = await replay('videos-poll-failed');
    const log: string[] = [];
    const recorded: Recorded[] = [];
    const tools = createVideoToolset(client(), { outputDir: tmp.path, wait: true, intervalMs: 500 });
    const running = tools
      .get('sora_create_video')!
      .run({ prompt: CAT, model: 'sora-2', seconds: '8', size: '1280x720' }, context(log, recorded))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await running;
    created.assertAllUsed();
    polls.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: FAILED_ID, state: 'failed', code: 'moderation_blocked' });
    expect(log.filter((line) => line.startsWith('record'))).toEqual(['record pending', 'record failed']);
    expect(recorded.map((entry) => [entry.job.id, entry.state])).toEqual([
      [FAILED_ID, 'pending'],
      [FAILED_ID, 'failed'],
    ]);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('with wait: a video already past expires_at is recorded as expired and not downloaded', async () => {
    const created = await replay('videos-create-json');
    // No content fixture: a download request would fail the test (msw onUnhandledRequest: 'error').
    const polls = await replay('videos-retrieve-completed');
    const recorded: Recorded[] = [];
    const tools = createVideoToolset(client(), {
      outputDir: tmp.path,
      wait: true,
      now: () => Date.parse('2026-01-03T00:00:00Z'),
    });
    const error = await tools
      .get('sora_create_video')!
      .run({ prompt: CAT, model: 'sora-2', seconds: '8', size: '1280x720' }, context([], recorded))
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    created.assertAllUsed();
    polls.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: VIDEO_ID, state: 'expired' });
    expect(recorded.map((entry) => entry.state)).toEqual(['pending', 'expired']);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('status reports an expired video as expired', async () => {
    const fixtures = await replay('videos-retrieve-completed');
    const status = createVideoToolset(client(), {
      outputDir: tmp.path,
      now: () => Date.parse('2026-01-03T00:00:00Z'),
    }).get('sora_video_status')!;
    const result = await status.run({ video_id: VIDEO_ID }, context([], []));
    fixtures.assertAllUsed();
    expect(result).toMatchObject({ video_id: VIDEO_ID, state: 'expired', status: 'completed', progress: 100 });
  });

  it('download uses safe, unique file names inside the output folder', async () => {
    const tools = createVideoToolset(client(), { outputDir: tmp.path });
    const download = tools.get('sora_download_video')!;
    const paths: string[] = [];
    for (let i = 0; i < 2; i++) {
      const fixtures = await replay('videos-content-video');
      const result = (await download.run(
        { video_id: VIDEO_ID, filename: '../../etc/pass wd.mp4' },
        context([], []),
      )) as {
        path: string;
      };
      fixtures.assertAllUsed();
      paths.push(result.path);
    }
    expect(paths).toEqual([join(tmp.path, 'pass-wd.mp4'), join(tmp.path, 'pass-wd-2.mp4')]);
    expect((await readdir(tmp.path)).sort()).toEqual(['pass-wd-2.mp4', 'pass-wd.mp4']);
    expect((await readFile(paths[0]!)).byteLength).toBe(2453);
  });

  it('status reports a failed job with its error', async () => {
    const fixtures = await replay('videos-poll-failed');
    const status = createVideoToolset(client(), { outputDir: tmp.path }).get('sora_video_status')!;
    const running = await status.run({ video_id: FAILED_ID }, context([], []));
    expect(running).toMatchObject({ video_id: FAILED_ID, state: 'pending', status: 'in_progress', progress: 10 });
    const failed = await status.run({ video_id: 'video_68e1c3b0a1c28190ffee001122334455' }, context([], []));
    fixtures.assertAllUsed();
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'moderation_blocked' } });
  });

  it('remix, extend and edit start jobs and record them', async () => {
    const tools = createVideoToolset(client(), { outputDir: tmp.path });
    const recorded: Recorded[] = [];
    const remix = await replay('videos-remix-ok');
    const remixed = await tools
      .get('sora_remix_video')!
      .run(
        { video_id: VIDEO_ID, prompt: 'Same scene, but the cat takes a bow as the audience cheers' },
        context([], recorded),
      );
    remix.assertAllUsed();
    const extend = await replay('videos-extend-json');
    const extended = await tools
      .get('sora_extend_video')!
      .run(
        { video_id: VIDEO_ID, prompt: 'The camera pulls back to reveal the whole theatre', seconds: '8' },
        context([], recorded),
      );
    extend.assertAllUsed();
    const edit = await replay('videos-edit-json');
    const edited = await tools
      .get('sora_edit_video')!
      .run({ video_id: VIDEO_ID, prompt: 'Make it snow and add warm window light' }, context([], recorded));
    edit.assertAllUsed();
    expect(recorded.map((entry) => entry.state)).toEqual(['pending', 'pending', 'pending']);
    expect([remixed, extended, edited]).toEqual([
      expect.objectContaining({ video_id: 'video_68e1c5d4b2a08190aa55bb66cc77dd88', status: 'queued' }),
      expect.objectContaining({ video_id: 'video_68e1c7e2c3b18190bb11cc22dd33ee44', status: 'queued' }),
      expect.objectContaining({ video_id: 'video_68e1c6a1b2c38190dd44ee55ff667788', status: 'queued' }),
    ]);
    expect(recorded.map((entry) => entry.job.id)).toEqual([
      'video_68e1c5d4b2a08190aa55bb66cc77dd88',
      'video_68e1c7e2c3b18190bb11cc22dd33ee44',
      'video_68e1c6a1b2c38190dd44ee55ff667788',
    ]);
  });
});
