/**
 * `echoModel`: a chat model that needs no network and no key. It answers with the person's last message, streamed
 * word by word; `call TOOL {json}` makes it call that tool, and it then reports the tool's result. The echo agent
 * and `dave --offline` use it.
 * @module
 */
import { AbortedError } from '../../common/errors.js';
import type { ChatModel, ModelRequest, ModelResponse, ModelStreamEvent } from '../../core/model.js';
import type { AssistantPart, Message, Usage } from '../../core/prompt/message.js';
import { messageText } from '../../core/prompt/prompt.js';

/** Options of {@link echoModel}. */
export interface EchoModelOptions {
  /** Wait before each streamed word, ms (default 0). */
  delayMs?: number;
}

const CALL = /^call\s+([A-Za-z0-9_-]+)\s*(\{[\s\S]*\})?\s*$/;

function lastOf(messages: readonly Message[]): Message | undefined {
  return messages[messages.length - 1];
}

function answer(request: ModelRequest): AssistantPart[] {
  const last = lastOf(request.messages);
  if (last?.role === 'tool') {
    const lines = last.content.map((part) => `${part.name}: ${part.output}`);
    return [{ type: 'text', text: lines.join('\n') }];
  }
  const text = last ? messageText(last).trim() : '';
  const call = CALL.exec(text);
  if (call?.[1] && request.tools.some((tool) => tool.name === call[1])) {
    return [{ type: 'tool-call', id: `call_${request.messages.length}`, name: call[1], arguments: call[2] ?? '{}' }];
  }
  return [{ type: 'text', text: text === '' ? '(nothing to echo)' : text }];
}

function usageOf(request: ModelRequest, parts: readonly AssistantPart[]): Usage {
  const words = (value: string) => value.split(/\s+/).filter(Boolean).length;
  const input = request.messages.reduce((sum, message) => sum + words(messageText(message)), 0);
  const output = parts.reduce((sum, part) => sum + (part.type === 'text' ? words(part.text) : 1), 0);
  return { inputTokens: input, outputTokens: output, totalTokens: input + output };
}

function respond(request: ModelRequest, call: number): ModelResponse {
  const content = answer(request);
  const calls = content.some((part) => part.type === 'tool-call');
  return {
    message: { role: 'assistant', content },
    finishReason: calls ? 'tool-calls' : 'stop',
    usage: usageOf(request, content),
    raw: { id: `echo_${call}`, model: 'echo' },
  };
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A model that echoes: offline runs, demos and tests of a command line without a key.
 * @example
 * ```ts
 * const agent = new Agent({ name: 'echo', model: echoModel() });
 * (await agent.run('hello')).text; // 'hello'
 * ```
 */
export function echoModel(options: EchoModelOptions = {}): ChatModel {
  const delayMs = options.delayMs ?? 0;
  let calls = 0;
  return {
    provider: 'echo',
    modelId: 'echo',
    async generate(request, callOptions) {
      await pause(delayMs, callOptions?.signal);
      calls += 1;
      return respond(request, calls);
    },
    async *stream(request, callOptions): AsyncIterable<ModelStreamEvent> {
      calls += 1;
      const response = respond(request, calls);
      for (const part of response.message.content) {
        if (part.type === 'text') {
          for (const delta of part.text.match(/\S+\s*|\s+/g) ?? []) {
            await pause(delayMs, callOptions?.signal);
            yield { type: 'text-delta', delta };
          }
        } else if (part.type === 'tool-call') {
          yield { type: 'tool-call', call: part };
        }
      }
      yield { type: 'usage', usage: response.usage };
      yield { type: 'response', response };
    },
  };
}
