import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiRetiredError,
  AuthenticationError,
  BadRequestError,
  ContentFilterError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  RateLimitError,
  RequestValidationError,
} from '../../../src/common/errors.js';
import { createOpenAIClient } from '../../../src/providers/openai/client.js';
import {
  createCharacter,
  createVideo,
  createVideoAndWait,
  deleteVideo,
  downloadVideoContent,
  editVideo,
  extendVideo,
  getCharacter,
  listAllVideos,
  listVideoPages,
  listVideos,
  remixVideo,
  retrieveVideo,
  retrieveVideoStatus,
  soraVideoProvider,
  toVideoJobStatus,
  unlisted,
  videoJobRef,
  waitForVideo,
} from '../../../src/providers/openai/videos/index.js';
import { type FixtureReplay, loadFixture, useFixtures } from '../../../src/testing/index.js';
import { rejection, useTempDir } from '../../helpers.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/openai';
const VIDEO_ID = 'video_68e1c2a9f0d48190a1b2c3d4e5f60718';
const CAT = 'A calico cat plays a tiny piano on a dim stage, slow dolly-in';
const MP4 = new Uint8Array(await readFile(`${FIXTURES}/videos-content-video.mp4`));
/** A time between the fixtures' completion (2026-01-01T00:01:52Z) and their expires_at (2026-01-02T00:01:52Z). */
const BEFORE_EXPIRY = new Date('2026-01-01T00:05:00Z');
/** The completed fixtures' expires_at (1767312112), in ms. */
const EXPIRES_AT_MS = 1767312112 * 1000;
const FAILED_ID = 'video_68e1c3b0a1c28190ffee001122334455';

function client(options: { maxRetries?: number } = {}) {
  return createOpenAIClient({ apiKey: 'sk-test-0123456789abcdef', maxRetries: options.maxRetries ?? 0, env: {} });
}

function replay(name: string): Promise<FixtureReplay> {
  return useFixtures(server, `${FIXTURES}/${name}`, { baseUrl: 'https://api.openai.com' });
}

describe('createVideo', () => {
  it('sends JSON and returns the provider object as sent', async () => {
    const fixtures = await replay('videos-create-json');
    const video = await createVideo(client(), { model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.method).toBe('POST');
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(fixtures.requests[0]?.body).toEqual({
      json: { model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' },
    });
    expect(video).toEqual({
      id: VIDEO_ID,
      object: 'video',
      model: 'sora-2',
      status: 'queued',
      progress: 0,
      created_at: 1767225600,
      completed_at: null,
      expires_at: null,
      prompt: CAT,
      size: '1280x720',
      seconds: '8',
      remixed_from_video_id: null,
      error: null,
    });
    expect(videoJobRef(video)).toEqual({
      provider: 'openai',
      kind: 'video',
      id: VIDEO_ID,
      createdAt: '2026-01-01T00:00:00.000Z',
      model: 'sora-2',
    });
  });

  it('keeps fields the schema does not list (the seed example: quality) and tolerates missing nullable ones', async () => {
    const fixtures = await replay('videos-create-extra-fields');
    const video = await createVideo(client(), { model: 'sora-2', prompt: 'A calico cat playing a piano on stage' });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toEqual({
      json: { model: 'sora-2', prompt: 'A calico cat playing a piano on stage' },
    });
    expect(video).toEqual({
      id: 'video_123',
      object: 'video',
      model: 'sora-2',
      status: 'queued',
      progress: 0,
      created_at: 1712697600,
      size: '1024x1792',
      seconds: '8',
      quality: 'standard',
    });
    expect(videoJobRef(video)).toMatchObject({ id: 'video_123', createdAt: '2024-04-09T21:20:00.000Z' });
  });

  it('sends multipart when input_reference is a file, naming the part and its type', async () => {
    const fixtures = await replay('videos-create-multipart');
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]);
    const video = await createVideo(client(), {
      model: 'sora-2-pro',
      prompt: 'The lighthouse beam sweeps across a stormy sea',
      seconds: '8',
      size: '1280x720',
      input_reference: { data: jpeg, filename: 'first_frame.jpg' },
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toEqual({
      form: {
        model: 'sora-2-pro',
        prompt: 'The lighthouse beam sweeps across a stormy sea',
        seconds: '8',
        size: '1280x720',
        input_reference: { filename: 'first_frame.jpg', type: 'image/jpeg', size: 16 },
      },
    });
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(video).toMatchObject({
      id: 'video_68e1c2b7d5e68190aa00bb11cc22dd33',
      object: 'video',
      model: 'sora-2-pro',
      status: 'queued',
      progress: 0,
      prompt: 'The lighthouse beam sweeps across a stormy sea',
      size: '1280x720',
      seconds: '8',
    });
  });

  it('sends a { file_id } reference as JSON', async () => {
    const fixtures = await replay('videos-create-reference');
    const video = await createVideo(client(), {
      prompt: 'The lighthouse beam sweeps across a stormy sea',
      input_reference: { file_id: 'file-abc123' },
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toEqual({
      json: { prompt: 'The lighthouse beam sweeps across a stormy sea', input_reference: { file_id: 'file-abc123' } },
    });
    expect(video).toMatchObject({
      id: 'video_68e1c2b7d5e68190aa00bb11cc22dd34',
      status: 'queued',
      model: 'sora-2',
      size: '720x1280',
      seconds: '4',
    });
  });

  it('sends an { image_url } reference as a JSON object', async () => {
    const fixtures = await replay('videos-create-image-url');
    const video = await createVideo(client(), {
      prompt: 'The lighthouse beam sweeps across a stormy sea',
      size: '1280x720',
      input_reference: { image_url: 'https://example.com/first_frame.jpg' },
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(fixtures.requests[0]?.body).toEqual({
      json: {
        prompt: 'The lighthouse beam sweeps across a stormy sea',
        size: '1280x720',
        input_reference: { image_url: 'https://example.com/first_frame.jpg' },
      },
    });
    expect(video).toMatchObject({
      id: 'video_68e1c2b7d5e68190aa00bb11cc22dd35',
      object: 'video',
      status: 'queued',
      size: '1280x720',
      seconds: '4',
    });
  });

  it('passes an unlisted value through and surfaces the 400 invalid-parameter answer', async () => {
    const fixtures = await replay('videos-create-invalid-param');
    const error = await rejection(createVideo(client(), { model: 'sora-2', prompt: CAT, size: unlisted('1920x1080') }));
    fixtures.assertAllUsed();
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'invalid_value', param: 'size', requestId: 'req_sora_docs_0001' });
  });

  it('maps a moderation refusal at submit time to ContentFilterError', async () => {
    const fixtures = await replay('videos-create-moderation');
    const error = await rejection(createVideo(client(), { prompt: 'a famous actor robbing a bank' }));
    fixtures.assertAllUsed();
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'moderation_blocked' });
    expect((error as Error).message).toContain('blocked by our moderation system');
  });
});

describe('request validation (before any request)', () => {
  // No handlers are installed: msw fails any request these would send.
  const cases: [string, unknown, string, readonly string[] | undefined][] = [
    ['missing prompt', {}, 'prompt', undefined],
    ['empty prompt', { prompt: '' }, 'prompt', undefined],
    ['blank prompt', { prompt: '   ' }, 'prompt', undefined],
    ['prompt too long', { prompt: 'x'.repeat(32_001) }, 'prompt', undefined],
    ['undocumented seconds', { prompt: 'a', seconds: '16' }, 'seconds', ['4', '8', '12']],
    ['seconds as a number', { prompt: 'a', seconds: 8 }, 'seconds', ['4', '8', '12']],
    [
      'undocumented size',
      { prompt: 'a', size: '1920x1080' },
      'size',
      ['720x1280', '1280x720', '1024x1792', '1792x1024'],
    ],
    [
      'both references',
      { prompt: 'a', input_reference: { image_url: 'https://x.test/a.png', file_id: 'file-1' } },
      'input_reference',
      undefined,
    ],
    ['empty reference', { prompt: 'a', input_reference: {} }, 'input_reference', undefined],
    [
      'reference not a url',
      { prompt: 'a', input_reference: { image_url: 'cat.png' } },
      'input_reference.image_url',
      undefined,
    ],
    ['unknown field', { prompt: 'a', duration: 8 }, '', undefined],
    ['bad unlisted seconds', { prompt: 'a', seconds: unlisted('sixteen') }, 'seconds.unlisted', undefined],
  ];
  it.each(cases)('createVideo rejects %s', async (_name, params, field, allowed) => {
    const error = await rejection(createVideo(client(), params as never));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    const validation = error as RequestValidationError;
    expect(validation.field).toBe(field);
    if (allowed) {
      expect(validation.allowed).toEqual(allowed);
      expect(validation.message).toContain(`${field}: got a value that is not allowed`);
      expect(validation.message).toContain("unlisted('…')");
      for (const value of allowed) expect(validation.message).toContain(JSON.stringify(value));
    }
  });

  it('names the unknown field and the context', async () => {
    const error = (await rejection(createVideo(client(), { prompt: 'a', duration: 8 } as never))) as Error;
    expect(error.message).toMatch(/^Invalid createVideo params: .*"duration"/);
  });

  it('extendVideo allows the documented 16 and 20 s segments but not others', async () => {
    const error = (await rejection(
      extendVideo(client(), { prompt: 'more', seconds: '10' as never, video: { id: VIDEO_ID } }),
    )) as RequestValidationError;
    expect(error.field).toBe('seconds');
    expect(error.allowed).toEqual(['4', '8', '12', '16', '20']);
  });

  it('rejects other malformed calls', async () => {
    const cases: [Promise<unknown>, string][] = [
      [retrieveVideo(client(), ''), 'video_id'],
      [remixVideo(client(), VIDEO_ID, { prompt: '' }), 'prompt'],
      [editVideo(client(), { prompt: 'x', video: 'video_1' as never }), 'video'],
      [listVideos(client(), { limit: 101 }), 'limit'],
      [listVideos(client(), { order: 'newest' as never }), 'order'],
      [createCharacter(client(), { name: 'x'.repeat(81), video: MP4 }), 'name'],
      [createCharacter(client(), { name: 'Pip', video: 'pip.mp4' as never }), 'video'],
      [getCharacter(client(), ' '), 'character_id'],
      [downloadVideoContent(client(), VIDEO_ID, { to: '/nonexistent/x', variant: 'poster' as never }), 'variant'],
    ];
    for (const [promise, field] of cases) {
      const error = await rejection(promise);
      expect(RequestValidationError.isInstance(error), String(error)).toBe(true);
      expect((error as RequestValidationError).field).toBe(field);
    }
  });
});

describe('retrieve, list, delete', () => {
  it('retrieves a completed video', async () => {
    const fixtures = await replay('videos-retrieve-completed');
    const video = await retrieveVideo(client(), VIDEO_ID);
    fixtures.assertAllUsed();
    expect(video).toMatchObject({ status: 'completed', progress: 100, expires_at: 1767312112 });
  });

  it('an unknown id is NotFoundError, not retirement', async () => {
    const fixtures = await replay('videos-retrieve-not-found');
    const error = await rejection(retrieveVideo(client(), 'video_does_not_exist_0000'));
    fixtures.assertAllUsed();
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(ApiRetiredError.isInstance(error)).toBe(false);
  });

  it('a bad key is AuthenticationError with the key redacted', async () => {
    const fixtures = await replay('videos-retrieve-unauthorized');
    const error = await rejection(retrieveVideo(client(), VIDEO_ID));
    fixtures.assertAllUsed();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('walks pages with after=<last_id> while has_more', async () => {
    const fixtures = await replay('videos-list-pages');
    const pages = [];
    for await (const page of listVideoPages(client(), { limit: 1, order: 'desc' })) pages.push(page);
    fixtures.assertAllUsed();
    expect(pages.map((page) => page.data.map((video) => video.id))).toEqual([
      [VIDEO_ID],
      ['video_68e1c5d4b2a08190aa55bb66cc77dd88'],
    ]);
    expect(pages[0]).toMatchObject({ object: 'list', first_id: VIDEO_ID, last_id: VIDEO_ID, has_more: true });
    expect(pages[0]?.data[0]).toMatchObject({ status: 'completed', prompt: '\u2026', expires_at: 1767312112 });
    expect(pages[1]).toMatchObject({ has_more: false, last_id: 'video_68e1c5d4b2a08190aa55bb66cc77dd88' });
    expect(fixtures.requests.map((request) => request.query)).toEqual([
      { limit: '1', order: 'desc' },
      { limit: '1', order: 'desc', after: VIDEO_ID },
    ]);
    const again = await replay('videos-list-pages');
    const ids: string[] = [];
    for await (const video of listAllVideos(client(), { limit: 1, order: 'desc' })) ids.push(video.id);
    again.assertAllUsed();
    expect(ids).toHaveLength(2);
  });

  it('reads an empty list', async () => {
    const fixtures = await replay('videos-list-empty');
    const page = await listVideos(client());
    fixtures.assertAllUsed();
    expect(page).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
  });

  it('deletes a video', async () => {
    const fixtures = await replay('videos-delete-ok');
    expect(await deleteVideo(client(), VIDEO_ID)).toEqual({ id: VIDEO_ID, object: 'video.deleted', deleted: true });
    fixtures.assertAllUsed();
  });
});

describe('downloadVideoContent', () => {
  const tmp = useTempDir('sora-');

  it('streams the MP4 to a file atomically, reporting progress', async () => {
    const fixtures = await replay('videos-content-video');
    const progress: number[] = [];
    const saved = await downloadVideoContent(client(), VIDEO_ID, {
      to: join(tmp.path, 'out', 'cat.mp4'),
      onProgress: (p) => progress.push(p.bytes),
    });
    fixtures.assertAllUsed();
    expect(saved).toMatchObject({ bytes: MP4.byteLength, contentType: 'video/mp4', variant: 'video' });
    expect(new Uint8Array(await readFile(join(tmp.path, 'out', 'cat.mp4')))).toEqual(MP4);
    expect(await readdir(join(tmp.path, 'out'))).toEqual(['cat.mp4']);
    expect(progress.at(-1)).toBe(MP4.byteLength);
  });

  it('streams the thumbnail variant to a WritableStream', async () => {
    const fixtures = await replay('videos-content-thumbnail');
    const chunks: Uint8Array[] = [];
    const saved = await downloadVideoContent(client(), VIDEO_ID, {
      to: new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk) }),
      variant: 'thumbnail',
    });
    fixtures.assertAllUsed();
    expect(saved).toMatchObject({ bytes: 72, contentType: 'image/webp', variant: 'thumbnail' });
    expect(Buffer.concat(chunks).subarray(8, 12).toString()).toBe('WEBP');
  });

  it('asks for the spritesheet variant and saves it to a file', async () => {
    const fixtures = await replay('videos-content-spritesheet');
    const to = join(tmp.path, 'sheet.webp');
    const saved = await downloadVideoContent(client(), VIDEO_ID, { to, variant: 'spritesheet' });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]).toMatchObject({
      method: 'GET',
      query: { variant: 'spritesheet' },
      headers: { accept: 'application/binary' },
    });
    expect(saved).toMatchObject({ path: to, bytes: 444, contentType: 'image/webp', variant: 'spritesheet' });
    const bytes = await readFile(to);
    expect(bytes.subarray(8, 12).toString()).toBe('WEBP');
    expect(await readdir(tmp.path)).toEqual(['sheet.webp']);
  });
});

describe('remix, edit, extend, characters', () => {
  it('remixes with a JSON prompt', async () => {
    const fixtures = await replay('videos-remix-ok');
    const video = await remixVideo(client(), VIDEO_ID, {
      prompt: 'Same scene, but the cat takes a bow as the audience cheers',
    });
    fixtures.assertAllUsed();
    expect(fixtures.requests[0]?.body).toEqual({
      json: { prompt: 'Same scene, but the cat takes a bow as the audience cheers' },
    });
    expect(video).toMatchObject({
      id: 'video_68e1c5d4b2a08190aa55bb66cc77dd88',
      status: 'queued',
      prompt: 'Same scene, but the cat takes a bow as the audience cheers',
      remixed_from_video_id: VIDEO_ID,
    });
  });

  it('edits a generated video by id (JSON) and an uploaded clip (multipart)', async () => {
    const EDIT = {
      id: 'video_68e1c6a1b2c38190dd44ee55ff667788',
      object: 'video',
      status: 'queued',
      prompt: 'Make it snow and add warm window light',
    };
    const json = await replay('videos-edit-json');
    const byId = await editVideo(client(), {
      prompt: 'Make it snow and add warm window light',
      video: { id: VIDEO_ID },
    });
    json.assertAllUsed();
    expect(json.requests[0]?.body).toEqual({
      json: { prompt: 'Make it snow and add warm window light', video: { id: VIDEO_ID } },
    });
    expect(byId).toMatchObject(EDIT);
    const form = await replay('videos-edit-multipart');
    const uploaded = await editVideo(client(), {
      prompt: 'Make it snow and add warm window light',
      video: new File([MP4], 'clip.mp4', { type: 'video/mp4' }),
    });
    form.assertAllUsed();
    expect(form.requests[0]?.body).toEqual({
      form: {
        prompt: 'Make it snow and add warm window light',
        video: { filename: 'clip.mp4', type: 'video/mp4', size: MP4.byteLength },
      },
    });
    expect(uploaded).toMatchObject(EDIT);
  });

  it('extends by id (JSON) and an uploaded clip (multipart, type sniffed)', async () => {
    const json = await replay('videos-extend-json');
    const video = await extendVideo(client(), {
      prompt: 'The camera pulls back to reveal the whole theatre',
      seconds: '8',
      video: { id: VIDEO_ID },
    });
    json.assertAllUsed();
    expect(video).toMatchObject({
      id: 'video_68e1c7e2c3b18190bb11cc22dd33ee44',
      status: 'queued',
      prompt: 'The camera pulls back to reveal the whole theatre',
      seconds: '16',
    });
    const form = await replay('videos-extend-multipart');
    const uploaded = await extendVideo(client(), {
      prompt: 'The camera pulls back to reveal the whole theatre',
      seconds: '4',
      video: MP4,
    });
    form.assertAllUsed();
    expect(form.requests[0]?.body).toEqual({
      form: {
        prompt: 'The camera pulls back to reveal the whole theatre',
        seconds: '4',
        video: { filename: 'video.mp4', type: 'video/mp4', size: MP4.byteLength },
      },
    });
    expect(uploaded).toMatchObject({
      id: 'video_68e1c7e2c3b18190bb11cc22dd33ee44',
      status: 'queued',
      seconds: '12',
    });
  });

  it('creates a character from a clip and gets it back', async () => {
    const created = await replay('videos-character-create');
    const pip = await createCharacter(client(), { name: 'Captain Pip', video: { data: MP4, filename: 'pip.mp4' } });
    created.assertAllUsed();
    expect(pip).toEqual({ id: 'char_68e1c9f1a2b38190c0ffee0011223344', name: 'Captain Pip', created_at: 1767226500 });
    const got = await replay('videos-character-get');
    expect(await getCharacter(client(), 'char_68e1c9f1a2b38190c0ffee0011223344')).toEqual({
      id: 'char_68e1c9f1a2b38190c0ffee0011223344',
      name: 'Captain Pip',
      created_at: 1767226500,
    });
    got.assertAllUsed();
  });
});

describe('retirement', () => {
  it('a 410 for the API becomes ApiRetiredError pointing to other providers', async () => {
    const fixtures = await replay('videos-create-gone');
    const error = await rejection(
      createVideo(client(), { model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' }),
    );
    fixtures.assertAllUsed();
    expect(ApiRetiredError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('2026-09-24');
    expect(message).toContain('hello-dave/minimax');
    expect(error).toMatchObject({ status: 410, provider: 'openai' });
  });

  it('a 404 "Invalid URL" that does not name the video becomes ApiRetiredError', async () => {
    const fixtures = await replay('videos-retrieve-gone');
    const error = await rejection(retrieveVideo(client(), VIDEO_ID));
    fixtures.assertAllUsed();
    // The body quotes the URL (which contains the id): still the route, not the video, is gone.
    expect(ApiRetiredError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, requestId: 'req_sora_docs_0001' });
  });
});

describe("a base URL of the user's own", () => {
  const GATEWAY = 'https://gateway.example.test';
  const gone = {
    error: { message: 'Invalid URL (GET /videos/x)', type: 'invalid_request_error', param: null, code: null },
  };

  it('a 404 is never "API retired": the message names the base URL and asks about /v1', async () => {
    server.use(http.get(`${GATEWAY}/videos/:id`, () => HttpResponse.json(gone, { status: 404 })));
    const gateway = createOpenAIClient({
      apiKey: 'sk-test-0123456789abcdef',
      baseUrl: GATEWAY,
      maxRetries: 0,
      env: {},
    });
    const error = await rejection(retrieveVideo(gateway, VIDEO_ID));
    expect(ApiRetiredError.isInstance(error)).toBe(false);
    expect(NotFoundError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`base URL ${GATEWAY} is wrong`);
    expect(message).toContain('version path /v1');
  });

  it('a 410 from it is still the retirement', async () => {
    server.use(http.post(`${GATEWAY}/v1/videos`, () => HttpResponse.json(gone, { status: 410 })));
    const gateway = createOpenAIClient({
      apiKey: 'sk-test-0123456789abcdef',
      baseUrl: `${GATEWAY}/v1`,
      maxRetries: 0,
      env: {},
    });
    const error = await rejection(
      createVideo(gateway, { model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' }),
    );
    expect(ApiRetiredError.isInstance(error)).toBe(true);
  });
});

describe('the fixture kit', () => {
  it('a request no fixture matches fails with "no fixture matched", not a retryable server error', async () => {
    const fixtures = await replay('videos-retrieve-gone');
    const error = await rejection(retrieveVideo(client({ maxRetries: 2 }), 'video_other'));
    const message = (error as Error).message;
    expect(message).toContain('no fixture matched: no fixture for GET /v1/videos/video_other');
    expect(message).not.toMatch(/retry later/i);
    expect(fixtures.mismatches).toHaveLength(1); // sent once: not retried
  });
});

describe('waiting', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(BEFORE_EXPIRY);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls queued → in_progress → completed, with progress and the poll-after hint', async () => {
    const fixtures = await replay('videos-poll-progress');
    const seen: { percent: number | undefined; status: string | undefined; at: number }[] = [];
    const start = Date.now();
    const done = waitForVideo(client(), VIDEO_ID, {
      intervalMs: 1_000,
      onProgress: (p) => seen.push({ percent: p.percent, status: p.providerStatus, at: Date.now() - start }),
    });
    await vi.advanceTimersByTimeAsync(10_000);
    const video = await done;
    fixtures.assertAllUsed();
    expect(video).toMatchObject({ id: VIDEO_ID, status: 'completed', progress: 100, expires_at: 1767312112 });
    expect(seen.map((s) => [s.status, s.percent])).toEqual([
      ['queued', 0],
      ['in_progress', 42],
      ['completed', 100],
    ]);
    // First wait: intervalMs (1 s); second: the server's openai-poll-after-ms (3 s).
    expect(seen[1]!.at).toBe(1_000);
    expect(seen[2]!.at).toBe(4_000);
  });

  it('a failed job raises JobFailedError with the API code and message', async () => {
    const fixtures = await replay('videos-poll-failed');
    const done = rejection(waitForVideo(client(), FAILED_ID, { intervalMs: 500 }));
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await done;
    fixtures.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      jobId: FAILED_ID,
      state: 'failed',
      code: 'moderation_blocked',
      reason: 'Your request was blocked by our moderation system.',
    });
  });

  it('a deadline raises JobTimeoutError naming the job to resume', async () => {
    const running = await loadFixture(`${FIXTURES}/videos-poll-progress.2.json`);
    running.response.headers = { 'content-type': 'application/json' };
    // Whether the last poll or the deadline wins the race at 2.5 s, the outcome is the same timeout.
    await useFixtures(
      server,
      Array.from({ length: 5 }, () => running),
      { baseUrl: 'https://api.openai.com' },
    );
    const done = rejection(waitForVideo(client(), VIDEO_ID, { intervalMs: 1_000, timeoutMs: 2_500 }));
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await done;
    expect(JobTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: VIDEO_ID, lastStatus: 'in_progress' });
  });

  it('createVideoAndWait hands out the job reference before waiting', async () => {
    const created = await replay('videos-create-json');
    const polls = await replay('videos-poll-progress');
    const events: string[] = [];
    const done = createVideoAndWait(
      client(),
      { model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' },
      {
        intervalMs: 1_000,
        onJob: (job) => events.push(`job ${job.id}`),
        onProgress: (p) => events.push(`poll ${p.providerStatus}`),
      },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await done).toMatchObject({ id: VIDEO_ID, status: 'completed', progress: 100 });
    created.assertAllUsed();
    polls.assertAllUsed();
    expect(events).toEqual([`job ${VIDEO_ID}`, 'poll queued', 'poll in_progress', 'poll completed']);
  });

  it('retries a 429 after its Retry-After (no job can have started)', async () => {
    const fixtures = await replay('videos-create-rate-limited');
    const done = createVideo(client({ maxRetries: 2 }), {
      model: 'sora-2',
      prompt: CAT,
      seconds: '8',
      size: '1280x720',
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(fixtures.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(await done).toMatchObject({ id: VIDEO_ID, status: 'queued', seconds: '8' });
    fixtures.assertAllUsed();
    expect(fixtures.requests).toHaveLength(2);
  });
});

describe('expiry (a completed video past its expires_at)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retrieveVideoStatus: succeeded before expires_at, expired from it on (injected clock)', async () => {
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/videos-retrieve-completed.1.json`, `${FIXTURES}/videos-retrieve-completed.1.json`],
      { baseUrl: 'https://api.openai.com' },
    );
    const before = await retrieveVideoStatus(client(), VIDEO_ID, { now: () => EXPIRES_AT_MS - 1 });
    const after = await retrieveVideoStatus(client(), VIDEO_ID, { now: () => EXPIRES_AT_MS });
    fixtures.assertAllUsed();
    expect(before).toMatchObject({ state: 'succeeded', providerStatus: 'completed', result: { id: VIDEO_ID } });
    expect(after).toMatchObject({
      state: 'expired',
      providerStatus: 'completed',
      progress: 100,
      raw: { id: VIDEO_ID },
    });
    expect(after.result).toBeUndefined();
    expect(after.error?.message).toContain('expired at 2026-01-02T00:01:52.000Z');
  });

  it('toVideoJobStatus reads the system clock by default (fakeable), and ignores a null expires_at', async () => {
    const fixtures = await replay('videos-retrieve-completed');
    const video = await retrieveVideo(client(), VIDEO_ID);
    fixtures.assertAllUsed();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(BEFORE_EXPIRY);
    expect(toVideoJobStatus(video).state).toBe('succeeded');
    vi.setSystemTime(EXPIRES_AT_MS + 1_000);
    expect(toVideoJobStatus(video).state).toBe('expired');
    expect(toVideoJobStatus({ ...video, expires_at: null }).state).toBe('succeeded');
  });

  it('waitForVideo raises JobFailedError with state expired', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-01-03T00:00:00Z'));
    const fixtures = await replay('videos-retrieve-completed');
    const error = await rejection(waitForVideo(client(), VIDEO_ID, { intervalMs: 500 }));
    fixtures.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'openai', jobId: VIDEO_ID, state: 'expired' });
    expect((error as JobFailedError).reason).toContain('(expires_at)');
    expect((error as Error).message).toContain(`openai job ${VIDEO_ID} expired`);
  });

  it('the media provider reports expired from status and wait (its own clock)', async () => {
    const sora = soraVideoProvider(client(), { now: () => EXPIRES_AT_MS + 1 });
    const fixtures = await useFixtures(
      server,
      [`${FIXTURES}/videos-retrieve-completed.1.json`, `${FIXTURES}/videos-retrieve-completed.1.json`],
      { baseUrl: 'https://api.openai.com' },
    );
    expect(await sora.status(VIDEO_ID)).toMatchObject({ state: 'expired', providerStatus: 'completed' });
    const error = await rejection(sora.wait(VIDEO_ID));
    fixtures.assertAllUsed();
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ jobId: VIDEO_ID, state: 'expired' });
  });
});

describe('rate limits without retries', () => {
  it('a 429 is RateLimitError with retryAfterMs', async () => {
    await replay('videos-create-rate-limited');
    const error = await rejection(
      createVideo(client(), { model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' }),
    );
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1_000, code: 'rate_limit_exceeded' });
  });
});

describe('soraVideoProvider (media-provider contract)', () => {
  it('start → status → wait → download', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(BEFORE_EXPIRY);
    const dir = await mkdtemp(join(tmpdir(), 'sora-provider-'));
    try {
      const sora = soraVideoProvider(client());
      expect([sora.provider, sora.kind]).toEqual(['openai', 'video']);
      const created = await replay('videos-create-json');
      const job = await sora.start({ model: 'sora-2', prompt: CAT, seconds: '8', size: '1280x720' });
      created.assertAllUsed();
      expect(job).toMatchObject({ provider: 'openai', kind: 'video', id: VIDEO_ID });
      JSON.parse(JSON.stringify(job));

      const polls = await replay('videos-poll-progress');
      const first = await sora.status(job);
      expect(first).toMatchObject({ state: 'pending', providerStatus: 'queued', progress: 0 });
      const waiting = sora.wait(job.id, { intervalMs: 1_000 });
      await vi.advanceTimersByTimeAsync(10_000);
      const finished = await waiting;
      polls.assertAllUsed();
      expect(finished).toMatchObject({ state: 'succeeded', result: { id: VIDEO_ID } });

      vi.useRealTimers();
      const content = await replay('videos-content-video');
      const artifact = await sora.download(job, { to: join(dir, 'cat.mp4') });
      content.assertAllUsed();
      expect(artifact).toEqual({
        kind: 'video',
        path: join(dir, 'cat.mp4'),
        mimeType: 'video/mp4',
        bytes: MP4.byteLength,
        provider: 'openai',
        job,
      });
    } finally {
      vi.useRealTimers();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('status maps the poll-after hint and a failed job', async () => {
    const fixtures = await replay('videos-poll-failed');
    const running = await retrieveVideoStatus(client(), FAILED_ID);
    expect(running).toMatchObject({ state: 'pending', progress: 10 });
    const failed = await retrieveVideoStatus(client(), FAILED_ID);
    fixtures.assertAllUsed();
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' },
      raw: { id: FAILED_ID, status: 'failed', created_at: 1767225900, completed_at: 1767225960 },
    });
  });
});
