import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiRetiredError,
  AuthenticationError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import {
  type GenerateMusicParams,
  generateLyrics,
  generateMusic,
  normalizeLyricsTags,
  parseMusicExtraInfo,
  preprocessMusicCover,
} from '../../../src/providers/minimax/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const FIXTURES = 'test/fixtures/minimax';
const API = { baseUrl: 'https://api.minimax.io' };
const CDN = { baseUrl: 'https://cdn.minimax.test' };
const FOLK = 'Indie folk, melancholic, rainy night, warm male vocal, 90 BPM';
const LYRICS = '[Verse]\nStreetlights flicker on the empty road\n[Chorus]\nCarry me home before the morning';
const SETTING = { sample_rate: 44100, bitrate: 256000, format: 'mp3' } as const;
const SONG = new Uint8Array(await readFile(`${FIXTURES}/music-song.mp3`));
const INFO = { durationMs: 173792, sampleRate: 44100, channels: 2, bitrate: 256000, sizeBytes: SONG.length };
/** The documented example's extra_info, as written (its audio is elided in the notes; the fixture holds the test song). */
const DOC_INFO = { ...INFO, sizeBytes: 5158939 };

/** A client that retries at once (the backoff is capped at 1 ms). */
function retryingClient() {
  return client({ maxRetries: 2, maxRetryDelayMs: 1 });
}

const tmp = useTempDir('minimax-music-');

describe('generateMusic: hex output', () => {
  it('sends the documented example, decodes the hex and parses extra_info (ms)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-hex`, API);
    const song = await generateMusic(client(), {
      model: 'music-2.6',
      prompt: FOLK,
      lyrics: LYRICS,
      audio_setting: SETTING,
      output_format: 'hex',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(song).toMatchObject({
      output: 'hex',
      info: DOC_INFO,
      traceId: '06c11f462840300d88d20b5d0bc905d5',
      mimeType: 'audio/mpeg',
    });
    expect(song.response.data?.audio).toBe('');
    expect(song.response.extra_info).toMatchObject({ music_duration: 173792, music_size: 5158939 });
    expect(await song.bytes()).toEqual(SONG);
    const saved = await song.saveTo(join(tmp.path, 'song.mp3'));
    expect(saved).toEqual({ path: join(tmp.path, 'song.mp3'), bytes: SONG.length });
    expect(new Uint8Array(await readFile(saved.path))).toEqual(SONG);
    expect(await readdir(tmp.path)).toEqual(['song.mp3']);
  });

  it('sends cover-mode fields', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-cover`, API);
    const song = await generateMusic(client(), {
      model: 'music-cover',
      prompt: 'Acoustic bossa nova cover, soft female vocal',
      audio_url: 'https://example.com/reference.mp3',
      audio_setting: SETTING,
    });
    fixtures.assertAllUsed();
    expect(song.info.durationMs).toBe(95000);
    expect(await song.bytes()).toEqual(SONG);
  });

  it('retries a rate limit (1002 inside HTTP 200) like a 429: 2 calls, then the song', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-hex-rate-limited`, API);
    const song = await generateMusic(retryingClient(), {
      model: 'music-2.6',
      prompt: FOLK,
      lyrics: LYRICS,
      audio_setting: SETTING,
      output_format: 'hex',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(2);
    expect(fixtures.requests[1]?.body).toEqual(fixtures.requests[0]?.body);
    expect(song.info).toEqual(DOC_INFO);
    expect(await song.bytes()).toEqual(SONG);
  });

  it('without retries left, the rate limit is a RateLimitError with its code and trace id', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-hex-rate-limited.1.json`, API);
    const error = await rejection(
      generateMusic(client(), {
        model: 'music-2.6',
        prompt: FOLK,
        lyrics: LYRICS,
        audio_setting: SETTING,
        output_format: 'hex',
      }),
    );
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(1);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, code: '1002', requestId: '86c11f462840300d88d20b5d0bc905d5' });
  });
});

describe('generateMusic: url output', () => {
  it('reads data.audio_url and downloads without the key', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-url`, API);
    const cdn = await useFixtures(
      server,
      [`${FIXTURES}/music-download-url.1.json`, `${FIXTURES}/music-download-url.1.json`],
      CDN,
    );
    const song = await generateMusic(client(), {
      model: 'music-3.0',
      prompt: 'Cinematic orchestral, building tension',
      is_instrumental: true,
      audio_setting: { sample_rate: 32000, bitrate: 128000, format: 'mp3' },
      output_format: 'url',
    });
    fixtures.assertAllUsed();
    expect(song).toMatchObject({ output: 'url', url: 'https://cdn.minimax.test/music/06c11f46/song.mp3' });
    expect(song.info).toMatchObject({ durationMs: 61440, sampleRate: 32000, bitrate: 128000 });
    const saved = await song.saveTo(join(tmp.path, 'a', 'song.mp3'));
    expect(new Uint8Array(await readFile(saved.path))).toEqual(SONG);
    expect(await song.bytes()).toEqual(SONG);
    cdn.assertAllUsed();
    expect(cdn.requests.every((request) => request.headers.authorization === undefined)).toBe(true);
  });

  it('also reads a URL sent in data.audio', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-url-in-audio`, API);
    const song = await generateMusic(client(), {
      model: 'music-2.6',
      prompt: FOLK,
      lyrics_optimizer: true,
      output_format: 'url',
    });
    fixtures.assertAllUsed();
    expect(song.url).toBe('https://cdn.minimax.test/music/06c11f46/song.mp3');
  });
});

describe('generateMusic: stream', () => {
  const params = {
    model: 'music-2.6',
    prompt: FOLK,
    lyrics: LYRICS,
    audio_setting: SETTING,
    stream: true,
    output_format: 'hex',
  } as const;

  it('yields decoded chunks as they arrive, before the stream ends', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-stream`, { ...API, holdStreams: true });
    const stream = await generateMusic(client(), params);
    expect(stream.traceId).toBe('26c11f462840300d88d20b5d0bc905d5');
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    // Only the first event has been sent so far.
    expect(first.value).toEqual(SONG.slice(0, 20));
    fixtures.release();
    const rest: Uint8Array[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    // The final event repeats the whole song: it is not delivered twice.
    expect(rest).toEqual([SONG.slice(20, 44), SONG.slice(44)]);
    expect(await stream.done).toMatchObject({
      info: INFO,
      bytes: SONG.length,
      traceId: '26c11f462840300d88d20b5d0bc905d5',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('saves a stream to a file; a final chunk with new audio is kept', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-stream-tail`, API);
    const stream = await generateMusic(client(), {
      model: 'music-2.6',
      prompt: FOLK,
      lyrics: LYRICS,
      stream: true,
      output_format: 'hex',
    });
    const saved = await stream.saveTo(join(tmp.path, 'stream.mp3'));
    fixtures.assertAllUsed();
    expect(saved.bytes).toBe(SONG.length);
    expect(new Uint8Array(await readFile(saved.path))).toEqual(SONG);
    expect((await stream.done).info.durationMs).toBe(173792);
    await expect(stream.bytes()).rejects.toThrow(/consumed once/);
  });

  it('a JSON error answer to a stream request is the typed error', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-stream-error`, API);
    const error = await rejection(
      generateMusic(client(), { model: 'music-2.6', prompt: FOLK, lyrics: LYRICS, stream: true, output_format: 'hex' }),
    );
    fixtures.assertAllUsed();
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: '1008', requestId: '36c11f462840300d88d20b5d0bc905d5' });
  });

  it('a non-retryable code (1008) is not retried even when retries are allowed', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-stream-error`, API);
    const error = await rejection(
      generateMusic(retryingClient(), { model: 'music-2.6', prompt: FOLK, lyrics: LYRICS, stream: true }),
    );
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(1);
    expect(QuotaExceededError.isInstance(error)).toBe(true);
  });

  it('retries a rate limit (1002 as one JSON body inside HTTP 200) like a 429: 2 calls, then the stream', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-stream-rate-limited`, API);
    const stream = await generateMusic(retryingClient(), params);
    expect(await stream.bytes()).toEqual(SONG);
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(2);
    expect(fixtures.requests.map((request) => request.headers.accept)).toEqual([
      'text/event-stream',
      'text/event-stream',
    ]);
    expect(await stream.done).toMatchObject({ bytes: SONG.length, info: INFO });
  });
});

describe('generateMusic: closed models (service change 2026-08-20)', () => {
  it('a model refused to the account says paid music is closed to new accounts', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-closed`, API);
    const error = await rejection(generateMusic(client(), { model: 'music-2.6', prompt: FOLK, lyrics: LYRICS }));
    fixtures.assertAllUsed();
    expect(PermissionDeniedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: '2061', requestId: '56c11f462840300d88d20b5d0bc905d5' });
    expect((error as Error).message).toContain('2026-08-20');
    expect((error as Error).message).toContain('new accounts');
  });

  it('a stopped free model is an ApiRetiredError naming the replacement', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-free-stopped`, API);
    const error = await rejection(generateMusic(client(), { model: 'music-2.6-free', prompt: FOLK, lyrics: LYRICS }));
    fixtures.assertAllUsed();
    expect(ApiRetiredError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/music-2\.6-free was stopped.*2026-08-20/);
  });
});

describe('auth errors keep the region / GroupId advice and add the service-change note', () => {
  it('music: a foreign GroupId (1004 inside HTTP 200) names the GroupId and the 2026-08-20 change', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-generation-auth`, API);
    const error = await rejection(
      generateMusic(client({ groupId: '1948563511118405991' }), {
        model: 'music-2.6',
        prompt: FOLK,
        lyrics: LYRICS,
        audio_setting: SETTING,
        output_format: 'hex',
      }),
    );
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.query).toEqual({ GroupId: '1948563511118405991' });
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, code: '1004', requestId: '96c11f462840300d88d20b5d0bc905d5' });
    const message = (error as Error).message;
    expect(message).toContain('token not match group');
    expect(message).toContain('the GroupId sent does not belong to this key');
    expect(message).toContain('2026-08-20');
  });

  it('lyrics: a rejected key (2049 inside HTTP 200) says keys are region-bound and names the other region', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/lyrics-generation-auth`, API);
    const error = await rejection(
      generateLyrics(client(), { mode: 'write_full_song', prompt: 'A soulful blues song about a rainy night' }),
    );
    fixtures.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, code: '2049', requestId: 'a6c11f462840300d88d20b5d0bc905d5' });
    const message = (error as Error).message;
    expect(message).toContain('invalid api key');
    expect(message).toContain('region-bound');
    expect(message).toContain("region: 'cn'");
    expect(message).toContain('2026-08-20');
    expect(message).not.toContain('sk-api-test-0123456789abcdef');
    // The original message is kept whole, not wrapped twice.
    expect(message.match(/request id/g)).toHaveLength(1);
    expect(message.startsWith('minimax 200 2049: invalid api key')).toBe(true);
  });
});

describe('preprocessMusicCover', () => {
  it('sends the documented body and parses structure_result and audio_duration', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/music-cover-preprocess`, API);
    const cover = await preprocessMusicCover(client(), { audio_url: 'https://example.com/reference.mp3' });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(cover).toMatchObject({
      cover_feature_id: 'cf_9d2e4b7a1c3f5e60',
      formatted_lyrics: LYRICS,
      audio_duration: 95.2,
      durationMs: 95200,
      trace_id: 'c6c11f462840300d88d20b5d0bc905d5',
    });
    expect(typeof cover.structure_result).toBe('string');
    expect(cover.segments).toEqual([
      { start: 0, end: 12.5, label: 'intro' },
      { start: 12.5, end: 48, label: 'verse' },
      { start: 48, end: 95.2, label: 'chorus' },
    ]);
  });

  it('needs exactly one of audio_url and audio_base64, and only music-cover', async () => {
    for (const params of [
      {},
      { audio_url: 'https://example.com/a.mp3', audio_base64: 'AAAA' },
      { model: 'music-2.6' as 'music-cover', audio_url: 'https://example.com/a.mp3' },
    ]) {
      const error = await rejection(preprocessMusicCover(client(), params));
      expect(RequestValidationError.isInstance(error)).toBe(true);
    }
  });
});

describe('generateMusic: validation before sending', () => {
  const cases: [string, GenerateMusicParams, string][] = [
    ['a vocal song without lyrics', { model: 'music-2.6', prompt: FOLK }, 'lyrics'],
    ['empty lyrics', { model: 'music-2.6', prompt: FOLK, lyrics: '' }, 'lyrics'],
    ['an instrumental without prompt', { model: 'music-3.0', is_instrumental: true }, 'prompt'],
    [
      'an instrumental with lyrics',
      { model: 'music-3.0', prompt: FOLK, is_instrumental: true, lyrics: LYRICS },
      'lyrics',
    ],
    ['instrumental on music-2.5', { model: 'music-2.5', prompt: FOLK, is_instrumental: true }, 'is_instrumental'],
    ['lyrics over 3500', { model: 'music-2.6', prompt: FOLK, lyrics: 'x'.repeat(3501) }, 'lyrics'],
    ['prompt over 2000', { model: 'music-2.6', prompt: 'x'.repeat(2001), lyrics: LYRICS }, 'prompt'],
    ['url with stream', { model: 'music-2.6', lyrics: LYRICS, stream: true, output_format: 'url' }, 'output_format'],
    [
      'watermark with stream',
      { model: 'music-2.6', lyrics: LYRICS, stream: true, aigc_watermark: true },
      'aigc_watermark',
    ],
    [
      'a bad sample rate',
      { model: 'music-2.6', lyrics: LYRICS, audio_setting: { sample_rate: 48000 as 44100 } },
      'audio_setting.sample_rate',
    ],
    [
      'a bad format',
      { model: 'music-2.6', lyrics: LYRICS, audio_setting: { format: 'flac' as 'mp3' } },
      'audio_setting.format',
    ],
    ['cover without a source', { model: 'music-cover', prompt: 'Acoustic bossa nova cover' }, 'audio_url'],
    [
      'cover with two sources',
      { model: 'music-cover', prompt: 'Acoustic bossa nova cover', audio_url: 'https://a', audio_base64: 'AAAA' },
      'audio_url',
    ],
    ['cover with a short prompt', { model: 'music-cover', prompt: 'jazz', audio_url: 'https://a' }, 'prompt'],
    [
      'cover_feature_id without lyrics',
      { model: 'music-cover', prompt: 'Acoustic bossa nova cover', cover_feature_id: 'f1' },
      'lyrics',
    ],
    ['audio_url on a text model', { model: 'music-2.6', lyrics: LYRICS, audio_url: 'https://a' }, 'audio_url'],
    ['an unknown field', { model: 'music-2.6', lyrics: LYRICS, duration: 30 } as unknown as GenerateMusicParams, ''],
  ];
  for (const [what, params, field] of cases) {
    it(`rejects ${what}`, async () => {
      const error = await rejection(generateMusic(client(), params));
      expect(RequestValidationError.isInstance(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe(field);
    });
  }
});

describe('music helpers', () => {
  it('normalizeLyricsTags maps the lyrics endpoint tags to the music endpoint ones', () => {
    expect(normalizeLyricsTags('[pre-chorus]\na\n[Build-up]\n[Drop]\n[Breakdown]\n[chorus]\n[Not a tag]')).toBe(
      '[Pre Chorus]\na\n[Build Up]\n[Inst]\n[Break]\n[Chorus]\n[Not a tag]',
    );
  });

  it('parseMusicExtraInfo accepts numbers sent as strings', () => {
    expect(parseMusicExtraInfo({ music_duration: '1000', music_size: 5 })).toEqual({ durationMs: 1000, sizeBytes: 5 });
    expect(parseMusicExtraInfo(null)).toEqual({});
  });
});

describe('generateLyrics', () => {
  it('writes a full song (the documented flat answer)', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/lyrics-generation-full`, API);
    const lyrics = await generateLyrics(client(), {
      mode: 'write_full_song',
      prompt: 'A soulful blues song about a rainy night',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toEqual({
      json: { mode: 'write_full_song', prompt: 'A soulful blues song about a rainy night' },
    });
    expect(lyrics).toMatchObject({
      song_title: 'Rainy Night Blues',
      style_tags: 'Blues, Soulful, Male Vocals',
      lyrics: '[Verse]\nRain on the window pane...\n[Chorus]\nOh this rainy night...',
    });
  });

  it('hyphenated output tags ([Pre-Chorus]) normalise to the music endpoint tags', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/lyrics-generation-hyphen-tags`, API);
    const lyrics = await generateLyrics(client(), {
      mode: 'write_full_song',
      prompt: 'A soulful blues song about a rainy night',
    });
    fixtures.assertAllUsed();
    expect(lyrics.lyrics).toContain('[Pre-Chorus]');
    expect(normalizeLyricsTags(lyrics.lyrics)).toContain('[Pre Chorus]');
  });

  it('edits lyrics and lifts data.lyrics / data.title', async () => {
    const fixtures = await useFixtures(server, `${FIXTURES}/lyrics-generation-edit`, API);
    const lyrics = await generateLyrics(client(), {
      mode: 'edit',
      prompt: 'Make the chorus hopeful',
      lyrics: '[Chorus]\nOh this rainy night',
      title: 'Rainy Night Blues',
    });
    fixtures.assertAllUsed();
    expect(lyrics).toMatchObject({ lyrics: '[Chorus]\nThe rain will pass tonight', song_title: 'Rainy Night Blues' });
  });

  it('edit mode needs lyrics', async () => {
    const error = await rejection(generateLyrics(client(), { mode: 'edit', prompt: 'x' }));
    expect(RequestValidationError.isInstance(error)).toBe(true);
  });
});
