/**
 * Tool calls that need approval ask the person: `Allow shell_run {…}? [y/N]` on the terminal. Without a terminal
 * the call is refused (the model is told), unless `--yes` approves every call.
 * @module
 */
import { createInterface, type Interface } from 'node:readline';
import type { ApprovalHandler, ApprovalRequest } from '../index.js';
import { writeJsonEvent } from './json-events.js';
import { short } from './render.js';

/** How approval questions are answered. */
export interface ApprovalOptions {
  /** Approve every call without asking (`--yes`). */
  yes?: boolean;
  /** The interactive prompt's readline, when there is one (its questions share the terminal). */
  readline?: Interface;
  /** Where `--json` lines go, when in JSON mode. */
  json?: NodeJS.WritableStream;
}

/** Asks a yes/no question on the terminal; anything but y / yes is no. */
export async function askYesNo(question: string, readline?: Interface): Promise<boolean> {
  const rl = readline ?? createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    if (!readline) rl.close();
  }
}

function questionOf(request: ApprovalRequest): string {
  return `Allow ${request.toolName} ${short(request.input, 200)}? [y/N] `;
}

/** The approval handler of a run. */
export function approvalHandler(options: ApprovalOptions): ApprovalHandler {
  return async (request) => {
    let approved: boolean;
    if (options.yes) approved = true;
    else if (process.stdin.isTTY) approved = await askYesNo(questionOf(request), options.readline);
    else {
      process.stderr.write(
        `  refused ${request.toolName}: it needs approval and there is no terminal to ask (use --yes to allow)\n`,
      );
      approved = false;
    }
    if (options.json) {
      writeJsonEvent(options.json, {
        type: 'approval',
        callId: request.callId,
        name: request.toolName,
        input: request.input,
        approved,
      });
    }
    return approved;
  };
}
