/**
 * The shell toolset: runs allowlisted commands with an argument vector (no shell: no globbing, pipes, `;` or
 * `$(…)`), in a folder of the root, with a time limit, an output cap, a small environment (no API keys of the
 * app), and a person's approval before every call unless the app opts a command out. Off unless enabled.
 * @module
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { ToolDefinitionError, ToolRefusedError } from '../../common/errors.js';
import { decodeText, describeBinary } from '../../common/text.js';
import { defineTool } from '../../core/tools/define-tool.js';
import { ToolSet } from '../../core/tools/tool-set.js';
import { ConfinedRoot } from './confined-root.js';

/** How one allowlisted command may run. */
export interface ShellCommandOptions {
  /** Absolute path of the executable (default: the name looked up on the app's `PATH`, absolute entries only). */
  executable?: string;
  /** Ask a person before each call (default `true`; `false` opts this command out). */
  needsApproval?: boolean;
  /**
   * `confined` (default): arguments that look like paths must stay in the root (no absolute paths, no `..`, no
   * `~`, no `file:` URLs, also after `=`, `@` or glued option letters like `-f/x`; no symbolic link out of the
   * root on their way). `any`: arguments are passed as they are.
   */
  pathArgs?: 'confined' | 'any';
  /** Your own check of the arguments: return a reason to refuse the call, or `undefined` to allow it. */
  checkArgs?(args: readonly string[]): string | undefined;
}

/** Options of {@link shellToolset}. */
export interface ShellToolsetOptions {
  /** Must be `true`, or the toolset has no tools (so `enabled: process.env.ALLOW_SHELL === '1'` works). */
  enabled: boolean;
  /** The folder commands run in (and `cwd` is confined to). */
  root: string;
  /** The allowlist: command name → its options (`true` for the defaults). */
  commands: Readonly<Record<string, ShellCommandOptions | true>>;
  /** Longest a command may run, ms (default 30 s); it is killed (its whole process group) after that. */
  timeoutMs?: number;
  /** Most bytes kept of stdout and of stderr each (default 64 KiB); the command is killed when it writes more. */
  maxOutputBytes?: number;
  /** Environment of the commands (default: `PATH` of the app, `HOME` = the root, `LANG=C.UTF-8`; nothing else). */
  env?: Readonly<Record<string, string>>;
  /** Tool name (default `shell_run`). */
  name?: string;
}

/** What `shell_run` returns. */
export interface ShellRunResult {
  /** The command and its arguments, as run. */
  command: string[];
  /** Exit code (`null` when killed by a signal). */
  exit_code: number | null;
  /** The signal that ended it, if any. */
  signal?: string;
  /** Standard output (text, or a description of binary output). */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Set when the output cap or the time limit stopped the command. */
  stopped?: string;
}

const MAX_ARGS = 256;
const MAX_ARG_LENGTH = 8192;

/**
 * The parts of an argument that a program may take as a path: the argument, what follows each `=` (`--file=x`,
 * `if=x`), what follows one to three option letters glued to a path (`-f/x`, `-xf/x`, `-C..`), and what follows a
 * leading `@` (`@file`, `-d@file`).
 */
function pathValues(arg: string): string[] {
  const values = [arg];
  for (let eq = arg.indexOf('='); eq >= 0; eq = arg.indexOf('=', eq + 1)) values.push(arg.slice(eq + 1));
  const glued = /^-[A-Za-z0-9]{1,3}(?=[\\/~@]|\.\.)/.exec(arg);
  if (glued) values.push(arg.slice(glued[0].length));
  for (const value of [...values]) if (value.startsWith('@')) values.push(value.slice(1));
  return values;
}

/** Why an argument that looks like a path leaves the root, if it does (a check of its spelling only). */
export function pathArgumentProblem(arg: string): string | undefined {
  for (const value of pathValues(arg)) {
    const folded = value.normalize('NFKC');
    if (/^[\\/]/.test(folded) || /^[a-zA-Z]:[\\/]/.test(folded)) return `"${arg}" is an absolute path`;
    if (/^file:/i.test(folded)) return `"${arg}" is a file: URL`;
    if (folded.startsWith('~')) return `"${arg}" points into a home folder`;
    if (folded.split(/[\\/]/).includes('..')) return `"${arg}" climbs out with ".."`;
    if (/%(2e|2f|5c|25)/i.test(value)) return `"${arg}" has percent-encoded dots or separators`;
  }
  return undefined;
}

/**
 * Why an argument, taken as a path relative to `cwd`, leads out of the root through a symbolic link (or through
 * one that leads nowhere, which a write would create outside), if it does. Its longest existing part is resolved.
 */
async function linkArgumentProblem(root: ConfinedRoot, cwd: string, arg: string): Promise<string | undefined> {
  const values = pathValues(arg);
  if (/^-[^-]/.test(arg)) values.push(arg.slice(2)); // -fname
  for (const value of values) {
    for (let candidate = path.resolve(cwd, value); ; candidate = path.dirname(candidate)) {
      if (
        await lstat(candidate).then(
          () => true,
          () => false,
        )
      ) {
        const real = await realpath(candidate).catch(() => undefined);
        if (real === undefined) return `"${arg}" passes through a symbolic link that leads nowhere`;
        if (!(await root.contains(real))) return `"${arg}" leads out of the work folder through a symbolic link`;
        break;
      }
      if (path.dirname(candidate) === candidate) break;
    }
  }
  return undefined;
}

async function findExecutable(name: string, root: ConfinedRoot, given?: string): Promise<string> {
  const candidates = given
    ? [given]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter((dir) => path.isAbsolute(dir))
        .map((dir) => path.join(dir, name));
  for (const candidate of candidates) {
    if (!path.isAbsolute(candidate)) continue;
    try {
      await access(candidate, constants.X_OK);
    } catch {
      continue;
    }
    if (await root.contains(await realpath(candidate))) {
      throw new ToolRefusedError('inside-root', `The executable of "${name}" lies inside the root; refused.`);
    }
    return candidate;
  }
  throw new ToolRefusedError('not-found', `The command "${name}" is not installed here.`);
}

interface Collected {
  chunks: Buffer[];
  bytes: number;
}

function outputText(collected: Collected): string {
  const bytes = Buffer.concat(collected.chunks);
  return decodeText(bytes) ?? describeBinary(bytes, collected.bytes);
}

/**
 * Runs one command: no shell, its own process group (killed whole on timeout, cap or abort). Also used by the
 * publish toolset's scp backend.
 * @internal
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number; maxBytes: number; signal: AbortSignal },
): Promise<Omit<ShellRunResult, 'command'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Collected = { chunks: [], bytes: 0 };
    const err: Collected = { chunks: [], bytes: 0 };
    let stopped: string | undefined;
    const kill = (why: string) => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const collect = (into: Collected) => (chunk: Buffer) => {
      const room = options.maxBytes - into.bytes;
      if (room > 0) into.chunks.push(chunk.subarray(0, room));
      into.bytes += chunk.length;
      if (into.bytes > options.maxBytes) kill(`output passed ${options.maxBytes} bytes; the command was killed`);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(() => kill(`time limit of ${options.timeoutMs} ms reached; killed`), options.timeoutMs);
    const onAbort = () => kill('the run was cancelled');
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      const result: Omit<ShellRunResult, 'command'> = {
        exit_code: code,
        stdout: outputText(out),
        stderr: outputText(err),
      };
      if (signal) result.signal = signal;
      if (stopped) result.stopped = stopped;
      resolve(result);
    });
  });
}

/**
 * The shell toolset: one tool, `shell_run`, that runs a command of the allowlist. Returns an empty set unless
 * `enabled` is `true`.
 * @example
 * ```ts
 * import { shellToolset } from 'hello-dave/node';
 * const shell = shellToolset({
 *   enabled: true,
 *   root: './work',
 *   commands: { ls: { needsApproval: false }, git: { checkArgs: (a) => (a[0] === 'push' ? 'no pushing' : undefined) } },
 * });
 * ```
 */
export function shellToolset(options: ShellToolsetOptions): ToolSet {
  if (options.enabled !== true) return new ToolSet([], { name: 'shell' });
  const name = options.name ?? 'shell_run';
  const names = Object.keys(options.commands);
  const [first, ...rest] = names;
  if (first === undefined) throw new ToolDefinitionError(name, 'the allowlist (commands) is empty');
  for (const command of names) {
    if (!/^[a-zA-Z0-9._+-]+$/.test(command) || command.startsWith('.'))
      throw new ToolDefinitionError(name, `"${command}" is not a plain command name`);
  }
  const root = new ConfinedRoot(options.root);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxOutputBytes ?? 64 * 1024;
  const settingsOf = (command: string): ShellCommandOptions => {
    const entry = Object.hasOwn(options.commands, command) ? options.commands[command] : undefined;
    if (entry === undefined) throw new ToolRefusedError('not-allowed', `"${command}" is not an allowed command.`);
    return entry === true ? {} : entry;
  };
  const executables = new Map<string, Promise<string>>();

  const run = defineTool({
    name,
    // The command's own limit kills it and reports how; the tool's limit is only a backstop after that.
    timeoutMs: timeoutMs + 10_000,
    description: `Runs one allowed command (${names.join(', ')}) with arguments, without a shell (no pipes, globs or redirection), in the work folder. Output is capped at ${maxBytes} bytes, time at ${timeoutMs} ms.`,
    input: z.object({
      command: z.enum([first, ...rest] as [string, ...string[]]),
      args: z.optional(z.array(z.string())),
      cwd: z.optional(z.string()),
    }),
    needsApproval: ({ command }) =>
      Object.hasOwn(options.commands, command) && settingsOf(command).needsApproval !== false,
    async run({ command, args = [], cwd = '.' }, context): Promise<ShellRunResult> {
      const settings = settingsOf(command);
      if (args.length > MAX_ARGS) throw new ToolRefusedError('too-many-args', `At most ${MAX_ARGS} arguments.`);
      for (const arg of args) {
        if (arg.includes('\0')) throw new ToolRefusedError('invalid-arg', 'An argument contains a NUL character.');
        if (arg.length > MAX_ARG_LENGTH)
          throw new ToolRefusedError('invalid-arg', `An argument is longer than ${MAX_ARG_LENGTH} characters.`);
        const problem = settings.pathArgs === 'any' ? undefined : pathArgumentProblem(arg);
        if (problem) throw new ToolRefusedError('outside-root', `Refused: ${problem}; stay inside the work folder.`);
      }
      const own = settings.checkArgs?.(args);
      if (own !== undefined) throw new ToolRefusedError('not-allowed', `Refused by the app: ${own}`);
      const folder = await root.existing(cwd);
      if (!folder.stats.isDirectory()) throw new ToolRefusedError('not-a-folder', `cwd "${cwd}" is not a folder.`);
      for (const arg of settings.pathArgs === 'any' ? [] : args) {
        const problem = await linkArgumentProblem(root, folder.real, arg);
        if (problem) throw new ToolRefusedError('symlink', `Refused: ${problem}; stay inside the work folder.`);
      }
      let executable = executables.get(command);
      if (!executable) {
        executable = findExecutable(command, root, settings.executable);
        executables.set(command, executable);
        executable.catch(() => executables.delete(command));
      }
      const env = options.env
        ? { ...options.env }
        : { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: await root.realRoot(), LANG: 'C.UTF-8' };
      const result = await runCommand(await executable, args, {
        cwd: folder.real,
        env,
        timeoutMs,
        maxBytes,
        signal: context.signal,
      });
      return { command: [command, ...args], ...result };
    },
  });
  return new ToolSet([run], { name: 'shell' });
}
