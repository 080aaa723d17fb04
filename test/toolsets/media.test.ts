import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import {
  JobFailedError,
  JobTimeoutError,
  RequestValidationError,
  ToolDefinitionError,
} from '../../src/common/errors.js';
import type { JobRef, JobState, JobStatus, MediaArtifact, MediaKind } from '../../src/common/jobs.js';
import { makeJobRef } from '../../src/common/jobs.js';
import type { MediaProvider, SaveOptions, WaitOptions } from '../../src/common/media-provider.js';
import { Agent } from '../../src/core/agent/agent.js';
import { MemorySessionStore } from '../../src/core/session/memory-session.js';
import type { ToolContext, ToolProgress } from '../../src/core/tools/define-tool.js';
import type { ToolSet } from '../../src/core/tools/tool-set.js';
import { createImmediateMediaProvider } from '../../src/http/index.js';
import { createMiniMaxClient, minimaxVideoProvider } from '../../src/providers/minimax/index.js';
import { createOpenAIClient } from '../../src/providers/openai/client.js';
import { soraVideoProvider } from '../../src/providers/openai/videos/index.js';
import { scriptedModel, useFixtures } from '../../src/testing/index.js';
import { createMediaToolset } from '../../src/toolsets/index.js';
import { server } from '../msw.js';

type Recorded = { job: JobRef; state: JobState | undefined; artifact: MediaArtifact | undefined };

interface FakeOptions {
  name?: string;
  kind?: MediaKind;
  /** What `wait` does. */
  wait?: 'succeed' | 'fail' | 'timeout' | 'crash';
  /** What `status` answers. */
  status?: JobStatus;
  /** MIME type of the downloaded file. */
  mimeType?: string;
  /** Make `download` fail after writing part of the file. */
  downloadFails?: boolean;
}

/** A MediaProvider without a network: records what it was asked, writes four bytes on download. */
function fakeProvider(options: FakeOptions = {}) {
  const name = options.name ?? 'fake';
  const kind = options.kind ?? 'video';
  const calls: { started: unknown[]; waited: JobRef[]; downloads: SaveOptions[] } = {
    started: [],
    waited: [],
    downloads: [],
  };
  let count = 0;
  const refOf = (job: JobRef | string) => (typeof job === 'string' ? makeJobRef(name, kind, job) : job);
  const provider: MediaProvider = {
    provider: name,
    kind,
    async start(input) {
      calls.started.push(input);
      count += 1;
      return makeJobRef(name, kind, `job_${count}`, { createdAt: '2026-01-01T00:00:00Z', model: 'fake-1' });
    },
    async status() {
      return options.status ?? { state: 'pending', providerStatus: 'queued', progress: 5, raw: {} };
    },
    async wait(job, waitOptions: WaitOptions = {}) {
      const ref = refOf(job);
      calls.waited.push(ref);
      waitOptions.onProgress?.({ job: ref, state: 'pending', providerStatus: 'rendering', percent: 50, elapsedMs: 1 });
      if (options.wait === 'fail') {
        throw new JobFailedError({ provider: name, jobId: ref.id, code: 'moderation_blocked', reason: 'blocked' });
      }
      if (options.wait === 'timeout') {
        throw new JobTimeoutError({ provider: name, jobId: ref.id, waitedMs: 5_000, lastStatus: 'rendering' });
      }
      if (options.wait === 'crash') throw new Error('socket hang up');
      return { state: 'succeeded', providerStatus: 'done', progress: 100, raw: { secret: 'raw body' } };
    },
    async download(job, saveOptions) {
      calls.downloads.push(saveOptions);
      await writeFile(saveOptions.to, new Uint8Array([1, 2, 3, 4]));
      saveOptions.onProgress?.({ bytes: 4, total: 4, percent: 100 });
      if (options.downloadFails) throw new Error('connection reset');
      const artifact = {
        kind: kind === 'music' ? 'audio' : kind,
        path: saveOptions.to,
        mimeType: options.mimeType ?? 'video/mp4',
        bytes: 4,
        provider: name,
        job: refOf(job),
        base64: 'AQIDBA==',
      };
      return artifact;
    },
  };
  return { provider, calls };
}

function context(log: string[] = [], recorded: Recorded[] = [], progress: ToolProgress[] = []): ToolContext {
  return {
    signal: new AbortController().signal,
    runId: 'run_1',
    agent: 'studio',
    callId: 'call_1',
    toolName: 'tool',
    context: undefined,
    depth: 0,
    reportProgress: (item) => {
      progress.push(item);
      log.push(`progress ${item.progress ?? '-'}`);
    },
    recordJob: async (job, options = {}) => {
      log.push(`record ${options.state}`);
      recorded.push({ job, state: options.state, artifact: options.artifact });
    },
  };
}

function tool(tools: ToolSet, name: string) {
  const found = tools.get(name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'media-tools-'));
  dir = join(root, 'out');
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(root, { recursive: true, force: true });
});

describe('createMediaToolset: shape', () => {
  it('offers four tools; the provider is an enum of the configured names', () => {
    const tools = createMediaToolset({
      providers: [fakeProvider({ name: 'openai' }).provider, fakeProvider({ name: 'minimax' }).provider],
      outputDir: dir,
    });
    expect(tools.tools.map((item) => item.name)).toEqual([
      'media_video',
      'media_status',
      'media_wait',
      'media_download',
    ]);
    const create = tool(tools, 'media_video').jsonSchema() as {
      properties: Record<string, { enum?: string[] }>;
      required: string[];
    };
    expect(create.properties.provider?.enum).toEqual(['openai', 'minimax']);
    expect(create.required).toEqual(['prompt']);
    expect(Object.keys(create.properties).sort()).toEqual(['model', 'options', 'prompt', 'provider']);
    for (const name of ['media_status', 'media_wait', 'media_download']) {
      const schema = tool(tools, name).jsonSchema() as { properties: Record<string, { enum?: string[] }> };
      expect(schema.properties.provider?.enum).toEqual(['openai', 'minimax']);
    }
    expect(tool(tools, 'media_video').description).toContain('Providers: openai, minimax (default openai;');
  });

  it('names providers that share a name by kind, and takes a name prefix', () => {
    const tools = createMediaToolset({
      providers: [
        fakeProvider({ name: 'minimax', kind: 'video' }).provider,
        fakeProvider({ name: 'minimax', kind: 'music' }).provider,
      ],
      outputDir: dir,
      namePrefix: 'studio_',
    });
    expect(tools.tools.map((item) => item.name)).toEqual([
      'studio_video',
      'studio_music',
      'studio_status',
      'studio_wait',
      'studio_download',
    ]);
    const schema = tool(tools, 'studio_video').jsonSchema() as { properties: Record<string, { enum?: string[] }> };
    expect(schema.properties.provider?.enum).toEqual(['minimax-video']);
    const status = tool(tools, 'studio_status').jsonSchema() as { properties: Record<string, { enum?: string[] }> };
    expect(status.properties.provider?.enum).toEqual(['minimax-video', 'minimax-music']);
  });

  it('refuses no providers, clashing names and input schemas for unknown providers', () => {
    expect(() => createMediaToolset({ providers: [], outputDir: dir })).toThrow(ToolDefinitionError);
    const same = fakeProvider({ name: 'x' }).provider;
    expect(() => createMediaToolset({ providers: [same, same], outputDir: dir })).toThrow(/both named "x-video"/);
    expect(() => createMediaToolset({ providers: [same], outputDir: dir, inputSchemas: { y: z.object({}) } })).toThrow(
      /"y", which is not a provider/,
    );
  });
});

describe('media_video', () => {
  it('starts the job with the common input, records it and returns the job at once', async () => {
    const fake = fakeProvider();
    const log: string[] = [];
    const recorded: Recorded[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir });
    const result = await tool(tools, 'media_video').run(
      { provider: 'fake', prompt: 'a fox', model: 'fake-1', options: { seconds: '8', prompt: 'ignored' } },
      context(log, recorded),
    );
    expect(fake.calls.started).toEqual([{ seconds: '8', prompt: 'a fox', model: 'fake-1' }]);
    expect(fake.calls.waited).toEqual([]);
    expect(log).toEqual(['record pending']);
    expect(recorded[0]?.job).toMatchObject({ provider: 'fake', kind: 'video', id: 'job_1' });
    expect(result).toEqual({
      provider: 'fake',
      job: recorded[0]?.job,
      state: 'pending',
      choice: { provider: 'fake', by: 'model' },
      next: expect.stringMatching(/media_wait or media_status later with job_id "job_1" \(provider "fake"\)/),
    });
  });

  it('an immediate provider (done when it starts) is saved at once even without wait', async () => {
    const images = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'image',
      async make() {
        return { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png', id: 'img_1', result: {} };
      },
    });
    const log: string[] = [];
    const tools = createMediaToolset({ providers: [images], outputDir: dir });
    const result = (await tool(tools, 'media_image').run({ prompt: 'a fox' }, context(log))) as MediaArtifact;
    expect(log).toEqual(['record pending', 'progress -', 'record succeeded']);
    expect(result).toMatchObject({ kind: 'image', mimeType: 'image/png', bytes: 4, provider: 'acme' });
    expect(result.path).toBe(join(dir, 'acme-img_1.png'));
  });

  it('with wait: records before waiting, reports progress, downloads and returns the artifact', async () => {
    const fake = fakeProvider();
    const log: string[] = [];
    const recorded: Recorded[] = [];
    const progress: ToolProgress[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir, wait: true });
    const result = await tool(tools, 'media_video').run(
      { provider: 'fake', prompt: 'a fox' },
      context(log, recorded, progress),
    );
    expect(log).toEqual(['record pending', 'progress 50', 'progress 100', 'record succeeded']);
    expect(progress[0]).toEqual({ message: 'fake job_1: rendering', progress: 50 });
    const job = recorded[0]?.job;
    // Exactly the artifact contract: the fake's extra base64 field does not reach the model.
    const artifact = {
      kind: 'video',
      path: join(dir, 'fake-job_1.mp4'),
      mimeType: 'video/mp4',
      bytes: 4,
      provider: 'fake',
      job,
    };
    expect(result).toEqual({ ...artifact, choice: { provider: 'fake', by: 'model' } });
    expect(recorded.at(-1)).toEqual({ job, state: 'succeeded', artifact });
    expect(JSON.stringify(result)).not.toContain('AQID');
  });

  it('with wait, past the deadline: a pending result (not an error) that says how to resume', async () => {
    const fake = fakeProvider({ wait: 'timeout' });
    const recorded: Recorded[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir, wait: true, waitTimeoutMs: 5_000 });
    const result = await tool(tools, 'media_video').run({ provider: 'fake', prompt: 'a fox' }, context([], recorded));
    expect(result).toMatchObject({ provider: 'fake', state: 'pending', job: { id: 'job_1' } });
    expect((result as { next: string }).next).toBe(
      'Not finished after 5 s. The job goes on. Call media_wait or media_status later with job_id "job_1" ' +
        '(provider "fake"), then media_download once it succeeded.',
    );
    expect(recorded.map((item) => item.state)).toEqual(['pending']);
    expect(await readdir(root)).toEqual([]);
  });

  it('passes the configured deadline and interval to the provider', async () => {
    const waits: WaitOptions[] = [];
    const fake = fakeProvider();
    const wait = fake.provider.wait.bind(fake.provider);
    fake.provider.wait = (job, options) => {
      if (options) waits.push(options);
      return wait(job, options);
    };
    const tools = createMediaToolset({
      providers: [fake.provider],
      outputDir: dir,
      waitTimeoutMs: 60_000,
      intervalMs: 2_000,
    });
    await tool(tools, 'media_wait').run({ provider: 'fake', job_id: 'job_9' }, context());
    expect(waits[0]).toMatchObject({ timeoutMs: 60_000, intervalMs: 2_000 });
  });

  it('inputSchemas: a provider with its own schema gets its own field, parsed by that schema', async () => {
    const sora = fakeProvider({ name: 'openai' });
    const other = fakeProvider({ name: 'minimax' });
    const tools = createMediaToolset({
      providers: [sora.provider, other.provider],
      outputDir: dir,
      inputSchemas: {
        openai: z.strictObject({
          prompt: z.string(),
          seconds: z._default(z.enum(['4', '8', '12']), '4'),
        }),
      },
    });
    const create = tool(tools, 'media_video');
    const schema = create.jsonSchema() as {
      properties: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
      required: string[];
    };
    expect(Object.keys(schema.properties).sort()).toEqual(['model', 'openai', 'options', 'prompt', 'provider']);
    expect(schema.properties.openai?.properties?.seconds?.enum).toEqual(['4', '8', '12']);
    expect(schema.required ?? []).toEqual([]);
    expect(create.description).toContain('For "openai", put the input in the field named after the provider');

    await create.run(z.parse(create.inputSchema, { provider: 'openai', openai: { prompt: 'cat' } }), context());
    expect(sora.calls.started).toEqual([{ prompt: 'cat', seconds: '4' }]);
    await create.run({ provider: 'minimax', prompt: 'fox' }, context());
    expect(other.calls.started).toEqual([{ prompt: 'fox' }]);
    await expect(create.run({ provider: 'openai', prompt: 'cat' }, context())).rejects.toThrow(
      /openai: required when provider is "openai"/,
    );
    await expect(create.run({ provider: 'minimax' }, context())).rejects.toThrow(
      /prompt: required when provider is "minimax"/,
    );
    // Without a named provider, one whose input is missing is skipped for the next.
    await create.run({ prompt: 'owl' }, context());
    expect(other.calls.started).toEqual([{ prompt: 'fox' }, { prompt: 'owl' }]);
  });

  it('an unknown provider (past validation) is refused with the allowed names', async () => {
    const tools = createMediaToolset({ providers: [fakeProvider().provider], outputDir: dir });
    const error = await tool(tools, 'media_status')
      .run({ provider: 'nope', job_id: 'x' }, context())
      .catch((caught: unknown) => caught);
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Invalid media job: provider: unknown media provider "nope" (allowed: "fake")',
    );
  });
});

describe('media_video in an agent run with a session', () => {
  async function runAgent(fake: ReturnType<typeof fakeProvider>, args: Record<string, unknown>) {
    const model = scriptedModel([{ toolCalls: [{ name: 'media_video', arguments: args }] }, { text: 'Sorry.' }]);
    const agent = new Agent({
      name: 'studio',
      model,
      tools: [createMediaToolset({ providers: [fake.provider], outputDir: dir, wait: true })],
    });
    const session = await new MemorySessionStore().create();
    const result = await agent.run('Make a fox video', { session });
    return { result, entries: await session.read() };
  }

  it('the job entry is in the session even when the wait then fails; the failure is a tool result', async () => {
    const { result, entries } = await runAgent(fakeProvider({ wait: 'fail' }), { provider: 'fake', prompt: 'a fox' });
    const kinds = entries.map((entry) => (entry.type === 'job' ? `job ${entry.state}` : entry.type));
    expect(kinds.indexOf('job pending')).toBeGreaterThan(kinds.indexOf('tool-call'));
    expect(kinds.indexOf('job pending')).toBeLessThan(kinds.indexOf('tool-result'));
    expect(kinds).toContain('job failed');
    expect(entries.find((entry) => entry.type === 'job')).toMatchObject({ job: { provider: 'fake', id: 'job_1' } });
    expect(result.steps[0]?.toolResults[0]).toMatchObject({
      isError: true,
      output: 'media_video failed: JobFailedError: fake job job_1 failed: moderation_blocked: blocked',
    });
  });

  it('a crash while waiting still leaves the pending job in the session', async () => {
    const { result, entries } = await runAgent(fakeProvider({ wait: 'crash' }), { provider: 'fake', prompt: 'a fox' });
    expect(entries.filter((entry) => entry.type === 'job')).toMatchObject([{ state: 'pending', job: { id: 'job_1' } }]);
    expect(result.steps[0]?.toolResults[0]).toMatchObject({
      isError: true,
      output: 'media_video failed: socket hang up',
    });
  });

  it('a provider outside the enum comes back as a tool result naming the allowed values', async () => {
    const fake = fakeProvider();
    const { result, entries } = await runAgent(fake, { provider: 'midjourney', prompt: 'a fox' });
    expect(fake.calls.started).toEqual([]);
    expect(entries.some((entry) => entry.type === 'job')).toBe(false);
    expect(result.steps[0]?.toolResults[0]?.output).toMatch(/^Invalid arguments for media_video: provider: .*"fake"/);
  });
});

describe('media_status and media_wait', () => {
  it('status normalises the provider answer; a failed job is recorded', async () => {
    const pending = fakeProvider();
    const tools = createMediaToolset({ providers: [pending.provider], outputDir: dir });
    expect(await tool(tools, 'media_status').run({ provider: 'fake', job_id: 'job_7' }, context())).toEqual({
      provider: 'fake',
      job_id: 'job_7',
      state: 'pending',
      providerStatus: 'queued',
      progress: 5,
      next: 'Call media_wait to wait for it.',
    });
    const failed = fakeProvider({
      status: { state: 'failed', providerStatus: 'failed', error: { code: 'quota', message: 'no credit' }, raw: {} },
    });
    const recorded: Recorded[] = [];
    const failedTools = createMediaToolset({ providers: [failed.provider], outputDir: dir });
    expect(
      await tool(failedTools, 'media_status').run({ provider: 'fake', job_id: 'job_8' }, context([], recorded)),
    ).toEqual({
      provider: 'fake',
      job_id: 'job_8',
      state: 'failed',
      providerStatus: 'failed',
      error: { code: 'quota', message: 'no credit' },
    });
    expect(recorded).toEqual([
      { job: expect.objectContaining({ provider: 'fake', id: 'job_8' }), state: 'failed', artifact: undefined },
    ]);
  });

  it('wait reports progress and keeps the job reference made at create', async () => {
    const fake = fakeProvider();
    const progress: ToolProgress[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir });
    const created = (await tool(tools, 'media_video').run({ provider: 'fake', prompt: 'a fox' }, context())) as {
      job: JobRef;
    };
    const result = await tool(tools, 'media_wait').run(
      { provider: 'fake', job_id: 'job_1' },
      context([], [], progress),
    );
    expect(result).toEqual({
      provider: 'fake',
      job_id: 'job_1',
      state: 'succeeded',
      providerStatus: 'done',
      progress: 100,
      next: 'Call media_download to save it.',
    });
    expect(progress).toEqual([{ message: 'fake job_1: rendering', progress: 50 }]);
    expect(fake.calls.waited[0]).toEqual(created.job);
    expect(fake.calls.waited[0]?.model).toBe('fake-1');
  });

  it('wait past the deadline tells the model to call media_status / media_wait later with the job id', async () => {
    const tools = createMediaToolset({ providers: [fakeProvider({ wait: 'timeout' }).provider], outputDir: dir });
    const result = await tool(tools, 'media_wait').run({ provider: 'fake', job_id: 'job_3' }, context());
    expect(result).toMatchObject({ state: 'pending', job_id: 'job_3' });
    expect((result as { next: string }).next).toMatch(
      /Call media_wait or media_status later with job_id "job_3" \(provider "fake"\)/,
    );
  });

  it('a provider whose wait returns a failed state (instead of throwing) still gives the job-failed error', async () => {
    const fake = fakeProvider();
    fake.provider.wait = async () => ({ state: 'expired', error: { message: 'too old' }, raw: {} });
    const recorded: Recorded[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir });
    const error = await tool(tools, 'media_wait')
      .run({ provider: 'fake', job_id: 'job_4' }, context([], recorded))
      .catch((caught: unknown) => caught);
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('fake job job_4 expired: too old');
    expect(recorded.map((item) => item.state)).toEqual(['expired']);
  });
});

describe('media_download', () => {
  it('saves under safe, unique names inside the output folder; traversal is refused', async () => {
    const fake = fakeProvider();
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir });
    const download = tool(tools, 'media_download');
    const paths: string[] = [];
    for (const filename of ['../../etc/pass wd.mp4', '../../etc/pass wd.mp4', '/etc/passwd', '..', undefined]) {
      const artifact = (await download.run(
        { provider: 'fake', job_id: 'job_1', ...(filename === undefined ? {} : { filename }) },
        context(),
      )) as MediaArtifact;
      paths.push(artifact.path ?? '');
    }
    expect(paths).toEqual([
      join(dir, 'pass-wd.mp4'),
      join(dir, 'pass-wd-2.mp4'),
      join(dir, 'passwd.mp4'),
      join(dir, 'video.mp4'),
      join(dir, 'fake-job_1.mp4'),
    ]);
    expect(await readdir(root)).toEqual(['out']);
    expect((await readdir(dir)).sort()).toEqual([
      'fake-job_1.mp4',
      'pass-wd-2.mp4',
      'pass-wd.mp4',
      'passwd.mp4',
      'video.mp4',
    ]);
    expect(fake.calls.downloads.map((item) => item.to)).toEqual(paths);
  });

  it('returns a MediaArtifact (path, MIME type, size, provider, job) and records it', async () => {
    const fake = fakeProvider();
    const recorded: Recorded[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir, maxBytes: 1_000 });
    const artifact = await tool(tools, 'media_download').run(
      { provider: 'fake', job_id: 'job_5', filename: 'fox' },
      context([], recorded),
    );
    expect(artifact).toEqual({
      kind: 'video',
      path: join(dir, 'fox.mp4'),
      mimeType: 'video/mp4',
      bytes: 4,
      provider: 'fake',
      job: expect.objectContaining({ provider: 'fake', kind: 'video', id: 'job_5' }),
    });
    expect(recorded).toEqual([{ job: expect.objectContaining({ id: 'job_5' }), state: 'succeeded', artifact }]);
    expect(fake.calls.downloads[0]?.maxBytes).toBe(1_000);
    expect(new Uint8Array(await readFile(join(dir, 'fox.mp4')))).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('fixes the extension once the MIME type is known', async () => {
    const fake = fakeProvider({ name: 'painter', kind: 'image', mimeType: 'image/jpeg' });
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir });
    const artifact = (await tool(tools, 'media_download').run(
      { provider: 'painter', job_id: 'img_1', filename: 'lighthouse.png' },
      context(),
    )) as MediaArtifact;
    expect(artifact).toMatchObject({ kind: 'image', path: join(dir, 'lighthouse.jpeg'), mimeType: 'image/jpeg' });
    expect(await readdir(dir)).toEqual(['lighthouse.jpeg']);
  });

  it('a failed download leaves no file behind and records nothing', async () => {
    const fake = fakeProvider({ downloadFails: true });
    const recorded: Recorded[] = [];
    const tools = createMediaToolset({ providers: [fake.provider], outputDir: dir });
    await expect(
      tool(tools, 'media_download').run({ provider: 'fake', job_id: 'job_6' }, context([], recorded)),
    ).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
    expect(recorded).toEqual([]);
  });
});

describe('createMediaToolset over the real Sora and MiniMax providers (fixtures)', () => {
  const VIDEO_ID = 'video_68e1c2a9f0d48190a1b2c3d4e5f60718';
  const TASK = '106916112212032';
  const openai = createOpenAIClient({ apiKey: 'sk-test-0123456789abcdef', maxRetries: 0, env: {} });
  const minimax = createMiniMaxClient({ apiKey: 'sk-api-test-0123456789abcdef', maxRetries: 0, env: {} });

  it('create (waiting) → job recorded first → poll → download, for each provider', async () => {
    const tools = createMediaToolset({
      // The documented fixtures' assets expire on 2026-01-02: judge them at a time when they were fresh.
      providers: [
        soraVideoProvider(openai, { now: () => Date.parse('2026-01-01T00:05:00Z') }),
        minimaxVideoProvider(minimax),
      ],
      outputDir: dir,
      wait: true,
      intervalMs: 1_000,
    });
    const create = tool(tools, 'media_video');
    expect((create.jsonSchema() as { properties: { provider: { enum: string[] } } }).properties.provider.enum).toEqual([
      'openai',
      'minimax',
    ]);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sora = [
      await useFixtures(server, 'test/fixtures/openai/videos-create-json', { baseUrl: 'https://api.openai.com' }),
      await useFixtures(server, 'test/fixtures/openai/videos-poll-progress', { baseUrl: 'https://api.openai.com' }),
      await useFixtures(server, 'test/fixtures/openai/videos-content-video', { baseUrl: 'https://api.openai.com' }),
    ];
    const soraLog: string[] = [];
    const soraRecorded: Recorded[] = [];
    const soraRun = create.run(
      {
        provider: 'openai',
        prompt: 'A calico cat plays a tiny piano on a dim stage, slow dolly-in',
        model: 'sora-2',
        options: { seconds: '8', size: '1280x720' },
      },
      context(soraLog, soraRecorded),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    const soraArtifact = await soraRun;
    for (const replay of sora) replay.assertAllUsed();
    expect(soraLog[0]).toBe('record pending');
    expect(soraLog).toContain('progress 42');
    expect(soraLog.at(-1)).toBe('record succeeded');
    expect(soraArtifact).toEqual({
      kind: 'video',
      path: join(dir, `openai-${VIDEO_ID}.mp4`),
      mimeType: 'video/mp4',
      bytes: 2453,
      provider: 'openai',
      job: expect.objectContaining({ provider: 'openai', kind: 'video', id: VIDEO_ID, model: 'sora-2' }),
      choice: { provider: 'openai', by: 'model' },
    });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fixtures = 'test/fixtures/minimax';
    const api = await useFixtures(
      server,
      [
        `${fixtures}/video-create-tool.1.json`,
        ...[2, 3, 4, 5, 5, 6].map((n) => `${fixtures}/video-task-success.${n}.json`),
      ],
      { baseUrl: 'https://api.minimax.io' },
    );
    const cdn = await useFixtures(server, `${fixtures}/video-download`, { baseUrl: 'https://cdn.example.com' });
    const mmLog: string[] = [];
    const mmRun = create.run(
      {
        provider: 'minimax',
        prompt: 'A red fox trots through fresh snow at dawn [Tracking shot]',
        model: 'MiniMax-Hailuo-2.3',
        options: { resolution: '768P', duration: 6 },
      },
      context(mmLog, []),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    const mmArtifact = await mmRun;
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(mmLog[0]).toBe('record pending');
    expect(mmLog.at(-1)).toBe('record succeeded');
    expect(mmArtifact).toEqual({
      kind: 'video',
      path: join(dir, `minimax-${TASK}.mp4`),
      mimeType: 'video/mp4',
      bytes: (await readFile('test/fixtures/minimax/video-output.mp4')).length,
      // Read from the saved clip (a real 2-second MP4).
      durationMs: 2000,
      provider: 'minimax',
      job: expect.objectContaining({ provider: 'minimax', kind: 'video', id: TASK }),
      choice: { provider: 'minimax', by: 'model' },
    });
    expect((await readdir(dir)).sort()).toEqual([`minimax-${TASK}.mp4`, `openai-${VIDEO_ID}.mp4`]);
  });

  it('a failed Sora job comes back as a tool error with the provider code; the job stays recorded', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const polls = await useFixtures(server, 'test/fixtures/openai/videos-poll-failed', {
      baseUrl: 'https://api.openai.com',
    });
    const recorded: Recorded[] = [];
    const tools = createMediaToolset({ providers: [soraVideoProvider(openai)], outputDir: dir, intervalMs: 1_000 });
    const waiting = tool(tools, 'media_wait')
      .run({ provider: 'openai', job_id: 'video_68e1c3b0a1c28190ffee001122334455' }, context([], recorded))
      .catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await waiting;
    polls.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect((error as JobFailedError).code).toBe('moderation_blocked');
    expect(recorded.map((item) => item.state)).toEqual(['failed']);
  });
});
