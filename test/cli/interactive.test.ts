/**
 * Interactive mode through a real pseudo-terminal (`script(1)`), and through piped stdin.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DaveHome, dave, daveCommand, daveHome, finished } from './run-dave.js';

/** Starts `dave ARGS` in a pseudo-terminal; the test types into it. */
function inTerminal(args: string[], home: DaveHome, env: Record<string, string> = {}) {
  const command = [...daveCommand, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: home.cwd,
    env: { ...home.env, ...env },
    stdio: 'pipe',
  });
  const done = finished(child);
  let seen = '';
  child.stdout.on('data', (chunk: Buffer) => {
    seen += chunk.toString().replace(/\r/g, '');
  });
  const waitFor = (pattern: RegExp, ms = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (pattern.test(seen)) return resolve();
        if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${pattern}; saw:\n${seen}`));
        setTimeout(check, 20);
      };
      check();
    });
  return { type: (text: string) => child.stdin.write(text), waitFor, done, output: () => seen };
}

describe('interactive mode in a terminal', { timeout: 60_000 }, () => {
  it('commands, multi-line input, Ctrl-C cancels the turn, a second Ctrl-C exits 130', async () => {
    const home = daveHome();
    const term = inTerminal(['--offline'], home, { HELLO_DAVE_ECHO_DELAY_MS: '40' });
    await term.waitFor(/echo \(echo:echo\) — \/help/);
    term.type('/tools\n');
    await term.waitFor(/echo has no tools\./);
    term.type('/session\n');
    await term.waitFor(/session \d{4}-\S+\nfile +\S+\.jsonl/);
    term.type('"""\nfirst line\nsecond line\n"""\n');
    await term.waitFor(/"""\n(> )?first line\nsecond line\n/);
    const words = Array.from({ length: 100 }, (_, index) => `w${index}`).join(' ');
    term.type(`${words}\n`);
    await term.waitFor(/w99\n(.|\n)*w3 /);
    term.type('\x03');
    await term.waitFor(/\(cancelled\)/);
    expect(term.output()).not.toMatch(/w99\n(.|\n)*w99/);
    term.type('still here\n');
    await term.waitFor(/still here\n(.|\n)*still here\n/);
    term.type('\x03');
    await term.waitFor(/Ctrl-C again to exit/);
    term.type('\x03');
    const result = await term.done;
    expect(result.code).toBe(130);
    const history = readFileSync(join(home.home, '.hello-dave', 'history'), 'utf8');
    expect(history).toContain('still here\n');
  });

  it('asks y/n before a tool call that needs approval; /exit exits 0', async () => {
    const home = daveHome();
    const term = inTerminal(['--offline', '--agent', 'code'], home);
    await term.waitFor(/\/help for help/);
    term.type('call files_write {"path":"yes.txt","content":"ok"}\n');
    await term.waitFor(/Allow files_write \{"path":"yes.txt","content":"ok"\}\? \[y\/N\] /);
    term.type('y\n');
    await term.waitFor(/files_write: \{"path":"yes.txt","bytes":2\}/);
    term.type('call files_write {"path":"no.txt","content":"no"}\n');
    await term.waitFor(/Allow files_write \{"path":"no.txt"/);
    term.type('n\n');
    await term.waitFor(/files_write refused/);
    term.type('/exit\n');
    const result = await term.done;
    expect(result.code).toBe(0);
    expect(readFileSync(join(home.cwd, 'yes.txt'), 'utf8')).toBe('ok');
    expect(() => readFileSync(join(home.cwd, 'no.txt'))).toThrow();
  });
});

describe('interactive mode with piped stdin', { timeout: 60_000 }, () => {
  it('answers each message in turn, joins continued lines, and exits 0 at the end of input', async () => {
    const home = daveHome();
    const result = await dave(['--interactive', '--offline'], home, { input: 'one\ntwo \\\nthree\n/tools\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('one\ntwo \nthree\n');
    expect(result.stderr).toContain('echo has no tools.');
    expect(result.stderr).toMatch(/session \S+ \(dave --session \S+ to go on\)/);
  });

  it('with --json writes one start line, then the events and a done line per turn, all in schema v1', async () => {
    const home = daveHome();
    const result = await dave(['--interactive', '--offline', '--json'], home, { input: 'one\n/tools\ntwo\n' });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.every((line) => line.v === 1)).toBe(true);
    expect(lines.map((line) => line.type).filter((type) => type !== 'usage')).toEqual([
      'start',
      'text',
      'done',
      'text',
      'done',
    ]);
    const done = lines.filter((line) => line.type === 'done');
    expect(done.map((line) => line.text)).toEqual(['one', 'two']);
    expect(done[0]?.sessionId).toBe(lines[0]?.sessionId);
    expect(result.stderr).toContain('echo has no tools.');
  });
});
