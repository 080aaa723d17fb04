import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ContentFilterError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
  ServerError,
} from '../../../src/common/errors.js';
import {
  type ComposeMusicParams,
  composeMusic,
  composeMusicDetailed,
  createCompositionPlan,
  createElevenLabsClient,
  type ElevenLabsClientOptions,
  ElevenLabsMusicRejectedError,
  type MusicPromptPlan,
  parseMultipartMixed,
  streamMusic,
} from '../../../src/providers/elevenlabs/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/elevenlabs';
const API = { baseUrl: 'https://api.elevenlabs.io' };
const KEY = 'sk_elevenlabs_test_0123456789abcdef';
const PROMPT = 'Upbeat indie pop with jangly guitars and a catchy female vocal about summer road trips';
const COMPOSE: ComposeMusicParams = {
  prompt: PROMPT,
  music_length_ms: 30000,
  model_id: 'music_v1',
  output_format: 'mp3_44100_128',
};
const MP3 = new Uint8Array(await readFile(join(FIXTURES, 'compose.mp3')));
const PLAN: MusicPromptPlan = JSON.parse(await readFile(join(FIXTURES, 'plan.1.json'), 'utf8')).response.body.json;
const tmp = useTempDir('elevenlabs-');

function client(options: ElevenLabsClientOptions = {}) {
  return createElevenLabsClient({ apiKey: KEY, maxRetries: 0, env: {}, ...options });
}

describe('client', () => {
  it('sends the key as xi-api-key, from ELEVENLABS_API_KEY; ELEVENLABS_BASE_URL or an environment picks the host', () => {
    const fromEnv = createElevenLabsClient({ env: { ELEVENLABS_API_KEY: 'k-env' } });
    expect(fromEnv.authHeaders()).toEqual({ 'xi-api-key': 'k-env' });
    expect(fromEnv.baseUrl).toBe('https://api.elevenlabs.io');
    expect(createElevenLabsClient({ env: {}, environment: 'eu' }).baseUrl).toBe(
      'https://api.eu.residency.elevenlabs.io',
    );
    expect(createElevenLabsClient({ env: { ELEVENLABS_BASE_URL: 'https://proxy.test' } }).baseUrl).toBe(
      'https://proxy.test',
    );
  });
});

describe('composeMusic', () => {
  it('sends the documented body with output_format in the query and returns the audio and song id', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/compose.1.json`, API);
    const song = await composeMusic(client(), COMPOSE);
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['xi-api-key']).toBe(KEY);
    expect(fixtures.requests[0]?.body).toEqual({
      json: { prompt: PROMPT, music_length_ms: 30000, model_id: 'music_v1' },
    });
    expect(song).toEqual({ audio: MP3, mimeType: 'audio/mpeg', songId: '7Ks9mPq2XbR4tLw1' });
  });

  it('composes from a typed plan with a seed (no prompt, no length)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/compose-plan.1.json`, API);
    const song = await composeMusic(client(), { composition_plan: PLAN, model_id: 'music_v1', seed: 42 });
    fixtures.assertAllUsed();
    expect(song.audio).toEqual(MP3);
    expect(song.songId).toBeUndefined();
  });

  it('refuses bad params before any request, naming the field', async () => {
    const cases: [ComposeMusicParams, string, string?][] = [
      [{}, 'prompt'],
      [{ prompt: 'a', composition_plan: PLAN }, 'prompt'],
      [{ prompt: 'a', seed: 1 }, 'seed'],
      [{ composition_plan: PLAN, music_length_ms: 30000 }, 'music_length_ms'],
      [{ composition_plan: PLAN, force_instrumental: true }, 'force_instrumental'],
      [{ prompt: 'a', music_length_ms: 1000 }, 'music_length_ms', 'must be >= 3000'],
      [{ prompt: 'a', output_format: 'mp3_44100_999' as 'auto' }, 'output_format'],
      [{ composition_plan: PLAN, model_id: 'music_v2' }, 'composition_plan'],
      [{ prompt: 'a', finetune_strength: 1 }, 'finetune_strength'],
      [{ prompt: 'a', sign_with_c2pa: true, output_format: 'pcm_44100' }, 'sign_with_c2pa'],
      [
        { composition_plan: { ...PLAN, sections: [{ ...PLAN.sections[0]!, duration_ms: 500 }] } },
        'composition_plan.sections.0.duration_ms',
      ],
      [{ composition_plan: { ...PLAN, sections: [{ section_name: 'x' } as never] } }, 'composition_plan'],
    ];
    for (const [params, path, message] of cases) {
      const error = await rejection(composeMusic(client(), params));
      expect(RequestValidationError.isInstance(error), JSON.stringify(params).slice(0, 80)).toBe(true);
      const issue = (error as RequestValidationError).issues[0];
      expect(issue?.path.startsWith(path), `${issue?.path} for ${path}`).toBe(true);
      if (message) expect(issue?.message).toBe(message);
    }
    const format = await rejection(composeMusic(client(), { prompt: 'a', output_format: 'wav' as 'auto' }));
    expect((format as RequestValidationError).issues[0]?.allowed).toContain('mp3_48000_320');
  });

  it('is not repeated after a 500 (the composition may have been billed)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/errors-500.1.json`, API);
    const error = await rejection(composeMusic(client({ maxRetries: 3, maxRetryDelayMs: 1 }), COMPOSE));
    expect(ServerError.isInstance(error)).toBe(true);
    expect(fixtures.requests).toHaveLength(1);
  });
});

describe('streamMusic', () => {
  it('yields the first bytes before the server has sent the rest (held-back stream)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/stream.1.json`, { ...API, holdStreams: true });
    const stream = await streamMusic(client(), COMPOSE);
    expect(stream).toMatchObject({ mimeType: 'audio/mpeg', songId: '7Ks9mPq2XbR4tLw1' });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    // The server holds the second half back until release(): this chunk arrived while the song was unfinished.
    expect(first.done).toBe(false);
    expect(first.value.length).toBeGreaterThan(0);
    expect(first.value.length).toBeLessThan(MP3.length);
    expect([...first.value.subarray(0, 3)]).toEqual([...MP3.subarray(0, 3)]);
    fixtures.release();
    const chunks = [first.value];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) chunks.push(next.value);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(MP3));
    fixtures.assertAllUsed();
  });

  it('saveTo writes the stream to a file as it arrives', async () => {
    await useFixtures(server, `${FIXTURES}/stream.1.json`, API);
    const stream = await streamMusic(client(), COMPOSE);
    const saved = await stream.saveTo(join(tmp.path, 'song.mp3'));
    expect(new Uint8Array(await readFile(saved.path as string))).toEqual(MP3);
  });

  it('refuses respect_sections_durations (not a stream field)', async () => {
    const error = await rejection(
      streamMusic(client(), { composition_plan: PLAN, respect_sections_durations: true } as never),
    );
    expect((error as RequestValidationError).issues[0]?.message).toContain('respect_sections_durations');
  });
});

describe('composeMusicDetailed', () => {
  it('parses the multipart/mixed answer: plan, song metadata, word timestamps and the audio', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/detailed.1.json`, API);
    const song = await composeMusicDetailed(client(), { ...COMPOSE, with_timestamps: true });
    fixtures.assertAllUsed();
    expect(song.audio).toEqual(MP3);
    expect(song).toMatchObject({
      mimeType: 'audio/mpeg',
      songId: '7Ks9mPq2XbR4tLw1',
      filename: 'open-roads.mp3',
      songMetadata: { title: 'Open Roads', genres: ['indie pop'], languages: ['en'], is_explicit: false },
      wordsTimestamps: [{ word: 'Sunlight', start_ms: 5120, end_ms: 5600 }],
    });
    expect(song.compositionPlan).toMatchObject({ sections: [{ section_name: 'Verse' }] });
  });

  it('returns the paid song when the JSON part is broken or missing, saying so in metadataProblem', async () => {
    const answer = (parts: string[], audioHead: string) => {
      const text = new TextEncoder();
      const bytes = new Uint8Array([
        ...text.encode(parts.join('')),
        ...text.encode(audioHead),
        ...MP3,
        ...text.encode('\r\n--b--\r\n'),
      ]);
      return new Response(bytes, { headers: { 'content-type': 'multipart/mixed; boundary=b', 'song-id': 's1' } });
    };
    const audioHead = '--b\r\nContent-Type: audio/mpeg\r\n\r\n';
    for (const [parts, problem] of [
      [['--b\r\nContent-Type: application/json\r\n\r\n{"song_metadata": {\r\n'], 'the JSON part is not a JSON object'],
      [[], 'the answer has no JSON part'],
    ] as const) {
      server.use(http.post(`${API.baseUrl}/v1/music/detailed`, () => answer([...parts], audioHead)));
      const song = await composeMusicDetailed(client(), COMPOSE);
      expect(song.audio).toEqual(MP3);
      expect(song).toMatchObject({ mimeType: 'audio/mpeg', songId: 's1', metadataProblem: problem });
      expect(song.songMetadata).toBeUndefined();
    }
  });

  it('parseMultipartMixed reads parts whose headers end in bare LF LF', () => {
    const parts = parseMultipartMixed(
      new TextEncoder().encode(
        '--b\nContent-Type: application/json\n\n{"a":1}\n--b\nContent-Type: audio/mpeg\n\nID3\n--b--\n',
      ),
      'b',
    );
    expect(parts.map((part) => [part.headers['content-type'], new TextDecoder().decode(part.body)])).toEqual([
      ['application/json', '{"a":1}'],
      ['audio/mpeg', 'ID3'],
    ]);
  });

  it('parseMultipartMixed keeps binary part bodies exact (CR/LF inside a body are not delimiters)', () => {
    const body = new Uint8Array([0xff, 0xfb, 13, 10, 45, 45, 0, 1]);
    const head = new TextEncoder().encode('--b\r\nContent-Type: audio/mpeg\r\n\r\n');
    const tail = new TextEncoder().encode('\r\n--b--\r\n');
    const parts = parseMultipartMixed(new Uint8Array([...head, ...body, ...tail]), 'b');
    expect(parts).toHaveLength(1);
    expect(parts[0]?.headers).toEqual({ 'content-type': 'audio/mpeg' });
    expect([...(parts[0]?.body ?? [])]).toEqual([...body]);
  });
});

describe('createCompositionPlan', () => {
  it('returns the typed v1 plan (sections with styles and durations)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/plan.1.json`, API);
    const plan = await createCompositionPlan(client(), {
      prompt: 'Cinematic orchestral build for a game trailer',
      music_length_ms: 60000,
      model_id: 'music_v1',
    });
    fixtures.assertAllUsed();
    expect(plan).toEqual(PLAN);
    if (!('sections' in plan)) throw new Error('expected a sections plan');
    expect(plan.sections.map((section) => section.duration_ms)).toEqual([15000, 25000, 20000]);
  });

  it('returns a v2 chunks plan for music_v2', async () => {
    await useFixtures(server, `${FIXTURES}/plan-v2.1.json`, API);
    const plan = await createCompositionPlan(client(), {
      prompt: 'Bright indie pop about a road trip',
      model_id: 'music_v2',
    });
    expect('chunks' in plan && plan.chunks[0]).toMatchObject({ duration_ms: 20000, context_adherence: 'high' });
  });
});

describe('errors', () => {
  it('bad_prompt surfaces the suggested prompt on a ContentFilterError', async () => {
    await useFixtures(server, `${FIXTURES}/errors-bad-prompt.1.json`, API);
    const error = await rejection(
      composeMusic(client({ maxRetries: 2 }), {
        ...COMPOSE,
        prompt: "A song that sounds exactly like Taylor Swift's Shake It Off",
      }),
    );
    expect(ElevenLabsMusicRejectedError.isInstance(error)).toBe(true);
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 422,
      code: 'bad_prompt',
      reason: 'bad_prompt',
      requestId: 'req_8c1f2e',
      promptSuggestion: 'An upbeat 1960s British-invasion style pop song with jangly guitars and vocal harmonies',
    });
    expect((error as Error).message).toMatch(
      /^elevenlabs 422 bad_prompt: The prompt references a copyrighted artist — .*promptSuggestion/,
    );
  });

  it('bad_composition_plan (400) surfaces the suggested plan', async () => {
    await useFixtures(server, `${FIXTURES}/errors-bad-plan.1.json`, API);
    const sent = JSON.parse(await readFile(join(FIXTURES, 'errors-bad-plan.1.json'), 'utf8')).request.body.json;
    const error = await rejection(
      composeMusic(client(), { composition_plan: sent.composition_plan, model_id: 'music_v1' }),
    );
    expect(ElevenLabsMusicRejectedError.isInstance(error)).toBe(true);
    expect((error as ElevenLabsMusicRejectedError).compositionPlanSuggestion).toMatchObject({
      positive_global_styles: ['cinematic orchestral'],
    });
  });

  it.each([
    ['validation', BadRequestError, 'music_length_ms: Input should be greater than or equal to 3000'],
    ['invalid-key', AuthenticationError, 'Invalid API key'],
    ['quota', QuotaExceededError, 'exceeds your quota'],
    ['format', PermissionDeniedError, 'Creator'],
    ['busy', RateLimitError, 'Too many concurrent'],
  ] as const)('%s becomes its typed error; the key never appears', async (name, kind, words) => {
    await useFixtures(server, `${FIXTURES}/errors-${name}.1.json`, API);
    const error = await rejection(composeMusic(client(), COMPOSE));
    expect(kind.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toContain(words);
    expect(JSON.stringify(error)).not.toContain(KEY);
    if (name === 'validation') expect(error).toMatchObject({ param: 'music_length_ms' });
  });
});
