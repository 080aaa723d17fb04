/**
 * One model call of a run: the request (history, tools, instructions, tool choice, output schema, continuation),
 * the call itself (streamed into events when the run streams), and what its answer adds to the run.
 * @module
 */
import { ResponseValidationError } from '../../common/errors.js';
import { copyTree } from '../immutable.js';
import type { ModelRequest, ModelResponse } from '../model.js';
import type { AssistantPart } from '../prompt/message.js';
import { historyView, prunedHistoryView, toolCallsOf } from '../prompt/prompt.js';
import { sharedToolSpecs } from '../tools/tool-set.js';
import { type ActiveRun, callOptions, checkAbort, type EntryBody, record, speaker } from './active-run.js';
import { addUsage } from './usage.js';

/** A model answer and how long the call took. */
export interface ModelTurn {
  /** The answer. */
  response: ModelResponse;
  /** Duration of the call, ms. */
  ms: number;
}

/**
 * Calls the model once (`final`: with tool choice `none`, for a last answer at the turn limit) and adds its answer
 * to the run: history, usage, continuation, session entries, events and hooks.
 */
export async function modelTurn<TOutput>(run: ActiveRun<TOutput>, final: boolean): Promise<ModelTurn> {
  checkAbort(run);
  run.turn++;
  const { agent, turn } = run;
  const request = buildRequest(run, final);
  if (run.emit) run.emit({ type: 'model-call-started', ...speaker(run), turn });
  const hooks = agent.hooks;
  if (hooks.onModelCall) await hooks.onModelCall({ ...speaker(run), turn, request });
  const t0 = Date.now();
  let response = run.streaming
    ? await streamModel(run, request)
    : await agent.model.generate(request, callOptions(run));
  const ms = Date.now() - t0;
  if (final && toolCallsOf(response.message).length > 0) response = withoutCalls(response);
  if (hooks.onModelResult) await hooks.onModelResult({ ...speaker(run), turn, response, durationMs: ms });
  // A forced answer that was nothing but dropped calls leaves no message: an empty one is not valid history.
  const keep = !final || response.message.content.length > 0;
  if (keep) run.prompt.addAssistant(response.message);
  run.usage = addUsage(run.usage, response.usage);
  run.lastFinish = response.finishReason;
  run.continuation =
    response.continuation === undefined
      ? undefined
      : { provider: agent.model.provider, model: agent.model.modelId, value: response.continuation };
  if (run.session) await recordModelCall(run, response, ms, keep);
  if (run.emit) run.emit({ type: 'usage', ...speaker(run), usage: { ...response.usage }, total: { ...run.usage } });
  return { response, ms };
}

/** The request of the next model call. */
function buildRequest<TOutput>(run: ActiveRun<TOutput>, final: boolean): ModelRequest {
  const { agent, prompt, continuation } = run;
  const messages = agent.pruneToolRounds ? prunedHistoryView(prompt, { keepLast: true }) : historyView(prompt);
  const request: ModelRequest = { messages, tools: sharedToolSpecs(agent.tools) };
  if (run.instructions !== undefined) request.instructions = run.instructions;
  if (final) request.toolChoice = 'none';
  else if (agent.tools.size > 0) {
    const choice = agent.toolChoice;
    request.toolChoice = run.toolCalled && (choice === 'required' || typeof choice === 'object') ? 'auto' : choice;
  }
  if (run.outputJson) request.output = { name: 'output', schema: run.outputJson };
  if (agent.settings) request.settings = copyTree(agent.settings);
  if (continuation && continuation.provider === agent.model.provider && continuation.model === agent.model.modelId) {
    request.continuation = continuation.value;
  }
  return request;
}

/** Calls the model through `stream()`, emitting its text, reasoning and refusal deltas; resolves with its answer. */
async function streamModel<TOutput>(run: ActiveRun<TOutput>, request: ModelRequest): Promise<ModelResponse> {
  const { agent, emit } = run;
  let response: ModelResponse | undefined;
  for await (const event of agent.model.stream(request, callOptions(run))) {
    if (event.type === 'response') response = event.response;
    else if (!emit) continue;
    else if (event.type === 'text-delta') emit({ type: 'text-delta', ...speaker(run), delta: event.delta });
    else if (event.type === 'reasoning-delta') emit({ type: 'reasoning-delta', ...speaker(run), delta: event.delta });
    else if (event.type === 'refusal-delta') emit({ type: 'refusal-delta', ...speaker(run), delta: event.delta });
  }
  if (!response) {
    throw new ResponseValidationError(agent.model.provider, 'the model stream ended without a response', undefined);
  }
  return response;
}

/**
 * A final answer without the tool calls the model made though told not to, so the history stays valid: with the
 * reasoning that led to them (an OpenAI reasoning item must be followed by its item) and without its continuation
 * (the provider would wait for results of those calls on the next request).
 */
function withoutCalls(response: ModelResponse): ModelResponse {
  const { continuation: _dropped, ...rest } = response;
  return {
    ...rest,
    finishReason: response.finishReason === 'tool-calls' ? 'stop' : response.finishReason,
    message: { role: 'assistant', content: withoutToolCalls(response.message.content) },
  };
}

/**
 * An assistant message's parts without its tool calls and without the reasoning parts that led straight to a
 * call (reasoning is paired with the part after it; left alone it is rejected when the history is sent back).
 */
function withoutToolCalls(parts: readonly AssistantPart[]): AssistantPart[] {
  const out: AssistantPart[] = [];
  let reasoning: AssistantPart[] = [];
  for (const part of parts) {
    if (part.type === 'reasoning') {
      reasoning.push(part);
    } else if (part.type === 'tool-call') {
      reasoning = [];
    } else {
      out.push(...reasoning, part);
      reasoning = [];
    }
  }
  // Reasoning after the last kept part preceded only dropped calls.
  return out;
}

/** Records the answer (when kept) and a `model-call` entry. */
async function recordModelCall<TOutput>(
  run: ActiveRun<TOutput>,
  response: ModelResponse,
  ms: number,
  keep: boolean,
): Promise<void> {
  const { model } = run.agent;
  if (keep) await record(run, { type: 'message', message: response.message });
  const modelEntry: EntryBody = {
    type: 'model-call',
    provider: model.provider,
    model: model.modelId,
    usage: response.usage,
    ms,
  };
  if (response.raw.id !== undefined) modelEntry.responseId = response.raw.id;
  if (response.continuation !== undefined) modelEntry.continuation = response.continuation;
  await record(run, modelEntry);
}
