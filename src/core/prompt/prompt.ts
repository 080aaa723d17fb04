/**
 * `Prompt`: the provider-neutral history an agent keeps (instructions + messages), with the operations the
 * run loop needs: add messages, read copies, prune resolved tool-call rounds, validate, and a lossless JSON form.
 * @module
 */
import * as z from 'zod/mini';
import { copyTree, deepFreeze, frozenCopy } from '../immutable.js';
import {
  type HistoryIssue,
  messageText,
  type PruneOptions,
  pruneRounds,
  toolCallsOf,
  validateHistory,
} from './history.js';
import type {
  AssistantMessage,
  AssistantPart,
  Message,
  ToolCallPart,
  ToolMessage,
  ToolResultPart,
  UserMessage,
  UserPart,
} from './message.js';
import { promptJsonSchema } from './message-schema.js';

export { type HistoryIssue, messageText, type PruneOptions, toolCallsOf, validateHistory } from './history.js';
export { messageSchema } from './message-schema.js';

/** Deep copy of JSON-like data (messages, parts, opaque provider items). */
export function cloneDeep<T>(value: T): T {
  return structuredClone(value);
}

/** The JSON form of a {@link Prompt}: `Prompt.fromJSON(prompt.toJSON())` gives back an equal prompt. */
export interface PromptJSON {
  /** Format version. */
  v: 1;
  /** System instructions, when set. */
  instructions?: string;
  /** The history. */
  messages: Message[];
}

let viewOf: (prompt: Prompt) => readonly Message[];

/**
 * For the run loop (not part of the public API): the prompt's history as a frozen array of frozen messages,
 * shared instead of copied. It stays valid (and unchanged) after the prompt changes; read it, never cast it
 * to mutable. Public readers get copies from {@link Prompt.messages}.
 */
export function historyView(prompt: Prompt): readonly Message[] {
  return viewOf(prompt);
}

/**
 * For the run loop: like {@link historyView}, with resolved tool rounds removed as
 * {@link Prompt.pruneResolvedToolCalls} would (the prompt itself is not changed).
 */
export function prunedHistoryView(prompt: Prompt, options: PruneOptions = {}): readonly Message[] {
  const view = viewOf(prompt);
  const { kept, removed } = pruneRounds(view, options.keepLast ?? true);
  if (removed === 0) return view;
  for (const message of kept) deepFreeze(message);
  return Object.freeze(kept);
}

/** A result for a tool call left without one (see {@link Prompt.resolveDanglingToolCalls}). */
export interface DanglingAnswer {
  /** What the model reads. */
  output: string;
  /** Whether it is an error result. */
  isError: boolean;
}

/**
 * The history of a conversation: system instructions plus user, assistant and tool messages. Every accessor
 * returns deep copies, so nothing read from a prompt can change it.
 * @example
 * ```ts
 * const prompt = new Prompt({ instructions: 'Be brief.' }).addUser('Hello');
 * const again = Prompt.fromJSON(JSON.parse(JSON.stringify(prompt)));
 * ```
 */
export class Prompt {
  #instructions: string | undefined;
  /** Every message is the prompt's own copy, deep-frozen: it can be shared without copying. */
  #messages: Message[];
  /** A frozen snapshot of `#messages`, made on demand and dropped on every change. */
  #view: readonly Message[] | undefined;

  static {
    viewOf = (prompt) => {
      prompt.#view ??= Object.freeze(prompt.#messages.slice());
      return prompt.#view;
    };
  }

  /** Starts a prompt, optionally with instructions and an existing history (copied). */
  constructor(init: { instructions?: string; messages?: readonly Message[] } = {}) {
    this.#instructions = init.instructions;
    this.#messages = [];
    if (init.messages) for (const message of init.messages) this.#push(frozenCopy(message));
  }

  /** Appends a message the prompt owns (a fresh copy or a frozen message of its own). */
  #push(message: Message): void {
    this.#messages.push(deepFreeze(message));
    this.#view = undefined;
  }

  /** System instructions, or `undefined`. */
  get instructions(): string | undefined {
    return this.#instructions;
  }

  /** A deep copy of the history. */
  get messages(): Message[] {
    return copyTree(this.#messages);
  }

  /** Number of messages. */
  get length(): number {
    return this.#messages.length;
  }

  /** Sets (or clears, with `undefined`) the system instructions. */
  setInstructions(instructions: string | undefined): this {
    this.#instructions = instructions;
    return this;
  }

  /** Appends copies of any messages. */
  add(...messages: Message[]): this {
    for (const message of messages) this.#push(frozenCopy(message));
    return this;
  }

  /** Appends a user message: plain text, or text / image / audio / file parts. */
  addUser(content: string | readonly UserPart[]): this {
    const message: UserMessage = {
      role: 'user',
      content: typeof content === 'string' ? [{ type: 'text', text: content }] : frozenCopy(content as UserPart[]),
    };
    this.#push(message);
    return this;
  }

  /** Appends an assistant message: plain text, parts, or a whole assistant message. */
  addAssistant(content: string | readonly AssistantPart[] | AssistantMessage): this {
    let parts: AssistantPart[];
    if (typeof content === 'string') parts = [{ type: 'text', text: content }];
    else if (Array.isArray(content)) parts = frozenCopy(content as AssistantPart[]);
    else parts = frozenCopy((content as AssistantMessage).content);
    this.#push({ role: 'assistant', content: parts });
    return this;
  }

  /** Appends tool results (one tool message answering the last assistant message's calls). */
  addToolResults(results: readonly ToolResultPart[]): this {
    const message: ToolMessage = { role: 'tool', content: frozenCopy(results as ToolResultPart[]) };
    this.#push(message);
    return this;
  }

  /** A copy of the last message, or `undefined`. */
  last(): Message | undefined {
    const message = this.#messages.at(-1);
    return message ? copyTree(message) : undefined;
  }

  /** Text of the last assistant message ('' when there is none). */
  lastAssistantText(): string {
    for (let index = this.#messages.length - 1; index >= 0; index--) {
      const message = this.#messages[index];
      if (message?.role === 'assistant') return messageText(message);
    }
    return '';
  }

  /** Tool calls of the last assistant message that have no result yet. */
  pendingToolCalls(): ToolCallPart[] {
    let answered = new Set<string>();
    for (let index = this.#messages.length - 1; index >= 0; index--) {
      const message = this.#messages[index];
      if (!message) continue;
      if (message.role === 'tool') {
        answered = new Set([...answered, ...message.content.map((result) => result.callId)]);
        continue;
      }
      if (message.role !== 'assistant') return [];
      return copyTree(toolCallsOf(message).filter((call) => !answered.has(call.id)));
    }
    return [];
  }

  /**
   * Gives every tool call still waiting for a result (a run that stopped mid-tool) a result, so the history is
   * valid again before new messages are added: an error result with `answer` when it is text, else what `answer`
   * says for that call. Returns the number of results added.
   */
  resolveDanglingToolCalls(
    answer:
      | string
      | ((call: ToolCallPart) => {
          output: string;
          isError: boolean;
        }) = 'The tool call did not finish: the run stopped before its result arrived.',
  ): number {
    const pending = this.pendingToolCalls();
    if (pending.length === 0) return 0;
    this.addToolResults(
      pending.map((call): ToolResultPart => {
        const { output, isError } = typeof answer === 'string' ? { output: answer, isError: true } : answer(call);
        const result: ToolResultPart = { type: 'tool-result', callId: call.id, name: call.name, output };
        if (isError) result.isError = true;
        return result;
      }),
    );
    return pending.length;
  }

  /**
   * The token saver: removes resolved tool-call rounds (an assistant message's tool calls and the results that
   * answer them) except, with `keepLast` (the default), the most recent one. The reasoning parts of a removed
   * round go with it (a reasoning item must stay beside the items that follow it); text the assistant wrote in
   * that message stays. Rounds whose calls are not all answered are never touched. Returns the number of rounds
   * removed.
   */
  pruneResolvedToolCalls(options: PruneOptions = {}): number {
    const { kept, removed } = pruneRounds(this.#messages, options.keepLast ?? true);
    if (removed === 0) return 0;
    for (const message of kept) deepFreeze(message);
    this.#messages = kept;
    this.#view = undefined;
    return removed;
  }

  /** Problems that would make a provider reject this history: a tool result without its call, and the like. */
  validate(): HistoryIssue[] {
    return validateHistory(this.#messages);
  }

  /** A deep copy of this prompt. */
  clone(): Prompt {
    // The messages are frozen, so the copy can share them.
    const copy = new Prompt({ instructions: this.#instructions });
    copy.#messages = this.#messages.slice();
    return copy;
  }

  /** The JSON form (a deep copy). */
  toJSON(): PromptJSON {
    const json: PromptJSON = { v: 1, messages: copyTree(this.#messages) };
    if (this.#instructions !== undefined) json.instructions = this.#instructions;
    return json;
  }

  /** Reads the JSON form back; throws a `TypeError` naming the first problem when it does not fit. */
  static fromJSON(json: unknown): Prompt {
    const parsed = z.safeParse(promptJsonSchema, json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`Not a Prompt JSON: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    // Keep the original objects (opaque reasoning data stays exact), not zod's re-built copy.
    const source = json as PromptJSON;
    return new Prompt({ instructions: source.instructions, messages: source.messages });
  }
}
