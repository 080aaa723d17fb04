/**
 * A conversation with one agent: the agent (by name or path, with the command line's model choice), its session in
 * the file session store, and one turn at a time, streamed to a renderer.
 * @module
 */
import type { Agent, ApprovalHandler, Session, SessionEntry } from '../index.js';
import { type DaveConfig, loadAgent } from '../node/agents/index.js';
import { FileSessionStore, SessionLockedError } from '../node/index.js';
import { UsageError } from './errors.js';
import { writeJsonEvent } from './json-events.js';
import type { Renderer } from './render.js';

/** The command-line options that choose the agent and its session. */
export interface ChatOptions {
  agent?: string;
  model?: string;
  provider?: string;
  session?: string;
  offline?: boolean;
  json?: boolean;
}

/** An agent with its session. */
export interface Chat {
  agent: Agent;
  session: Session;
  /** Where the session file is. */
  sessionFile: string;
}

/** The agent a session started with (its first top-level run). */
export function sessionAgent(entries: readonly SessionEntry[]): string | undefined {
  for (const entry of entries) if (entry.type === 'start' && !entry.parentRunId) return entry.agent;
  return undefined;
}

/**
 * Opens (or starts) the session and loads the agent: `--agent`, else the session's, else `ask` (`echo` offline).
 * A new session is written only once the agent loads (a missing key or a broken agent leaves no empty session).
 */
export async function openChat(options: ChatOptions, config: DaveConfig, cwd: string): Promise<Chat> {
  const store = new FileSessionStore({ dir: config.sessionsDir });
  let session: Session | undefined;
  let name = options.agent;
  if (options.session) {
    try {
      session = await store.open(options.session);
    } catch (error) {
      if (SessionLockedError.isInstance(error)) throw new UsageError(error.message);
      throw new UsageError(`no session "${options.session}" in ${config.sessionsDir} (dave sessions list shows them)`);
    }
    name ??= sessionAgent(await session.read());
  }
  name ??= options.offline ? 'echo' : 'ask';
  const agent = await loadAgent(name, {
    cwd,
    config,
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.provider !== undefined ? { provider: options.provider } : {}),
    ...(options.offline ? { offline: true } : {}),
  });
  session ??= await store.create();
  return { agent, session, sessionFile: store.pathOf(session.id) };
}

/** Writes the `start` line of a `--json` run. */
export function writeStart(out: NodeJS.WritableStream, chat: Chat): void {
  writeJsonEvent(out, {
    type: 'start',
    agent: chat.agent.name,
    provider: chat.agent.model.provider,
    model: chat.agent.model.modelId,
    sessionId: chat.session.id,
  });
}

/** Runs one turn: streams its events to `renderer` and returns the answer text. Rejects with AbortedError on cancel. */
export async function runTurn(
  chat: Chat,
  input: string,
  renderer: Renderer,
  options: { signal: AbortSignal; onApproval: ApprovalHandler; json?: NodeJS.WritableStream },
): Promise<string> {
  const stream = chat.agent.stream(input, {
    session: chat.session,
    signal: options.signal,
    onApproval: options.onApproval,
  });
  try {
    for await (const event of stream) renderer.event(event);
  } finally {
    renderer.flush();
  }
  const result = await stream.result;
  if (options.json) {
    writeJsonEvent(options.json, {
      type: 'done',
      text: result.text,
      finishReason: result.finishReason,
      usage: result.usage,
      sessionId: chat.session.id,
    });
  }
  return result.text;
}
