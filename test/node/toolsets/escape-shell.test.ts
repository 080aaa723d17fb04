/**
 * Escape corpus of the shell toolset (issue 18, item 6): every attempt to run a command off the allowlist, to get
 * a shell to interpret metacharacters, or to point an argument or the working folder out of the root is its own
 * test. Commands off the allowlist and paths out of the root are refused (a tool result that says why); shell
 * syntax is never refused but never interpreted either: it reaches the command as literal text, and the canary
 * command it tries to run never runs.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolSet } from '../../../src/core/tools/tool-set.js';
import { type ShellRunResult, shellToolset } from '../../../src/node/toolsets/shell.js';
import { callTool } from './call-tool.js';
import { expectRefusal, type Refusal } from './escape-helpers.js';

const SECRET = 'TOP SECRET outside the root';
const ALLOWED = ['echo', 'cat', 'ls', 'head', 'cp', 'pwd'];

let base: string;
let root: string;
let outside: string;
let shell: ToolSet;

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hello-dave-escape-shell-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
  await writeFile(path.join(root, 'a.txt'), 'alpha\n');
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'out-file'));
  await symlink(outside, path.join(root, 'out-dir'));
  await symlink('out-file', path.join(root, 'chain'));
  await symlink(path.join(outside, 'missing.txt'), path.join(root, 'dangling'));
  await symlink('a.txt', path.join(root, 'in-link'));
  shell = shellToolset({
    enabled: true,
    root,
    // Approval off for all, so that only the toolset's own checks stand between the model and the command.
    commands: Object.fromEntries(ALLOWED.map((name) => [name, { needsApproval: false }])),
    timeoutMs: 2000,
    maxOutputBytes: 4096,
  });
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Nothing outside the root was read into a result, changed or created, and no canary file appeared. */
async function expectContained(): Promise<void> {
  expect((await readdir(outside)).sort()).toEqual(['secret.txt']);
  expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
  expect((await readdir(base)).sort()).toEqual(['outside', 'root']);
  expect(await readdir(root)).not.toContain('pwned');
  expect(await readdir(path.join(root, 'sub'))).not.toContain('pwned');
}

describe('shell: commands off the allowlist are refused', () => {
  it.each<[string, unknown]>([
    ['rm', 'rm'],
    ['sh', 'sh'],
    ['bash', 'bash'],
    ['path-qualified /bin/sh', '/bin/sh'],
    ['path-qualified /bin/cat (an allowed name)', '/bin/cat'],
    ['path-qualified /usr/bin/env', '/usr/bin/env'],
    ['relative ./cat', './cat'],
    ['relative ../cat', '../cat'],
    ['relative sub/cat', 'sub/cat'],
    ['trailing slash', 'cat/'],
    ['trailing space', 'cat '],
    ['leading space', ' cat'],
    ['trailing newline', 'cat\n'],
    ['upper case', 'CAT'],
    ['mixed case', 'Cat'],
    ['fullwidth letters (NFKC "cat")', '\uff43\uff41\uff54'],
    ['NUL after the name', 'cat\u0000'],
    ['a second command after ;', 'cat;sh'],
    ['a second command after &&', 'cat && sh'],
    ['a pipe', 'cat|sh'],
    ['command substitution', '$(sh)'],
    ['backticks', '`sh`'],
    ['env-var assignment before the name', 'PATH=. cat'],
    ['LD_PRELOAD before the name', 'LD_PRELOAD=/tmp/x.so cat'],
    ['a variable as the name', '$SHELL'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell variable, never expanded
    ['a braced variable as the name', '${SHELL}'],
    ['a home-relative name', '~/bin/cat'],
    ['env', 'env'],
    ['sudo', 'sudo'],
    ['exec', 'exec'],
    ['eval', 'eval'],
    ['the dot builtin', '.'],
    ['the empty name', ''],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['an argument vector as the name', ['sh', '-c', 'touch pwned']],
    ['a number as the name', 0],
  ])('%s: %j', async (_name, command) => {
    const outcome = await callTool(shell, 'shell_run', { command, args: ['-c', 'touch pwned'] });
    expect(outcome.status).toBe('invalid');
    expect(outcome.result.isError).toBe(true);
    expect(outcome.result.output).toMatch(/Invalid arguments for shell_run: command: .*allowed: "echo", "cat"/);
    expect(outcome.value).toBeUndefined();
    await expectContained();
  });

  it('an allowlisted executable inside the root (planted, or a link there) is refused', async () => {
    await writeFile(path.join(root, 'tool.sh'), '#!/bin/sh\ntouch pwned\n');
    await chmod(path.join(root, 'tool.sh'), 0o755);
    await symlink(path.join(root, 'tool.sh'), path.join(base, 'tool-link'));
    for (const executable of [path.join(root, 'tool.sh'), path.join(base, 'tool-link')]) {
      const planted = shellToolset({ enabled: true, root, commands: { tool: { executable, needsApproval: false } } });
      const outcome = await callTool(planted, 'shell_run', { command: 'tool' });
      expectRefusal(outcome, { reason: 'inside-root', message: /The executable of "tool" lies inside the root/ });
    }
    await rm(path.join(base, 'tool-link'));
    await expectContained();
  });
});

describe('shell: metacharacters in arguments reach the command as literal text', () => {
  it.each<[string, string]>([
    ['semicolon', 'x; touch pwned'],
    ['and-and', 'x && touch pwned'],
    ['or-or', 'x || touch pwned'],
    ['pipe', 'x | touch pwned'],
    ['background', 'x & touch pwned'],
    ['backticks', '`touch pwned`'],
    ['command substitution', '$(touch pwned)'],
    ['newline', 'x\ntouch pwned'],
    ['carriage return and newline', 'x\r\ntouch pwned'],
    ['redirect out', '> pwned'],
    ['redirect err', '2>pwned'],
    ['append redirect', '>> pwned'],
    ['redirect in', '< a.txt'],
    ['here-string', '<<< pwned'],
    ['process substitution', '<(touch pwned)'],
    ['glob star', '*'],
    ['glob question mark', '?.txt'],
    ['glob class', '[a-z]*'],
    ['brace expansion', '{a,pwned}.txt'],
    ['variable', '$HOME'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell variable, never expanded
    ['braced variable', '${PATH}'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell variable, never expanded
    ['IFS trick', 'touch${IFS}pwned'],
    ['arithmetic expansion', '$((1+1))'],
    ['subshell', '(touch pwned)'],
    ['single quotes', "'x'; touch pwned"],
    ['double quotes', '"x"; touch pwned'],
    ['escaped newline', 'x\\\ntouch pwned'],
    ['history expansion', '!!'],
    ['comment', 'x # touch pwned'],
    ['assignment', 'GREETING=hello'],
  ])('%s: %j', async (_name, arg) => {
    const outcome = await callTool(shell, 'shell_run', { command: 'echo', args: [arg] });
    const result = outcome.value as ShellRunResult;
    expect(result).toMatchObject({ command: ['echo', arg], exit_code: 0, stderr: '' });
    expect(result.stdout).toBe(`${arg}\n`);
    await expectContained();
  });

  it.each<[string, string[]]>([
    ['a glob is a literal name', ['*']],
    ['a glob class is a literal name', ['[a-z].txt']],
    ['a variable is a literal name', ['$HOME/.ssh/id_rsa']],
    ['a second command after ; is part of the name', ['a.txt; touch pwned']],
    ['a newline is part of the name', ['a.txt\ntouch pwned']],
  ])('cat: %s %j', async (_name, args) => {
    const result = (await callTool(shell, 'shell_run', { command: 'cat', args })).value as ShellRunResult;
    expect(result.exit_code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/No such file or directory/);
    await expectContained();
  });
});

describe('shell: arguments and the working folder out of the root are refused', () => {
  const absolute: Refusal = { reason: 'outside-root', message: /is an absolute path/ };
  const climb: Refusal = { reason: 'outside-root', message: /climbs out with "\.\."/ };
  const home: Refusal = { reason: 'outside-root', message: /points into a home folder/ };
  const encoded: Refusal = { reason: 'outside-root', message: /percent-encoded/ };
  const linkOut: Refusal = { reason: 'symlink', message: /leads out of the work folder through a symbolic link/ };
  const nowhere: Refusal = { reason: 'symlink', message: /symbolic link that leads nowhere/ };

  it.each<[string, string, string[], Refusal]>([
    ['absolute', 'cat', ['/etc/passwd'], absolute],
    ['absolute, doubled slash', 'cat', ['//etc/passwd'], absolute],
    ['backslash-rooted', 'cat', ['\\etc\\passwd'], absolute],
    ['Windows drive', 'cat', ['C:\\Windows\\win.ini'], absolute],
    ['UNC share', 'cat', ['\\\\server\\share\\x'], absolute],
    ['fullwidth solidus', 'cat', ['\uff0fetc/passwd'], absolute],
    ['/proc/self/root', 'cat', ['/proc/self/root/etc/passwd'], absolute],
    ['/dev/zero', 'cat', ['/dev/zero'], absolute],
    ['/dev/random', 'head', ['-c', '10', '/dev/random'], absolute],
    ['after --opt=', 'head', ['--lines=1', '--file=/etc/passwd'], absolute],
    ['after a bare key=', 'echo', ['if=/etc/shadow'], absolute],
    ['after a second =', 'echo', ['--define=key=/etc/passwd'], absolute],
    ['glued to one option letter', 'head', ['-n1', '-f/etc/passwd'], absolute],
    ['glued to combined option letters', 'echo', ['-xf/etc/passwd'], absolute],
    ['after @', 'echo', ['@/etc/passwd'], absolute],
    ['after option letters and @', 'echo', ['-d@/etc/passwd'], absolute],
    ['after = and @', 'echo', ['--data=@/etc/passwd'], absolute],
    ['env-var assignment of an absolute PATH', 'echo', ['PATH=/tmp'], absolute],
    ['env-var assignment of LD_PRELOAD', 'echo', ['LD_PRELOAD=/tmp/evil.so'], absolute],
    ['file URL', 'echo', ['file:///etc/passwd'], { reason: 'outside-root', message: /is a file: URL/ }],
    ['file URL after =', 'echo', ['--url=FILE:/etc/passwd'], { reason: 'outside-root', message: /file: URL/ }],
    ['parent', 'cat', ['..'], climb],
    ['parent file', 'cat', ['../outside/secret.txt'], climb],
    ['climb from a subfolder', 'cat', ['sub/../../outside/secret.txt'], climb],
    ['backslash climb', 'cat', ['..\\outside\\secret.txt'], climb],
    ['mixed separators', 'cat', ['sub/..\\../outside/secret.txt'], climb],
    ['fullwidth dots', 'cat', ['\uff0e\uff0e/outside/secret.txt'], climb],
    ['two dot leader', 'cat', ['\u2025/outside/secret.txt'], climb],
    ['climb after =', 'cp', ['a.txt', '--target-directory=../outside'], climb],
    ['climb glued to an option letter', 'echo', ['-C..'], climb],
    ['climb glued, then a path', 'echo', ['-f../outside/secret.txt'], climb],
    ['home', 'cat', ['~/.ssh/id_rsa'], home],
    ['another user home', 'cat', ['~root/.ssh/id_rsa'], home],
    ['home after =', 'echo', ['--config=~/.gitconfig'], home],
    ['percent-encoded dots', 'cat', ['%2e%2e/outside/secret.txt'], encoded],
    ['percent-encoded slash', 'cat', ['..%2Foutside%2Fsecret.txt'], encoded],
    ['double-encoded dots', 'cat', ['%252e%252e/outside/secret.txt'], encoded],
    ['link to a file outside', 'cat', ['out-file'], linkOut],
    ['link to a folder outside', 'cat', ['out-dir/secret.txt'], linkOut],
    ['chain of links to a file outside', 'cat', ['chain'], linkOut],
    ['a link in a subfolder path', 'ls', ['./out-dir/'], linkOut],
    ['a link out after =', 'head', ['--lines=1', '--file=out-file'], linkOut],
    ['a link out glued to an option letter', 'echo', ['-fout-file'], linkOut],
    ['a link out after @', 'echo', ['@out-file'], linkOut],
    ['a copy into a link to a folder outside', 'cp', ['a.txt', 'out-dir/pwned'], linkOut],
    ['a copy onto a link that leads nowhere', 'cp', ['a.txt', 'dangling'], nowhere],
    ['NUL', 'echo', ['a\u0000b'], { reason: 'invalid-arg', message: /NUL/ }],
    ['too long', 'echo', ['x'.repeat(8193)], { reason: 'invalid-arg', message: /longer than 8192/ }],
  ])('%s: %s %j', async (_name, command, args, refusal) => {
    expectRefusal(await callTool(shell, 'shell_run', { command, args }), refusal, [SECRET]);
    await expectContained();
  });

  it('more than 256 arguments', async () => {
    const outcome = await callTool(shell, 'shell_run', {
      command: 'echo',
      args: Array.from({ length: 257 }, () => 'x'),
    });
    expectRefusal(outcome, { reason: 'too-many-args', message: /At most 256 arguments/ });
  });

  it.each<[string, string, Refusal]>([
    ['parent', '..', { reason: 'outside-root', message: /climb out/ }],
    ['climb from a subfolder', 'sub/../..', { reason: 'outside-root', message: /climb out/ }],
    ['backslash climb', '..\\', { reason: 'outside-root', message: /climb out/ }],
    ['absolute', '/', { reason: 'absolute-path' }],
    ['absolute /tmp', '/tmp', { reason: 'absolute-path' }],
    ['Windows drive', 'C:\\', { reason: 'absolute-path' }],
    ['home', '~', { reason: 'outside-root', message: /home folder/ }],
    ['percent-encoded', '%2e%2e', { reason: 'invalid-path', message: /percent-encoded/ }],
    ['fullwidth dots', '\uff0e\uff0e', { reason: 'outside-root', message: /climb out/ }],
    ['a link to a folder outside', 'out-dir', { reason: 'symlink', message: /leads out of the root folder/ }],
    ['a link that leads nowhere', 'dangling', { reason: 'not-found' }],
    ['a file', 'a.txt', { reason: 'not-a-folder' }],
  ])('cwd %s: %j', async (_name, cwd, refusal) => {
    expectRefusal(await callTool(shell, 'shell_run', { command: 'pwd', cwd }), refusal);
    await expectContained();
  });

  it('what stays inside works: a link inside the root, a relative name, a URL-like argument', async () => {
    const cat = (await callTool(shell, 'shell_run', { command: 'cat', args: ['in-link', './a.txt'] })).value;
    expect(cat).toMatchObject({ exit_code: 0, stdout: 'alpha\nalpha\n' });
    const echo = (await callTool(shell, 'shell_run', { command: 'echo', args: ['-n', 'https://example.com/a'] })).value;
    expect(echo).toMatchObject({ exit_code: 0, stdout: 'https://example.com/a' });
    const copy = (await callTool(shell, 'shell_run', { command: 'cp', args: ['a.txt', 'sub/b.txt'] })).value;
    expect(copy).toMatchObject({ exit_code: 0 });
    expect(await readFile(path.join(root, 'sub', 'b.txt'), 'utf8')).toBe('alpha\n');
  });
});
