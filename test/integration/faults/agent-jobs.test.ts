/**
 * Fault suite, provider jobs through an agent's media toolset, against a fake MiniMax server on 127.0.0.1:
 * unknown job statuses (pending, bounded by the wait's deadline; failure spellings stay terminal), and hostile
 * job ids, from the model or from the provider's own answer (refused before any request, or sent exact as one
 * percent-encoded value).
 */
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../../src/core/agent/agent.js';
import { createMiniMaxClient, minimaxVideoProvider } from '../../../src/providers/minimax/index.js';
import { scriptedModel } from '../../../src/testing/index.js';
import { createMediaToolset } from '../../../src/toolsets/index.js';
import { useTempDir } from '../../helpers.js';
import { type LocalServer, startLocalServer } from '../local-server.js';

const tmp = useTempDir('faults-agent-jobs-');
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OK = { status_code: 0, status_msg: 'success' };

/** A MiniMax server: v1 video create answers `createdId`; v1 queries answer `statusOf(taskId)`. */
async function minimax(options: { statusOf?: (id: string) => string; createdId?: string }) {
  const queried: string[] = [];
  let creates = 0;
  server = await startLocalServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.method === 'POST' && url.pathname === '/v1/video_generation') {
        creates++;
        response.end(JSON.stringify({ task_id: options.createdId ?? '4242', base_resp: OK }));
      } else if (url.pathname === '/v1/query/video_generation') {
        const id = url.searchParams.get('task_id') ?? '';
        queried.push(id);
        response.end(JSON.stringify({ task_id: id, status: options.statusOf?.(id) ?? 'Processing', base_resp: OK }));
      } else response.end(JSON.stringify({ base_resp: { status_code: 2013, status_msg: `no route ${url.pathname}` } }));
    });
  });
  const client = createMiniMaxClient({
    apiKey: 'mm-test-faults-0123456789',
    baseUrl: server.origin,
    env: {},
    maxRetries: 0,
  });
  const tools = createMediaToolset({
    providers: [minimaxVideoProvider(client, { model: 'MiniMax-Hailuo-02' })],
    outputDir: tmp.path,
    waitTimeoutMs: 300,
    intervalMs: 20,
  });
  return { tools, queried, creates: () => creates };
}

/** Runs one tool call through an agent; returns what the model was sent back (parsed when JSON). */
async function call(tools: ReturnType<typeof createMediaToolset>, name: string, args: Record<string, unknown>) {
  const model = scriptedModel([{ toolCalls: [{ name, arguments: args }] }, { text: 'ok' }]);
  const result = await new Agent({ name: 'studio', model, tools: [tools] }).run('go');
  const part = result.steps[0]?.toolResults[0];
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(part?.output ?? '') as Record<string, unknown>;
  } catch {
    // a plain error text
  }
  return { isError: part?.isError === true, output: part?.output ?? '', parsed };
}

describe('unknown job statuses', () => {
  it.each(['Levitating', 'PAUSED_FOR_REVIEW', ''])(
    'a job whose provider status is the unknown word %j: pending to the model (media_status), not failed',
    async (word) => {
      const { tools } = await minimax({ statusOf: () => word });
      const told = await call(tools, 'media_status', { provider: 'minimax', job_id: '4242' });
      expect(told.isError).toBe(false);
      expect(told.parsed).toMatchObject({ job_id: '4242', state: 'pending' });
    },
  );

  it('media_wait on a job that stays in an unknown status: ends at its deadline with the job still pending and its id kept, not a failure', async () => {
    const { tools, queried } = await minimax({ statusOf: () => 'Levitating' });
    const started = Date.now();
    const told = await call(tools, 'media_wait', { provider: 'minimax', job_id: '4242' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(queried.length).toBeGreaterThan(1);
    expect(told.isError).toBe(false);
    expect(told.output).toContain('4242');
    expect(told.parsed.state).toBe('pending');
  });

  it('failure spellings stay terminal (Fail, Failed, failed, ERROR): media_status tells the model the job failed', async () => {
    const words = ['Fail', 'Failed', 'failed', 'ERROR'];
    const { tools } = await minimax({ statusOf: (id) => words[Number(id)] ?? 'Processing' });
    for (const [index] of words.entries()) {
      const told = await call(tools, 'media_status', { provider: 'minimax', job_id: String(index) });
      expect(told.parsed).toMatchObject({ state: 'failed', providerStatus: words[index] });
    }
  });
});

describe('hostile job ids', () => {
  it.each([
    ['dot-dot', '..'],
    ['percent-encoded dot-dot', '%2e%2e'],
    ['double-encoded dot-dot', '%252e%252e'],
    ['a slash', 'a/b'],
    ['a NUL byte', 'nul\u0000byte'],
    ['very long (300 characters)', '7'.repeat(300)],
  ])('a job id with %s from the model: a tool error naming job_id, and nothing is sent', async (_name, id) => {
    const { tools, queried } = await minimax({});
    for (const name of ['media_status', 'media_wait', 'media_download']) {
      const told = await call(tools, name, { provider: 'minimax', job_id: id });
      expect(told.isError).toBe(true);
      expect(told.output).toMatch(/job_id/);
    }
    expect(queried).toEqual([]);
  });

  it.each([
    ['unicode', 'задача-🎬-1'],
    ['reserved URL characters', 'a?b#c&task_id=evil'],
    ['256 characters', '9'.repeat(256)],
  ])('a job id with %s: sent exact, as one encoded value, and the answer is about that id', async (_name, id) => {
    const { tools, queried } = await minimax({});
    const told = await call(tools, 'media_status', { provider: 'minimax', job_id: id });
    expect(told.isError).toBe(false);
    expect(queried).toEqual([id]);
    expect(told.parsed.job_id).toBe(id);
  });

  it('a provider that answers a create with a hostile task id ("../../escape"): the paid job is kept and named to the model, never polled, and no file lands outside the output folder', async () => {
    const { tools, queried, creates } = await minimax({ createdId: '../../escape' });
    const told = await call(tools, 'media_video', { prompt: 'a red kite at dusk' });
    expect(creates()).toBe(1);
    expect(told.isError).toBe(false);
    expect(told.parsed).toMatchObject({ state: 'pending', job: { provider: 'minimax', id: '../../escape' } });
    // Going on with that id is refused before any request: the id is never put into a URL or a path.
    const status = await call(tools, 'media_status', { provider: 'minimax', job_id: '../../escape' });
    expect(status.isError).toBe(true);
    expect(queried).toEqual([]);
    expect(await readdir(tmp.path)).toEqual([]);
    expect(await readdir(dirname(tmp.path))).not.toContain('escape');
  });
});
