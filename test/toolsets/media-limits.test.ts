/**
 * Media tools take their time limit from their wait deadline, and a limit that passes after the paid job started
 * gives the model the job reference and the job tools, not an error. Fake clock; fake providers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeJobRef } from '../../src/common/jobs.js';
import type { MediaProvider } from '../../src/common/media-provider.js';
import { Agent } from '../../src/core/agent/agent.js';
import { createOpenAIClient } from '../../src/providers/openai/client.js';
import { createVideoToolset } from '../../src/providers/openai/videos/index.js';
import { scriptedModel } from '../../src/testing/index.js';
import { createMediaToolset } from '../../src/toolsets/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hello-dave-media-limits-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

/** A video provider whose job is accepted at once and whose wait never ends (a stuck poll). */
function stuckProvider(): MediaProvider {
  return {
    provider: 'acme',
    kind: 'video',
    start: async () => makeJobRef('acme', 'video', 'vid_7', { createdAt: '2026-01-01T00:00:00Z' }),
    status: async () => ({ state: 'pending', raw: {} }),
    wait: () => new Promise(() => undefined),
    download: () => new Promise(() => undefined),
  };
}

describe('media tool time limits', () => {
  it('every tool of the media toolset gets its wait deadline plus 5 minutes, and names the job tools', () => {
    const tools = createMediaToolset({ providers: [stuckProvider()], outputDir: dir, waitTimeoutMs: 60_000 });
    for (const tool of tools.tools) {
      expect(tool.timeoutMs, tool.name).toBe(360_000);
      expect(tool.jobTools).toEqual(['media_status', 'media_wait', 'media_download']);
    }
    const byDefault = createMediaToolset({ providers: [stuckProvider()], outputDir: dir });
    expect(byDefault.get('media_video')?.timeoutMs).toBe(25 * 60_000);
  });

  it("a provider toolset's tools follow its wait deadline too (Sora)", () => {
    const client = createOpenAIClient({ apiKey: 'sk-test-limits' });
    const tools = createVideoToolset(client, { outputDir: dir, waitTimeoutMs: 120_000 });
    const create = tools.get('sora_create_video');
    expect(create?.timeoutMs).toBe(420_000);
    expect(create?.jobTools).toEqual(['sora_video_status', 'sora_download_video']);
  });

  it('a media tool whose limit passes while it waits returns the job and how to go on, not an error', async () => {
    vi.useFakeTimers();
    const tools = createMediaToolset({
      providers: [stuckProvider()],
      outputDir: dir,
      wait: true,
      waitTimeoutMs: 60_000,
    });
    const model = scriptedModel([
      { toolCalls: [{ name: 'media_video', arguments: { prompt: 'a fox' } }] },
      { text: 'It is still rendering.' },
    ]);
    const running = new Agent({ name: 'studio', model, tools: [tools] }).run('make a fox video');
    await vi.advanceTimersByTimeAsync(360_000);
    const result = await running;
    expect(result.text).toBe('It is still rendering.');
    const output = result.steps[0]?.toolResults[0];
    expect(output?.isError).toBeUndefined();
    const parsed = JSON.parse(output?.output ?? '{}') as { next?: string };
    expect(parsed).toMatchObject({ timedOut: true, provider: 'acme', job_id: 'vid_7', state: 'pending' });
    expect(parsed.next).toContain('time limit of 6 min');
    expect(parsed.next).toContain('media_status, media_wait, media_download');
    expect(parsed.next).toContain('do not start a new one');
    // What the model sent next carries the job reference.
    expect(JSON.stringify(model.requests[1]?.messages.at(-1))).toContain('vid_7');
  });
});
