import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ApiRetiredError,
  ConnectionError,
  ContentFilterError,
  MissingApiKeyError,
  PermissionDeniedError,
  QuotaExceededError,
  RequestValidationError,
  ServerError,
  TimeoutError,
} from '../../src/common/errors.js';
import { type JobRef, type JobState, type MediaArtifact, type MediaKind, makeJobRef } from '../../src/common/jobs.js';
import type { MediaProvider } from '../../src/common/media-provider.js';
import { MemorySessionStore } from '../../src/core/session/memory-session.js';
import type { ToolContext } from '../../src/core/tools/define-tool.js';
import { createImmediateMediaProvider } from '../../src/http/index.js';
import { createStabilityClient, stabilityImageProvider } from '../../src/providers/stability/index.js';
import { useFixtures } from '../../src/testing/index.js';
import { createMediaToolset, defaultMediaProviders, fallbackReason } from '../../src/toolsets/index.js';
import { DEFAULT_LINES } from '../../src/toolsets/media-defaults.js';
import { rejection, useTempDir } from '../helpers.js';
import { server } from '../msw.js';

type Recorded = { job: JobRef; state: JobState | undefined; artifact: MediaArtifact | undefined };

const dir = useTempDir('media-fallback-');

function context(recorded: Recorded[] = [], extra: Partial<ToolContext> = {}): ToolContext {
  return {
    signal: new AbortController().signal,
    runId: 'run_1',
    agent: 'studio',
    callId: 'call_1',
    toolName: 'tool',
    context: undefined,
    depth: 0,
    reportProgress: () => undefined,
    recordJob: async (job, options = {}) => {
      recorded.push({ job, state: options.state, artifact: options.artifact });
    },
    ...extra,
  };
}

/** A job provider whose start throws `error` (or accepts when none). */
function provider(name: string, error?: unknown, kind: MediaKind = 'video') {
  const started: unknown[] = [];
  let count = 0;
  const value: MediaProvider = {
    provider: name,
    kind,
    async start(input) {
      started.push(input);
      if (error !== undefined) throw error;
      count += 1;
      return makeJobRef(name, kind, `${name}_${count}`);
    },
    async status(job) {
      return { state: 'pending', raw: typeof job === 'string' ? job : job.id };
    },
    async wait() {
      return { state: 'succeeded', raw: {} };
    },
    async download(_job, options) {
      return { kind: 'video', path: options.to, mimeType: 'video/mp4', provider: name, durationMs: 6000 };
    },
  };
  return { value, started };
}

const refused = (code: string) =>
  new ConnectionError('a', `request failed: connect ${code}`, {
    cause: Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) }),
  });
const api = (status: number) => new ApiError('no', { provider: 'a', status });

describe('fallbackReason', () => {
  it('allows the next provider only when the request never reached the provider or started no job', () => {
    expect(fallbackReason(new MissingApiKeyError('a', ['A_KEY']))).toBe('no API key');
    expect(fallbackReason(new RequestValidationError([{ path: 'duration', message: 'bad' }], 'x'))).toMatch(/duration/);
    expect(fallbackReason(refused('ECONNREFUSED'))).toBe('not reachable (ECONNREFUSED)');
    expect(fallbackReason(refused('ENOTFOUND'))).toBe('not reachable (ENOTFOUND)');
    for (const status of [401, 402, 403, 404, 410])
      expect(fallbackReason(api(status))).toBe(`refused (HTTP ${status})`);
    expect(fallbackReason(new PermissionDeniedError('blocked', { provider: 'a', status: 403 }))).toBeDefined();
    expect(fallbackReason(new ApiRetiredError('gone', { provider: 'a', status: 410 }))).toMatch(/withdrawn/);
    expect(fallbackReason(new QuotaExceededError('credits', { provider: 'a', status: 429 }))).toMatch(/credits/);
  });

  it('never on a reset, a timeout, a 5xx after sending, or moderation', () => {
    expect(fallbackReason(refused('ECONNRESET'))).toBeUndefined();
    expect(fallbackReason(new ConnectionError('a', 'broke'))).toBeUndefined();
    expect(fallbackReason(new TimeoutError('a', 'request', 60_000))).toBeUndefined();
    expect(fallbackReason(new ServerError('boom', { provider: 'a', status: 500 }))).toBeUndefined();
    expect(fallbackReason(new ContentFilterError('flagged', { provider: 'a', status: 403 }))).toBeUndefined();
    expect(fallbackReason(api(400))).toBeUndefined();
    expect(fallbackReason(new Error('socket hang up'))).toBeUndefined();
  });
});

describe('media toolset fallback', () => {
  it('tries the next provider when the first has no key (a real client), and says so on the result', async () => {
    const noKey = stabilityImageProvider(createStabilityClient({ env: {} }));
    const backup = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'image',
      async make() {
        return { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png', id: 'img_1', result: {} };
      },
    });
    const tools = createMediaToolset({ providers: [noKey, backup], outputDir: dir.path });
    const result = await tools.get('media_image')?.run({ prompt: 'a fox' }, context());
    expect(result).toMatchObject({
      kind: 'image',
      provider: 'acme',
      choice: { provider: 'acme', by: 'fallback', skipped: [{ provider: 'stability', reason: 'no API key' }] },
    });
  });

  it('a refused connection through the real HTTP layer falls back; a reset does not', async () => {
    const socketError = (code: string) => async () => {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code }),
      });
    };
    const client = (code: string) =>
      createStabilityClient({ apiKey: 'sk-test', env: {}, maxRetries: 0, fetch: socketError(code) });
    const backup = provider('b', undefined, 'image');
    const tools = createMediaToolset({
      providers: [stabilityImageProvider(client('ECONNREFUSED')), backup.value],
      outputDir: dir.path,
    });
    const result = await tools.get('media_image')?.run({ prompt: 'a fox' }, context());
    expect(result).toMatchObject({ provider: 'b', choice: { skipped: [{ reason: 'not reachable (ECONNREFUSED)' }] } });
    const reset = createMediaToolset({
      providers: [stabilityImageProvider(client('ECONNRESET')), backup.value],
      outputDir: dir.path,
    });
    const error = await rejection(reset.get('media_image')?.run({ prompt: 'a fox' }, context()) ?? Promise.resolve());
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(backup.started).toHaveLength(1);
  });

  it('a reset or a 5xx after sending goes back to the model: the next provider is never started', async () => {
    for (const error of [refused('ECONNRESET'), new ServerError('boom', { provider: 'a', status: 500 })]) {
      const first = provider('a', error);
      const second = provider('b');
      const tools = createMediaToolset({ providers: [first.value, second.value], outputDir: dir.path });
      expect(await rejection(tools.get('media_video')?.run({ prompt: 'x' }, context()) ?? Promise.resolve())).toBe(
        error,
      );
      expect(second.started).toEqual([]);
    }
  });

  it('moderation goes back to the model, even as a 403', async () => {
    const error = new ContentFilterError('flagged', { provider: 'a', status: 403 });
    const second = provider('b');
    const tools = createMediaToolset({ providers: [provider('a', error).value, second.value], outputDir: dir.path });
    expect(await rejection(tools.get('media_video')?.run({ prompt: 'x' }, context()) ?? Promise.resolve())).toBe(error);
    expect(second.started).toEqual([]);
  });

  it('the provider the model names goes first; a refused (402) one falls back; all refused is one error', async () => {
    const a = provider('a');
    const b = provider('b', api(402));
    const tools = createMediaToolset({ providers: [a.value, b.value], outputDir: dir.path });
    const result = await tools.get('media_video')?.run({ prompt: 'x', provider: 'b' }, context());
    expect(result).toMatchObject({
      provider: 'a',
      choice: { by: 'fallback', skipped: [{ provider: 'b', reason: 'refused (HTTP 402)' }] },
    });
    const all = createMediaToolset({
      providers: [provider('c', api(401)).value, provider('d', refused('ENOTFOUND')).value],
      outputDir: dir.path,
    });
    const error = await rejection(all.get('media_video')?.run({ prompt: 'x' }, context()) ?? Promise.resolve());
    expect(String(error)).toMatch(
      /no video provider could take this request \(c: refused \(HTTP 401\); d: not reachable/,
    );
  });
});

describe('media toolset budget', () => {
  it('refuses past maxJobs with a tool result (not an error), per run', async () => {
    const a = provider('a');
    const tools = createMediaToolset({ providers: [a.value], outputDir: dir.path, budget: { maxJobs: 1 } });
    const video = tools.get('media_video');
    expect(await video?.run({ prompt: 'one' }, context())).toMatchObject({ state: 'pending' });
    expect(await video?.run({ prompt: 'two' }, context())).toMatchObject({
      state: 'refused',
      reason: expect.stringMatching(/budget of 1 paid job/),
    });
    expect(a.started).toHaveLength(1);
    expect(await video?.run({ prompt: 'other run' }, context([], { runId: 'run_2' }))).toMatchObject({
      state: 'pending',
    });
  });

  it('a resumed session counts the jobs already in it', async () => {
    const session = await new MemorySessionStore().create();
    await session.append({ type: 'job', runId: 'run_0', job: makeJobRef('a', 'video', 'old_1'), state: 'pending' });
    await session.append({ type: 'job', runId: 'run_0', job: makeJobRef('a', 'video', 'old_1'), state: 'succeeded' });
    const a = provider('a');
    const tools = createMediaToolset({ providers: [a.value], outputDir: dir.path, budget: { maxJobs: 1 } });
    const result = await tools.get('media_video')?.run({ prompt: 'x' }, context([], { session, runId: 'run_9' }));
    expect(result).toMatchObject({ state: 'refused' });
    expect(a.started).toEqual([]);
  });

  it('maxSeconds counts finished artifacts and the length a new job asks for', async () => {
    const session = await new MemorySessionStore().create();
    const old = makeJobRef('a', 'video', 'old_1');
    const artifact: MediaArtifact = { kind: 'video', mimeType: 'video/mp4', provider: 'a', durationMs: 8_000 };
    await session.append({ type: 'job', runId: 'run_0', job: old, state: 'succeeded', artifact });
    const a = provider('a');
    const tools = createMediaToolset({ providers: [a.value], outputDir: dir.path, budget: { maxSeconds: 15 } });
    const video = tools.get('media_video');
    const ctx = context([], { session });
    expect(await video?.run({ prompt: 'x', options: { duration: 10 } }, ctx)).toMatchObject({
      state: 'refused',
      reason: expect.stringMatching(/15 s .*8 s used, this one asks for 10 s/),
    });
    expect(await video?.run({ prompt: 'x', options: { duration: 6 } }, ctx)).toMatchObject({ state: 'pending' });
  });
});

describe('media job tools', () => {
  it('take a job id alone: the provider is found from this toolset or from the session', async () => {
    const a = provider('a');
    const b = provider('b', undefined, 'music');
    const tools = createMediaToolset({ providers: [a.value, b.value], outputDir: dir.path });
    await tools.get('media_music')?.run({ prompt: 'song' }, context());
    expect(await tools.get('media_status')?.run({ job_id: 'b_1' }, context())).toMatchObject({
      provider: 'b',
      state: 'pending',
    });
    const session = await new MemorySessionStore().create();
    await session.append({
      type: 'job',
      runId: 'run_0',
      job: makeJobRef('a', 'video', 'from_session'),
      state: 'pending',
    });
    const fresh = createMediaToolset({ providers: [a.value, b.value], outputDir: dir.path });
    expect(await fresh.get('media_status')?.run({ job_id: 'from_session' }, context([], { session }))).toMatchObject({
      provider: 'a',
    });
    const unknown = await rejection(fresh.get('media_status')?.run({ job_id: 'nope' }, context()) ?? Promise.resolve());
    expect(String(unknown)).toMatch(/job "nope" is not known here: name its provider/);
  });
});

describe('defaultMediaProviders', () => {
  it('each line says its provider name, kind and completion before its code loads, as the loaded provider does', async () => {
    const env = {
      MINIMAX_API_KEY: 'mm-test',
      XAI_API_KEY: 'xai-test',
      STABILITY_API_KEY: 'sk-test',
      MUREKA_API_KEY: 'mu-test',
      ELEVENLABS_API_KEY: 'el-test',
      LALAL_API_KEY: 'la-test',
    };
    expect(defaultMediaProviders({ env })).toHaveLength(DEFAULT_LINES.length);
    for (const line of DEFAULT_LINES) {
      const loaded = await line.load(env);
      expect({ provider: line.provider, kind: line.kind, completion: line.completion }, line.label).toEqual({
        provider: loaded.provider,
        kind: loaded.kind,
        completion: loaded.completion ?? 'job',
      });
    }
  });

  it('chooses from the keys present: video MiniMax H3, image xAI, music Stability; reported on results', async () => {
    const env = { MINIMAX_API_KEY: 'mm-test', XAI_API_KEY: 'xai-test', STABILITY_API_KEY: 'sk-test' };
    const entries = defaultMediaProviders({ env });
    const lines = entries.map((entry) => `${entry.provider.kind} ${entry.provider.provider}`);
    expect(lines).toEqual([
      'video minimax',
      'video xai',
      'image xai',
      'image minimax',
      'image stability',
      'music stability',
      'music minimax',
      'audio stability',
    ]);
    expect(entries[0]?.reason).toBe('default video provider MiniMax H3: MINIMAX_API_KEY is set');
    const tools = createMediaToolset({ providers: entries, outputDir: dir.path });
    expect(tools.tools.map((tool) => tool.name)).toEqual([
      'media_image',
      'media_video',
      'media_music',
      'media_audio',
      'media_status',
      'media_wait',
      'media_download',
    ]);
    const mureka = defaultMediaProviders({ env: { MUREKA_API_KEY: 'm', ELEVENLABS_API_KEY: 'e' } });
    expect(mureka.map((entry) => entry.reason)).toEqual([
      'default music provider Mureka: MUREKA_API_KEY is set',
      'fallback music provider ElevenLabs music: ELEVENLABS_API_KEY is set',
      'default stems provider Mureka stem separation (the prompt is the song URL): MUREKA_API_KEY is set',
    ]);
    expect(mureka[2]?.input?.({ prompt: 'https://example.com/song.mp3', options: { model: 'm' } })).toEqual({
      model: 'm',
      url: 'https://example.com/song.mp3',
    });
    expect(defaultMediaProviders({ env: {} })).toEqual([]);
  });

  it('stems: Mureka (a URL), then LALAL.AI when its key is set (a local file: the prompt is its path)', () => {
    const both = defaultMediaProviders({ env: { MUREKA_API_KEY: 'm', LALAL_API_KEY: 'l' }, kinds: ['stems'] });
    expect(both.map((entry) => entry.reason)).toEqual([
      'default stems provider Mureka stem separation (the prompt is the song URL): MUREKA_API_KEY is set',
      'fallback stems provider LALAL.AI (the prompt is the path of a local audio or video file): LALAL_API_KEY is set',
    ]);
    expect(both[1]?.provider).toMatchObject({ provider: 'lalal', kind: 'stems', completion: 'job' });
    const lalal = defaultMediaProviders({ env: { LALAL_LICENSE_KEY: 'l' } });
    expect(lalal.map((entry) => entry.reason)).toEqual([
      'default stems provider LALAL.AI (the prompt is the path of a local audio or video file): LALAL_LICENSE_KEY is set',
    ]);
    const input = lalal[0]?.input;
    expect(input?.({ prompt: 'out/song.mp3' })).toEqual({
      presets: { stem: 'vocals' },
      file: { path: 'out/song.mp3' },
    });
    expect(
      input?.({
        prompt: 'song.wav',
        model: 'phoenix',
        options: { presets: { stem: 'strings' }, encoder_format: 'wav', file: 'ignored' },
      }),
    ).toEqual({
      presets: { stem: 'strings', splitter: 'phoenix' },
      encoder_format: 'wav',
      file: { path: 'song.wav' },
    });
  });

  it('media_stems falls back from Mureka to LALAL.AI for a local file, which is uploaded and split', async () => {
    await copyFile('test/fixtures/lalal/source.mp3', join(dir.path, 'song.mp3'));
    const api = await useFixtures(
      server,
      ['test/fixtures/lalal/upload.1.json', 'test/fixtures/lalal/split-stem.1.json'],
      { baseUrl: 'https://www.lalal.ai' },
    );
    const providers = defaultMediaProviders({ env: { MUREKA_API_KEY: 'm', LALAL_API_KEY: 'l' }, kinds: ['stems'] });
    const tools = createMediaToolset({ providers, outputDir: dir.path });
    const recorded: Recorded[] = [];
    const result = await tools.get('media_stems')?.run(
      {
        prompt: join(dir.path, 'song.mp3'),
        model: 'perseus',
        options: {
          presets: { extraction_level: 'deep_extraction', encoder_format: 'wav' },
          idempotency_key: '0b7d6f0e-3c1a-4f55-9a9e-2f8f2b6c1d11',
        },
      },
      context(recorded),
    );
    api.assertAllUsed();
    expect(result).toMatchObject({
      provider: 'lalal',
      job: { provider: 'lalal', kind: 'stems', id: '2fe8f214-1771-4900-9e7e-570f823bd359' },
      state: 'pending',
      choice: { provider: 'lalal', by: 'fallback', skipped: [{ provider: 'mureka' }] },
    });
    expect(recorded).toMatchObject([{ job: { provider: 'lalal' }, state: 'pending' }]);
  });

  it('LALAL.AI reads only audio or video files: a URL or another file is refused before any request', async () => {
    await writeFile(join(dir.path, 'secrets.env'), 'KEY=1');
    const tools = createMediaToolset({
      providers: defaultMediaProviders({ env: { LALAL_API_KEY: 'l' } }),
      outputDir: dir.path,
    });
    for (const prompt of ['https://example.com/song.mp3', join(dir.path, 'secrets.env')]) {
      const error = await rejection(tools.get('media_stems')?.run({ prompt }, context()) ?? Promise.resolve());
      expect(RequestValidationError.isInstance(error), prompt).toBe(true);
      expect(String(error)).toMatch(/lalal: input refused before sending \(prompt\)/);
      expect(String((error as Error).cause)).toMatch(/LALAL\.AI splits a local audio or video file/);
    }
  });
});
