/**
 * `dave video` and `dave jobs` as real processes against a fake xAI video API on 127.0.0.1: the job is recorded
 * before any waiting, a process killed mid-wait leaves it listed by `dave jobs`, and `dave jobs resume` finishes
 * the download without starting a new job.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { dave, daveHome, finished, startDave, waitFor } from './run-dave.js';

const VIDEO = Buffer.from('fake mp4 bytes');

/** A fake xAI video API: jobs stay pending until `release()`. */
async function fakeXai() {
  const state = { creates: 0, polls: 0, done: false, prompts: [] as string[] };
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '';
    if (request.method === 'POST' && url === '/v1/videos/generations') {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        state.creates += 1;
        state.prompts.push((JSON.parse(body) as { prompt: string }).prompt);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ request_id: 'job-1' }));
      });
      return;
    }
    if (request.method === 'GET' && url === '/v1/videos/job-1') {
      state.polls += 1;
      const { port } = server.address() as AddressInfo;
      const body = state.done
        ? {
            status: 'done',
            model: 'grok-imagine-video',
            progress: 100,
            video: { url: `http://127.0.0.1:${port}/files/job-1.mp4`, duration: 8 },
          }
        : { status: 'pending', progress: 42 };
      response.writeHead(state.done ? 200 : 202, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    if (request.method === 'GET' && url === '/files/job-1.mp4') {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length) }).end(VIDEO);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    env: { XAI_API_KEY: 'xai-test-key', XAI_BASE_URL: `http://127.0.0.1:${port}/v1` },
    release: () => {
      state.done = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const mediaEvent = z.discriminatedUnion('type', [
  z
    .object({
      v: z.literal(1),
      type: z.literal('job'),
      provider: z.string(),
      kind: z.string(),
      id: z.string(),
      sessionId: z.string(),
    })
    .strict(),
  z
    .object({
      v: z.literal(1),
      type: z.literal('progress'),
      stage: z.enum(['wait', 'download']),
      percent: z.number().optional(),
      state: z.string().optional(),
    })
    .strict(),
  z
    .object({
      v: z.literal(1),
      type: z.literal('saved'),
      path: z.string(),
      mimeType: z.string(),
      provider: z.string(),
      bytes: z.number().optional(),
      durationMs: z.number().optional(),
    })
    .strict(),
]);

describe('dave video and dave jobs', { timeout: 60_000 }, () => {
  it('a wait killed mid-way is finished by dave jobs resume, without a new job', async () => {
    const xai = await fakeXai();
    close = xai.close;
    const home = daveHome(xai.env);
    const child = startDave(['video', 'a red fox in snow', '--poll-interval', '50'], home);
    const done = finished(child);
    child.stdin?.end();
    await waitFor(child.stderr, 'waiting pending 40%');
    expect(xai.state.creates).toBe(1);
    child.kill('SIGKILL');
    await done;

    const listed = await dave(['jobs'], home);
    expect(listed.stdout).toMatch(/^job-1 {2}xai video {2}/m);

    xai.release();
    const out = join(home.cwd, 'fox.mp4');
    const resumed = await dave(['jobs', 'resume', 'job-1', '--out', out, '--poll-interval', '50'], home);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${out}\n`);
    expect(readFileSync(out)).toEqual(VIDEO);
    expect(xai.state.creates).toBe(1);
    expect((await dave(['jobs'], home)).stdout).toBe('no media jobs waiting to be downloaded\n');
    const sessions = await dave(['sessions', 'list'], home);
    const id = /^(\S+) .*dave video/m.exec(sessions.stdout)?.[1] ?? '';
    const shown = await dave(['sessions', 'show', id], home);
    expect(shown.stdout).toContain('you: a red fox in snow');
    expect(shown.stdout).toContain('◆ video job xai job-1 pending');
    expect(shown.stdout).toContain(`◆ video job xai job-1 succeeded → ${out} (video/mp4)`);
  });

  it('--json: job, progress and saved lines in the schema', async () => {
    const xai = await fakeXai();
    close = xai.close;
    xai.release();
    const home = daveHome(xai.env);
    const result = await dave(['video', 'a lighthouse', '--json', '--poll-interval', '50'], home);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => mediaEvent.parse(JSON.parse(line)));
    expect(events[0]).toMatchObject({ type: 'job', provider: 'xai', kind: 'video', id: 'job-1' });
    const saved = events.at(-1);
    expect(saved).toMatchObject({ type: 'saved', mimeType: 'video/mp4', provider: 'xai' });
    expect(existsSync((saved as { path: string }).path)).toBe(true);
    expect(xai.state.prompts).toEqual(['a lighthouse']);
  });

  it('no key: one line naming the variables; an unknown provider is a usage error', async () => {
    const home = daveHome();
    const none = await dave(['music', 'calm piano'], home);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      'dave: no API key for music media: set MUREKA_API_KEY (or ELEVENLABS_API_KEY, STABILITY_API_KEY, MINIMAX_API_KEY).\n',
    );
    const xai = await fakeXai();
    close = xai.close;
    const wrong = await dave(['video', 'x', '--provider', 'minimax'], daveHome(xai.env));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no video provider "minimax" with a key set (ready: xai)');
  });
});
