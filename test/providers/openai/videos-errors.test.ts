import { describe, expect, it } from 'vitest';
import { ApiError, ApiRetiredError, ContentFilterError, NotFoundError } from '../../../src/common/errors.js';
import { isApiWideGone, mapVideoError } from '../../../src/providers/openai/videos/internal.js';

function notFound(body: unknown, code?: string): NotFoundError {
  return new NotFoundError('not found', { provider: 'openai', status: 404, body, ...(code ? { code } : {}) });
}
const envelope = (message: string) => ({ error: { message, type: 'invalid_request_error', param: null, code: null } });

describe('isApiWideGone', () => {
  const video = { route: 'GET /videos/{video_id}', ids: ['video_1'] };
  const cases: [string, ApiError, { route: string; ids?: string[] }, boolean][] = [
    ['410 anywhere', new ApiError('gone', { provider: 'openai', status: 410 }), video, true],
    ['404 naming the video', notFound(envelope("Video with id 'video_1' not found.")), video, false],
    ['404 Invalid URL', notFound(envelope('Invalid URL (GET /v1/videos/video_1)')), video, true],
    ['404 shut down', notFound(envelope('This API has been shut down.')), video, true],
    ['404 envelope without the id', notFound(envelope('Not found.')), video, false],
    ['404 from a gateway page', notFound('<html>404</html>'), video, true],
    ['404 on create', notFound(envelope('Not found.')), { route: 'POST /videos' }, true],
    [
      '404 model_not_found on create',
      notFound(envelope('The model sora-9 does not exist'), 'model_not_found'),
      { route: 'POST /videos' },
      false,
    ],
    [
      '404 naming a file_id on create',
      notFound(envelope('No such File object: file-1')),
      { route: 'POST /videos', ids: ['file-1'] },
      false,
    ],
    ['400', new ApiError('bad', { provider: 'openai', status: 400 }), video, false],
  ];
  it.each(cases)('%s', (_name, error, site, expected) => {
    expect(isApiWideGone(error, site)).toBe(expected);
  });
});

describe('mapVideoError', () => {
  it('keeps the details and the cause when mapping to ApiRetiredError', () => {
    const original = notFound(envelope('Invalid URL (GET /v1/videos)'));
    const mapped = mapVideoError(original, { route: 'GET /videos' });
    expect(ApiRetiredError.isInstance(mapped)).toBe(true);
    expect((mapped as ApiRetiredError).cause).toBe(original);
    expect((mapped as Error).message).toContain('MiniMax video');
  });

  it('maps moderation 400s to ContentFilterError and leaves other errors alone', () => {
    const moderation = new ApiError('blocked', { provider: 'openai', status: 400, code: 'moderation_blocked' });
    expect(ContentFilterError.isInstance(mapVideoError(moderation, { route: 'POST /videos' }))).toBe(true);
    const other = new Error('boom');
    expect(mapVideoError(other, { route: 'POST /videos' })).toBe(other);
  });
});
