/**
 * Reading and checking a history: the text and tool calls of a message, the rules a provider holds a history to
 * ({@link validateHistory}), and the removal of resolved tool-call rounds behind `Prompt.pruneResolvedToolCalls`.
 * @module
 */
import type { Message, ToolCallPart } from './message.js';

/** One problem found in a history (see `Prompt.validate`). */
export interface HistoryIssue {
  /** Index of the message the problem is in. */
  index: number;
  /** What is wrong. */
  message: string;
}

/** Options of `Prompt.pruneResolvedToolCalls`. */
export interface PruneOptions {
  /** Keep the most recent resolved round (default `true`): the model still sees what it just did. */
  keepLast?: boolean;
}

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
 * Removes resolved tool-call rounds (see `Prompt.pruneResolvedToolCalls`) without touching `messages`:
 * kept messages are the same objects, changed ones are new objects sharing the untouched parts.
 */
export function pruneRounds(messages: readonly Message[], keepLast: boolean): { kept: Message[]; removed: number } {
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
