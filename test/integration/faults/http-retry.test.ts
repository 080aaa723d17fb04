/**
 * Fault scenarios, HTTP statuses and retries (issue 18 item 1): provider clients against a real server on
 * 127.0.0.1. Each scenario ends in a recovery (the server counts the attempts) or in the typed error it names.
 * Retry waits are kept small with `maxRetryDelayMs`; the two Retry-After scenarios wait for real (about 1 s).
 */
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ApiRetiredError,
  AuthenticationError,
  ContentFilterError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../../src/common/errors.js';
import { createMessage } from '../../../src/providers/anthropic/index.js';
import { composeMusic } from '../../../src/providers/elevenlabs/index.js';
import { checkLalalTasks } from '../../../src/providers/lalal/index.js';
import { createVideo as createMiniMaxVideo } from '../../../src/providers/minimax/index.js';
import { generateSong, queryMurekaTask } from '../../../src/providers/mureka/index.js';
import { createVideo, retrieveVideo } from '../../../src/providers/openai/index.js';
import { getImageResult } from '../../../src/providers/stability/index.js';
import { generateVideo, getVideo } from '../../../src/providers/xai/index.js';
import { rejection } from '../../helpers.js';
import { answer } from '../local-server.js';
import {
  ANTHROPIC_PARAMS,
  anthropicMessage,
  clients,
  murekaTask,
  MUREKA_SONG as SONG,
  soraVideo,
  useScriptedServers,
} from './http-fault-clients.js';

const serve = useScriptedServers();

/** A logger that keeps every debug line. */
function recordingLogger(): { lines: string[]; logger: { debug(message: string): void } } {
  const lines: string[] = [];
  return { lines, logger: { debug: (message: string) => lines.push(message) } };
}

const HAILUO = { model: 'MiniMax-Hailuo-2.3', prompt: 'a fox in snow' };
const baseResp = (status_code: number, status_msg: string) => ({ base_resp: { status_code, status_msg } });

describe('429 and Retry-After', () => {
  it('OpenAI 429 with Retry-After in seconds: retried after the wait, then the video', async () => {
    const api = await serve(
      answer.json(
        429,
        { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } },
        { 'retry-after': '1' },
      ),
      answer.json(200, soraVideo('queued')),
    );
    const { lines, logger } = recordingLogger();
    const started = Date.now();
    const video = await retrieveVideo(clients.openai(api.origin, { maxRetryDelayMs: 5_000, logger }), 'video_faults_1');
    expect(video.status).toBe('queued');
    expect(api.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(lines.some((line) => /retrying GET .* in 1000 ms/.test(line))).toBe(true);
  });

  it('xAI 429 with Retry-After as an HTTP date: retried once the date has passed, then the status', async () => {
    const until = new Date(Date.now() + 1_500).toUTCString();
    const api = await serve(
      answer.json(429, { code: 'Too many requests', error: 'slow down' }, { 'retry-after': until }),
      answer.json(200, { status: 'pending', progress: 10 }),
    );
    const { lines, logger } = recordingLogger();
    const started = Date.now();
    const status = await getVideo(clients.xai(api.origin, { maxRetryDelayMs: 5_000, logger }), 'req_faults_1');
    const elapsed = Date.now() - started;
    expect(status.state).toBe('pending');
    expect(api.requests).toHaveLength(2);
    const wait = Number(/retrying GET .* in (\d+(?:\.\d+)?) ms/.exec(lines.join('\n'))?.[1]);
    // The date has whole seconds: the wait is what was left of it (0.5–1.5 s), not the default backoff.
    expect(wait).toBeGreaterThan(300);
    expect(wait).toBeLessThanOrEqual(1_500);
    expect(elapsed).toBeGreaterThanOrEqual(wait - 20);
  });

  it('Mureka 429 whose Retry-After date is past maxRetryDelayMs: RateLimitError at once, carrying the wait', async () => {
    const api = await serve(
      answer.json(
        429,
        { error: { message: 'too many requests' } },
        { 'retry-after': new Date(Date.now() + 30_000).toUTCString() },
      ),
    );
    const started = Date.now();
    const error = await rejection(queryMurekaTask(clients.mureka(api.origin, { maxRetries: 3 }), 'song', '1436211'));
    expect(RateLimitError.isInstance(error)).toBe(true);
    const limited = error as RateLimitError;
    expect(limited.status).toBe(429);
    expect(limited.retryAfterMs).toBeGreaterThan(28_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(api.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('OpenAI 429 insufficient_quota on a video start: QuotaExceededError, not retried', async () => {
    const api = await serve(
      answer.json(429, {
        error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' },
      }),
    );
    const error = await rejection(createVideo(clients.openai(api.origin, { maxRetries: 3 }), { prompt: 'a cat' }));
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect((error as QuotaExceededError).code).toBe('insufficient_quota');
    expect((error as Error).message).toMatch(/retrying will not help/);
    expect(api.requests).toHaveLength(1);
  });

  it('Mureka 429 "insufficient balance" on a song start: QuotaExceededError, not retried', async () => {
    const api = await serve(answer.json(429, { error: { message: 'Insufficient balance, please recharge' } }));
    const error = await rejection(generateSong(clients.mureka(api.origin, { maxRetries: 3 }), SONG));
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/top up/);
    expect(api.requests).toHaveLength(1);
  });

  it('xAI 429 "used all available credits" on a video start: QuotaExceededError, not retried', async () => {
    const api = await serve(
      answer.json(429, {
        code: 'Too many requests',
        error: 'Your team has either used all available credits or reached its monthly spending limit.',
      }),
    );
    const error = await rejection(
      generateVideo(clients.xai(api.origin, { maxRetries: 3 }), { model: 'grok-imagine-video', prompt: 'a fox' }),
    );
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it('Mureka 429 concurrency limit on a song start: retried (no job started), then the task', async () => {
    const api = await serve(
      answer.json(429, { error: { message: 'concurrent request limit exceeded' } }),
      answer.json(200, murekaTask('preparing')),
    );
    const task = await generateSong(clients.mureka(api.origin), SONG);
    expect(task.id).toBe('1436211');
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.body).toBe(api.requests[0]?.body);
  });
});

describe('5xx bursts', () => {
  it('OpenAI GET meets 500, 502 and 503 in a row: recovered on the fourth attempt', async () => {
    const fail = (status: number) => answer.json(status, { error: { message: `upstream ${status}` } });
    const api = await serve(fail(500), fail(502), fail(503), answer.json(200, soraVideo('in_progress')));
    const video = await retrieveVideo(clients.openai(api.origin, { maxRetries: 3 }), 'video_faults_1');
    expect(video.status).toBe('in_progress');
    expect(api.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
  });

  it('Stability result poll meets 504 past the retry limit: ServerError (504) after maxRetries + 1 attempts', async () => {
    const api = await serve(answer.text(504, '<html><body>Gateway Timeout</body></html>', 'text/html'));
    const error = await rejection(getImageResult(clients.stability(api.origin, { maxRetries: 2 }), 'gen_faults_1'));
    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as ServerError).status).toBe(504);
    expect((error as Error).message).toMatch(/retry later/);
    expect(api.requests).toHaveLength(3);
  });

  it('LALAL /check/ meets a 502 then answers: recovered (a check is safe to repeat)', async () => {
    const api = await serve(
      answer.text(502, 'Bad Gateway', 'text/plain'),
      answer.json(200, { result: { task_1: { status: 'progress', progress: 42 } } }),
    );
    const results = await checkLalalTasks(clients.lalal(api.origin), ['task_1']);
    expect(results.task_1?.progress).toBe(42);
    expect(api.requests).toHaveLength(2);
  });
});

describe('Anthropic 529 overloaded', () => {
  const overloaded = answer.json(529, {
    type: 'error',
    error: { type: 'overloaded_error', message: 'Overloaded' },
    request_id: 'req_faults_529',
  });

  it('Anthropic 529 overloaded, then 200: the message after one retry', async () => {
    const api = await serve(overloaded, answer.json(200, anthropicMessage('back')));
    const message = await createMessage(clients.anthropic(api.origin), ANTHROPIC_PARAMS);
    expect(message.content).toEqual([{ type: 'text', text: 'back' }]);
    expect(api.requests).toHaveLength(2);
  });

  it('Anthropic 529 overloaded on every attempt: ServerError with code overloaded_error and the request id', async () => {
    const api = await serve(overloaded);
    const error = await rejection(createMessage(clients.anthropic(api.origin, { maxRetries: 2 }), ANTHROPIC_PARAMS));
    expect(ServerError.isInstance(error)).toBe(true);
    const server529 = error as ServerError;
    expect(server529.status).toBe(529);
    expect(server529.code).toBe('overloaded_error');
    expect(server529.requestId).toBe('req_faults_529');
    expect(api.requests).toHaveLength(3);
  });

  it('Anthropic 503 marked x-should-retry false: ServerError at once, not retried', async () => {
    const api = await serve(
      answer.json(503, { type: 'error', error: { type: 'api_error', message: 'down' } }, { 'x-should-retry': 'false' }),
    );
    const error = await rejection(createMessage(clients.anthropic(api.origin, { maxRetries: 3 }), ANTHROPIC_PARAMS));
    expect(ServerError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });
});

describe('MiniMax errors inside HTTP 200 (base_resp)', () => {
  it('MiniMax base_resp 1002 (rate limit) in HTTP 200 on a video start: retried (no task started), then the task', async () => {
    const api = await serve(
      answer.json(200, baseResp(1002, 'rate limit')),
      answer.json(200, { task_id: '106916112212032', ...baseResp(0, 'success') }),
    );
    const task = await createMiniMaxVideo(clients.minimax(api.origin), HAILUO);
    expect(task.task_id).toBe('106916112212032');
    expect(api.requests).toHaveLength(2);
  });

  it('MiniMax base_resp 1008 (insufficient balance) in HTTP 200: QuotaExceededError with the code, not retried', async () => {
    const api = await serve(answer.json(200, baseResp(1008, 'insufficient balance')));
    const error = await rejection(createMiniMaxVideo(clients.minimax(api.origin, { maxRetries: 3 }), HAILUO));
    expect(QuotaExceededError.isInstance(error)).toBe(true);
    expect((error as QuotaExceededError).code).toBe('1008');
    expect((error as Error).message).toMatch(/insufficient balance/);
    expect(api.requests).toHaveLength(1);
  });

  it('MiniMax base_resp 1004 (authentication) in HTTP 200: AuthenticationError, not retried', async () => {
    const api = await serve(answer.json(200, baseResp(1004, 'login fail: Please carry the API secret key')));
    const error = await rejection(createMiniMaxVideo(clients.minimax(api.origin, { maxRetries: 3 }), HAILUO));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it('MiniMax base_resp 1026 (sensitive input) in HTTP 200: ContentFilterError, not retried', async () => {
    const api = await serve(answer.json(200, baseResp(1026, 'input new_sensitive')));
    const error = await rejection(createMiniMaxVideo(clients.minimax(api.origin, { maxRetries: 3 }), HAILUO));
    expect(ContentFilterError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/change the prompt/);
    expect(api.requests).toHaveLength(1);
  });
});

describe('an API answering 410 Gone', () => {
  it('Sora video retrieve answering 410: ApiRetiredError naming the shutdown', async () => {
    const api = await serve(answer.json(410, { error: { message: 'The Videos API has been shut down.' } }));
    const error = await rejection(retrieveVideo(clients.openai(api.origin), 'video_faults_1'));
    expect(ApiRetiredError.isInstance(error)).toBe(true);
    expect((error as ApiRetiredError).status).toBe(410);
    expect(api.requests).toHaveLength(1);
  });

  it('ElevenLabs compose answering 410: an ApiError with status 410, not retried', async () => {
    const api = await serve(answer.json(410, { detail: { status: 'gone', message: 'This endpoint was removed' } }));
    const error = await rejection(
      composeMusic(clients.elevenlabs(api.origin, { maxRetries: 3 }), {
        prompt: 'lo-fi beat',
        music_length_ms: 10_000,
      }),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).status).toBe(410);
    expect((error as Error).message).toContain('This endpoint was removed');
    expect(api.requests).toHaveLength(1);
  });
});
