import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolSet } from '../../../src/core/tools/tool-set.js';
import {
  localFolderBackend,
  type PublishResult,
  publishToolset,
  scpBackend,
} from '../../../src/node/toolsets/publish.js';
import { callTool } from './call-tool.js';

/** `HELLO_DAVE_TEST_SSHD=/nonexistent` runs the stand-in path on a machine that has sshd. */
const SSHD = process.env.HELLO_DAVE_TEST_SSHD ?? '/usr/sbin/sshd';
let base: string;
let root: string;
let remote: string;
let sshd: ChildProcess | undefined;
let port = 0;
/** Which scp ran: the real one against a real sshd on 127.0.0.1, or the recording stand-in. */
let mode: 'real sshd' | 'stand-in scp';
let whyStandIn = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

async function listening(at: number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(at, '127.0.0.1');
      socket.once('connect', () => resolve(socket.end() !== undefined));
      socket.once('error', () => resolve(false));
    });
    if (up) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Starts sshd on 127.0.0.1 with keys made here; returns why it could not, if it could not. */
async function startSshd(): Promise<string | undefined> {
  if (!existsSync(SSHD)) return `${SSHD} is not installed`;
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(path.join(base, 'host_key'));
  keygen(path.join(base, 'id'));
  await writeFile(path.join(base, 'authorized_keys'), await readFile(path.join(base, 'id.pub')));
  const hostKey = (await readFile(path.join(base, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  port = await freePort();
  await writeFile(path.join(base, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  keygen(path.join(base, 'other_key'));
  const otherKey = (await readFile(path.join(base, 'other_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  await writeFile(path.join(base, 'wrong_known_hosts'), `[127.0.0.1]:${port} ${otherKey}\n`);
  await writeFile(
    path.join(base, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(base, 'host_key')}`,
      `AuthorizedKeysFile ${path.join(base, 'authorized_keys')}`,
      `PidFile ${path.join(base, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  // sshd started as root needs its privilege separation folder (Debian's service makes it at boot).
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true });
  const child = spawn(SSHD, ['-D', '-e', '-f', path.join(base, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    said += chunk.toString();
  });
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(false)));
  const up = await Promise.race([listening(port, Date.now() + 5000), exited]);
  if (!up) {
    child.kill();
    return `sshd did not start: ${said.trim().slice(0, 200)}`;
  }
  sshd = child;
  return undefined;
}

/** Wraps scp in a script that records its argv, then runs the real scp (or, as the stand-in, copies locally). */
async function recordingScp(real: boolean): Promise<string> {
  const script = path.join(base, 'scp-recording');
  const copy = real
    ? 'exec /usr/bin/scp "$@"'
    : // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
      'for last; do :; done\nfor a; do case "$a" in /*) src="$a";; esac; [ "$a" = "$last" ] && break; done\ncp "$src" "${last#*:}"';
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$@" > "${path.join(base, 'scp-argv')}"\n${copy}\n`);
  await chmod(script, 0o755);
  return script;
}

let scpPath: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'hello-dave-publish-test-'));
  root = path.join(base, 'root');
  remote = path.join(base, 'www');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(remote);
  await writeFile(path.join(root, 'clip one (final).txt'), 'published bytes');
  await writeFile(path.join(root, 'big.bin'), Buffer.alloc(2000, 1));
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
  const why = await startSshd();
  mode = why === undefined ? 'real sshd' : 'stand-in scp';
  whyStandIn = why ?? '';
  scpPath = await recordingScp(mode === 'real sshd');
  console.info(`publish test: ${mode}${why ? ` (${why})` : ` on 127.0.0.1:${port}`}`);
}, 20_000);

afterAll(async () => {
  if (sshd?.pid !== undefined) process.kill(sshd.pid);
  await rm(base, { recursive: true, force: true });
});

function scpTools(knownHosts = 'known_hosts'): ToolSet {
  return publishToolset({
    root,
    maxBytes: 1000,
    backend: scpBackend({
      host: '127.0.0.1',
      port: port || 22, // the stand-in never connects
      user: userInfo().username,
      remoteDir: remote,
      publicBaseUrl: 'https://cdn.example.test/media',
      identityFile: path.join(base, 'id'),
      knownHostsFile: path.join(base, knownHosts),
      configFile: '/dev/null',
      scp: scpPath,
      timeoutMs: 15_000,
    }),
  });
}

describe('publish toolset: scp backend', () => {
  it('uploads a file of the root and returns its public URL (says which scp ran)', async () => {
    expect(mode === 'real sshd' || whyStandIn !== '').toBe(true);
    const outcome = await callTool(scpTools(), 'publish_file', { path: 'clip one (final).txt' });
    const result = outcome.value as PublishResult;
    expect(result).toMatchObject({ path: 'clip one (final).txt', bytes: 15 });
    const name = /^https:\/\/cdn\.example\.test\/media\/([0-9a-f]{12}-clip_one_final_\.txt)$/.exec(result.url)?.[1];
    expect(name, `${mode}: ${result.url}`).toBeDefined();
    expect(await readFile(path.join(remote, name ?? ''), 'utf8')).toBe('published bytes');
    const argv = (await readFile(path.join(base, 'scp-argv'), 'utf8')).trim().split('\n');
    expect(argv).toEqual(expect.arrayContaining(['-B', 'BatchMode=yes', 'StrictHostKeyChecking=yes', '--']));
    expect(argv.at(-1)).toBe(`${userInfo().username}@127.0.0.1:${remote}/${name}`);
    // the staged copy, not the model's path, is what scp reads
    expect(argv.at(-2)).toMatch(/hello-dave-publish-[^/]+\/[0-9a-f]{12}-clip_one_final_\.txt$/);
  });

  it.skipIf(!existsSync(SSHD))(
    'keeps host key checking on: a server whose key is not in known_hosts is refused',
    async () => {
      if (mode !== 'real sshd') return; // the stand-in has no host key to check
      const before = await readdir(remote);
      const outcome = await callTool(scpTools('wrong_known_hosts'), 'publish_file', { path: 'clip one (final).txt' });
      expect(outcome.result.output).toMatch(
        /ToolRefusedError: The upload server's host key is not the one in known_hosts/,
      );
      expect(await readdir(remote)).toEqual(before);
    },
  );

  it.each([
    [{ host: '-oProxyCommand=sh' }, /not a plain host name/],
    [{ user: '-oProxyCommand=x' }, /not a plain user name/],
    [{ remoteDir: 'relative/dir' }, /absolute folder/],
    [{ remoteDir: '/var/www/$(id)' }, /absolute folder/],
    [{ remoteDir: '/var/www/../etc' }, /without "\.\."/],
    [{ publicBaseUrl: 'ftp://x/' }, /http\(s\) URL/],
  ])('refuses unsafe settings %j when made', (override, why) => {
    const settings = { host: 'cdn.example.test', remoteDir: '/srv/www', publicBaseUrl: 'https://x.test/', ...override };
    expect(() => scpBackend(settings)).toThrow(why);
  });
});

describe('publish toolset: local folder backend and refusals', () => {
  const local = () =>
    publishToolset({
      root,
      maxBytes: 1000,
      backend: localFolderBackend({ dir: remote, publicBaseUrl: 'http://localhost:8080/m/' }),
    });

  it('copies into the folder and returns the URL', async () => {
    const result = (await callTool(local(), 'publish_file', { path: 'clip one (final).txt' })).value as PublishResult;
    const name = decodeURIComponent(result.url.split('/').at(-1) ?? '');
    expect(result.url).toBe(`http://localhost:8080/m/${name}`);
    expect(await readFile(path.join(remote, name), 'utf8')).toBe('published bytes');
    expect((await readdir(remote)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [{ path: '../secret.txt' }, /climb out/],
    [{ path: '/etc/passwd' }, /absolute/],
    [{ path: 'link.txt' }, /symbolic link that leads out/],
    [{ path: 'sub' }, /is a folder, not a file/],
    [{ path: 'missing.txt' }, /does not exist/],
    [{ path: 'big.bin' }, /2000 bytes; the limit is 1000/],
  ])('refuses %j with a reason', async (args, why) => {
    const before = await readdir(remote);
    const outcome = await callTool(local(), 'publish_file', args);
    expect(outcome.result.output).toMatch(/ToolRefusedError/);
    expect(outcome.result.output).toMatch(why);
    expect(await readdir(remote)).toEqual(before);
  });
});
