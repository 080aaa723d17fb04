import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { JobFailedError, RequestValidationError, ResponseValidationError } from '../../src/common/errors.js';
import { createImmediateMediaProvider } from '../../src/http/index.js';
import { rejection, useTempDir } from '../helpers.js';
import { server } from '../msw.js';

const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

describe('createImmediateMediaProvider', () => {
  const dir = useTempDir('immediate-');

  it('makes the media in start: a job that is done when it starts, downloaded from what it holds', async () => {
    const inputs: unknown[] = [];
    const provider = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'image',
      async make(input: { prompt: string }) {
        inputs.push(input);
        return { bytes: PNG, mimeType: 'image/png', id: 'req-1', model: 'acme-1', result: { seed: 7 } };
      },
    });
    expect(provider.completion).toBe('immediate');
    const job = await provider.start({ prompt: 'fox' });
    expect(job).toMatchObject({ provider: 'acme', kind: 'image', id: 'req-1', model: 'acme-1' });
    expect(inputs).toEqual([{ prompt: 'fox' }]);
    expect(await provider.status(job)).toMatchObject({ state: 'succeeded', result: { seed: 7 } });
    expect(await provider.wait('req-1')).toMatchObject({ state: 'succeeded' });
    const to = join(dir.path, 'fox.png');
    const artifact = await provider.download(job, { to });
    expect(artifact).toEqual({
      kind: 'image',
      path: to,
      mimeType: 'image/png',
      bytes: PNG.length,
      provider: 'acme',
      job,
    });
    expect(new Uint8Array(await readFile(to))).toEqual(PNG);
  });

  it('downloads a URL result with the given fetch, and gives music the audio artifact kind', async () => {
    server.use(
      http.get('https://cdn.example/a.mp3', () =>
        HttpResponse.arrayBuffer(new Uint8Array([0xff, 0xfb, 0x90, 0x00]).buffer),
      ),
    );
    const provider = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'music',
      async make() {
        return { url: 'https://cdn.example/a.mp3', mimeType: 'audio/mpeg', durationMs: 5000, result: {} };
      },
    });
    const job = await provider.start({});
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    const artifact = await provider.download(job, { to: join(dir.path, 'a.mp3') });
    expect(artifact).toMatchObject({ kind: 'audio', url: 'https://cdn.example/a.mp3', durationMs: 5000, bytes: 4 });
  });

  it('answers expired for an id it does not hold, and drops the oldest result past maxHeld', async () => {
    let n = 0;
    const provider = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'audio',
      maxHeld: 1,
      async make() {
        n += 1;
        return { bytes: PNG, mimeType: 'audio/wav', id: `r${n}`, result: {} };
      },
    });
    const first = await provider.start({});
    await provider.start({});
    const status = await provider.status(first);
    expect(status).toMatchObject({ state: 'expired', error: { code: 'not_held' } });
    const waited = await rejection(provider.wait(first));
    expect(JobFailedError.isInstance(waited) && waited.state).toBe('expired');
    const downloaded = await rejection(provider.download('r1', { to: join(dir.path, 'x.wav') }));
    expect(JobFailedError.isInstance(downloaded)).toBe(true);
    expect(await provider.status('r2')).toMatchObject({ state: 'succeeded' });
  });

  it('lets make throw before sending, and refuses an answer without media', async () => {
    const invalid = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'image',
      async make() {
        throw new RequestValidationError([{ path: 'prompt', message: 'required' }], 'acme');
      },
    });
    expect(RequestValidationError.isInstance(await rejection(invalid.start({})))).toBe(true);
    const empty = createImmediateMediaProvider({
      provider: 'acme',
      kind: 'image',
      async make() {
        return { mimeType: 'image/png', result: {} };
      },
    });
    expect(ResponseValidationError.isInstance(await rejection(empty.start({})))).toBe(true);
  });
});
