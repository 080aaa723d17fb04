/**
 * Result mapping of the Chat Completions chat model: a completion (or what a stream assembled) to core's
 * ModelResponse, with the strict-mode `null`s removed from tool arguments and the structured answer.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @module
 */
import type { FinishReason, ModelResponse } from '../../core/model.js';
import type { AssistantMessage, AssistantPart, ToolCallPart, Usage } from '../../core/prompt/message.js';
import { restoreJsonText } from '../../protocols/strict-json-schema.js';
import type { ChatCompletion, ChatUsage } from './chat-completions-wire.js';
import type { Restore } from './chat-model-request.js';

/** Maps the wire finish reason; tool calls win over `stop` and unknown reasons. */
export function toFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'stop':
    case 'eos':
    case 'end_turn':
      // Some local servers report `stop` although the answer holds tool calls.
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return hasToolCalls ? 'tool-calls' : 'other';
  }
}

/** Maps wire usage (absent counts as 0; total from the parts when the server leaves it out). */
export function toUsage(usage: ChatUsage | null | undefined): Usage {
  const inputTokens = usage?.prompt_tokens ?? 0;
  const outputTokens = usage?.completion_tokens ?? 0;
  const out: Usage = { inputTokens, outputTokens, totalTokens: usage?.total_tokens ?? inputTokens + outputTokens };
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') out.cachedInputTokens = cached;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}

/** The parts of one answer, whole or assembled from a stream. */
export interface Assembled {
  reasoning: string;
  text: string;
  refusal: string;
  calls: ToolCallPart[];
}

/** The assistant message: reasoning, text (restored), refusal, then the tool calls. */
export function toMessage(provider: string, assembled: Assembled, restore: Restore): AssistantMessage {
  const content: AssistantPart[] = [];
  if (assembled.reasoning) {
    content.push({
      type: 'reasoning',
      provider,
      text: assembled.reasoning,
      data: { reasoning_content: assembled.reasoning },
    });
  }
  if (assembled.text) content.push({ type: 'text', text: restoreJsonText(assembled.text, restore.output) });
  if (assembled.refusal) content.push({ type: 'text', text: assembled.refusal, refusal: true });
  content.push(...assembled.calls);
  return { role: 'assistant', content };
}

/** The raw ids of an answer, each only when present. */
export function raw(
  id: string | undefined,
  model: string | undefined,
  requestId: string | undefined,
): ModelResponse['raw'] {
  const out: ModelResponse['raw'] = {};
  if (id) out.id = id;
  if (requestId) out.requestId = requestId;
  if (model) out.model = model;
  return out;
}

/** Maps a whole completion to a ModelResponse (the first choice). */
export function toModelResponse(
  provider: string,
  completion: ChatCompletion,
  requestId: string | undefined,
  restore: Restore,
): ModelResponse {
  const choice = completion.choices[0];
  const message = choice?.message ?? {};
  const calls: ToolCallPart[] = (message.tool_calls ?? []).map((call, index) => ({
    type: 'tool-call',
    // Some local servers leave ids out; the result still needs one to name.
    id: call.id || `call_${index}`,
    name: call.function.name,
    arguments: restoreJsonText(call.function.arguments ?? '', restore.arguments.get(call.function.name)),
  }));
  const refusal = message.refusal ?? '';
  return {
    message: toMessage(
      provider,
      { reasoning: message.reasoning_content ?? message.reasoning ?? '', text: message.content ?? '', refusal, calls },
      restore,
    ),
    finishReason: refusal ? 'content-filter' : toFinishReason(choice?.finish_reason, calls.length > 0),
    usage: toUsage(completion.usage),
    raw: raw(completion.id, completion.model, requestId),
  };
}
