/**
 * Paid generations answered with their media in one request (MiniMax music, Stability's synchronous endpoints,
 * ElevenLabs compose) allow GENERATION_TIMEOUT_MS (10 min) unless the call sets `timeoutMs`: a timed-out answer is
 * paid for and cannot be fetched again, so the client's 60 s default must not apply to them.
 */
import { describe, expect, it, vi } from 'vitest';
import { GENERATION_TIMEOUT_MS } from '../../src/http/client-options.js';
import type { HttpRequest } from '../../src/http/types.js';
import { composeMusic, createElevenLabsClient } from '../../src/providers/elevenlabs/index.js';
import { musicRequest } from '../../src/providers/minimax/music-request.js';
import { createStabilityClient, generateUltra } from '../../src/providers/stability/index.js';

/** Stops the call at the client (nothing is sent) and hands back the request it was given. */
class Captured extends Error {
  constructor(readonly request: HttpRequest) {
    super('captured');
  }
}

async function captured(run: () => Promise<unknown>): Promise<HttpRequest> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Captured)) throw new Error(`expected the request to be captured, got ${String(error)}`);
  return error.request;
}

describe('the long default of paid generations', () => {
  it('is ten minutes, well past the client default of 60 s', () => {
    expect(GENERATION_TIMEOUT_MS).toBe(600_000);
  });

  it('Stability: a synchronous generation allows it; the call can set its own', async () => {
    const client = createStabilityClient({ apiKey: 'sk-test-stability-0000', env: {} });
    // Bytes answers (the default) go through raw(), JSON ones through request().
    vi.spyOn(client, 'raw').mockImplementation((request) => Promise.reject(new Captured(request)));
    vi.spyOn(client, 'request').mockImplementation((request) => Promise.reject(new Captured(request)));
    const params = { prompt: 'a lighthouse at dusk' };
    expect((await captured(() => generateUltra(client, params))).timeoutMs).toBe(GENERATION_TIMEOUT_MS);
    expect((await captured(() => generateUltra(client, params, { timeoutMs: 5_000 }))).timeoutMs).toBe(5_000);
    const json = await captured(() => generateUltra(client, params, { accept: 'json' }));
    expect(json.timeoutMs).toBe(GENERATION_TIMEOUT_MS);
  });

  it('ElevenLabs: compose allows it; the call can set its own', async () => {
    const client = createElevenLabsClient({ apiKey: 'el-test-key-00000000', env: {} });
    vi.spyOn(client, 'raw').mockImplementation((request) => Promise.reject(new Captured(request)));
    const params = { prompt: 'lo-fi beat', music_length_ms: 30_000, model_id: 'music_v1' } as const;
    expect((await captured(() => composeMusic(client, params))).timeoutMs).toBe(GENERATION_TIMEOUT_MS);
    expect((await captured(() => composeMusic(client, params, { timeoutMs: 9_000 }))).timeoutMs).toBe(9_000);
  });

  it('MiniMax: music generation allows it; the call can set its own', () => {
    const params = { model: 'music-2.5', prompt: 'lo-fi beat', lyrics: '[Verse]\nla la' } as const;
    expect(musicRequest(params, {}).timeoutMs).toBe(GENERATION_TIMEOUT_MS);
    expect(musicRequest(params, { timeoutMs: 7_000 }).timeoutMs).toBe(7_000);
  });
});
