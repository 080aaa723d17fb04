/**
 * The publish toolset (the older JavaScript hello-dave's CDN toolset): the model names a file inside a root folder,
 * the toolset uploads it and returns a public URL. Two backends: {@link scpBackend} (the system `scp`, an argument
 * vector without a shell, host key checking always on) and {@link localFolderBackend} (a folder a web server
 * serves). The file is read through the files toolset's checks ({@link ConfinedRoot}: no `..`, no absolute paths,
 * no symlinks out, no devices, the opened inode proven) and staged in a private temporary copy, so what is uploaded
 * is what was checked. The public name is a random prefix plus the file's name reduced to `[A-Za-z0-9._-]`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rename, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as z from 'zod/mini';
import { ConnectionError, ToolDefinitionError, ToolRefusedError } from '../../common/errors.js';
import { sniffMimeType } from '../../common/media-types.js';
import { defineTool } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { ConfinedRoot } from './confined-root.js';
import { runCommand } from './shell.js';

/** Where published files go. */
export interface PublishBackend {
  /** A short name for messages (`scp`, `local-folder`). */
  readonly name: string;
  /** Uploads the local file `file` under `publicName` and returns its public URL. */
  upload(file: string, publicName: string, signal: AbortSignal): Promise<string>;
}

/** Options of {@link publishToolset}. */
export interface PublishToolsetOptions {
  /** The folder the model may publish files from (it must exist). */
  root: string;
  /** Where files go: {@link scpBackend} or {@link localFolderBackend}. */
  backend: PublishBackend;
  /** Largest file published, bytes (default 100 MiB). */
  maxBytes?: number;
  /** Ask a person before each upload (default `false`). */
  needsApproval?: boolean;
  /** Tool name (default `publish_file`). */
  name?: string;
}

/** What `publish_file` returns. */
export interface PublishResult {
  /** The public URL. */
  url: string;
  /** The file that was published, relative to the root. */
  path: string;
  /** Its size, bytes. */
  bytes: number;
  /** Its type, when recognised from its first bytes. */
  mime_type?: string;
}

/** Options of {@link scpBackend}. */
export interface ScpBackendOptions {
  /** The server: a hostname or an IP address. */
  host: string;
  /** The login (default: ssh's own default, your user name). */
  user?: string;
  /** The SSH port (default 22). */
  port?: number;
  /** Absolute folder on the server the files are copied into. */
  remoteDir: string;
  /** The URL that folder is served under (`https://cdn.example.com/media/`). */
  publicBaseUrl: string;
  /** Private key file (`-i`, with `IdentitiesOnly=yes`); default: ssh's own keys and agent. */
  identityFile?: string;
  /** The known_hosts file holding the server's key (default: ssh's own). Host key checking is always strict. */
  knownHostsFile?: string;
  /** An ssh config file (`-F`; default: ssh's own). */
  configFile?: string;
  /** The `scp` executable (default `scp` on `PATH`). */
  scp?: string;
  /** Longest one upload may take, ms (default 120 s). */
  timeoutMs?: number;
}

const MIB = 1024 * 1024;
const PLAIN_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[?[0-9A-Fa-f:.]+\]?)$/;
const PLAIN_USER = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
const PLAIN_DIR = /^\/[A-Za-z0-9._/-]*$/;

/** The public name of a file: a random prefix and its name reduced to `[A-Za-z0-9._-]` (at most 80 characters). */
export function publicNameOf(file: string): string {
  const reduced = path
    .basename(file)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(-80);
  return `${randomBytes(6).toString('hex')}-${reduced || 'file'}`;
}

function publicUrlOf(baseUrl: URL, publicName: string): string {
  return new URL(encodeURIComponent(publicName), baseUrl).href;
}

function baseUrlOf(owner: string, input: string): URL {
  let url: URL;
  try {
    url = new URL(input.endsWith('/') ? input : `${input}/`);
  } catch {
    throw new ToolDefinitionError(owner, `publicBaseUrl ${JSON.stringify(input)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ToolDefinitionError(owner, 'publicBaseUrl must be an http(s) URL');
  return url;
}

/**
 * A backend that copies files into a folder on this machine (one a web server serves), atomically (a temporary
 * name, then `rename`).
 */
export function localFolderBackend(options: { dir: string; publicBaseUrl: string }): PublishBackend {
  const dir = path.resolve(options.dir);
  const baseUrl = baseUrlOf('localFolderBackend', options.publicBaseUrl);
  return {
    name: 'local-folder',
    async upload(file, publicName) {
      const target = path.join(dir, publicName);
      const temp = path.join(dir, `.${publicName}.tmp`);
      await copyFile(file, temp);
      await rename(temp, target).catch(async (error: unknown) => {
        await unlink(temp).catch(() => undefined);
        throw error;
      });
      return publicUrlOf(baseUrl, publicName);
    },
  };
}

/**
 * A backend that copies files with the system `scp` (OpenSSH): an argument vector, never a shell; `BatchMode=yes`
 * (no password prompts) and `StrictHostKeyChecking=yes` always — a server whose key is not in known_hosts is
 * refused, never trusted on first use. Host, user and folder are checked to be plain (no option or shell syntax).
 */
export function scpBackend(options: ScpBackendOptions): PublishBackend {
  const owner = 'scpBackend';
  if (!PLAIN_HOST.test(options.host))
    throw new ToolDefinitionError(owner, `host ${JSON.stringify(options.host)} is not a plain host name`);
  if (options.user !== undefined && !PLAIN_USER.test(options.user))
    throw new ToolDefinitionError(owner, `user ${JSON.stringify(options.user)} is not a plain user name`);
  if (!PLAIN_DIR.test(options.remoteDir) || options.remoteDir.split('/').includes('..'))
    throw new ToolDefinitionError(owner, 'remoteDir must be an absolute folder of [A-Za-z0-9._/-] without ".."');
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536))
    throw new ToolDefinitionError(owner, 'port must be 1–65535');
  const baseUrl = baseUrlOf(owner, options.publicBaseUrl);
  const host = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
  const login = options.user ? `${options.user}@${host}` : host;
  const dir = options.remoteDir.endsWith('/') ? options.remoteDir : `${options.remoteDir}/`;
  const args = [
    '-B',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'ConnectTimeout=15',
  ];
  if (options.configFile) args.push('-F', options.configFile);
  if (options.port) args.push('-P', String(options.port));
  if (options.identityFile) args.push('-i', options.identityFile, '-o', 'IdentitiesOnly=yes');
  if (options.knownHostsFile) args.push('-o', `UserKnownHostsFile=${options.knownHostsFile}`);
  const timeoutMs = options.timeoutMs ?? 120_000;
  return {
    name: 'scp',
    async upload(file, publicName, signal) {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
      const result = await runCommand(options.scp ?? 'scp', [...args, '--', file, `${login}:${dir}${publicName}`], {
        cwd: path.dirname(file),
        env,
        timeoutMs,
        maxBytes: 16 * 1024,
        signal,
      });
      if (result.exit_code === 0) return publicUrlOf(baseUrl, publicName);
      const said = `${result.stderr}`.trim().slice(0, 500);
      if (/host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(said)) {
        throw new ToolRefusedError(
          'host-key',
          `The upload server's host key is not the one in known_hosts; refused (host key checking stays on). scp said: ${said}`,
        );
      }
      throw new ConnectionError('scp', `upload failed (${result.stopped ?? `exit ${result.exit_code}`}): ${said}`);
    },
  };
}

/**
 * The publish toolset: one tool, `publish_file`, that uploads a file of the root and returns its public URL.
 * @example
 * ```ts
 * import { publishToolset, scpBackend } from 'hello-dave/node';
 * const publish = publishToolset({
 *   root: './out',
 *   backend: scpBackend({ host: 'cdn.example.com', user: 'deploy', remoteDir: '/var/www/media', publicBaseUrl: 'https://cdn.example.com/media/' }),
 * });
 * ```
 */
export function publishToolset(options: PublishToolsetOptions): ToolSet {
  const name = options.name ?? 'publish_file';
  const maxBytes = options.maxBytes ?? 100 * MIB;
  if (!(Number.isInteger(maxBytes) && maxBytes > 0))
    throw new ToolDefinitionError(name, 'maxBytes must be a positive integer');
  const root = new ConfinedRoot(options.root);
  const publish = defineTool({
    name,
    description: `Publishes a file of the work folder (path relative to it, at most ${maxBytes} bytes) and returns its public URL. Anyone with the URL can read it.`,
    input: z.object({ path: z.string() }),
    needsApproval: options.needsApproval === true,
    async run({ path: input }, context): Promise<PublishResult> {
      const checked = await root.existing(input);
      if (!checked.stats.isFile())
        throw new ToolRefusedError('not-a-file', `${JSON.stringify(input)} is a folder, not a file.`);
      if (checked.stats.size > maxBytes)
        throw new ToolRefusedError(
          'too-large',
          `${JSON.stringify(input)} is ${checked.stats.size} bytes; the limit is ${maxBytes} bytes.`,
        );
      const handle = await root.openChecked(checked);
      const stage = await mkdtemp(path.join(tmpdir(), 'hello-dave-publish-'));
      try {
        const publicName = publicNameOf(checked.real);
        const staged = path.join(stage, publicName);
        const head = new Uint8Array(16);
        await handle.read(head, 0, head.length, 0);
        // Copies through the checked descriptor: a path swapped after the check cannot change what is uploaded.
        await pipeline(
          handle.createReadStream({ start: 0, end: maxBytes - 1, autoClose: false }),
          createWriteStream(staged, { mode: 0o600, flags: 'wx' }),
        );
        const url = await options.backend.upload(staged, publicName, context.signal);
        const result: PublishResult = { url, path: checked.relative, bytes: checked.stats.size };
        const type = sniffMimeType(head);
        if (type) result.mime_type = type;
        return result;
      } finally {
        await handle.close();
        await rm(stage, { recursive: true, force: true });
      }
    },
  });
  return new ToolSet([publish], { name: 'publish' });
}
