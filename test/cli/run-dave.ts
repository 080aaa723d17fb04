/**
 * Runs `dave` as a real process, from the sources (through tsx's loader), with a home folder, sessions and
 * config of its own and no API keys.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const daveEntry = join(root, 'src/cli/index.ts');
const tsxLoader = pathToFileURL(join(root, 'node_modules/tsx/dist/esm/index.mjs')).href;

/** The node arguments that run `dave` from the sources. */
export const daveCommand = [process.execPath, '--import', tsxLoader, daveEntry];

/** A fresh home: `~/.hello-dave` inside, its own working folder, no keys. */
export interface DaveHome {
  home: string;
  cwd: string;
  sessions: string;
  env: Record<string, string>;
}

export function daveHome(extra: Record<string, string> = {}): DaveHome {
  const home = mkdtempSync(join(tmpdir(), 'dave-home-'));
  const cwd = join(home, 'work');
  mkdirSync(cwd);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /API_KEY|OPENAIKEY|^HELLO_DAVE_|^NODE_OPTIONS$|^VITEST|^DAVE_/.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, { HOME: home, NO_COLOR: '1', TERM: 'dumb' }, extra);
  return { home, cwd, sessions: join(home, '.hello-dave', 'sessions'), env };
}

/** The home's environment with a `dave` command (a shell wrapper running the sources) first on PATH. */
export function daveOnPath(home: DaveHome): Record<string, string> {
  const bin = join(home.home, 'bin');
  mkdirSync(bin, { recursive: true });
  const wrapper = join(bin, 'dave');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${daveCommand.map((part) => `'${part}'`).join(' ')} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return { ...home.env, PATH: `${bin}:${home.env.PATH ?? ''}` };
}

/** What a finished process gave. */
export interface DaveResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `dave ARGS`; the caller writes to stdin and waits with {@link finished}. */
export function startDave(args: readonly string[], home: DaveHome, env: Record<string, string> = {}): ChildProcess {
  const [command, ...rest] = daveCommand as [string, ...string[]];
  return spawn(command, [...rest, ...args], { cwd: home.cwd, env: { ...home.env, ...env }, stdio: 'pipe' });
}

/** Collects a process's output until it exits. */
export function finished(child: ChildProcess): Promise<DaveResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `dave ARGS` with `input` on stdin (closed after it) and resolves when it exits. */
export function dave(
  args: readonly string[],
  home: DaveHome,
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<DaveResult> {
  const child = startDave(args, home, options.env);
  const done = finished(child);
  child.stdin?.end(options.input ?? '');
  return done;
}

/** Resolves once `text` has appeared in the stream (or rejects after `ms`). */
export function waitFor(stream: NodeJS.ReadableStream | null, text: string | RegExp, ms = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}; saw:\n${seen}`)), ms);
    stream?.on('data', (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}
