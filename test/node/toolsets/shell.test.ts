import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolSet } from '../../../src/core/tools/tool-set.js';
import { type ShellRunResult, shellToolset } from '../../../src/node/toolsets/shell.js';
import { callTool } from './call-tool.js';

let root: string;
let shell: ToolSet;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'hello-dave-shell-'));
  await mkdir(path.join(root, 'sub'));
  await writeFile(path.join(root, 'a.txt'), 'alpha\n');
  process.env.HELLO_DAVE_TEST_SECRET = 'sk-test-should-never-reach-a-child';
  shell = shellToolset({
    enabled: true,
    root,
    commands: {
      echo: { needsApproval: false },
      cat: { needsApproval: false },
      env: { needsApproval: false },
      pwd: { needsApproval: false },
      sleep: { needsApproval: false },
      head: { needsApproval: false },
      ls: {},
      git: { needsApproval: false, checkArgs: (args) => (args[0] === 'push' ? 'pushing is not allowed' : undefined) },
    },
    timeoutMs: 300,
    maxOutputBytes: 1000,
  });
});

afterEach(async () => {
  delete process.env.HELLO_DAVE_TEST_SECRET;
  await rm(root, { recursive: true, force: true });
});

describe('shell toolset: refusals reach the model with a reason', () => {
  it.each([
    [{ command: 'rm', args: ['-rf', '/'] }, /Invalid arguments for shell_run: command: .*allowed: "echo", "cat"/],
    [{ command: 'bash', args: ['-c', 'id'] }, /allowed:/],
    [{ command: '/bin/cat', args: ['a.txt'] }, /allowed:/],
    [{ command: 'cat', args: ['/etc/passwd'] }, /"\/etc\/passwd" is an absolute path/],
    [{ command: 'cat', args: ['../secret.txt'] }, /climbs out with/],
    [{ command: 'cat', args: ['sub/../../secret.txt'] }, /climbs out with/],
    [{ command: 'cat', args: ['..\\secret.txt'] }, /climbs out with/],
    [{ command: 'cat', args: ['\uff0e\uff0e/secret.txt'] }, /climbs out with/],
    [{ command: 'cat', args: ['~/.ssh/id_rsa'] }, /home folder/],
    [{ command: 'cat', args: ['%2e%2e/secret.txt'] }, /percent-encoded/],
    [{ command: 'head', args: ['--lines=1', '--file=/etc/shadow'] }, /absolute path/],
    [{ command: 'cat', args: ['C:\\secret.txt'] }, /absolute path/],
    [{ command: 'echo', args: ['a\u0000b'] }, /NUL/],
    [{ command: 'echo', args: Array.from({ length: 257 }, () => 'x') }, /At most 256 arguments/],
    [{ command: 'pwd', cwd: '..' }, /climb out/],
    [{ command: 'pwd', cwd: '/tmp' }, /absolute/],
    [{ command: 'pwd', cwd: 'a.txt' }, /not a folder/],
    [{ command: 'git', args: ['push', 'origin'] }, /Refused by the app: pushing is not allowed/],
  ])('%j', async (args, why) => {
    const outcome = await callTool(shell, 'shell_run', args);
    expect(outcome.result.isError).toBe(true);
    expect(outcome.result.output).toMatch(why);
  });

  it('asks before every call of a command that did not opt out; refused without a yes', async () => {
    const refused = await callTool(shell, 'shell_run', { command: 'ls' });
    expect(refused.status).toBe('refused');
    expect(refused.result.output).toMatch(/The user refused this call of shell_run/);
    const approved = await callTool(shell, 'shell_run', { command: 'ls' }, { approved: true });
    expect((approved.value as ShellRunResult).stdout).toBe('a.txt\nsub\n');
  });

  it('refuses an allowlisted executable that lies inside the root (the model could have written it)', async () => {
    await writeFile(path.join(root, 'tool.sh'), '#!/bin/sh\necho planted\n');
    await chmod(path.join(root, 'tool.sh'), 0o755);
    const planted = shellToolset({
      enabled: true,
      root,
      commands: { tool: { executable: path.join(root, 'tool.sh'), needsApproval: false } },
    });
    const outcome = await callTool(planted, 'shell_run', { command: 'tool' });
    expect(outcome.result.output).toMatch(/ToolRefusedError: The executable of "tool" lies inside the root/);
  });

  it('kills a command at its time limit, and one that writes more than the cap', async () => {
    const slow = (await callTool(shell, 'shell_run', { command: 'sleep', args: ['5'] })).value as ShellRunResult;
    expect(slow).toMatchObject({ exit_code: null, signal: 'SIGKILL', stopped: 'time limit of 300 ms reached; killed' });
    await writeFile(path.join(root, 'big.txt'), 'z'.repeat(5000));
    const big = (await callTool(shell, 'shell_run', { command: 'cat', args: ['big.txt'] })).value as ShellRunResult;
    expect(big.stopped).toBe('output passed 1000 bytes; the command was killed');
    expect(big.stdout).toBe('z'.repeat(1000));
  });
});

describe('shell toolset: what runs', () => {
  it('is off unless enabled', () => {
    expect(shellToolset({ enabled: false, root, commands: { echo: true } }).size).toBe(0);
  });

  it('passes arguments literally (no shell: no pipes, globs, $() or ;)', async () => {
    const outcome = await callTool(shell, 'shell_run', { command: 'echo', args: ['a; rm -rf x', '*', '$(id)', '|'] });
    expect(outcome.value).toMatchObject({ command: ['echo', 'a; rm -rf x', '*', '$(id)', '|'], exit_code: 0 });
    expect((outcome.value as ShellRunResult).stdout).toBe('a; rm -rf x * $(id) |\n');
  });

  it('runs in the root (or a folder of it) with a small environment: no secrets of the app', async () => {
    const pwd = (await callTool(shell, 'shell_run', { command: 'pwd', cwd: 'sub' })).value as ShellRunResult;
    expect(pwd.stdout.trim()).toMatch(/hello-dave-shell-[^/]+\/sub$/);
    const env = (await callTool(shell, 'shell_run', { command: 'env' })).value as ShellRunResult;
    expect(env.stdout).not.toContain('sk-test-should-never-reach-a-child');
    expect(
      env.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=')[0])
        .sort(),
    ).toEqual(['HOME', 'LANG', 'PATH']);
    const cat = (await callTool(shell, 'shell_run', { command: 'cat', args: ['a.txt', 'missing'] })).value;
    expect(cat).toMatchObject({ exit_code: 1, stdout: 'alpha\n', stderr: expect.stringMatching(/missing/) });
  });
});
