/**
 * Interactive mode: a prompt with history (kept in `~/.hello-dave/history`), multi-line input (end a line with `\`,
 * or put the text between lines of `"""`), and the commands /help, /exit, /session, /tools. Ctrl-C cancels the
 * running turn and keeps the session; a second Ctrl-C exits with code 130. With `--json`, stdout carries the
 * `--json` events of every turn (one `start` line first, a `done` or `error` line per turn); prompts and command
 * output stay on stderr.
 * @module
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { AbortedError } from '../index.js';
import { daveHome } from '../node/agents/index.js';
import { approvalHandler } from './approval.js';
import { type Chat, runTurn, writeStart } from './chat.js';
import { describeError, EXIT, exitCodeOf } from './errors.js';
import { errorEvent, writeJsonEvent } from './json-events.js';
import { jsonRenderer, type Renderer, textRenderer } from './render.js';

const HISTORY_SIZE = 500;

/** The commands of interactive mode, for /help. */
export const INTERACTIVE_HELP = [
  '/help      this list',
  '/session   the session id and file (resume later with dave --session ID)',
  '/tools     the tools the agent can call',
  '/exit      leave (Ctrl-D too)',
  'End a line with \\ to go on typing, or put several lines between lines of """.',
  'Ctrl-C cancels the running answer; Ctrl-C again exits.',
].join('\n');

function historyFile(): string {
  return join(daveHome(), 'history');
}

function loadHistory(): string[] {
  try {
    return readFileSync(historyFile(), 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

function saveHistory(line: string): void {
  try {
    mkdirSync(dirname(historyFile()), { recursive: true });
    appendFileSync(historyFile(), `${line.replace(/\n/g, ' ')}\n`);
  } catch {
    // History is a convenience: a read-only home folder must not stop the conversation.
  }
}

/** Lines as they arrive, read one at a time (piped input can arrive faster than turns end). */
function lineQueue(rl: Interface): () => Promise<string | undefined> {
  const lines: string[] = [];
  let ended = false;
  let waiting: ((line: string | undefined) => void) | undefined;
  rl.on('line', (line) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(line);
    } else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    waiting?.(undefined);
    waiting = undefined;
  });
  return () => {
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      waiting = resolve;
    });
  };
}

/** Reads one message: continued lines (`\`) and `"""` blocks are joined. */
async function readMessage(next: () => Promise<string | undefined>, rl: Interface): Promise<string | undefined> {
  const first = await next();
  if (first === undefined) return undefined;
  if (first.trim() === '"""') {
    const lines: string[] = [];
    rl.setPrompt('... ');
    for (;;) {
      rl.prompt();
      const line = await next();
      if (line === undefined || line.trim() === '"""') break;
      lines.push(line);
    }
    return lines.join('\n');
  }
  let text = first;
  while (text.endsWith('\\')) {
    rl.setPrompt('... ');
    rl.prompt();
    const line = await next();
    text = `${text.slice(0, -1)}\n${line ?? ''}`;
    if (line === undefined) break;
  }
  return text;
}

function commandOutput(command: string, chat: Chat): string | undefined {
  switch (command) {
    case '/help':
      return INTERACTIVE_HELP;
    case '/session':
      return `session ${chat.session.id}\nfile    ${chat.sessionFile}`;
    case '/tools': {
      const specs = chat.agent.tools.specs();
      if (specs.length === 0) return `${chat.agent.name} has no tools.`;
      return specs.map((spec) => `${spec.name.padEnd(22)} ${spec.description.split('\n')[0]}`).join('\n');
    }
    default:
      return undefined;
  }
}

/** Runs interactive mode until /exit, end of input, or a second Ctrl-C; resolves with the exit code. */
export async function interactive(chat: Chat, options: { yes?: boolean; json?: boolean }): Promise<number> {
  const terminal = process.stdin.isTTY === true;
  const rl = createInterface({
    input: process.stdin,
    output: process.stderr,
    terminal,
    history: terminal ? loadHistory() : [],
    historySize: HISTORY_SIZE,
  });
  const next = lineQueue(rl);
  const json = options.json === true ? process.stdout : undefined;
  const renderer: Renderer = json ? jsonRenderer(json) : textRenderer(process.stdout, process.stderr);
  const onApproval = approvalHandler({
    readline: rl,
    ...(options.yes !== undefined ? { yes: options.yes } : {}),
    ...(json ? { json } : {}),
  });
  let turn: AbortController | undefined;
  let armed = false;
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    exit = resolve;
  });
  const onInterrupt = () => {
    if (turn) {
      turn.abort();
      armed = true;
      return;
    }
    if (armed) return exit(EXIT.interrupted);
    armed = true;
    process.stderr.write('\n(Ctrl-C again to exit)\n');
    rl.write(null, { ctrl: true, name: 'u' });
    rl.setPrompt('> ');
    rl.prompt();
  };
  rl.on('SIGINT', onInterrupt);
  process.on('SIGINT', onInterrupt);
  process.stderr.write(
    `${chat.agent.name} (${chat.agent.model.provider}:${chat.agent.model.modelId}) — /help for help, /exit to leave\n`,
  );
  if (json) writeStart(json, chat);

  const loop = async (): Promise<number> => {
    for (;;) {
      rl.setPrompt('> ');
      rl.prompt();
      const message = await readMessage(next, rl);
      if (message === undefined) return EXIT.ok;
      const text = message.trim();
      if (text === '') continue;
      armed = false;
      if (terminal) saveHistory(text);
      if (text === '/exit' || text === '/quit') return EXIT.ok;
      if (text.startsWith('/') && !text.includes(' ')) {
        process.stderr.write(`${commandOutput(text, chat) ?? `unknown command ${text}; /help lists them`}\n`);
        continue;
      }
      turn = new AbortController();
      try {
        await runTurn(chat, message, renderer, { signal: turn.signal, onApproval, ...(json ? { json } : {}) });
      } catch (error) {
        const cancelled = AbortedError.isInstance(error) || turn.signal.aborted;
        const message = cancelled ? 'cancelled' : describeError(error);
        if (json) writeJsonEvent(json, errorEvent(error, message, cancelled ? EXIT.interrupted : exitCodeOf(error)));
        renderer.note(cancelled ? '(cancelled)' : `dave: ${message}`);
      } finally {
        turn = undefined;
      }
    }
  };
  const code = await Promise.race([loop(), exited]);
  process.off('SIGINT', onInterrupt);
  rl.close();
  process.stderr.write(`session ${chat.session.id} (dave --session ${chat.session.id} to go on)\n`);
  return code;
}
