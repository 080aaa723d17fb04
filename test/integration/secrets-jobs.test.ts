/**
 * Issue 18 item 4, long jobs: every provider with jobs (OpenAI Sora, xAI video, MiniMax video, Mureka, LALAL)
 * waited on through its media provider against a server on 127.0.0.1 whose status answers echo the key: first an
 * unknown status made from the key (reported as progress), then the job's failure with the key in its reason. The
 * failure, every progress update handed to `onProgress`, the debug log and the recorded fixtures hold no form of
 * the key.
 */
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { JobProgress, MediaProvider } from '../../src/common/media-provider.js';
import type { HttpClientOptions } from '../../src/http/index.js';
import { createLalalClient, lalalStemsProvider } from '../../src/providers/lalal/index.js';
import { createMiniMaxClient, minimaxVideoProvider } from '../../src/providers/minimax/index.js';
import { createMurekaClient, murekaMusicProvider } from '../../src/providers/mureka/index.js';
import { createOpenAIClient, soraVideoProvider } from '../../src/providers/openai/index.js';
import { createXAIClient, xaiVideoProvider } from '../../src/providers/xai/index.js';
import { createRecordingFetch, loadFixture } from '../../src/testing/index.js';
import { startLocalServer } from './local-server.js';
import { errorViews, expectClean, filesText, KEYS, type ProviderName, perTestPlace } from './secrets-harness.js';

type Common = Pick<HttpClientOptions, 'baseUrl' | 'fetch' | 'logger' | 'maxRetries' | 'env'> & { apiKey: string };

interface JobCase {
  provider: ProviderName;
  /** The failed status answer, under test/fixtures. */
  fixture: string;
  /** The status value of that answer that means failed. */
  failed: string;
  basePath: string;
  job: string;
  open(options: Common): MediaProvider;
}

const CASES: readonly JobCase[] = [
  {
    provider: 'openai',
    fixture: 'openai/videos-poll-failed.2.json',
    failed: 'failed',
    basePath: '/v1',
    job: 'video_68e1c3b0a1c28190ffee001122334455',
    open: (options) => soraVideoProvider(createOpenAIClient(options)) as MediaProvider,
  },
  {
    provider: 'xai',
    fixture: 'xai/videos-get-failed.1.json',
    failed: 'failed',
    basePath: '/v1',
    job: 'a3d1008e-4544-40d4-d075-11527e794e4a',
    open: (options) => xaiVideoProvider(createXAIClient(options)) as MediaProvider,
  },
  {
    provider: 'minimax',
    fixture: 'minimax/video-task-fail.2.json',
    failed: 'Fail',
    basePath: '',
    job: '106916112212032',
    open: (options) =>
      minimaxVideoProvider(createMiniMaxClient(options), { model: 'MiniMax-Hailuo-02' }) as MediaProvider,
  },
  {
    provider: 'mureka',
    fixture: 'mureka/song-query-failed.1.json',
    failed: 'failed',
    basePath: '',
    job: '1436211',
    open: (options) => murekaMusicProvider(createMurekaClient(options)) as MediaProvider,
  },
  {
    provider: 'lalal',
    fixture: 'lalal/check-error.1.json',
    failed: 'error',
    basePath: '',
    job: '2fe8f214-1771-4900-9e7e-570f823bd359',
    open: (options) => lalalStemsProvider(createLalalClient(options)) as MediaProvider,
  },
];

/** A copy of `value` where the failure's words carry the key and the status `failed` becomes `status`. */
function salted(value: unknown, secret: string, failed: string, status: string): unknown {
  if (Array.isArray(value)) return value.map((item) => salted(item, secret, failed, status));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'status' && item === failed) out[key] = status;
    else if (typeof item === 'string' && /message|reason|msg|detail/i.test(key)) {
      out[key] = `${item} (key ${secret}, ${encodeURIComponent(secret)})`;
    } else out[key] = salted(item, secret, failed, status);
  }
  return out;
}

const place = perTestPlace('secrets-jobs-');

describe.each(CASES)('$provider job', (c) => {
  it('an unknown status made from the key, then a failure naming it: no form of the key anywhere', async () => {
    const secret = KEYS[c.provider];
    const fixture = await loadFixture(`test/fixtures/${c.fixture}`);
    const body = (fixture.response.body as { json: unknown }).json;
    const pending = salted(body, secret, c.failed, `running ${secret}`) as Record<string, unknown>;
    // MiniMax's failure is also in base_resp; a job still running has a clean one.
    if (pending.base_resp) pending.base_resp = { status_code: 0, status_msg: 'success' };
    // Twice running (MiniMax looks a bare id up once before it waits), then failed.
    const answers = [pending, pending, salted(body, secret, c.failed, c.failed)];
    let requests = 0;
    place.server = await startLocalServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const answer = answers[Math.min(requests, answers.length - 1)];
        requests += 1;
        response
          .writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_${secret}` })
          .end(JSON.stringify(answer));
      });
    });
    const lines: string[] = [];
    const recording = createRecordingFetch({ dir: join(place.dir, 'fixtures') });
    const provider = c.open({
      apiKey: secret,
      baseUrl: `${place.server.origin}${c.basePath}`,
      env: {},
      maxRetries: 0,
      fetch: recording,
      logger: { debug: (message, data) => lines.push(message, inspect(data, { depth: null })) },
    });
    const updates: JobProgress[] = [];
    const error = await provider
      .wait(c.job, { intervalMs: 1, timeoutMs: 10_000, onProgress: (update) => updates.push(update) })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    await recording.flush();
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(error).toBeInstanceOf(Error);
    // The unknown status was reported (redacted), then the failure ended the wait.
    expect(updates.map((update) => update.providerStatus)).toContain('running <redacted>');
    expectClean(`${c.provider} job error`, errorViews(error), secret);
    expectClean(`${c.provider} progress`, [inspect(updates, { depth: null }), JSON.stringify(updates)], secret);
    expectClean(`${c.provider} debug log`, lines, secret);
    const fixtures = await filesText(join(place.dir, 'fixtures'));
    expect(fixtures.length).toBeGreaterThan(0);
    expectClean(`${c.provider} recorded fixture`, fixtures, secret);
  });
});
