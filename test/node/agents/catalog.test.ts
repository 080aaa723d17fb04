/**
 * Every agent of the built-in catalog, run by name against replayed fixtures (test/fixtures/catalog, written from
 * the providers' documented shapes and marked unverified): each gets its model and tools, makes the calls its
 * instructions lead to, and answers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DaveConfig, loadAgent, loadAgentDefinition, resolveConfig } from '../../../src/node/agents/index.js';
import { type Fixture, loadFixture, loadFixtureSequence, useFixtures } from '../../../src/testing/index.js';
import { server } from '../../msw.js';

const FIXTURES = 'test/fixtures/catalog';
const OPENAI = 'https://api.openai.com';

function setup(): { cwd: string; config: DaveConfig; env: Record<string, string> } {
  const cwd = mkdtempSync(join(tmpdir(), 'dave-catalog-'));
  const env = { XAI_API_KEY: 'xai-test-key' };
  const config = {
    ...resolveConfig({ env: { HELLO_DAVE_CONFIG: '/none' }, cwd }).values,
    agentsDir: join(cwd, 'none'),
  };
  return { cwd, config, env };
}

function lastUserText(body: unknown): string {
  return JSON.stringify(body);
}

beforeEach(() => {
  vi.stubEnv('OPENAI_API_KEY', 'sk-test-openai');
  vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-test');
  vi.stubEnv('XAI_API_KEY', 'xai-test-key');
});
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await close?.();
  close = undefined;
});

/** A 127.0.0.1 server answering each fixture's method + path with its JSON body. */
async function serveFixtures(files: string[]) {
  const fixtures = await Promise.all(files.map((file) => loadFixture(file)));
  const served: string[] = [];
  const http = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const fixture = fixtures.find(
      (item) => item.request.method === request.method && item.request.path === url.pathname,
    );
    served.push(`${url.pathname}${url.search}`);
    const body = fixture?.response.body;
    if (!fixture || !body || !('json' in body)) return void response.writeHead(404).end();
    response.writeHead(fixture.response.status, { 'content-type': 'application/json' }).end(JSON.stringify(body.json));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

describe('catalog agents on replayed fixtures', () => {
  it.each([
    ['ask', OPENAI, 'gpt-5.4-mini'],
    ['claude', 'https://api.anthropic.com', 'claude-sonnet-5'],
    ['grok', 'https://api.x.ai', 'grok-4.7'],
  ])('%s answers on its provider', async (name, origin, model) => {
    const { cwd, config, env } = setup();
    const replay = await useFixtures(server, `${FIXTURES}/${name}`, { baseUrl: origin });
    const agent = await loadAgent(name, { cwd, config, env });
    expect(agent.model.modelId).toBe(model);
    const result = await agent.run('What is the capital of Norway?');
    expect(result.text).toBe('Oslo is the capital of Norway.');
    replay.assertAllUsed();
    expect(lastUserText(replay.requests[0]?.body)).toContain('You are a helpful, precise assistant.');
  });

  it('code reads a file with the files toolset and answers from it', async () => {
    const { cwd, config, env } = setup();
    writeFileSync(join(cwd, 'README.md'), 'hello from the project');
    const replay = await useFixtures(server, `${FIXTURES}/code`, { baseUrl: OPENAI });
    const agent = await loadAgent('code', { cwd, config, env });
    const result = await agent.run('What does the README say?');
    expect(result.text).toBe('The README says: hello from the project.');
    replay.assertAllUsed();
    const sent = JSON.stringify(replay.requests[1]?.body);
    expect(sent).toContain('hello from the project');
    expect(JSON.stringify(replay.requests[0]?.body)).toContain('"shell_run"');
  });

  it('workflow runs each step with the previous output', async () => {
    const { cwd, config, env } = setup();
    const replay = await useFixtures(server, `${FIXTURES}/workflow`, { baseUrl: OPENAI });
    const agent = await loadAgent('workflow', { cwd, config, env });
    const result = await agent.run('Draft, then polish.');
    expect(result.text).toBe('Both steps ran.');
    replay.assertAllUsed();
    expect(JSON.stringify(replay.requests[1]?.body)).toContain(
      'polish\\\\n\\\\nInput from the previous step:\\\\ndraft',
    );
  });

  it('planner hands a step to ask and sums up', async () => {
    const { cwd, config, env } = setup();
    const replay = await useFixtures(server, `${FIXTURES}/planner`, { baseUrl: OPENAI });
    const agent = await loadAgent('planner', { cwd, config, env });
    const result = await agent.run('What is the capital of Norway? Plan it.');
    expect(result.text).toBe('Step done: the capital is Oslo.');
    replay.assertAllUsed();
    expect(JSON.stringify(replay.requests[1]?.body)).toContain('Name the capital of Norway.');
    expect(JSON.stringify(replay.requests[2]?.body)).toContain('Oslo.');
  });

  it('agent-creator saves a checked definition after approval', async () => {
    const { cwd, config, env } = setup();
    const replay = await useFixtures(server, `${FIXTURES}/agent-creator`, { baseUrl: OPENAI });
    const agent = await loadAgent('agent-creator', { cwd, config, env });
    const asked: string[] = [];
    const result = await agent.run('An agent that writes haiku', {
      onApproval: (request) => {
        asked.push(request.toolName);
        return true;
      },
    });
    expect(asked).toEqual(['save_agent']);
    expect(result.text).toBe('Saved. Run it with dave --agent haiku.');
    replay.assertAllUsed();
    expect(readFileSync(join(cwd, 'agents/haiku.mjs'), 'utf8')).toContain('"instructions": "Answer with a haiku."');
    expect((await loadAgentDefinition('haiku', { cwd, config })).definition.toolsets).toEqual(['files']);
  });

  it('video makes a video with the provider whose key is set and saves it', async () => {
    const { cwd, config, env } = setup();
    const model = await useFixtures(server, `${FIXTURES}/video-model`, { baseUrl: OPENAI });
    const xai = await useFixtures(server, `${FIXTURES}/video-xai`, { baseUrl: 'https://api.x.ai' });
    const file = await useFixtures(server, `${FIXTURES}/video-download`, { baseUrl: 'https://vidgen.x.ai' });
    const agent = await loadAgent('video', { cwd, config, env });
    const result = await agent.run('a red fox in snow');
    expect(result.text).toBe('Saved the video.');
    for (const replay of [model, xai, file]) replay.assertAllUsed();
    expect(JSON.stringify(xai.requests[0]?.body)).toContain('a red fox in snow');
    const toolOutput = JSON.stringify(model.requests[1]?.body);
    expect(toolOutput).toContain('video/mp4');
  });

  it('image makes an image with the provider whose key is set and saves it', async () => {
    const { cwd, config, env } = setup();
    const model = await useFixtures(server, `${FIXTURES}/image-model`, { baseUrl: OPENAI });
    const xai = await useFixtures(server, `${FIXTURES}/image-xai`, { baseUrl: 'https://api.x.ai' });
    const agent = await loadAgent('image', { cwd, config, env });
    const result = await agent.run('a lighthouse at dusk');
    expect(result.text).toBe('Saved the image.');
    for (const replay of [model, xai]) replay.assertAllUsed();
    expect(JSON.stringify(xai.requests[0]?.body)).toContain('a lighthouse at dusk');
    expect(JSON.stringify(model.requests[1]?.body)).toContain('image/jpeg');
  });

  it('music makes a song with the provider whose key is set and saves it', async () => {
    const { cwd, config } = setup();
    vi.stubEnv('MUREKA_API_KEY', 'mureka-test-key');
    const model = await useFixtures(server, `${FIXTURES}/music-model`, { baseUrl: OPENAI });
    const mureka = await useFixtures(server, `${FIXTURES}/music-mureka`, { baseUrl: 'https://api.mureka.ai' });
    const file = await useFixtures(server, `${FIXTURES}/music-download`, { baseUrl: 'https://cdn.mureka.ai' });
    const agent = await loadAgent('music', { cwd, config, env: { MUREKA_API_KEY: 'mureka-test-key' } });
    const result = await agent.run('calm piano');
    expect(result.text).toBe('Saved the song.');
    for (const replay of [model, mureka, file]) replay.assertAllUsed();
    expect(JSON.stringify(model.requests[1]?.body)).toContain('audio/mpeg');
  });

  it('weather looks the place up on Open-Meteo with the http toolset', async () => {
    // The http toolset talks to the network itself (node:http, every address checked), out of msw's reach: the
    // Open-Meteo fixtures are served from 127.0.0.1 and the model's URLs point there (loopback allowed for this test).
    const { cwd, config, env } = setup();
    const openMeteo = await serveFixtures([
      `${FIXTURES}/weather-geocoding.1.json`,
      `${FIXTURES}/weather-forecast.1.json`,
    ]);
    close = openMeteo.close;
    const calls = await loadFixtureSequence(`${FIXTURES}/weather`);
    const pointed = calls.map(
      (fixture) =>
        JSON.parse(JSON.stringify(fixture).replace(/https:\/\/[a-z-]+\.open-meteo\.com/g, openMeteo.origin)) as Fixture,
    );
    const model = await useFixtures(server, pointed, { baseUrl: OPENAI });
    const agent = await loadAgent('weather', { cwd, config, env, http: { allow: { loopback: true } } });
    const result = await agent.run('Weather in Oslo?');
    expect(result.text).toBe('It is 4 °C in Oslo with light wind.');
    model.assertAllUsed();
    expect(openMeteo.served).toEqual([
      '/v1/search?name=Oslo&count=1',
      '/v1/forecast?latitude=59.91&longitude=10.75&current=temperature_2m,weather_code,wind_speed_10m',
    ]);
    expect(JSON.stringify(model.requests[1]?.body)).toContain('59.91273');
    expect(JSON.stringify(model.requests[2]?.body)).toContain('temperature_2m');
  });
});
