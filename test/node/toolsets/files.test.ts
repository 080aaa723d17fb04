import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ToolSet } from '../../../src/core/tools/tool-set.js';
import { ConfinedRoot } from '../../../src/node/toolsets/confined-root.js';
import { createFilesTools, filesToolset } from '../../../src/node/toolsets/files.js';
import { callTool } from './call-tool.js';

let base: string;
let root: string;
let outside: string;
let files: ToolSet;
const servers: Server[] = [];

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hello-dave-files-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), 'TOP SECRET');
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  await writeFile(path.join(root, 'hello.txt'), 'hello\nworld\n');
  await writeFile(path.join(root, 'sub', 'notes.md'), '# notes\nsay hello again\n');
  await writeFile(path.join(root, 'pixel.png'), PNG);
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link-file.txt'));
  await symlink(outside, path.join(root, 'link-dir'));
  await symlink('/etc', path.join(root, 'etc-link'));
  await symlink('hello.txt', path.join(root, 'inner-link.txt'));
  files = filesToolset({ root, maxWriteBytes: 64, maxFileBytes: 100, maxReadBytes: 1024 });
});

afterEach(async () => {
  for (const server of servers.splice(0)) server.close();
  await rm(base, { recursive: true, force: true });
});

async function expectRefused(name: string, args: Record<string, unknown>, why: RegExp) {
  const outcome = await callTool(files, name, args);
  expect(outcome.status).toBe('error');
  expect(outcome.result.isError).toBe(true);
  expect(outcome.result.output).toMatch(/ToolRefusedError/);
  expect(outcome.result.output).toMatch(why);
  expect(outcome.result.output).not.toContain('TOP SECRET');
  return outcome;
}

describe('files toolset: every escape attempt is refused with a reason', () => {
  const CLIMB = /climb out|"\.\."/;
  it.each([
    ['../secret.txt', CLIMB],
    ['../../etc/passwd', CLIMB],
    ['..', CLIMB],
    ['./../secret.txt', CLIMB],
    ['sub/../../secret.txt', CLIMB],
    ['sub/../hello.txt', CLIMB],
    ['..\\secret.txt', CLIMB],
    ['sub\\..\\..\\secret.txt', CLIMB],
    ['sub/..\\../secret.txt', CLIMB],
    ['\uff0e\uff0e/secret.txt', CLIMB], // fullwidth full stops
    ['\u2025/secret.txt', CLIMB], // two dot leader, NFKC ".."
    ['\uff0e\uff0e\uff0fsecret.txt', CLIMB], // fullwidth dots and solidus
    ['%2e%2e/secret.txt', /percent-encoded/],
    ['%2E%2E%2Fsecret.txt', /percent-encoded/],
    ['..%2fsecret.txt', /percent-encoded/],
    ['..%5csecret.txt', /percent-encoded/],
    ['%252e%252e/secret.txt', /percent-encoded/],
    ['/etc/passwd', /absolute/],
    ['//etc/passwd', /absolute/],
    ['C:\\Windows\\win.ini', /absolute/],
    ['c:/secret.txt', /absolute/],
    ['\\\\server\\share\\secret.txt', /absolute/],
    ['file:///etc/passwd', /URL/],
    ['~/.ssh/id_rsa', /home folder/],
    ['~root/.ssh/id_rsa', /home folder/],
    ['hello.txt\u0000.png', /NUL/],
    ['link-file.txt', /symbolic link that leads out/],
    ['link-dir/secret.txt', /symbolic link that leads out/],
    ['etc-link/passwd', /symbolic link that leads out/],
  ])('files_read %j', async (input, why) => {
    await expectRefused('files_read', { path: input }, why);
  });

  it('refuses an absolute path that names a file outside', async () => {
    await expectRefused('files_read', { path: path.join(base, 'secret.txt') }, /absolute/);
  });

  it.each([
    ['files_write', { path: '../evil.txt', content: 'x' }, CLIMB],
    ['files_write', { path: '/tmp/evil.txt', content: 'x' }, /absolute/],
    ['files_write', { path: 'link-file.txt', content: 'x' }, /symbolic link/],
    ['files_write', { path: 'link-dir/new.txt', content: 'x' }, /leads out/],
    ['files_write', { path: 'link-dir/deeper/new.txt', content: 'x' }, /leads out/],
    ['files_write', { path: 'inner-link.txt', content: 'x' }, /symbolic link/],
    ['files_append', { path: 'link-file.txt', content: 'x' }, /symbolic link/],
    ['files_append', { path: '..\\evil.txt', content: 'x' }, CLIMB],
    ['files_list', { path: 'link-dir' }, /leads out/],
    ['files_list', { path: '../' }, CLIMB],
    ['files_search', { query: 'SECRET', path: 'link-dir' }, /leads out/],
    ['files_search', { query: 'SECRET', path: '..' }, CLIMB],
    ['files_move', { from: 'hello.txt', to: '../moved.txt' }, CLIMB],
    ['files_move', { from: 'link-dir', to: 'moved' }, /symbolic link/],
    ['files_move', { from: 'hello.txt', to: 'link-dir/moved.txt' }, /leads out/],
    ['files_move', { from: 'hello.txt', to: 'sub/notes.md' }, /exists/],
    ['files_move', { from: '.', to: 'x' }, /root folder/],
    ['files_delete', { path: '../secret.txt' }, CLIMB],
    ['files_delete', { path: 'link-dir/secret.txt' }, /leads out/],
    ['files_delete', { path: '.', recursive: true }, /root folder/],
    ['files_delete', { path: 'sub' }, /recursive: true/],
  ])('%s %j', async (name, args, why) => {
    await expectRefused(name, args, why);
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET');
    expect((await readdir(outside)).sort()).toEqual(['secret.txt']);
    expect(await readdir(base)).not.toContain('evil.txt');
  });

  it('refuses a FIFO and a socket (special files), without blocking', async () => {
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    await expectRefused('files_read', { path: 'pipe' }, /is a FIFO/);
    await expectRefused('files_write', { path: 'pipe', content: 'x' }, /is a FIFO/);
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path.join(root, 'sock'), resolve));
    await expectRefused('files_read', { path: 'sock' }, /is a socket/);
  });

  it('refuses a device file reached through a symlink inside the root as leading out, and a device inside as a device', async () => {
    await symlink('/dev/zero', path.join(root, 'zero'));
    await expectRefused('files_read', { path: 'zero' }, /leads out/);
    try {
      execFileSync('mknod', [path.join(root, 'null'), 'c', '1', '3']);
    } catch {
      return; // no CAP_MKNOD here: the FIFO and socket cases above cover special files
    }
    await expectRefused('files_read', { path: 'null' }, /device file/);
  });

  it('caps writes and the file size after an append', async () => {
    await expectRefused('files_write', { path: 'big.txt', content: 'x'.repeat(65) }, /65 bytes; the limit is 64/);
    await writeFile(path.join(root, 'log.txt'), 'y'.repeat(90));
    await expectRefused('files_append', { path: 'log.txt', content: 'z'.repeat(20) }, /110 bytes; the limit is 100/);
    expect(await readFile(path.join(root, 'log.txt'), 'utf8')).toBe('y'.repeat(90));
  });
});

describe('files toolset: a path swapped between check and use', () => {
  it('a folder swapped for a symlink out after the check: the opened inode differs, refused', async () => {
    await writeFile(path.join(root, 'sub', 'secret.txt'), 'harmless');
    const swapped = new ConfinedRoot(root, {
      beforeOpen: async () => {
        await rename(path.join(root, 'sub'), path.join(root, 'sub-old'));
        await symlink(outside, path.join(root, 'sub'));
      },
    });
    const tools = new ToolSet(createFilesTools({ root }, swapped));
    const outcome = await callTool(tools, 'files_read', { path: 'sub/secret.txt' });
    expect(outcome.status).toBe('error');
    expect(outcome.result.output).toMatch(/ToolRefusedError: "sub\/secret.txt" changed while it was opened/);
    expect(outcome.result.output).not.toContain('TOP SECRET');
  });

  it('the file itself swapped for a symlink after the check: O_NOFOLLOW refuses it', async () => {
    const swapped = new ConfinedRoot(root, {
      beforeOpen: async (real) => {
        await rm(real);
        await symlink(path.join(outside, 'secret.txt'), real);
      },
    });
    const tools = new ToolSet(createFilesTools({ root }, swapped));
    const outcome = await callTool(tools, 'files_read', { path: 'hello.txt' });
    expect(outcome.result.output).toMatch(/replaced by a symbolic link while it was opened/);
  });

  it('a write folder swapped for a symlink out before the temporary file is made: refused, nothing left outside', async () => {
    const swapped = new ConfinedRoot(root, {
      beforeCreate: async () => {
        await rename(path.join(root, 'sub'), path.join(root, 'sub-old'));
        await symlink(outside, path.join(root, 'sub'));
      },
    });
    const tools = new ToolSet(createFilesTools({ root }, swapped));
    const outcome = await callTool(tools, 'files_write', { path: 'sub/planted.txt', content: 'pwned' });
    expect(outcome.result.output).toMatch(/ToolRefusedError: The folder of "sub\/planted.txt" changed/);
    expect(await readdir(outside)).toEqual(['secret.txt']);
  });
});

describe('files toolset: what works', () => {
  it('reads text, describes binary files, reads a large file in parts', async () => {
    expect((await callTool(files, 'files_read', { path: 'hello.txt' })).value).toEqual({
      path: 'hello.txt',
      size: 12,
      offset: 0,
      text: 'hello\nworld\n',
    });
    const png = (await callTool(files, 'files_read', { path: 'pixel.png' })).value;
    expect(png).toMatchObject({
      binary: `binary content (${PNG.length} bytes, looks like image/png); not shown as text.`,
    });
    expect(JSON.stringify(png)).not.toContain('PNG');
    await writeFile(path.join(root, 'long.txt'), `${'a'.repeat(1024)}é${'b'.repeat(10)}`);
    const first = (await callTool(files, 'files_read', { path: 'long.txt' })).value;
    expect(first).toMatchObject({ size: 1036, text: 'a'.repeat(1024), next_offset: 1024 });
    const rest = (await callTool(files, 'files_read', { path: 'long.txt', offset: 1024 })).value;
    expect(rest).toMatchObject({ text: `é${'b'.repeat(10)}` });
    expect(rest).not.toHaveProperty('next_offset');
  });

  it('follows a symlink that stays inside the root', async () => {
    expect((await callTool(files, 'files_read', { path: 'inner-link.txt' })).value).toMatchObject({
      text: 'hello\nworld\n',
    });
  });

  it('writes atomically (no temporary file left), keeps the mode, creates folders, appends', async () => {
    await writeFile(path.join(root, 'script.sh'), 'old', { mode: 0o750 });
    const written = await callTool(files, 'files_write', { path: 'script.sh', content: 'new' });
    expect(written.value).toEqual({ path: 'script.sh', bytes: 3 });
    expect(await readFile(path.join(root, 'script.sh'), 'utf8')).toBe('new');
    expect((await stat(path.join(root, 'script.sh'))).mode & 0o777).toBe(0o750);
    await callTool(files, 'files_write', { path: 'a/b/c.txt', content: 'deep' });
    await callTool(files, 'files_append', { path: 'a/b/c.txt', content: '+more' });
    expect(await readFile(path.join(root, 'a/b/c.txt'), 'utf8')).toBe('deep+more');
    expect((await readdir(path.join(root, 'a/b'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('lists without following links, searches text, moves, deletes', async () => {
    const listed = (await callTool(files, 'files_list', {})).value as { entries: { path: string; type: string }[] };
    expect(listed.entries).toContainEqual({ path: 'link-dir', type: 'symlink' });
    expect(listed.entries).toContainEqual({ path: 'sub', type: 'folder' });
    const found = await callTool(files, 'files_search', { query: 'HELLO', ignore_case: true });
    expect(found.result.output).toBe('hello.txt:1: hello\nsub/notes.md:2: say hello again');
    expect((await callTool(files, 'files_search', { query: 'SECRET' })).result.output).toBe(
      'No line contains "SECRET".',
    );
    await callTool(files, 'files_move', { from: 'hello.txt', to: 'archive/hello.txt' });
    expect(await readFile(path.join(root, 'archive/hello.txt'), 'utf8')).toBe('hello\nworld\n');
    await callTool(files, 'files_delete', { path: 'archive', recursive: true });
    await expect(stat(path.join(root, 'archive'))).rejects.toThrow();
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET');
  });

  it('readOnly offers no tool that changes files; approval can be asked per operation', async () => {
    const readOnly = filesToolset({ root, readOnly: true });
    expect(readOnly.tools.map((tool) => tool.name)).toEqual(['files_read', 'files_list', 'files_search']);
    const careful = filesToolset({ root, needsApproval: { delete: true } });
    const refused = await callTool(careful, 'files_delete', { path: 'hello.txt' });
    expect(refused.status).toBe('refused');
    expect(await readFile(path.join(root, 'hello.txt'), 'utf8')).toBe('hello\nworld\n');
    expect((await callTool(careful, 'files_delete', { path: 'hello.txt' }, { approved: true })).status).toBe('ok');
  });
});
