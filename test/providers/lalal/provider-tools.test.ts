import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeParse } from 'zod/v4/core';
import { createLalalClient, createLalalToolset, lalalStemsProvider } from '../../../src/providers/lalal/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';

const FIXTURES = 'test/fixtures/lalal';
const API = { baseUrl: 'https://www.lalal.ai' };
const CDN = { baseUrl: 'https://d.lalal.ai' };
const TASK = '2fe8f214-1771-4900-9e7e-570f823bd359';
const client = () => createLalalClient({ apiKey: 'lalal-test-key', maxRetries: 0, env: {} });
const tmp = useTempDir('lalal-tools-');

afterEach(() => {
  vi.useRealTimers();
});

/** The documented split's fixture expects this key; tests pin it through the input. */
const KEY = '0b7d6f0e-3c1a-4f55-9a9e-2f8f2b6c1d11';
const PRESETS = {
  stem: 'vocals',
  splitter: 'perseus',
  extraction_level: 'deep_extraction',
  encoder_format: 'wav',
} as const;

describe('lalalStemsProvider', () => {
  it('uploads the file, splits, waits and downloads the stem track', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const api = await useFixtures(
      server,
      [
        `${FIXTURES}/upload.1.json`,
        `${FIXTURES}/split-stem.1.json`,
        `${FIXTURES}/check-wait`,
        `${FIXTURES}/check-wait.3.json`,
      ],
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/download-vocals.1.json`, CDN);
    const stems = lalalStemsProvider(client());
    expect(stems).toMatchObject({ provider: 'lalal', kind: 'stems', completion: 'job' });
    const job = await stems.start({
      file: { path: `${FIXTURES}/source.mp3` },
      filename: 'song.mp3',
      presets: PRESETS,
      idempotency_key: KEY,
    });
    expect(job).toMatchObject({ provider: 'lalal', kind: 'stems', id: TASK });
    const waiting = stems.wait(job, { intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await waiting).toMatchObject({ state: 'succeeded', providerStatus: 'success' });
    vi.useRealTimers();
    const artifact = await stems.download(job, { to: join(tmp.path, 'vocals.wav') });
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(artifact).toMatchObject({ kind: 'stems', mimeType: 'audio/wav', durationMs: 215000, provider: 'lalal' });
  });
});

describe('createLalalToolset', () => {
  it('offers splitting only with an input folder, and refuses names outside it', async () => {
    expect(createLalalToolset(client()).tools.map((tool) => tool.name)).toEqual([
      'lalal_split_status',
      'lalal_download_stems',
      'lalal_cancel_split',
      'lalal_minutes_left',
    ]);
    const tools = createLalalToolset(client(), { inputDir: tmp.path });
    const split = tools.tools[0];
    expect(split?.name).toBe('lalal_split_stems');
    for (const file of ['../secret.mp3', '/etc/passwd', '.env', 'a/b.mp3', '%2e%2e']) {
      expect(safeParse(split!.inputSchema, { file, stem: 'vocals' }).success, file).toBe(false);
    }
    expect(safeParse(split!.inputSchema, { file: 'song.mp3', stem: 'vocals' }).success).toBe(true);
  });

  it('split_stems and its job tools name the status and download tools that finish a split (jobTools)', () => {
    const tools = createLalalToolset(client(), { inputDir: tmp.path, namePrefix: 'll_' });
    for (const name of ['ll_split_stems', 'll_split_status', 'll_download_stems']) {
      expect(tools.get(name)?.jobTools, name).toEqual(['ll_split_status', 'll_download_stems']);
    }
  });

  it('download_stems saves both tracks and records the job', async () => {
    const api = await useFixtures(server, `${FIXTURES}/check-wait.3.json`, API);
    const cdn = await useFixtures(
      server,
      [`${FIXTURES}/download-vocals.1.json`, `${FIXTURES}/download-no-vocals.1.json`],
      CDN,
    );
    const out = join(tmp.path, 'out');
    const tools = createLalalToolset(client(), { outputDir: out });
    const recorded: RecordedJob[] = [];
    const result = (await tools.tools
      .find((t) => t.name === 'lalal_download_stems')
      ?.run({ job_id: TASK }, toolContext(recorded))) as {
      tracks: { label: string; path: string }[];
    };
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(result.tracks.map((track) => track.label)).toEqual(['vocals', 'no_vocals']);
    expect((await readdir(out)).sort()).toEqual(['2fe8f214-no_vocals.wav', '2fe8f214-vocals.wav']);
    expect(recorded).toMatchObject([{ state: 'succeeded', artifact: { kind: 'stems', durationMs: 215000 } }]);
  });

  it('split_stems uploads a file from the input folder and records the split before waiting', async () => {
    const input = join(tmp.path, 'in');
    await mkdir(input);
    await copyFile(`${FIXTURES}/source.mp3`, join(input, 'song.mp3'));
    const fetch: typeof globalThis.fetch = async (request) => {
      const url = request instanceof Request ? request.url : String(request);
      if (url.endsWith('/upload/')) return Response.json({ id: 'ecb6c2c5-6263-48b9-80c9-f54248e30892' });
      return Response.json({ task_id: TASK });
    };
    const tools = createLalalToolset(createLalalClient({ apiKey: 'k', env: {}, fetch }), {
      inputDir: input,
      wait: false,
    });
    const recorded: RecordedJob[] = [];
    const result = await tools.tools[0]?.run({ file: 'song.mp3', stem: 'vocals' }, toolContext(recorded));
    expect(result).toMatchObject({ job_id: TASK, state: 'pending' });
    expect(recorded).toMatchObject([{ job: { id: TASK, kind: 'stems' }, state: 'pending' }]);
  });
});
