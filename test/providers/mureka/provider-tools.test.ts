import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeParse } from 'zod/v4/core';
import {
  createMurekaClient,
  createMurekaToolset,
  murekaMusicProvider,
  murekaStemsProvider,
} from '../../../src/providers/mureka/index.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
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
      'mureka_download_stems',
    ]);
  });

  it('each tool that records a job names the tools that finish it (jobTools)', () => {
    const tools = createMurekaToolset(client(), { namePrefix: 'mk_' });
    for (const name of ['mk_make_song', 'mk_extend_song', 'mk_song_status', 'mk_download_song']) {
      expect(tools.get(name)?.jobTools, name).toEqual(['mk_song_status', 'mk_download_song']);
    }
    for (const name of ['mk_split_stems', 'mk_download_stems']) {
      expect(tools.get(name)?.jobTools, name).toEqual(['mk_download_stems']);
    }
  });

  it('extend_song records the extension task and, without wait, returns it for song_status', async () => {
    const extend: Fixture = JSON.parse(await readFile(`${FIXTURES}/song-extend.1.json`, 'utf8'));
    delete (extend.request.body as { json: Record<string, unknown> }).json.model; // the tool leaves it to Mureka
    const api = await useFixtures(server, [extend], API);
    const tools = createMurekaToolset(client(), { outputDir: tmp.path, wait: false });
    const records: RecordedJob[] = [];
    const result = await tools
      .get('mureka_extend_song')
      ?.run({ song_id: 'song-8812a', lyrics: '[Bridge]\nOne more mile', extend_at_ms: 150_000 }, toolContext(records));
    api.assertAllUsed();
    expect(result).toMatchObject({
      job_id: '1436300',
      state: 'pending',
      note: expect.stringContaining('mureka_song_status'),
    });
    expect(records).toMatchObject([{ job: { provider: 'mureka', id: '1436300' }, state: 'pending' }]);
  });

  it('split_stems records the split before its download; download_stems saves the ZIP by that job id', async () => {
    const zipUrl = 'https://cdn.mureka.ai/stem/77a1.zip';
    const fetch: typeof globalThis.fetch = async (request) => {
      const url = request instanceof Request ? request.url : String(request);
      if (url.endsWith('/v1/song/stem')) {
        return Response.json({ zip_url: zipUrl, expires_at: 1735090000, midi_zip_url: null });
      }
      return new Response('gone', { status: 403 });
    };
    const failing = createMurekaToolset(createMurekaClient({ apiKey: 'k', maxRetries: 0, env: {}, fetch }), {
      outputDir: tmp.path,
    });
    const records: RecordedJob[] = [];
    const split = failing.get('mureka_split_stems');
    expect(await split?.run({ url: 'https://example.com/track.mp3' }, toolContext(records))).toMatchObject({
      job_id: zipUrl,
      state: 'succeeded',
      download_error: expect.stringContaining('403'),
      next: expect.stringContaining('mureka_download_stems'),
      link_expires_at: '2024-12-25T01:26:40.000Z',
    });
    expect(records).toEqual([
      { job: expect.objectContaining({ kind: 'stems', id: zipUrl }), state: 'succeeded', artifact: undefined },
    ]);

    const cdn = await useFixtures(server, `${FIXTURES}/download-stems.1.json`, CDN);
    const tools = createMurekaToolset(client(), { outputDir: tmp.path });
    const saved = (await tools.get('mureka_download_stems')?.run({ job_id: zipUrl }, toolContext(records))) as {
      path: string;
    };
    cdn.assertAllUsed();
    expect(saved).toMatchObject({ mime_type: 'application/zip', path: expect.stringMatching(/stems.*\.zip$/) });
    expect((await readFile(saved.path)).subarray(0, 2).toString()).toBe('PK');
    expect(records[1]).toMatchObject({
      job: { id: zipUrl },
      state: 'succeeded',
      artifact: { kind: 'stems', path: saved.path },
    });
    const input = tools.get('mureka_download_stems')?.inputSchema;
    for (const job_id of [
      'https://example.com/stem.zip',
      'http://cdn.mureka.ai/stem/77a1.zip',
      'https://u:p@cdn.mureka.ai/x',
      '1436300',
    ]) {
      expect(input && safeParse(input, { job_id }).success, job_id).toBe(false);
    }
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
