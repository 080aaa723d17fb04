import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { HELP } from '../../src/cli/help.js';
import { dave, daveHome, finished, startDave, waitFor } from './run-dave.js';

/** The `--json` schema of docs/cli.md, version 1. */
const usage = z.object({ inputTokens: z.number(), outputTokens: z.number(), totalTokens: z.number() }).loose();
const jsonEvent = z.discriminatedUnion('type', [
  z
    .object({
      v: z.literal(1),
      type: z.literal('start'),
      agent: z.string(),
      provider: z.string(),
      model: z.string(),
      sessionId: z.string().optional(),
    })
    .strict(),
  z.object({ v: z.literal(1), type: z.literal('text'), delta: z.string() }).strict(),
  z.object({ v: z.literal(1), type: z.literal('reasoning'), delta: z.string() }).strict(),
  z
    .object({ v: z.literal(1), type: z.literal('tool-call'), callId: z.string(), name: z.string(), input: z.unknown() })
    .strict(),
  z
    .object({
      v: z.literal(1),
      type: z.literal('tool-progress'),
      callId: z.string(),
      name: z.string(),
      message: z.string().optional(),
      percent: z.number().optional(),
    })
    .strict(),
  z
    .object({
      v: z.literal(1),
      type: z.literal('tool-result'),
      callId: z.string(),
      name: z.string(),
      status: z.string(),
      isError: z.boolean(),
      output: z.string(),
      ms: z.number(),
    })
    .strict(),
  z
    .object({
      v: z.literal(1),
      type: z.literal('approval'),
      callId: z.string(),
      name: z.string(),
      input: z.unknown(),
      approved: z.boolean(),
    })
    .strict(),
  z.object({ v: z.literal(1), type: z.literal('handoff'), from: z.string(), to: z.string() }).strict(),
  usage.extend({ v: z.literal(1), type: z.literal('usage') }),
  z
    .object({
      v: z.literal(1),
      type: z.literal('done'),
      text: z.string(),
      finishReason: z.string(),
      usage,
      sessionId: z.string().optional(),
    })
    .strict(),
  z
    .object({ v: z.literal(1), type: z.literal('error'), error: z.string(), message: z.string(), exitCode: z.number() })
    .strict(),
]);

function jsonLines(stdout: string) {
  return stdout
    .trim()
    .split('\n')
    .map((line) => jsonEvent.parse(JSON.parse(line)));
}

describe('dave one-shot', { timeout: 60_000 }, () => {
  it('answers offline, streamed to stdout, and exits 0', async () => {
    const home = daveHome();
    const result = await dave(['--offline', 'hello from the test'], home);
    expect(result).toMatchObject({ code: 0, stdout: 'hello from the test\n', stderr: '' });
  });

  it('reads the question from stdin, and adds stdin to a question given', async () => {
    const home = daveHome();
    expect((await dave(['--offline'], home, { input: 'piped question\n' })).stdout).toBe('piped question\n');
    expect((await dave(['--offline', 'summarise:'], home, { input: 'the text\n' })).stdout).toBe(
      'summarise:\n\nthe text\n',
    );
  });

  it('--json writes one event per line in the documented schema', async () => {
    const home = daveHome();
    const result = await dave(['--json', '--offline', 'two words'], home);
    expect(result.code).toBe(0);
    const events = jsonLines(result.stdout);
    expect(events[0]).toMatchObject({ type: 'start', agent: 'echo', provider: 'echo', model: 'echo' });
    expect(
      events
        .filter((event) => event.type === 'text')
        .map((event) => (event as { delta: string }).delta)
        .join(''),
    ).toBe('two words');
    expect(events.at(-1)).toMatchObject({ type: 'done', text: 'two words', finishReason: 'stop' });
    expect(events.map((event) => event.type)).toContain('usage');
  });

  it('--json tool calls and approvals: refused without a terminal, approved with --yes', async () => {
    const home = daveHome();
    const args = ['--json', '--offline', '--agent', 'code', 'call files_write {"path":"a.txt","content":"hi"}'];
    const refused = jsonLines((await dave(args, home)).stdout);
    expect(refused).toContainEqual(expect.objectContaining({ type: 'approval', name: 'files_write', approved: false }));
    const approved = jsonLines((await dave([...args, '--yes'], home)).stdout);
    expect(approved).toContainEqual(
      expect.objectContaining({ type: 'tool-call', name: 'files_write', input: { path: 'a.txt', content: 'hi' } }),
    );
    expect(approved).toContainEqual(
      expect.objectContaining({ type: 'tool-result', name: 'files_write', status: 'ok' }),
    );
    expect(readFileSync(join(home.cwd, 'a.txt'), 'utf8')).toBe('hi');
  });

  it('no key: one line naming the variable, exit 1, no stack trace', async () => {
    const home = daveHome();
    const result = await dave(['what is the time?'], home);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'dave: no API key for openai: set OPENAI_API_KEY (or OPENAIKEY), or run with --offline.\n',
    );
    const claude = await dave(['--agent', 'claude', 'hi'], home);
    expect(claude.stderr).toContain('set ANTHROPIC_API_KEY');
    const json = await dave(['--json', '--provider', 'xai', 'hi'], home);
    expect(jsonLines(json.stdout).at(-1)).toMatchObject({ type: 'error', error: 'MissingApiKeyError', exitCode: 1 });
  });

  it('usage errors exit 2 and point at --help', async () => {
    const home = daveHome();
    const unknown = await dave(['--bogus'], home);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^dave: Unknown option '--bogus'.*\(see dave --help\)\n$/);
    expect((await dave(['--offline'], home, { input: '' })).code).toBe(2);
    const agent = await dave(['--agent', 'nobody', '--offline', 'hi'], home);
    expect(agent.code).toBe(2);
    expect(agent.stderr).toContain('No agent named "nobody"');
  });

  it('--help documents the exit codes, for every command', async () => {
    const exitCodes =
      /Exit codes:\n {2}0 +success\n {2}1 +a provider or runtime error.*\n {2}2 +a usage error.*\n {2}130 +interrupted/;
    for (const text of Object.values(HELP)) expect(text).toMatch(exitCodes);
    expect(Object.keys(HELP).sort()).toEqual(['agents', 'config', 'dave', 'jobs', 'media', 'sessions']);
    const home = daveHome();
    for (const [args, help] of [
      [['--help'], HELP.dave],
      [['sessions', '--help'], HELP.sessions],
      [['video', '--help'], HELP.media],
    ] as const) {
      const result = await dave(args, home);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${help}\n`);
    }
  });

  it('Ctrl-C (SIGINT) during an answer exits 130', async () => {
    const home = daveHome();
    const words = Array.from({ length: 200 }, (_, index) => `w${index}`).join(' ');
    const child = startDave(['--offline', words], home, { HELLO_DAVE_ECHO_DELAY_MS: '50' });
    const done = finished(child);
    child.stdin?.end();
    await waitFor(child.stdout, 'w2');
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stdout).not.toContain('w199');
    expect(result.stderr).toBe('dave: interrupted.\n');
  });
});

describe('dave agents, config and sessions', { timeout: 60_000 }, () => {
  it('agents lists the project, user and built-in agents, and broken files with their problem', async () => {
    const home = daveHome();
    mkdirSync(join(home.cwd, 'agents'));
    writeFileSync(
      join(home.cwd, 'agents', 'mine.mjs'),
      "export default { name: 'mine', description: 'my agent', model: 'echo' };",
    );
    writeFileSync(join(home.cwd, 'agents', 'broken.mjs'), "export default { name: 'broken' };");
    const result = await dave(['agents'], home);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^mine +my agent\n/m);
    expect(result.stdout).toMatch(/^broken +.*"description" of broken must be a non-empty string\. {2}BROKEN/m);
    for (const name of [
      'echo',
      'ask',
      'code',
      'planner',
      'workflow',
      'agent-creator',
      'weather',
      'claude',
      'grok',
      'video',
      'image',
      'music',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect((await dave(['--agent', 'mine', 'hi'], home)).stdout).toBe('hi\n');
  });

  it('config shows each value and its source; a bad file names the key and exits 2', async () => {
    const home = daveHome();
    mkdirSync(join(home.home, '.hello-dave'), { recursive: true });
    const file = join(home.home, '.hello-dave', 'config.json');
    writeFileSync(file, JSON.stringify({ provider: 'anthropic', maxTurns: 3 }));
    const result = await dave(['config'], home, { env: { HELLO_DAVE_MODEL: 'claude-opus-5' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`config file: ${file}`);
    expect(result.stdout).toMatch(new RegExp(`^provider +anthropic +file ${file}$`, 'm'));
    expect(result.stdout).toMatch(/^model +claude-opus-5 +env HELLO_DAVE_MODEL$/m);
    expect(result.stdout).toMatch(/^maxTurns +3 +file /m);
    expect(result.stdout).toMatch(/^sessionsDir +\S+ +default$/m);
    writeFileSync(file, JSON.stringify({ maxTurn: 3 }));
    const bad = await dave(['--offline', 'hi'], home);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `dave: ${file}: "maxTurn" is not a setting. Known keys: provider, model, outputDir, sessionsDir, agentsDir, maxTurns, mediaBudget.\n`,
    );
  });

  it('sessions: list, show (with tool calls), search, and --session goes on with one', async () => {
    const home = daveHome();
    const first = await dave(
      ['--json', '--offline', '--agent', 'code', '--yes', 'call files_write {"path":"n.txt","content":"x"}'],
      home,
    );
    const sessionId =
      jsonLines(first.stdout)[0]?.type === 'start'
        ? (jsonLines(first.stdout)[0] as { sessionId: string }).sessionId
        : '';
    expect(sessionId).not.toBe('');
    const list = await dave(['sessions', 'list'], home);
    expect(list.stdout).toMatch(new RegExp(`^${sessionId} .* code +files_write: `, 'm'));
    await dave(['--session', sessionId, '--offline', 'second turn'], home);
    const show = await dave(['sessions', 'show', sessionId], home);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('you: call files_write {"path":"n.txt","content":"x"}');
    expect(show.stdout).toContain('  → files_write {"path":"n.txt","content":"x"}');
    expect(show.stdout).toContain('  ? files_write approved');
    expect(show.stdout).toMatch(/ {2}← files_write ok saved n\.txt/);
    expect(show.stdout).toContain('you: second turn\nassistant: second turn');
    const search = await dave(['sessions', 'search', 'SECOND'], home);
    expect(search.stdout).toContain(`${sessionId}  user      second turn`);
    expect((await dave(['sessions', 'show', 'nope'], home)).code).toBe(2);
  });
});
