/**
 * Issue 18 item 2: no double charges. For every call that starts a paid job or makes paid media synchronously, a
 * real server on 127.0.0.1 reads the whole request and then drops the connection without a byte of answer: the
 * client must not send it again (the server counts 1), even with retries allowed, and the typed error must tell
 * the person how to find the job (or what was billed) before they retry by hand. Where the provider takes an
 * idempotency key (LALAL.AI), the error names the key and the retry the person makes reuses it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, TimeoutError } from '../../src/common/errors.js';
import { createHttpClient } from '../../src/http/create-http-client.js';
import type { HttpClientOptions } from '../../src/http/types.js';
import {
  composeMusic,
  composeMusicDetailed,
  createElevenLabsClient,
  streamMusic,
} from '../../src/providers/elevenlabs/index.js';
import {
  cleanVoice,
  createLalalClient,
  removeMusic,
  splitMultistem,
  splitStem,
  uploadLalalFile,
} from '../../src/providers/lalal/index.js';
import {
  createMiniMaxClient,
  createVideoV2,
  generateImage,
  generateLyrics as generateMiniMaxLyrics,
  generateMusic,
  createVideo as minimaxCreateVideo,
  preprocessMusicCover,
  regenerateVideoV2,
} from '../../src/providers/minimax/index.js';
import {
  createMurekaClient,
  extendLyrics,
  extendSong,
  generateInstrumental,
  generateSong,
  generateLyrics as murekaGenerateLyrics,
  separateStems,
} from '../../src/providers/mureka/index.js';
import {
  createCharacter,
  createOpenAIClient,
  createVideo,
  editVideo,
  extendVideo,
  remixVideo,
} from '../../src/providers/openai/index.js';
import {
  audioToAudio,
  createStabilityClient,
  eraseImage,
  generateCore,
  generateSd3,
  generateUltra,
  inpaintImage,
  outpaintImage,
  removeBackground,
  searchAndRecolor,
  searchAndReplace,
  startCreativeUpscale,
  textToAudio,
  upscaleConservative,
  upscaleFast,
} from '../../src/providers/stability/index.js';
import {
  createXAIClient,
  editImages,
  generateImages,
  generateVideo,
  editVideo as xaiEditVideo,
  extendVideo as xaiExtendVideo,
} from '../../src/providers/xai/index.js';
import { type DropAfterBodyServer, failureOf, startDropAfterBodyServer } from './drop-after-body.js';

/** A fake key with no known shape: it must not show in any error. */
const KEY = 'dc-test-key-4f1e9a0b7c';
/** Retries allowed and almost instant: a resend would happen within the test, so counting 1 proves there was none. */
const RETRYING: HttpClientOptions = { apiKey: KEY, env: {}, maxRetries: 3, maxRetryDelayMs: 1 };

const PNG = { path: 'test/fixtures/stability/image.png' };
const MASK = { path: 'test/fixtures/stability/mask.png' };
const WAV = { path: 'test/fixtures/stability/audio.wav' };
const UUID = '0b7d6f0e-3c1a-4f55-9a9e-2f8f2b6c1d11';
const LYRICS = '[Verse]\nRain on the window, light on the floor';

let server: DropAfterBodyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const openai = (origin: string) => createOpenAIClient({ ...RETRYING, baseUrl: `${origin}/v1` });
const xai = (origin: string) => createXAIClient({ ...RETRYING, baseUrl: `${origin}/v1` });
const minimax = (origin: string) => createMiniMaxClient({ ...RETRYING, baseUrl: origin });
const stability = (origin: string) => createStabilityClient({ ...RETRYING, baseUrl: origin });
const mureka = (origin: string) => createMurekaClient({ ...RETRYING, baseUrl: origin });
const eleven = (origin: string) => createElevenLabsClient({ ...RETRYING, baseUrl: origin });
const lalal = (origin: string) => createLalalClient({ ...RETRYING, baseUrl: origin });

/** One paid call: how to make it against a base URL, and what its error must say to find the job. */
interface PaidCall {
  readonly name: string;
  readonly start: (origin: string) => Promise<unknown>;
  readonly find: RegExp;
}

const FIND = {
  openai: /listVideos\(\)/,
  xai: /xAI console/,
  minimax: /MiniMax console/,
  stability: /credit history of your Stability AI account/,
  mureka: /\/v1\/account\/billing/,
  elevenlabs: /usage page of your ElevenLabs account/,
  lalal: /same idempotency_key "[0-9a-f-]{36}".*lalalMinutesLeft\(\)/,
};

/** Every call that starts a paid job or makes paid media, provider by provider. */
const PAID_CALLS: readonly PaidCall[] = [
  // OpenAI Sora (videos: async jobs; characters: a paid upload that makes a reusable character).
  { name: 'openai createVideo', find: FIND.openai, start: (o) => createVideo(openai(o), { prompt: 'a cat' }) },
  {
    name: 'openai remixVideo',
    find: FIND.openai,
    start: (o) => remixVideo(openai(o), 'video_123', { prompt: 'the cat bows' }),
  },
  {
    name: 'openai editVideo',
    find: FIND.openai,
    start: (o) => editVideo(openai(o), { prompt: 'make it snow', video: { id: 'video_123' } }),
  },
  {
    name: 'openai extendVideo',
    find: FIND.openai,
    start: (o) => extendVideo(openai(o), { prompt: 'pull back', seconds: '8', video: { id: 'video_123' } }),
  },
  {
    name: 'openai createCharacter',
    find: FIND.openai,
    start: (o) => createCharacter(openai(o), { name: 'Pip', video: { data: new Uint8Array(16), filename: 'p.mp4' } }),
  },
  // xAI (images: synchronous; videos: async jobs).
  {
    name: 'xai generateImages',
    find: FIND.xai,
    start: (o) => generateImages(xai(o), { model: 'grok-imagine-image', prompt: 'a red fox' }),
  },
  {
    name: 'xai editImages',
    find: FIND.xai,
    start: (o) => editImages(xai(o), { prompt: 'add a scarf', image: { url: 'https://example.com/fox.png' } }),
  },
  {
    name: 'xai generateVideo',
    find: FIND.xai,
    start: (o) => generateVideo(xai(o), { model: 'grok-imagine-video', prompt: 'a fox in snow' }),
  },
  {
    name: 'xai editVideo',
    find: FIND.xai,
    start: (o) => xaiEditVideo(xai(o), { prompt: 'make it night', video: { url: 'https://example.com/v.mp4' } }),
  },
  {
    name: 'xai extendVideo',
    find: FIND.xai,
    start: (o) => xaiExtendVideo(xai(o), { prompt: 'go on', video: { url: 'https://example.com/v.mp4' } }),
  },
  // MiniMax (video H3 v2 and older v1: async; image, music, cover, lyrics: synchronous).
  {
    name: 'minimax createVideoV2 (H3)',
    find: FIND.minimax,
    start: (o) => createVideoV2(minimax(o), { model: 'MiniMax-H3', content: [{ type: 'text', text: 'a fox' }] }),
  },
  {
    name: 'minimax regenerateVideoV2 (H3 2K)',
    find: FIND.minimax,
    start: (o) =>
      regenerateVideoV2(minimax(o), {
        model: 'MiniMax-H3',
        content: [
          { type: 'text', text: 'a fox' },
          { type: 'video_url', video_url: { url: 'https://example.com/base.mp4' }, role: 'base_video' },
        ],
      }),
  },
  {
    name: 'minimax createVideo (v1, Hailuo)',
    find: FIND.minimax,
    start: (o) => minimaxCreateVideo(minimax(o), { model: 'MiniMax-Hailuo-2.3', prompt: 'a fox' }),
  },
  {
    name: 'minimax generateImage',
    find: FIND.minimax,
    start: (o) => generateImage(minimax(o), { model: 'image-01', prompt: 'a fox' }),
  },
  {
    name: 'minimax generateMusic',
    find: FIND.minimax,
    start: (o) => generateMusic(minimax(o), { model: 'music-2.6', prompt: 'folk', lyrics: LYRICS }),
  },
  {
    name: 'minimax generateMusic (stream)',
    find: FIND.minimax,
    start: (o) => generateMusic(minimax(o), { model: 'music-2.6', prompt: 'folk', lyrics: LYRICS, stream: true }),
  },
  {
    name: 'minimax preprocessMusicCover',
    find: FIND.minimax,
    start: (o) => preprocessMusicCover(minimax(o), { audio_url: 'https://example.com/reference.mp3' }),
  },
  {
    name: 'minimax generateLyrics',
    find: FIND.minimax,
    start: (o) => generateMiniMaxLyrics(minimax(o), { mode: 'write_full_song', prompt: 'rainy night blues' }),
  },
  // Stability (every call synchronous but the creative upscale, an async job).
  {
    name: 'stability generateUltra',
    find: FIND.stability,
    start: (o) => generateUltra(stability(o), { prompt: 'a fox' }),
  },
  {
    name: 'stability generateCore',
    find: FIND.stability,
    start: (o) => generateCore(stability(o), { prompt: 'a fox' }),
  },
  { name: 'stability generateSd3', find: FIND.stability, start: (o) => generateSd3(stability(o), { prompt: 'a fox' }) },
  { name: 'stability eraseImage', find: FIND.stability, start: (o) => eraseImage(stability(o), { image: PNG }) },
  {
    name: 'stability inpaintImage',
    find: FIND.stability,
    start: (o) => inpaintImage(stability(o), { image: PNG, mask: MASK, prompt: 'a scarf' }),
  },
  {
    name: 'stability outpaintImage',
    find: FIND.stability,
    start: (o) => outpaintImage(stability(o), { image: PNG, left: 64 }),
  },
  {
    name: 'stability searchAndReplace',
    find: FIND.stability,
    start: (o) => searchAndReplace(stability(o), { image: PNG, prompt: 'a cat', search_prompt: 'fox' }),
  },
  {
    name: 'stability searchAndRecolor',
    find: FIND.stability,
    start: (o) => searchAndRecolor(stability(o), { image: PNG, prompt: 'blue', select_prompt: 'scarf' }),
  },
  {
    name: 'stability removeBackground',
    find: FIND.stability,
    start: (o) => removeBackground(stability(o), { image: PNG }),
  },
  { name: 'stability upscaleFast', find: FIND.stability, start: (o) => upscaleFast(stability(o), { image: PNG }) },
  {
    name: 'stability upscaleConservative',
    find: FIND.stability,
    start: (o) => upscaleConservative(stability(o), { image: PNG, prompt: 'a fox' }),
  },
  {
    name: 'stability startCreativeUpscale',
    find: FIND.stability,
    start: (o) => startCreativeUpscale(stability(o), { image: PNG, prompt: 'a fox' }),
  },
  { name: 'stability textToAudio', find: FIND.stability, start: (o) => textToAudio(stability(o), { prompt: 'rain' }) },
  {
    name: 'stability audioToAudio',
    find: FIND.stability,
    start: (o) => audioToAudio(stability(o), { prompt: 'on a harp', audio: WAV }),
  },
  // Mureka (songs, instrumentals, extensions, stems: async; lyrics: synchronous).
  {
    name: 'mureka generateSong',
    find: FIND.mureka,
    start: (o) => generateSong(mureka(o), { model: 'auto', lyrics: LYRICS, prompt: 'folk' }),
  },
  {
    name: 'mureka generateInstrumental',
    find: FIND.mureka,
    start: (o) => generateInstrumental(mureka(o), { model: 'auto', prompt: 'lo-fi piano' }),
  },
  {
    name: 'mureka extendSong',
    find: FIND.mureka,
    start: (o) => extendSong(mureka(o), { song_id: 's1', lyrics: LYRICS, extend_at: 9000 }),
  },
  {
    name: 'mureka separateStems',
    find: FIND.mureka,
    start: (o) => separateStems(mureka(o), { url: 'https://example.com/track.mp3' }),
  },
  {
    name: 'mureka generateLyrics',
    find: FIND.mureka,
    start: (o) => murekaGenerateLyrics(mureka(o), { prompt: 'a song' }),
  },
  { name: 'mureka extendLyrics', find: FIND.mureka, start: (o) => extendLyrics(mureka(o), { lyrics: LYRICS }) },
  // ElevenLabs music (synchronous: the answer is the audio).
  {
    name: 'elevenlabs composeMusic',
    find: FIND.elevenlabs,
    start: (o) => composeMusic(eleven(o), { prompt: 'indie pop', music_length_ms: 10_000 }),
  },
  {
    name: 'elevenlabs composeMusicDetailed',
    find: FIND.elevenlabs,
    start: (o) => composeMusicDetailed(eleven(o), { prompt: 'indie pop', music_length_ms: 10_000 }),
  },
  {
    name: 'elevenlabs streamMusic',
    find: FIND.elevenlabs,
    start: (o) => streamMusic(eleven(o), { prompt: 'indie pop', music_length_ms: 10_000 }),
  },
  // LALAL.AI (splits: async tasks billed in minutes, each with an idempotency key).
  {
    name: 'lalal splitStem',
    find: FIND.lalal,
    start: (o) => splitStem(lalal(o), { source_id: UUID, presets: { stem: 'vocals' } }),
  },
  {
    name: 'lalal splitMultistem',
    find: FIND.lalal,
    start: (o) => splitMultistem(lalal(o), { source_id: UUID, presets: { stem_list: ['vocals', 'drum'] } }),
  },
  { name: 'lalal cleanVoice', find: FIND.lalal, start: (o) => cleanVoice(lalal(o), { source_id: UUID, presets: {} }) },
  {
    name: 'lalal removeMusic',
    find: FIND.lalal,
    start: (o) => removeMusic(lalal(o), { source_id: UUID, presets: {} }),
  },
];

describe('a paid request whose connection drops after the server read it', () => {
  it.each(PAID_CALLS)('$name: sent once, a ConnectionError that says how to find the job', async (call) => {
    server = await startDropAfterBodyServer();
    const error = await failureOf(call.start(server.origin));
    expect(ConnectionError.isInstance(error), String(error)).toBe(true);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.method).toBe('POST');
    expect(server.received[0]?.body.byteLength).toBeGreaterThan(0);
    expect(error.message).toContain('was not sent again');
    expect(error.message).toMatch(call.find);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});

describe('LALAL.AI: the idempotency key', () => {
  it('the error names the key, and the retry the person makes with it sends the same key (one task, one bill)', async () => {
    const TASK = '2fe8f214-1771-4900-9e7e-570f823bd359';
    server = await startDropAfterBodyServer((request) =>
      request.url.includes('/split/') && server?.received.length === 1
        ? 'drop'
        : { status: 200, json: { task_id: TASK } },
    );
    const first = await failureOf(splitStem(lalal(server.origin), { source_id: UUID, presets: { stem: 'vocals' } }));
    expect(server.received).toHaveLength(1);
    const key = /idempotency_key "([0-9a-f-]{36})"/.exec(first.message)?.[1];
    expect(key).toBeDefined();
    const retried = await splitStem(lalal(server.origin), {
      source_id: UUID,
      presets: { stem: 'vocals' },
      idempotency_key: key as string,
    });
    expect(retried).toEqual({ task_id: TASK, idempotency_key: key });
    const keys = server.received.map((request) => JSON.parse(request.body.toString()).idempotency_key);
    expect(keys).toEqual([key, key]);
  });

  it('a retryable error answer (500 internal_error) is still retried at once, with the same key', async () => {
    const TASK = '2fe8f214-1771-4900-9e7e-570f823bd359';
    server = await startDropAfterBodyServer((request) =>
      server?.received.length === 1
        ? { status: 500, json: { detail: 'internal', code: 'internal_error' } }
        : { status: 200, json: { task_id: TASK, seen: request.url } },
    );
    const task = await splitStem(lalal(server.origin), { source_id: UUID, presets: { stem: 'vocals' } });
    expect(task.task_id).toBe(TASK);
    const keys = server.received.map((request) => JSON.parse(request.body.toString()).idempotency_key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('an upload (free: LALAL.AI bills splits, not uploads) is a safe request, sent again after a drop', async () => {
    server = await startDropAfterBodyServer(() =>
      server?.received.length === 1 ? 'drop' : { status: 200, json: { id: UUID, duration: 3 } },
    );
    const source = await uploadLalalFile(lalal(server.origin), { file: WAV });
    expect(source.id).toBe(UUID);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.body.equals(server.received[0]?.body as Buffer)).toBe(true);
  });
});

describe('the HTTP layer: what is sent again and what is not', () => {
  const config = { provider: 'acme', auth: { type: 'bearer' as const } };

  it('a job start with an idempotency header is not sent again after a drop either (its answer is lost)', async () => {
    server = await startDropAfterBodyServer();
    const client = createHttpClient(
      { ...config, baseUrl: server.origin, idempotencyHeader: 'idempotency-key' },
      RETRYING,
    );
    const error = await failureOf(
      client.request({ method: 'POST', path: 'jobs', json: { prompt: 'x' }, idempotencyKey: 'idem-1' }),
    );
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.headers['idempotency-key']).toBe('idem-1');
    expect(error.message).toContain('look for it in your acme account');
  });

  it('a job start that times out after the server read it is not sent again, and the TimeoutError says so', async () => {
    server = await startDropAfterBodyServer(() => () => undefined);
    const client = createHttpClient(
      { ...config, baseUrl: server.origin, lostAnswerHint: 'list your jobs' },
      {
        ...RETRYING,
        timeoutMs: 150,
      },
    );
    const error = await failureOf(client.request({ method: 'POST', path: 'jobs', json: { prompt: 'x' } }));
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(server.received).toHaveLength(1);
    expect(error.message).toContain('was not sent again');
    expect(error.message).toContain('before retrying, list your jobs.');
    expect(error.message).not.toContain('retry later');
  });

  it('a job start refused with 429 (no job started) is still retried by the loop', async () => {
    server = await startDropAfterBodyServer(() =>
      server?.received.length === 1
        ? { status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after-ms': '1' } }
        : { status: 200, json: { id: 'job_1' } },
    );
    const client = createHttpClient({ ...config, baseUrl: server.origin }, RETRYING);
    const answer = await client.request<{ id: string }>({ method: 'POST', path: 'jobs', json: { prompt: 'x' } });
    expect(answer.data.id).toBe('job_1');
    expect(server.received).toHaveLength(2);
  });

  it('a safe GET whose connection drops is sent again (the retry loop stays on for what is safe)', async () => {
    server = await startDropAfterBodyServer(() =>
      server?.received.length === 1 ? 'drop' : { status: 200, json: { status: 'queued' } },
    );
    const client = createHttpClient({ ...config, baseUrl: server.origin }, RETRYING);
    const answer = await client.request<{ status: string }>({ method: 'GET', path: 'jobs/1' });
    expect(answer.data.status).toBe('queued');
    expect(server.received).toHaveLength(2);
  });
});
