import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobRef, JobState, MediaArtifact } from '../../../src/common/jobs.js';
import type { ToolContext } from '../../../src/core/tools/define-tool.js';
import { createOpenAIClient } from '../../../src/providers/openai/client.js';
import { createVideoToolset } from '../../../src/providers/openai/videos/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/openai';
const VIDEO_ID = 'video_68e1c2a9f0d48190a1b2c3d4e5f60718';
const CAT = 'A calico cat plays a tiny piano on a dim stage, slow dolly-in';

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
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sora-tools-'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  it('offers six tools with JSON Schemas', () => {
    const tools = createVideoToolset(client(), { outputDir: dir });
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
    const tools = createVideoToolset(client(), { outputDir: dir });
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
    const created = await replay('videos-create-json');
    const polls = await replay('videos-poll-progress');
    const content = await replay('videos-content-video');
    const log: string[] = [];
    const recorded: Recorded[] = [];
    const tools = createVideoToolset(client(), { outputDir: dir, wait: true, intervalMs: 1_000 });
    const running = tools
      .get('sora_create_video')!
      .run({ prompt: CAT, model: 'sora-2', seconds: '8', size: '1280x720' }, context(log, recorded));
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    const result = (await running) as { path: string; mime_type: string; bytes: number };
    created.assertAllUsed();
    polls.assertAllUsed();
    content.assertAllUsed();
    expect(result).toMatchObject({ video_id: VIDEO_ID, status: 'completed', mime_type: 'video/mp4', bytes: 28 });
    expect(result.path).toBe(join(dir, `${VIDEO_ID}.mp4`));
    expect(log[0]).toBe('record pending');
    expect(log.at(-1)).toBe('record succeeded');
    expect(recorded.at(-1)?.artifact).toMatchObject({ kind: 'video', path: result.path, provider: 'openai' });
  });

  it('download uses safe, unique file names inside the output folder', async () => {
    const tools = createVideoToolset(client(), { outputDir: dir });
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
    expect(paths).toEqual([join(dir, 'pass-wd.mp4'), join(dir, 'pass-wd-2.mp4')]);
    expect((await readdir(dir)).sort()).toEqual(['pass-wd-2.mp4', 'pass-wd.mp4']);
    expect((await readFile(paths[0]!)).byteLength).toBe(28);
  });

  it('status reports a failed job with its error', async () => {
    const fixtures = await replay('videos-poll-failed');
    const status = createVideoToolset(client(), { outputDir: dir }).get('sora_video_status')!;
    await status.run({ video_id: 'video_68e1c3b0a1c28190ffee001122334455' }, context([], []));
    const failed = await status.run({ video_id: 'video_68e1c3b0a1c28190ffee001122334455' }, context([], []));
    fixtures.assertAllUsed();
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'moderation_blocked' } });
  });

  it('remix, extend and edit start jobs and record them', async () => {
    const tools = createVideoToolset(client(), { outputDir: dir });
    const recorded: Recorded[] = [];
    const remix = await replay('videos-remix-ok');
    await tools
      .get('sora_remix_video')!
      .run(
        { video_id: VIDEO_ID, prompt: 'Same scene, but the cat takes a bow as the audience cheers' },
        context([], recorded),
      );
    remix.assertAllUsed();
    const extend = await replay('videos-extend-json');
    await tools
      .get('sora_extend_video')!
      .run(
        { video_id: VIDEO_ID, prompt: 'The camera pulls back to reveal the whole theatre', seconds: '8' },
        context([], recorded),
      );
    extend.assertAllUsed();
    const edit = await replay('videos-edit-json');
    await tools
      .get('sora_edit_video')!
      .run({ video_id: VIDEO_ID, prompt: 'Make it snow and add warm window light' }, context([], recorded));
    edit.assertAllUsed();
    expect(recorded.map((entry) => entry.state)).toEqual(['pending', 'pending', 'pending']);
  });
});
