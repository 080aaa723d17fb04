/**
 * Issue 11 item 4: ids are one path segment, always. `.`, `..`, empty ids, ids holding `/` or `\`, and
 * percent-encodings that decode to those are refused with RequestValidationError before any request, in every
 * endpoint that takes an id (OpenAI videos and characters, MiniMax tasks), in the Sora toolset and in the media
 * toolset. Black-box: a catch-all msw handler counts every request that would have left.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestValidationError } from '../../src/common/errors.js';
import { Agent } from '../../src/core/agent/agent.js';
import { minimaxVideoProvider, queryVideoTask, waitForVideo } from '../../src/providers/minimax/index.js';
import {
  createOpenAIClient,
  createVideoToolset,
  deleteVideo,
  downloadVideoContent,
  editVideo,
  extendVideo,
  getCharacter,
  remixVideo,
  retrieveVideo,
  soraVideoProvider,
} from '../../src/providers/openai/index.js';
import { scriptedModel } from '../../src/testing/index.js';
import { createMediaToolset } from '../../src/toolsets/index.js';
import { rejection } from '../helpers.js';
import { server } from '../msw.js';
import { client as minimaxClient } from './minimax/helpers.js';

let sent: string[] = [];
let dir = '';
beforeEach(async () => {
  sent = [];
  dir = await mkdtemp(join(tmpdir(), 'path-ids-'));
  server.use(
    http.all('*', ({ request }) => {
      sent.push(`${request.method} ${request.url}`);
      return HttpResponse.json({ error: { message: 'no request should reach the server' } }, { status: 500 });
    }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const openai = () => createOpenAIClient({ apiKey: 'sk-test-0123456789abcdef', maxRetries: 0, env: {} });
const BAD_IDS = ['..', '.', '', '   ', 'a/b', 'a\\b', '%2e%2e', '%2E.', '%252e%252e', 'x%2Fy', 'line\nbreak'];

async function refused(promise: Promise<unknown>, field: string): Promise<void> {
  const error = await rejection(promise);
  expect(RequestValidationError.isInstance(error), String(error)).toBe(true);
  expect((error as RequestValidationError).issues[0]?.path).toBe(field);
}

describe('OpenAI videos: ids are one path segment', () => {
  it.each(BAD_IDS)('refuses %j in every id-taking endpoint, before any request', async (id) => {
    const c = openai();
    await refused(deleteVideo(c, id), 'video_id');
    await refused(remixVideo(c, id, { prompt: 'Same scene, but the cat takes a bow' }), 'video_id');
    await refused(retrieveVideo(c, id), 'video_id');
    await refused(downloadVideoContent(c, id, { to: join(dir, 'v.mp4') }), 'video_id');
    await refused(getCharacter(c, id), 'character_id');
    await refused(editVideo(c, { prompt: 'Make it snow', video: { id } }), 'video.id');
    await refused(extendVideo(c, { prompt: 'Pull back', seconds: '8', video: { id } }), 'video.id');
    await refused(soraVideoProvider(c).status(id), 'video_id');
    expect(sent).toEqual([]);
  });

  it('still sends an ordinary id, percent-encoded', async () => {
    server.use(
      http.delete('https://api.openai.com/v1/videos/:id', ({ request }) => {
        sent.push(new URL(request.url).pathname);
        return HttpResponse.json({ id: 'video_a:b', object: 'video.deleted', deleted: true });
      }),
    );
    await deleteVideo(openai(), 'video_a:b');
    expect(sent).toEqual(['/v1/videos/video_a%3Ab']);
  });
});

describe('MiniMax: task ids are one path segment', () => {
  it.each(BAD_IDS)('refuses %j as a task id, before any request', async (id) => {
    const mm = minimaxClient();
    await refused(queryVideoTask(mm, id), 'task_id');
    await refused(waitForVideo(mm, id), 'task_id');
    await refused(minimaxVideoProvider(mm).status(id), 'task_id');
    expect(sent).toEqual([]);
  });
});

describe('toolsets: a model-chosen ".." id comes back as a tool error, and nothing is sent', () => {
  async function runTool(
    tools: ConstructorParameters<typeof Agent>[0]['tools'],
    name: string,
    args: Record<string, unknown>,
  ) {
    const model = scriptedModel([{ toolCalls: [{ name, arguments: args }] }, { text: 'ok' }]);
    const agent = new Agent({ name: 'studio', model, tools });
    const result = await agent.run('go');
    return result.steps[0]?.toolResults[0];
  }

  it.each([
    ['sora_video_status', { video_id: '..' }],
    ['sora_download_video', { video_id: '..' }],
    ['sora_remix_video', { video_id: '..', prompt: 'again' }],
  ])('%s with ".."', async (name, args) => {
    const result = await runTool([createVideoToolset(openai(), { outputDir: dir })], name, args);
    expect(result).toMatchObject({ isError: true });
    expect(String(result?.output)).toMatch(/RequestValidationError.*video_id/s);
    expect(sent).toEqual([]);
  });

  it.each(['media_status', 'media_wait', 'media_download'])('%s with ".." (MiniMax and Sora)', async (name) => {
    const tools = [
      createMediaToolset({
        providers: [minimaxVideoProvider(minimaxClient()), soraVideoProvider(openai())],
        outputDir: dir,
      }),
    ];
    for (const provider of ['minimax', 'openai']) {
      const result = await runTool(tools, name, { provider, job_id: '..' });
      expect(result).toMatchObject({ isError: true });
      expect(String(result?.output)).toMatch(/job_id/);
    }
    expect(sent).toEqual([]);
  });
});
