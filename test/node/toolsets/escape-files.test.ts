/**
 * Escape corpus of the files toolset (issue 18, item 6): every attempt to read, write, list, search, move or delete
 * something outside the root is its own test, and every one must come back to the model as a refusal (a tool
 * result that says why), with nothing outside the root read, changed or created. Races are driven by the
 * `ConfinedRoot` test hooks, never by timing luck.
 */
import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToolSet } from '../../../src/core/tools/tool-set.js';
import { ConfinedRoot, type ConfinedRootHooks } from '../../../src/node/toolsets/confined-root.js';
import { createFilesTools, type FilesReadResult, filesToolset } from '../../../src/node/toolsets/files.js';
import { callTool } from './call-tool.js';
import { expectRefusal, type Refusal } from './escape-helpers.js';

const SECRET = 'TOP SECRET outside the root';

let base: string;
let root: string;
let outside: string;
let files: ToolSet;

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hello-dave-escape-files-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'sub', 'deeper'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
  await writeFile(path.join(base, 'secret.txt'), SECRET);
  await writeFile(path.join(root, 'hello.txt'), 'hello\n');
  await writeFile(path.join(root, 'sub', 'notes.md'), 'notes\n');
  // Symbolic links out of the root, in every shape.
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'abs-link.txt'));
  await symlink('../outside/secret.txt', path.join(root, 'rel-link.txt'));
  await symlink(outside, path.join(root, 'dir-link'));
  await symlink('..', path.join(root, 'up-link'));
  await symlink('chain-2', path.join(root, 'chain-1'));
  await symlink('sub/chain-3', path.join(root, 'chain-2'));
  await symlink('../rel-link.txt', path.join(root, 'sub', 'chain-3'));
  await symlink('../dir-link', path.join(root, 'sub', 'hop'));
  await symlink('/proc/self/root', path.join(root, 'proc-root'));
  await symlink('/dev/zero', path.join(root, 'zero-link'));
  await symlink('/dev/random', path.join(root, 'random-link'));
  await symlink(path.join(outside, 'missing.txt'), path.join(root, 'dangling.txt'));
  await symlink(path.join(outside, 'new-dir'), path.join(root, 'dangling-dir'));
  await symlink('loop-b', path.join(root, 'loop-a'));
  await symlink('loop-a', path.join(root, 'loop-b'));
  files = filesToolset({ root, maxReadBytes: 1024, maxWriteBytes: 64, maxFileBytes: 4096 });
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Nothing outside the root was changed or created: the outside folder and the base hold what they held. */
async function expectOutsideUntouched(): Promise<void> {
  expect((await readdir(outside)).sort()).toEqual(['secret.txt']);
  expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
  expect((await readdir(base)).sort()).toEqual(['outside', 'root', 'secret.txt']);
}

async function expectReadRefused(input: string, refusal: Refusal, tools: ToolSet = files): Promise<void> {
  expectRefusal(await callTool(tools, 'files_read', { path: input }), refusal, [SECRET]);
  await expectOutsideUntouched();
}

const climb: Refusal = { reason: 'outside-root', message: /uses "\.\." to climb out/ };
const dots: Refusal = { reason: 'outside-root', message: /segment of only dots or spaces/ };
const encoded: Refusal = { reason: 'invalid-path', message: /percent-encoded/ };
const absolute: Refusal = { reason: 'absolute-path', message: /is absolute/ };
const url: Refusal = { reason: 'absolute-path', message: /is a URL/ };
const home: Refusal = { reason: 'outside-root', message: /home folder/ };
const missing: Refusal = { reason: 'not-found', message: /does not exist/ };
const linkOut: Refusal = { reason: 'symlink', message: /leads out of the root folder/ };
const dangling: Refusal = { reason: 'symlink', message: /symbolic link whose target does not exist/ };

describe('files: ".." in every spelling is refused', () => {
  it.each<[string, string, Refusal]>([
    ['plain parent', '..', climb],
    ['plain parent file', '../secret.txt', climb],
    ['deep climb', '../../../../../../../../etc/passwd', climb],
    ['dot then climb', './../secret.txt', climb],
    ['climb from a subfolder', 'sub/../../secret.txt', climb],
    ['climb through dot segments', 'sub/./.././../secret.txt', climb],
    ['climb with doubled separators', 'sub//..//..//secret.txt', climb],
    ['climb out and back in', '../root/hello.txt', climb],
    ['climb that stays inside', 'sub/../hello.txt', climb],
    ['trailing climb', 'sub/..', climb],
    ['trailing climb with separator', 'sub/../', climb],
    ['backslash climb', '..\\secret.txt', climb],
    ['backslash climb from a subfolder', 'sub\\..\\..\\secret.txt', climb],
    ['backslash dot climb', '.\\..\\secret.txt', climb],
    ['mixed separators /\\', 'sub/..\\../secret.txt', climb],
    ['mixed separators \\/', 'sub\\../..\\secret.txt', climb],
    ['fullwidth dots', '\uff0e\uff0e/secret.txt', climb],
    ['fullwidth dots and solidus', '\uff0e\uff0e\uff0fsecret.txt', climb],
    ['fullwidth dots and reverse solidus', '\uff0e\uff0e\uff3csecret.txt', climb],
    ['one fullwidth dot, one plain', '.\uff0e/secret.txt', climb],
    ['two dot leader (NFKC "..")', '\u2025/secret.txt', climb],
    ['two one dot leaders', '\u2024\u2024/secret.txt', climb],
    ['small full stops', '\ufe52\ufe52/secret.txt', climb],
    ['fullwidth climb from a subfolder', 'sub\uff0f\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fsecret.txt', climb],
    ['percent-encoded dots', '%2e%2e/secret.txt', encoded],
    ['percent-encoded dots and slash, upper case', '%2E%2E%2Fsecret.txt', encoded],
    ['percent-encoded dots and slash, lower case', '%2e%2e%2fsecret.txt', encoded],
    ['encoded slash only', '..%2Fsecret.txt', encoded],
    ['half-encoded dots', '%2e./secret.txt', encoded],
    ['other half-encoded dots', '.%2e/secret.txt', encoded],
    ['encoded backslash', '..%5csecret.txt', encoded],
    ['encoded NUL', 'hello.txt%00.png', encoded],
    ['double-encoded dots', '%252e%252e/secret.txt', encoded],
    ['double-encoded dots and slash', '%252e%252e%252fsecret.txt', encoded],
    ['triple-encoded dots', '%25252e%25252e/secret.txt', encoded],
    ['four dots and doubled slash', '....//secret.txt', dots],
    ['four dots and doubled backslash', '....\\\\secret.txt', dots],
    ['three dots', '.../secret.txt', dots],
    ['dots with a trailing space (Windows reads "..")', '.. /secret.txt', dots],
    ['dots with a trailing dot and space', '.. ./secret.txt', dots],
    ['trailing dots after a climb-like name', 'sub/..../secret.txt', dots],
    ['dots as the last segment', 'sub/...', dots],
  ])('%s: %j', async (_name, input, refusal) => {
    await expectReadRefused(input, refusal);
  });

  it.each<[string, string]>([
    ['overlong UTF-8 dots (never decoded)', '%c0%ae%c0%ae/secret.txt'],
    ['%u-encoded dots (never decoded)', '%u002e%u002e/secret.txt'],
    ['dots split by a zero-width space', '.\u200b./secret.txt'],
    ['division slash (not a separator)', '..\u2215secret.txt'],
  ])('%s: %j is a plain name inside the root (not found), never the file outside', async (_name, input) => {
    await expectReadRefused(input, missing);
  });

  it.each<[string, Record<string, unknown>]>([
    ['files_write', { path: '../planted.txt', content: 'x' }],
    ['files_write', { path: 'sub\\..\\..\\planted.txt', content: 'x' }],
    ['files_write', { path: '\uff0e\uff0e/planted.txt', content: 'x' }],
    ['files_append', { path: '../secret.txt', content: 'x' }],
    ['files_append', { path: 'sub/../../secret.txt', content: 'x' }],
    ['files_list', { path: '..' }],
    ['files_list', { path: '..\\' }],
    ['files_search', { query: 'SECRET', path: '..' }],
    ['files_search', { query: 'SECRET', path: 'sub/../..' }],
    ['files_move', { from: '../secret.txt', to: 'stolen.txt' }],
    ['files_move', { from: 'hello.txt', to: '../planted.txt' }],
    ['files_move', { from: 'hello.txt', to: 'sub/..\\..\\planted.txt' }],
    ['files_delete', { path: '../secret.txt' }],
    ['files_delete', { path: '..', recursive: true }],
  ])('%s %j', async (name, args) => {
    expectRefusal(await callTool(files, name, args), climb, [SECRET]);
    await expectOutsideUntouched();
    expect(await readdir(root)).not.toContain('stolen.txt');
  });
});

describe('files: absolute paths, URLs and home folders are refused', () => {
  it.each<[string, string, Refusal]>([
    ['POSIX absolute', '/etc/passwd', absolute],
    ['POSIX absolute, doubled slash', '//etc/passwd', absolute],
    ['POSIX absolute, tripled slash', '///etc/passwd', absolute],
    ['root itself', '/', absolute],
    ['backslash-rooted', '\\etc\\passwd', absolute],
    ['fullwidth solidus rooted (NFKC "/")', '\uff0fetc/passwd', climb],
    ['Windows drive, backslashes', 'C:\\Windows\\win.ini', absolute],
    ['Windows drive, forward slashes', 'c:/Windows/win.ini', absolute],
    ['Windows drive-relative', 'C:secret.txt', absolute],
    ['UNC share', '\\\\server\\share\\secret.txt', absolute],
    ['UNC share, forward slashes', '//server/share/secret.txt', absolute],
    ['Win32 device namespace', '\\\\.\\pipe\\secret', absolute],
    ['Win32 file namespace', '\\\\?\\C:\\secret.txt', absolute],
    ['Win32 UNC namespace', '\\\\?\\UNC\\server\\share\\secret.txt', absolute],
    ['proc self root', '/proc/self/root/etc/passwd', absolute],
    ['/dev/zero', '/dev/zero', absolute],
    ['/dev/random', '/dev/random', absolute],
    ['/dev/stdin', '/dev/stdin', absolute],
    ['file URL', 'file:///etc/passwd', url],
    ['file URL, upper case', 'FILE:/etc/passwd', url],
    ['file URL with a host', 'file://localhost/etc/passwd', url],
    ['other scheme', 'http://example.com/secret.txt', url],
    ['home folder', '~/.ssh/id_rsa', home],
    ['another user home folder', '~root/.ssh/id_rsa', home],
    ['NUL byte', 'hello.txt\u0000../../secret.txt', { reason: 'invalid-path', message: /NUL/ }],
  ])('%s: %j', async (_name, input, refusal) => {
    await expectReadRefused(input, refusal);
  });

  it('the real absolute path of a file outside the root', async () => {
    await expectReadRefused(path.join(outside, 'secret.txt'), absolute);
  });

  it('the real absolute path of a file inside the root', async () => {
    await expectReadRefused(path.join(root, 'hello.txt'), absolute);
  });

  /** `OUTSIDE` in a value stands for the real path of the folder outside the root (known only once it is made). */
  it.each<[string, Record<string, unknown>]>([
    ['files_write', { path: 'OUTSIDE/planted.txt', content: 'x' }],
    ['files_write', { path: 'C:\\planted.txt', content: 'x' }],
    ['files_append', { path: 'OUTSIDE/secret.txt', content: 'x' }],
    ['files_list', { path: '/' }],
    ['files_search', { query: 'root', path: '/etc' }],
    ['files_move', { from: 'OUTSIDE/secret.txt', to: 'stolen.txt' }],
    ['files_move', { from: 'hello.txt', to: 'OUTSIDE/planted.txt' }],
    ['files_delete', { path: 'OUTSIDE/secret.txt' }],
  ])('%s %j', async (name, args) => {
    const real = Object.fromEntries(
      Object.entries(args).map(([key, value]) => [
        key,
        typeof value === 'string' ? value.replace('OUTSIDE', outside) : value,
      ]),
    );
    expectRefusal(await callTool(files, name, real), absolute, [SECRET]);
    await expectOutsideUntouched();
  });
});

describe('files: symbolic links out of the root are refused', () => {
  it.each<[string, string, Refusal]>([
    ['file link, absolute target', 'abs-link.txt', linkOut],
    ['file link, relative target', 'rel-link.txt', linkOut],
    ['folder link', 'dir-link', linkOut],
    ['file under a folder link', 'dir-link/secret.txt', linkOut],
    ['link to the parent', 'up-link/secret.txt', linkOut],
    ['chain of three links ending outside', 'chain-1', linkOut],
    ['middle of the chain', 'sub/chain-3', linkOut],
    ['link to a folder link', 'sub/hop/secret.txt', linkOut],
    ['link to /proc/self/root', 'proc-root/etc/passwd', linkOut],
    ['link to /dev/zero', 'zero-link', linkOut],
    ['link to /dev/random', 'random-link', linkOut],
    ['dangling link out', 'dangling.txt', missing],
    ['link loop', 'loop-a', { reason: 'symlink', message: /loop/ }],
    ['file under a link loop', 'loop-a/x.txt', { reason: 'symlink', message: /loop/ }],
  ])('files_read %s: %j', async (_name, input, refusal) => {
    await expectReadRefused(input, refusal);
  });

  it.each<[string, Record<string, unknown>, Refusal]>([
    ['files_write', { path: 'abs-link.txt', content: 'x' }, { reason: 'symlink', message: /not written through/ }],
    ['files_write', { path: 'rel-link.txt', content: 'x' }, { reason: 'symlink', message: /not written through/ }],
    ['files_write', { path: 'chain-1', content: 'x' }, { reason: 'symlink', message: /not written through/ }],
    ['files_write', { path: 'dangling.txt', content: 'x' }, { reason: 'symlink', message: /not written through/ }],
    ['files_write', { path: 'dir-link/planted.txt', content: 'x' }, linkOut],
    ['files_write', { path: 'dir-link/new/planted.txt', content: 'x' }, linkOut],
    ['files_write', { path: 'sub/hop/planted.txt', content: 'x' }, linkOut],
    ['files_write', { path: 'up-link/planted.txt', content: 'x' }, linkOut],
    ['files_write', { path: 'dangling-dir/planted.txt', content: 'x' }, dangling],
    ['files_write', { path: 'loop-a/planted.txt', content: 'x' }, { reason: 'symlink', message: /loop/ }],
    ['files_append', { path: 'abs-link.txt', content: 'x' }, { reason: 'symlink', message: /not written through/ }],
    ['files_append', { path: 'dir-link/secret.txt', content: 'x' }, linkOut],
    ['files_list', { path: 'dir-link' }, linkOut],
    ['files_list', { path: 'sub/hop', recursive: true }, linkOut],
    ['files_list', { path: 'proc-root' }, linkOut],
    ['files_search', { query: 'SECRET', path: 'dir-link' }, linkOut],
    ['files_search', { query: 'SECRET', path: 'chain-1' }, linkOut],
    ['files_move', { from: 'dir-link/secret.txt', to: 'stolen.txt' }, linkOut],
    ['files_move', { from: 'hello.txt', to: 'dir-link/planted.txt' }, linkOut],
    ['files_move', { from: 'hello.txt', to: 'dangling-dir/planted.txt' }, dangling],
    ['files_move', { from: 'sub', to: 'dir-link/sub' }, linkOut],
    ['files_delete', { path: 'dir-link/secret.txt' }, linkOut],
    ['files_delete', { path: 'up-link/secret.txt' }, linkOut],
    ['files_delete', { path: 'sub/hop/secret.txt' }, linkOut],
  ])('%s %j', async (name, args, refusal) => {
    expectRefusal(await callTool(files, name, args), refusal, [SECRET]);
    await expectOutsideUntouched();
    expect(await readdir(root)).not.toContain('stolen.txt');
  });

  it('list and recursive search of the root never follow the links out', async () => {
    const listed = await callTool(files, 'files_list', { recursive: true });
    expect(listed.status).toBe('ok');
    expect(listed.result.output).not.toContain('secret.txt');
    const searched = await callTool(files, 'files_search', { query: 'SECRET' });
    expect(searched.result.output).toBe('No line contains "SECRET".');
  });

  it.each<[string, Record<string, unknown>]>([
    ['files_delete', { path: 'dir-link', recursive: true }],
    ['files_delete', { path: 'abs-link.txt' }],
    ['files_move', { from: 'rel-link.txt', to: 'sub/moved.txt' }],
    ['files_move', { from: 'dir-link', to: 'sub/moved' }],
  ])('a link itself is neither deleted nor moved: %s %j', async (name, args) => {
    expectRefusal(await callTool(files, name, args), { reason: 'symlink', message: /not written through/ });
    await expectOutsideUntouched();
  });
});

/** A files toolset whose confined root runs `hooks` at the moments an attacker would race. */
function racedFiles(hooks: ConfinedRootHooks): ToolSet {
  return new ToolSet(createFilesTools({ root }, new ConfinedRoot(root, hooks)));
}

/** Swaps the folder `sub` of the root for a symbolic link to `to` (the folder itself is kept as `sub-old`). */
async function swapSub(to: string = outside): Promise<void> {
  await rename(path.join(root, 'sub'), path.join(root, 'sub-old'));
  await symlink(to, path.join(root, 'sub'));
}

describe('files: a path swapped between check and use (test hooks, not timing)', () => {
  const changed: Refusal = { reason: 'path-changed', message: /changed while it was/ };
  const replaced: Refusal = { reason: 'symlink', message: /replaced by a symbolic link while it was opened/ };

  it('read: the folder swapped for a link out after the check', async () => {
    await writeFile(path.join(root, 'sub', 'secret.txt'), 'harmless');
    const tools = racedFiles({ beforeOpen: () => swapSub() });
    await expectReadRefused('sub/secret.txt', changed, tools);
  });

  it('read: the folder swapped for a chain of links out after the check', async () => {
    await writeFile(path.join(root, 'sub', 'secret.txt'), 'harmless');
    const tools = racedFiles({ beforeOpen: () => swapSub(path.join(root, 'dir-link')) });
    await expectReadRefused('sub/secret.txt', changed, tools);
  });

  it('read: the file swapped for a link out after the check', async () => {
    const tools = racedFiles({
      beforeOpen: async (real) => {
        await rm(real);
        await symlink(path.join(outside, 'secret.txt'), real);
      },
    });
    await expectReadRefused('hello.txt', replaced, tools);
  });

  it('read: the file swapped for a hard link to the file outside after the check', async () => {
    const tools = racedFiles({
      beforeOpen: async (real) => {
        await rm(real);
        await link(path.join(outside, 'secret.txt'), real);
      },
    });
    await expectReadRefused('hello.txt', changed, tools);
  });

  it('read: the file swapped for a FIFO after the check (no hang)', async () => {
    const tools = racedFiles({
      beforeOpen: async (real) => {
        await rm(real);
        execFileSync('mkfifo', [real]);
      },
    });
    await expectReadRefused('hello.txt', changed, tools);
  });

  it('append: the existing file swapped for a link out before it is read', async () => {
    const tools = racedFiles({
      beforeOpen: async (real) => {
        await rm(real);
        await symlink(path.join(outside, 'secret.txt'), real);
      },
    });
    expectRefusal(await callTool(tools, 'files_append', { path: 'hello.txt', content: 'x' }), replaced, [SECRET]);
    await expectOutsideUntouched();
  });

  it('search: a file found by the walk swapped for a link out before it is opened', async () => {
    const tools = racedFiles({
      beforeOpen: async (real) => {
        if (!real.endsWith('notes.md')) return;
        await rm(real);
        await symlink(path.join(outside, 'secret.txt'), real);
      },
    });
    const outcome = await callTool(tools, 'files_search', { query: 'SECRET', path: 'sub' });
    expectRefusal(outcome, replaced, [SECRET]);
  });

  it('write: the folder swapped for a link out before the temporary file is created', async () => {
    const tools = racedFiles({ beforeCreate: () => swapSub() });
    const outcome = await callTool(tools, 'files_write', { path: 'sub/planted.txt', content: 'pwned' });
    expectRefusal(outcome, changed);
    await expectOutsideUntouched();
  });

  it('append: the folder swapped for a link out before the temporary file is created', async () => {
    const tools = racedFiles({ beforeCreate: () => swapSub() });
    const outcome = await callTool(tools, 'files_append', { path: 'sub/notes.md', content: 'pwned' });
    expectRefusal(outcome, changed);
    await expectOutsideUntouched();
  });

  it('delete: the folder swapped for a link out after the check', async () => {
    await writeFile(path.join(root, 'sub', 'secret.txt'), 'harmless');
    const tools = racedFiles({ beforeChange: () => swapSub() });
    expectRefusal(await callTool(tools, 'files_delete', { path: 'sub/secret.txt' }), changed);
    await expectOutsideUntouched();
  });

  it('delete (recursive): the folder swapped for a link out after the check', async () => {
    await mkdir(path.join(root, 'sub', 'victim'));
    await mkdir(path.join(outside, 'victim'));
    await writeFile(path.join(outside, 'victim', 'keep.txt'), SECRET);
    const tools = racedFiles({ beforeChange: () => swapSub() });
    expectRefusal(await callTool(tools, 'files_delete', { path: 'sub/victim', recursive: true }), changed);
    expect(await readFile(path.join(outside, 'victim', 'keep.txt'), 'utf8')).toBe(SECRET);
  });

  it('move: the source folder swapped for a link out after the check', async () => {
    await writeFile(path.join(root, 'sub', 'secret.txt'), 'harmless');
    const tools = racedFiles({ beforeChange: (real) => (real.endsWith('secret.txt') ? swapSub() : undefined) });
    expectRefusal(await callTool(tools, 'files_move', { from: 'sub/secret.txt', to: 'stolen.txt' }), changed);
    await expectOutsideUntouched();
    expect(await readdir(root)).not.toContain('stolen.txt');
  });

  it('move: the target folder swapped for a link out after the check', async () => {
    const tools = racedFiles({ beforeChange: (real) => (real.endsWith('planted.txt') ? swapSub() : undefined) });
    expectRefusal(await callTool(tools, 'files_move', { from: 'hello.txt', to: 'sub/planted.txt' }), changed);
    await expectOutsideUntouched();
    expect(await readFile(path.join(root, 'hello.txt'), 'utf8')).toBe('hello\n');
  });

  it('list: the folder swapped for a link out after the check', async () => {
    const tools = racedFiles({ beforeOpen: (real) => (real.endsWith('sub') ? swapSub() : undefined) });
    expectRefusal(await callTool(tools, 'files_list', { path: 'sub' }), changed, ['secret.txt']);
  });
});

describe('files: device files, FIFOs and sockets are refused (and never block)', () => {
  const device: Refusal = { reason: 'device', message: /is a device file/ };

  it.each<[string, string, Refusal]>([
    ['/dev/zero', 'zero', device],
    ['/dev/random', 'random', device],
    ['/dev/urandom', 'urandom', device],
    ['/dev/null', 'null', device],
    // /proc/self/fd/0 resolves to a file outside (leads out) or, for a pipe or socket, to nothing (not found).
    ['/dev/stdin (a link to /proc/self/fd/0)', 'stdin', { reason: ['symlink', 'not-found'] }],
    ['/dev/fd/0', 'fd/0', { reason: ['symlink', 'not-found'] }],
  ])('a toolset rooted at /dev: %s', async (_name, input, refusal) => {
    const dev = filesToolset({ root: '/dev', readOnly: true });
    expectRefusal(await callTool(dev, 'files_read', { path: input }), refusal);
  });

  it.each<[string, string, string]>([
    ['a zero device', 'zero', '5'],
    ['a random device', 'random', '8'],
  ])('%s made inside the root with mknod', async (_name, input, minor) => {
    try {
      execFileSync('mknod', [path.join(root, input), 'c', '1', minor]);
    } catch {
      return; // no CAP_MKNOD here; the /dev cases above cover real devices
    }
    await expectReadRefused(input, device);
    expectRefusal(await callTool(files, 'files_write', { path: input, content: 'x' }), device);
    expectRefusal(await callTool(files, 'files_append', { path: input, content: 'x' }), device);
  });

  it.each<[string, Record<string, unknown>]>([
    ['files_read', { path: 'pipe' }],
    ['files_write', { path: 'pipe', content: 'x' }],
    ['files_append', { path: 'pipe', content: 'x' }],
    ['files_search', { query: 'x', path: 'pipe' }],
  ])('a FIFO: %s %j', async (name, args) => {
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    expectRefusal(await callTool(files, name, args), { reason: 'device', message: /is a FIFO/ });
  });

  it.each<[string, Record<string, unknown>]>([
    ['files_read', { path: 'sock' }],
    ['files_write', { path: 'sock', content: 'x' }],
  ])('a Unix socket: %s %j', async (name, args) => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'sock'), resolve));
    try {
      expectRefusal(await callTool(files, name, args), { reason: 'device', message: /is a socket/ });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a recursive search over a folder with a FIFO skips it (no hang)', async () => {
    execFileSync('mkfifo', [path.join(root, 'sub', 'pipe')]);
    const outcome = await callTool(files, 'files_search', { query: 'notes' });
    expect(outcome.result.output).toBe('sub/notes.md:1: notes');
  });
});

describe('files: oversized files are capped or refused', () => {
  const GIB = 1024 ** 3;
  const tooLarge = (text: RegExp): Refusal => ({ reason: 'too-large', message: text });

  async function sparse(name: string, size: number, head = ''): Promise<void> {
    const handle = await open(path.join(root, name), 'w');
    await handle.write(head);
    await handle.truncate(size);
    await handle.close();
  }

  it('reading an 8 GiB file returns one capped part and where the next starts', async () => {
    await sparse('huge.txt', 8 * GIB, 'a'.repeat(2048));
    const outcome = await callTool(files, 'files_read', { path: 'huge.txt' });
    const read = outcome.value as FilesReadResult;
    expect(read).toMatchObject({ size: 8 * GIB, offset: 0, text: 'a'.repeat(1024), next_offset: 1024 });
    expect(outcome.result.output.length).toBeLessThan(2048);
  });

  it('reading far into an 8 GiB file of zeros describes it, never dumps it', async () => {
    await sparse('zeros.bin', 8 * GIB);
    const outcome = await callTool(files, 'files_read', { path: 'zeros.bin', offset: 4 * GIB });
    expect((outcome.value as FilesReadResult).binary).toMatch(/^binary content/);
    expect(outcome.result.output.length).toBeLessThan(1024);
  });

  it('search skips a file over maxFileBytes', async () => {
    await sparse('huge.txt', 8 * GIB, 'needle\n');
    expect((await callTool(files, 'files_search', { query: 'needle' })).result.output).toBe(
      'No line contains "needle".',
    );
  });

  it.each<[string, Record<string, unknown>, Refusal]>([
    ['files_write', { path: 'big.txt', content: 'x'.repeat(65) }, tooLarge(/65 bytes; the limit is 64/)],
    ['files_write', { path: 'big.txt', content: 'é'.repeat(33) }, tooLarge(/66 bytes; the limit is 64/)],
    ['files_append', { path: 'big.txt', content: 'x'.repeat(65) }, tooLarge(/65 bytes; the limit is 64/)],
    ['files_append', { path: 'huge.txt', content: 'x' }, tooLarge(/8589934593 bytes; the limit is 4096/)],
  ])('%s %j', async (name, args, refusal) => {
    await sparse('huge.txt', 8 * GIB);
    expectRefusal(await callTool(files, name, args), refusal);
    expect((await stat(path.join(root, 'huge.txt'))).size).toBe(8 * GIB);
    expect(await readdir(root)).not.toContain('big.txt');
  });
});
