/**
 * Issue 18 item 4, the CLI: `dave` as a real process (from the sources) with a distinctive fake key per provider,
 * debug logging on (`HELLO_DAVE_DEBUG=1`) and `--json` output, against a server on 127.0.0.1 that echoes the key
 * every way it can (see `leakyBody`). Chat (OpenAI, Anthropic, xAI) and media (image, music, video: xAI, MiniMax,
 * Stability, Mureka, ElevenLabs) runs that fail, and a chat whose model repeats the key: no form of the key in
 * stdout (every JSON line), stderr (debug lines and the error) or any file under the home (sessions, config).
 */
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type Fixture, loadFixture } from '../../src/testing/index.js';
import { type DaveHome, dave, daveHome } from '../cli/run-dave.js';
import { type LocalServer, startLocalServer } from './local-server.js';
import { expectClean, filesText, KEYS, leakyBody, leakyHeaders, type ProviderName } from './secrets-harness.js';

// The tests of a block run at once (each `dave` is a process of its own that mostly waits), so each keeps its
// own server and home, closed after the file.
const servers: LocalServer[] = [];
const homes: DaveHome[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const home of homes.splice(0)) await rm(home.home, { recursive: true, force: true });
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server.origin;
}

/** A server that answers every request with a 401 echoing `secret`. */
function refusing(secret: string): Promise<string> {
  return serve((request, response) => {
    request.resume();
    request.on('end', () => {
      response
        .writeHead(401, { 'content-type': 'application/json', ...leakyHeaders(secret) })
        .end(JSON.stringify(leakyBody(secret)));
    });
  });
}

/** The env that points `provider` at `origin` with its fake key, debug logging on. */
function envFor(provider: ProviderName, origin: string): Record<string, string> {
  const names: Partial<Record<ProviderName, [string, string, string]>> = {
    openai: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', '/v1'],
    anthropic: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', '/v1'],
    xai: ['XAI_API_KEY', 'XAI_BASE_URL', '/v1'],
    minimax: ['MINIMAX_API_KEY', 'MINIMAX_BASE_URL', ''],
    stability: ['STABILITY_API_KEY', 'STABILITY_BASE_URL', ''],
    mureka: ['MUREKA_API_KEY', 'MUREKA_BASE_URL', ''],
    elevenlabs: ['ELEVENLABS_API_KEY', 'ELEVENLABS_BASE_URL', ''],
  };
  const [keyVar, baseVar, path] = names[provider] ?? ['', '', ''];
  return { [keyVar]: KEYS[provider], [baseVar]: `${origin}${path}`, HELLO_DAVE_DEBUG: '1' };
}

/** Runs `dave ARGS` in a fresh home; checks stdout, stderr and every file the home holds afterwards. */
async function runClean(provider: ProviderName, args: readonly string[], env: Record<string, string>) {
  const home = daveHome(env);
  homes.push(home);
  const result = await dave(args, home);
  const lines = result.stdout.split('\n').filter(Boolean);
  // `--json`: every line of stdout is one JSON event.
  const events = lines.map((line) => JSON.parse(line) as { v: number; type: string; sessionId?: string });
  const files = await filesText(home.home);
  const secret = KEYS[provider];
  expectClean(`dave ${args.join(' ')}: stdout`, [result.stdout], secret);
  expectClean(`dave ${args.join(' ')}: stderr`, [result.stderr], secret);
  expectClean(`dave ${args.join(' ')}: files under the home`, files, secret);
  return { result, events, files, home };
}

describe.concurrent('dave --json, debug on, the provider refusing with the key echoed', { timeout: 90_000 }, () => {
  it.each<ProviderName>(['openai', 'anthropic', 'xai'])('chat with %s', async (provider) => {
    const origin = await refusing(KEYS[provider]);
    const { result, events, files } = await runClean(
      provider,
      ['-p', provider, '--json', 'hello'],
      envFor(provider, origin),
    );
    expect(result.code).toBe(1);
    expect(events.at(-1)).toMatchObject({ v: 1, type: 'error' });
    // Debug lines were written (so they were checked), and the session the run made.
    expect(result.stderr).toContain('[hello-dave]');
    expect(files.some((file) => file.includes('"type":"message"'))).toBe(true);
  });

  it('without --json: the error line and the debug lines on stderr (xAI)', async () => {
    const origin = await refusing(KEYS.xai);
    const home = daveHome(envFor('xai', origin));
    homes.push(home);
    const result = await dave(['-p', 'xai', 'hello'], home);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/401/);
    expectClean('dave -p xai hello (human output)', [result.stdout, result.stderr], KEYS.xai);
    expectClean('dave -p xai hello: files under the home', await filesText(home.home), KEYS.xai);
  });

  it.each<[string, ProviderName]>([
    ['image', 'stability'],
    ['music', 'mureka'],
    ['music', 'elevenlabs'],
    ['video', 'minimax'],
  ])('dave %s with %s', async (kind, provider) => {
    const origin = await refusing(KEYS[provider]);
    const { result, events } = await runClean(
      provider,
      [kind, 'a red fox in snow', '--provider', provider, '--json'],
      envFor(provider, origin),
    );
    expect(result.code).toBe(1);
    expect(events.at(-1)).toMatchObject({ v: 1, type: 'error' });
    expect(result.stderr).toContain('[hello-dave]');
  });
});

/** A server streaming the recorded Responses text answer, each event's data rewritten by `rewrite`. */
async function serveAnswer(rewrite: (data: string) => string): Promise<string> {
  const fixture: Fixture = await loadFixture('test/fixtures/openai/responses-stream-text.1.json');
  const body = fixture.response.body as { sse: { event?: string; data: string }[] };
  const sse = body.sse.map((event) => ({ ...event, data: rewrite(event.data) }));
  return serve((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of sse) response.write(`event: ${event.event}\ndata: ${event.data}\n\n`);
      response.end();
    });
  });
}

describe('dave, a model that repeats the key', { timeout: 90_000 }, () => {
  it('--json text and done events, the session file, and `dave sessions show --json` hold no key', async () => {
    const secret = KEYS.openai;
    // The model's answer (not its reasoning: signed reasoning is kept byte for byte, see the report) says the key.
    const origin = await serveAnswer((data) =>
      data
        .replaceAll('"delta":"Rayleigh "', `"delta":"Your key ${secret} "`)
        .replaceAll('Rayleigh scattering makes', `Your key ${secret} scattering makes`),
    );
    const env = envFor('openai', origin);
    const { result, events, home } = await runClean('openai', ['-p', 'openai', '--json', 'what is my key?'], env);
    expect(result.code).toBe(0);
    expect(events.map((event) => event.type)).toContain('done');
    expect(result.stdout).toContain('Your key <redacted>');
    const sessionId = events.find((event) => event.type === 'done')?.sessionId ?? '';
    expect(sessionId).not.toBe('');
    const shown = await dave(['sessions', 'show', sessionId, '--json'], home);
    // The session shown is the run's: the answer is there, redacted.
    expect(shown.stdout).toContain('Your key <redacted>');
    expect(shown.code).toBe(0);
    expectClean('dave sessions show --json', [shown.stdout, shown.stderr], secret);
  });

  it.each([
    ['--json', ['--json']],
    ['text', []],
  ])('%s output: a key split across two streamed pieces is still redacted', async (_mode, flags) => {
    const secret = KEYS.openai;
    // Each piece alone holds half the key, which no per-piece redaction can recognise.
    const origin = await serveAnswer((data) =>
      data
        .replaceAll('"delta":"Rayleigh "', `"delta":"Your key ${secret.slice(0, 12)}"`)
        .replaceAll('"delta":"scattering "', `"delta":"${secret.slice(12)} scattering "`)
        .replaceAll('Rayleigh scattering makes', `Your key ${secret} scattering makes`),
    );
    const home = daveHome(envFor('openai', origin));
    homes.push(home);
    const result = await dave(['-p', 'openai', ...flags, 'what is my key?'], home);
    expect(result.code).toBe(0);
    expectClean(`dave ${flags.join(' ')}: stdout`, [result.stdout, result.stderr], secret);
    expectClean('the halves of the key', [result.stdout], secret.slice(0, 12));
    expectClean('the halves of the key', [result.stdout], secret.slice(12));
    const streamed = flags.length
      ? result.stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { type: string; delta?: string })
          .filter((event) => event.type === 'text')
          .map((event) => event.delta)
          .join('')
      : result.stdout;
    expect(streamed).toContain('Your key <redacted> scattering makes it blue.');
  });
});
