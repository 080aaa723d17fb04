/**
 * Issue 18 item 2, the cross-provider media toolset: once a provider accepted a job (or may have: its answer was
 * lost), the toolset never tries the next provider, whatever happens after — a second provider would bill a
 * second job for the same request. Real providers (Sora's client) against servers on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionError, ServerError } from '../../src/common/errors.js';
import { createOpenAIClient, soraVideoProvider } from '../../src/providers/openai/index.js';
import { createMediaToolset } from '../../src/toolsets/index.js';
import { type RecordedJob, toolContext } from '../providers/tool-context.js';
import { type DropAfterBodyServer, failureOf, startDropAfterBodyServer } from './drop-after-body.js';

const VIDEO = {
  id: 'video_a1',
  object: 'video',
  model: 'sora-2',
  status: 'queued',
  progress: 0,
  created_at: 1767225600,
  completed_at: null,
  expires_at: null,
  prompt: 'a fox',
  size: '1280x720',
  seconds: '4',
  remixed_from_video_id: null,
  error: null,
};

let servers: DropAfterBodyServer[] = [];
let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'no-double-charge-'));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

/** Sora against `server`, retries allowed and instant. */
function sora(server: DropAfterBodyServer) {
  const client = createOpenAIClient({
    apiKey: 'dc-media-key',
    baseUrl: `${server.origin}/v1`,
    env: {},
    maxRetries: 2,
    maxRetryDelayMs: 1,
  });
  return soraVideoProvider(client);
}

async function serve(decide: Parameters<typeof startDropAfterBodyServer>[0]): Promise<DropAfterBodyServer> {
  const server = await startDropAfterBodyServer(decide);
  servers.push(server);
  return server;
}

/** The media toolset's video tool with Sora on `a` (first) and on `b` (its fallback). */
function videoTool(a: DropAfterBodyServer, b: DropAfterBodyServer, options: { wait?: boolean } = {}) {
  const tools = createMediaToolset({
    providers: [
      { provider: sora(a), name: 'a' },
      { provider: sora(b), name: 'b' },
    ],
    outputDir: dir,
    ...(options.wait ? { wait: true, intervalMs: 1, waitTimeoutMs: 2_000 } : {}),
  });
  return tools.get('media_video');
}

describe('the media toolset never falls back once a job may have started', () => {
  it('A accepts the job, then every status poll fails: the job is recorded, the error goes back, B is never called', async () => {
    const a = await serve((request) =>
      request.method === 'POST' ? { status: 200, json: VIDEO } : { status: 500, json: { error: { message: 'boom' } } },
    );
    const b = await serve(() => ({ status: 200, json: { ...VIDEO, id: 'video_b1' } }));
    const video = videoTool(a, b, { wait: true });
    const recorded: RecordedJob[] = [];
    const error = await failureOf(video?.run({ prompt: 'a fox' }, toolContext(recorded)));
    expect(ServerError.isInstance(error), String(error)).toBe(true);
    expect(a.received.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(a.received.some((request) => request.method === 'GET')).toBe(true);
    expect(b.received).toHaveLength(0);
    expect(recorded.map((entry) => [entry.job.id, entry.state])).toEqual([['video_a1', 'pending']]);
  });

  it('A reads the request and drops the connection: no fallback to B, the error says how to find the job', async () => {
    const a = await serve(() => 'drop');
    const b = await serve(() => ({ status: 200, json: { ...VIDEO, id: 'video_b1' } }));
    const video = videoTool(a, b);
    const recorded: RecordedJob[] = [];
    const error = await failureOf(video?.run({ prompt: 'a fox' }, toolContext(recorded)));
    expect(ConnectionError.isInstance(error), String(error)).toBe(true);
    expect(error.message).toContain('listVideos()');
    expect(a.received).toHaveLength(1);
    expect(b.received).toHaveLength(0);
    expect(recorded).toEqual([]);
  });

  it('control: A refuses the connection (nothing sent), so B takes the job', async () => {
    const gone = await serve(() => 'drop');
    await gone.close();
    const b = await serve(() => ({ status: 200, json: { ...VIDEO, id: 'video_b1' } }));
    const video = videoTool(gone, b);
    const result = await video?.run({ prompt: 'a fox' }, toolContext());
    expect(result).toMatchObject({ provider: 'b', choice: { by: 'fallback' } });
    expect(b.received).toHaveLength(1);
  });
});
