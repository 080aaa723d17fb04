/**
 * Helpers of the session fault tests (not a test file): child processes, dead pids, entry text.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageText } from '../../../src/core/prompt/prompt.js';
import type { SessionEntry, SessionEntryInput } from '../../../src/core/session/session.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A user message entry whose text is `entry <index>` (plus `padding`). */
export function numbered(index: number, padding = ''): SessionEntryInput {
  return {
    type: 'message',
    runId: 'run_fault',
    message: { role: 'user', content: [{ type: 'text', text: `entry ${index}${padding ? ` ${padding}` : ''}` }] },
  };
}

/** The indexes of `numbered` entries, in file order. */
export function indexes(entries: readonly SessionEntry[]): number[] {
  return entries
    .map((entry) => (entry.type === 'message' ? messageText(entry.message) : ''))
    .map((text) => Number(/^entry (\d+)/.exec(text)?.[1] ?? -1))
    .filter((index) => index >= 0);
}

/** The pid of a process that has exited (a node process started and waited for). */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

/** A node process that stays alive until killed. */
export function liveProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
}

/** A child writer (test/node/session-append-child.ts): appends `count` entries, `ack <n>` after each. */
export function appendingChild(
  dir: string,
  id: string,
  count: number,
  mode = '',
): { child: ChildProcess; acked: number[]; exited: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, '../../node/session-append-child.ts'), dir, id, String(count), mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const acked: number[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return { child, acked, exited };
}

/** Starts a script of this folder under tsx. */
export function tsxChild(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves once `condition` holds (checked every 5 ms), or rejects after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
