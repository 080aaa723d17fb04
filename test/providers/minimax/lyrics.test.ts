/**
 * Direct tests of MiniMax lyrics generation (`src/providers/minimax/lyrics.ts`) beyond the documented answers in
 * music.test.ts: the checks before any request, the answer shapes it accepts or refuses, and the trace id.
 */
import { describe, expect, it } from 'vitest';
import { RequestValidationError, ResponseValidationError } from '../../../src/index.js';
import { generateLyrics } from '../../../src/providers/minimax/index.js';
import { type Fixture, useFixtures } from '../../../src/testing/index.js';
import { rejection } from '../../helpers.js';
import { server } from '../../msw.js';
import { client } from './helpers.js';

const API = { baseUrl: 'https://api.minimax.io' };
const NOTES = 'shared/api/minimax.md § 2a. Lyrics generation — POST /v1/lyrics_generation';
const OK = { status_code: 0, status_msg: 'success' };

/** One exchange: the body our code must send, the answer. */
function exchange(body: unknown, answer: unknown, headers: Record<string, string> = {}): Fixture {
  return {
    source: 'docs',
    notes: NOTES,
    request: { method: 'POST', path: '/v1/lyrics_generation', body: { json: body } },
    response: { status: 200, headers, body: { json: answer } },
  };
}

describe('generateLyrics', () => {
  it.each([
    ['an unknown field', { mode: 'write_full_song', prompt: 'x', model: 'lyrics-01' }, 'model'],
    ['a prompt over 2000 characters', { mode: 'write_full_song', prompt: 'x'.repeat(2001) }, 'prompt'],
    ['lyrics over 3500 characters', { mode: 'edit', lyrics: 'x'.repeat(3501) }, 'lyrics'],
    ['an unknown mode', { mode: 'rewrite', lyrics: 'x' }, 'mode'],
    ['edit mode without lyrics', { mode: 'edit', prompt: 'Make it hopeful' }, 'lyrics'],
  ])('refuses %s before any request, naming the field', async (_name, params, field) => {
    // No handler is installed: a request would fail the test as unhandled.
    const error = await rejection(generateLyrics(client(), params as Parameters<typeof generateLyrics>[1]));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    const issues = (error as RequestValidationError).issues;
    // An unknown key is an issue of the object itself that names the key.
    expect(issues.some((issue) => issue.path === field || (issue.path === '' && issue.message.includes(field)))).toBe(
      true,
    );
  });

  it('keeps a flat answer as sent and takes the trace id from the trace-id header when the body has none', async () => {
    const answer = { song_title: 'Night Drive', style_tags: 'Synthwave', lyrics: '[Verse]\nNeon', base_resp: OK };
    const fixtures = await useFixtures(
      server,
      [exchange({ mode: 'write_full_song' }, answer, { 'trace-id': 'tr_h1' })],
      API,
    );
    const lyrics = await generateLyrics(client(), { mode: 'write_full_song' });
    fixtures.assertAllUsed();
    expect(lyrics).toEqual({ ...answer, trace_id: 'tr_h1' });
  });

  it("keeps the body's own trace id over the header", async () => {
    const answer = { lyrics: '[Verse]\nNeon', trace_id: 'tr_body', base_resp: OK };
    const fixtures = await useFixtures(
      server,
      [exchange({ mode: 'write_full_song' }, answer, { 'trace-id': 'tr_h2' })],
      API,
    );
    const lyrics = await generateLyrics(client(), { mode: 'write_full_song' });
    fixtures.assertAllUsed();
    expect(lyrics.trace_id).toBe('tr_body');
  });

  it('lifts data.lyrics and data.song_title (preferred over data.title), never over a top-level title', async () => {
    const nested = {
      data: { lyrics: '[Chorus]\nLa la', song_title: 'From song_title', title: 'From title' },
      base_resp: OK,
    };
    const titled = { song_title: 'Top level', data: { lyrics: '[Chorus]\nLa la', title: 'Nested' }, base_resp: OK };
    const fixtures = await useFixtures(
      server,
      [exchange({ mode: 'write_full_song' }, nested), exchange({ mode: 'write_full_song' }, titled)],
      API,
    );
    const first = await generateLyrics(client(), { mode: 'write_full_song' });
    const second = await generateLyrics(client(), { mode: 'write_full_song' });
    fixtures.assertAllUsed();
    expect(first).toMatchObject({ lyrics: '[Chorus]\nLa la', song_title: 'From song_title' });
    expect(second).toMatchObject({ lyrics: '[Chorus]\nLa la', song_title: 'Top level' });
  });

  it('refuses an answer without lyrics (neither flat nor under data) with a ResponseValidationError', async () => {
    const fixtures = await useFixtures(
      server,
      [exchange({ mode: 'write_full_song' }, { song_title: 'Empty', data: { lyrics: 42 }, base_resp: OK })],
      API,
    );
    const error = await rejection(generateLyrics(client(), { mode: 'write_full_song' }));
    fixtures.assertAllUsed();
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('the answer holds no lyrics');
  });
});
