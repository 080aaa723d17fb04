import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMurekaClient,
  createMurekaToolset,
  murekaMusicProvider,
  murekaStemsProvider,
} from '../../../src/providers/mureka/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { type RecordedJob, toolContext } from '../tool-context.js';

const FIXTURES = 'test/fixtures/mureka';
const API = { baseUrl: 'https://api.mureka.ai' };
const CDN = { baseUrl: 'https://cdn.mureka.ai' };
const client = () => createMurekaClient({ apiKey: 'mureka-test-key', maxRetries: 0, env: {} });
const tmp = useTempDir('mureka-tools-');

afterEach(() => {
  vi.useRealTimers();
});

describe('murekaMusicProvider', () => {
  it('starts an instrumental without lyrics (n: 1, model auto), waits and downloads it as audio', async () => {
    const api = await useFixtures(
      server,
      [
        `${FIXTURES}/instrumental-generate.1.json`,
        `${FIXTURES}/instrumental-query.1.json`,
        `${FIXTURES}/instrumental-query.1.json`,
      ],
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/download-instrumental.1.json`, CDN);
    const music = murekaMusicProvider(client());
    expect(music).toMatchObject({ provider: 'mureka', kind: 'music' });
    const job = await music.start({ prompt: 'lo-fi hip hop, mellow piano, vinyl crackle' });
    expect(job.id).toBe('instrumental:2209341');
    const status = await music.wait(job);
    expect(status).toMatchObject({ state: 'succeeded', providerStatus: 'succeeded' });
    const artifact = await music.download(job.id, { to: `${tmp.path}/inst.mp3` });
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(artifact).toMatchObject({ kind: 'audio', mimeType: 'audio/mpeg', durationMs: 61000, provider: 'mureka' });
    expect(new Uint8Array(await readFile(artifact.path as string))).toEqual(
      new Uint8Array(await readFile(`${FIXTURES}/song.mp3`)),
    );
  });

  it('starts a song when lyrics are given and reports each status', async () => {
    const api = await useFixtures(
      server,
      [`${FIXTURES}/song-generate.1.json`, `${FIXTURES}/song-query-timeouted.1.json`],
      API,
    );
    const music = murekaMusicProvider(client());
    const job = await music.start({
      lyrics: '[Verse]\nIn the stormy night I wander alone\n[Chorus]\nCarry me home',
      prompt: 'r&b, slow, passionate, male vocal',
      n: 2,
    });
    expect(job).toMatchObject({ id: '1436211', model: 'mureka-8' });
    expect(await music.status(job)).toMatchObject({ state: 'expired', providerStatus: 'timeouted' });
    api.assertAllUsed();
  });
});

describe('murekaStemsProvider', () => {
  it('is immediate: start splits (one request), status needs none, download saves the ZIP', async () => {
    const api = await useFixtures(server, `${FIXTURES}/song-stem.1.json`, API);
    const cdn = await useFixtures(server, `${FIXTURES}/download-stems.1.json`, CDN);
    const stems = murekaStemsProvider(client());
    expect(stems).toMatchObject({ provider: 'mureka', kind: 'stems', completion: 'immediate' });
    const job = await stems.start({ url: 'https://example.com/track.mp3', model: 'audio-separation-2' });
    expect(await stems.status(job)).toMatchObject({
      state: 'succeeded',
      result: { zip_url: 'https://cdn.mureka.ai/stem/77a1.zip' },
    });
    const artifact = await stems.download(job, { to: `${tmp.path}/stems.zip` });
    api.assertAllUsed();
    cdn.assertAllUsed();
    expect(api.requests).toHaveLength(1);
    expect(artifact).toMatchObject({ kind: 'stems', mimeType: 'application/zip', provider: 'mureka' });
    expect((await readFile(artifact.path as string)).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('createMurekaToolset', () => {
  it('has one tool per capability, prefixed', () => {
    const names = createMurekaToolset(client()).tools.map((tool) => tool.name);
    expect(names).toEqual([
      'mureka_write_lyrics',
      'mureka_extend_lyrics',
      'mureka_make_song',
      'mureka_extend_song',
      'mureka_song_status',
      'mureka_download_song',
      'mureka_split_stems',
    ]);
  });

  it('make_song records the job before waiting, waits, saves the track and returns a small record', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const api = await useFixtures(
      server,
      [`${FIXTURES}/song-generate-one.1.json`, `${FIXTURES}/song-query-wait`, `${FIXTURES}/song-query-wait.5.json`],
      API,
    );
    const cdn = await useFixtures(server, `${FIXTURES}/download-mp3.1.json`, CDN);
    const tools = createMurekaToolset(client(), { outputDir: tmp.path, intervalMs: 1_000 });
    const make = tools.tools.find((tool) => tool.name === 'mureka_make_song');
    const records: RecordedJob[] = [];
    const running = make?.run(
      {
        lyrics: '[Verse]\nIn the stormy night I wander alone\n[Chorus]\nCarry me home',
        prompt: 'r&b, slow, passionate, male vocal',
      },
      toolContext(records),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    const result = (await running) as Record<string, unknown>;
    expect(records[0]).toMatchObject({ job: { id: '1436211' }, state: 'pending' });
    expect(records[1]).toMatchObject({ state: 'succeeded', artifact: { kind: 'audio', durationMs: 182340 } });
    expect(result).toMatchObject({
      job_id: '1436211',
      state: 'succeeded',
      mime_type: 'audio/mpeg',
      duration_ms: 182340,
    });
    expect(String(result.path)).toMatch(/song-1436211.*\.mp3$/);
    expect(JSON.stringify(result).length).toBeLessThan(400);
    cdn.assertAllUsed();
    api.assertAllUsed();
    expect(api.requests[0]?.body).toMatchObject({ json: { n: 1, model: 'auto' } });
  });
});
