/**
 * `Prompt`: the provider-neutral history an agent keeps (instructions + messages), with the operations the
 * run loop needs: add messages, read copies, prune resolved tool-call rounds, validate, and a lossless JSON form.
 * @module
 */
import * as z from 'zod/mini';
import { copyTree, deepFreeze, frozenCopy } from '../immutable.js';
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

/** One problem found in a history (see `Prompt.validate`). */
export interface HistoryIssue {
  /** Index of the message the problem is in. */
  index: number;
  /** What is wrong. */
  message: string;
}

/** Options of {@link Prompt.pruneResolvedToolCalls}. */
export interface PruneOptions {
  /** Keep the most recent resolved round (default `true`): the model still sees what it just did. */
  keepLast?: boolean;
}

const mediaSource = z.union([
  z.object({ kind: z.literal('url'), url: z.string() }),
  z.object({ kind: z.literal('base64'), data: z.string(), mimeType: z.string() }),
  z.object({ kind: z.literal('file'), fileId: z.string() }),
]);
const textPart = z.object({ type: z.literal('text'), text: z.string() });
const userPart = z.union([
  textPart,
  z.object({ type: z.literal('image'), source: mediaSource, detail: z.optional(z.enum(['auto', 'low', 'high'])) }),
  z.object({ type: z.literal('audio'), source: mediaSource }),
  z.object({ type: z.literal('file'), source: mediaSource, filename: z.optional(z.string()) }),
]);
const toolCallPart = z.object({
  type: z.literal('tool-call'),
  id: z.string(),
  name: z.string(),
  arguments: z.string(),
  itemId: z.optional(z.string()),
});
const assistantPart = z.union([
  textPart,
  toolCallPart,
  z.object({
    type: z.literal('reasoning'),
    provider: z.string(),
    summary: z.optional(z.string()),
    text: z.optional(z.string()),
    data: z.unknown(),
  }),
  z.object({
    type: z.literal('media'),
    kind: z.enum(['image', 'video', 'audio']),
    source: mediaSource,
    itemId: z.optional(z.string()),
  }),
  z.object({ type: z.literal('provider-item'), provider: z.string(), data: z.unknown() }),
]);
const toolResultPart = z.object({
  type: z.literal('tool-result'),
  callId: z.string(),
  name: z.string(),
  output: z.string(),
  isError: z.optional(z.boolean()),
});

/** Schema of one {@link Message} (zod/mini), used to read stored histories and sessions. */
export const messageSchema = z.union([
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.array(userPart) }),
  z.object({ role: z.literal('assistant'), content: z.array(assistantPart) }),
  z.object({ role: z.literal('tool'), content: z.array(toolResultPart) }),
]);

const promptJsonSchema = z.object({
  v: z.literal(1),
  instructions: z.optional(z.string()),
  messages: z.array(messageSchema),
});

/** The text of a message's text parts, joined (empty for tool messages). */
export function messageText(message: Message): string {
  if (message.role === 'system') return message.content;
  if (message.role === 'tool') return '';
  let out = '';
  for (const part of message.content) if (part.type === 'text') out += part.text;
  return out;
}

/** Tool calls of an assistant message (none for other roles). */
export function toolCallsOf(message: Message): ToolCallPart[] {
  if (message.role !== 'assistant') return [];
  return message.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
}

/**
 * Checks that a history is one a provider accepts: system only first, every tool result answers a call of
 * the assistant message before it, every call is answered before the next non-tool message, call ids are unique.
 * Calls still waiting for results at the very end are allowed (a run in progress). Returns the problems found.
 */
export function validateHistory(messages: readonly Message[]): HistoryIssue[] {
  const issues: HistoryIssue[] = [];
  const seenCalls = new Set<string>();
  let open = new Map<string, string>();
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      if (index !== 0) issues.push({ index, message: 'a system message may only come first' });
      return;
    }
    if (message.role === 'tool') {
      if (message.content.length === 0) issues.push({ index, message: 'tool message without results' });
      for (const result of message.content) {
        if (!open.has(result.callId)) {
          issues.push({ index, message: `tool result for ${result.callId} answers no open tool call` });
        } else open.delete(result.callId);
      }
      return;
    }
    if (open.size > 0) {
      issues.push({
        index,
        message: `tool call(s) ${[...open.keys()].join(', ')} have no result before this ${message.role} message`,
      });
    }
    open = new Map();
    if (message.content.length === 0) issues.push({ index, message: `empty ${message.role} message` });
    for (const call of toolCallsOf(message)) {
      if (seenCalls.has(call.id)) issues.push({ index, message: `duplicate tool call id ${call.id}` });
      seenCalls.add(call.id);
      open.set(call.id, call.name);
    }
  });
  return issues;
}

/**
 * Removes resolved tool-call rounds (see {@link Prompt.pruneResolvedToolCalls}) without touching `messages`:
 * kept messages are the same objects, changed ones are new objects sharing the untouched parts.
 */
function pruneRounds(messages: readonly Message[], keepLast: boolean): { kept: Message[]; removed: number } {
  const resultIndex = new Map<string, number>();
  messages.forEach((message, index) => {
    if (message.role === 'tool') for (const result of message.content) resultIndex.set(result.callId, index);
  });
  const rounds: { index: number; callIds: Set<string> }[] = [];
  messages.forEach((message, index) => {
    const calls = toolCallsOf(message);
    if (calls.length === 0) return;
    if (calls.every((call) => (resultIndex.get(call.id) ?? -1) > index)) {
      rounds.push({ index, callIds: new Set(calls.map((call) => call.id)) });
    }
  });
  const prune = keepLast ? rounds.slice(0, -1) : rounds;
  if (prune.length === 0) return { kept: [...messages], removed: 0 };
  const pruneMessages = new Set(prune.map((round) => round.index));
  const pruneCalls = new Set(prune.flatMap((round) => [...round.callIds]));
  const kept: Message[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'assistant' && pruneMessages.has(index)) {
      const content = message.content.filter((part) => part.type !== 'tool-call' && part.type !== 'reasoning');
      if (content.length > 0) kept.push({ role: 'assistant', content });
      return;
    }
    if (message.role === 'tool') {
      const content = message.content.filter((result) => !pruneCalls.has(result.callId));
      if (content.length > 0)
        kept.push(content.length === message.content.length ? message : { role: 'tool', content });
      return;
    }
    kept.push(message);
  });
  return { kept, removed: prune.length };
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
