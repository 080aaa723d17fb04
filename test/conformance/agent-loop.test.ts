/**
 * The agent loop's own rules on every chat model (a throwing tool, approvals, maxTurns, forceFinalAnswer, a
 * transfer), over the same scripted wire answers as the ChatModel conformance suite: what each rule sends back to
 * the model must reach it in that provider's format.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  Agent,
  type ApprovalRequest,
  defineTool,
  MaxTurnsExceededError,
  type RunSnapshot,
  type ToolInput,
} from '../../src/index.js';
import { handoff } from '../../src/toolsets/index.js';
import {
  adapters,
  bodyOf,
  MODES,
  replay,
  runIn,
  USAGE_1,
  USAGE_2,
  WEATHER,
  weatherCall,
  weatherTool,
} from './scenario.js';

const INSTRUCTIONS = 'Be brief.';
const REFUSAL = 'The user refused this call of delete_file. Do not call it again unless the user asks for it.';

describe.each(adapters)('Agent loop on $name', (adapter) => {
  const agentWith = (tools: readonly ToolInput[] = [weatherTool()]) =>
    new Agent({ name: 'conformance', model: adapter.model(), instructions: INSTRUCTIONS, tools });

  const deleteCalls = () => [
    { id: adapter.callId('del_ok'), name: 'delete_file', arguments: '{"path":"draft.txt"}' },
    { id: adapter.callId('del_no'), name: 'delete_file', arguments: '{"path":"report.txt"}' },
  ];

  const deleteTool = (deleted: string[]) =>
    defineTool({
      name: 'delete_file',
      description: 'Deletes a file',
      input: z.object({ path: z.string() }),
      needsApproval: true,
      run: ({ path }) => {
        deleted.push(path);
        return `deleted ${path}`;
      },
    });

  it.each(MODES)('sends a throwing tool back as an error result and lets the model answer (%s)', async (mode) => {
    const call = weatherCall(adapter, 'throws', '{"city":"Oslo"}');
    const replayed = await replay(
      adapter,
      [
        { calls: [call], usage: USAGE_1 },
        { text: ['Sorry, the weather service is down.'], usage: USAGE_2 },
      ],
      mode,
    );
    const { result } = await runIn(mode, agentWith(), 'Weather in Oslo?');
    replayed.assertAllUsed();
    expect(result.steps[0]?.toolResults).toEqual([
      {
        type: 'tool-result',
        callId: call.id,
        name: 'get_weather',
        output: 'get_weather failed: weather service down',
        isError: true,
      },
    ]);
    expect(adapter.toolResults(bodyOf(replayed, 2))).toEqual([
      {
        callId: call.id,
        output: 'get_weather failed: weather service down',
        ...(adapter.toolErrorFlag ? { isError: true } : {}),
      },
    ]);
    expect(result.text).toBe('Sorry, the weather service is down.');
  });

  it('asks onApproval: the granted call runs, the refused one goes back as a refusal', async () => {
    const replayed = await replay(
      adapter,
      [
        { calls: deleteCalls(), usage: USAGE_1 },
        { text: ['Deleted draft.txt; report.txt kept.'], usage: USAGE_2 },
      ],
      'run',
    );
    const asked: ApprovalRequest[] = [];
    const deleted: string[] = [];
    const result = await agentWith([deleteTool(deleted)]).run('Delete draft.txt and report.txt.', {
      onApproval: (request) => {
        asked.push(request);
        return (request.input as { path: string }).path === 'draft.txt';
      },
    });
    replayed.assertAllUsed();
    expect(asked.map((request) => [request.callId, request.toolName, request.input])).toEqual(
      deleteCalls().map((call) => [call.id, 'delete_file', JSON.parse(call.arguments)]),
    );
    expect(deleted).toEqual(['draft.txt']);
    expect(result.status).toBe('completed');
    expect(result.steps[0]?.toolResults.map((part) => part.isError === true)).toEqual([false, true]);
    const [ok, no] = deleteCalls();
    expect(adapter.toolResults(bodyOf(replayed, 2))).toEqual([
      { callId: ok?.id, output: 'deleted draft.txt' },
      { callId: no?.id, output: REFUSAL, ...(adapter.toolErrorFlag ? { isError: true } : {}) },
    ]);
  });

  it('pauses without onApproval (no second request) when a tool needs approval', async () => {
    const replayed = await replay(adapter, [{ calls: deleteCalls(), usage: USAGE_1 }], 'run');
    const deleted: string[] = [];
    const result = await agentWith([deleteTool(deleted)]).run('Delete draft.txt and report.txt.');
    replayed.assertAllUsed();
    expect(result.status).toBe('interrupted');
    expect(result.interruptions?.map((request) => request.callId)).toEqual(deleteCalls().map((call) => call.id));
    expect(deleted).toEqual([]);
    expect(replayed.requests).toHaveLength(1);
  });

  it('at maxTurns throws MaxTurnsExceededError carrying the partial result', async () => {
    const replayed = await replay(
      adapter,
      [{ calls: [weatherCall(adapter, 'max', '{"city":"Paris"}')], usage: USAGE_1 }],
      'run',
    );
    const error = await agentWith()
      .run('Weather in Paris?', { maxTurns: 1 })
      .catch((caught: unknown) => caught);
    replayed.assertAllUsed();
    expect(MaxTurnsExceededError.isInstance(error)).toBe(true);
    if (!MaxTurnsExceededError.isInstance(error)) return;
    expect(error.maxTurns).toBe(1);
    // The loop throws with its RunSnapshot as the partial result.
    const partial = error.partial as RunSnapshot;
    expect(partial.steps).toHaveLength(1);
    expect(partial.steps[0]?.toolResults[0]?.output).toBe(WEATHER.Paris);
    expect(partial.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(partial.finishReason).toBe('tool-calls');
    expect(replayed.requests).toHaveLength(1);
  });

  it('with forceFinalAnswer makes one last call with tool choice none, the tools still listed', async () => {
    const call = weatherCall(adapter, 'final', '{"city":"Paris"}');
    const replayed = await replay(
      adapter,
      [
        { calls: [call], usage: USAGE_1 },
        { text: ['It is 18°C and cloudy in Paris.'], usage: USAGE_2 },
      ],
      'run',
    );
    const result = await agentWith().run('Weather in Paris?', { maxTurns: 1, forceFinalAnswer: true });
    replayed.assertAllUsed();
    expect(result.status).toBe('completed');
    expect(result.text).toBe('It is 18°C and cloudy in Paris.');
    expect(result.steps).toHaveLength(2);
    const [first, last] = [bodyOf(replayed, 1), bodyOf(replayed, 2)];
    expect(adapter.toolChoice(first)).toBe('auto');
    expect(adapter.toolChoice(last)).toBe('none');
    // The history holds the tool call and its result: providers need the tool defined to accept them.
    expect(adapter.toolNames(last)).toEqual(['get_weather']);
    expect(adapter.toolResults(last)).toEqual([{ callId: call.id, output: WEATHER.Paris }]);
    adapter.expectToolFollowUp(last, {
      first,
      previousResponseId: result.steps[0]?.response.raw.id,
      callIds: [call.id],
    });
  });

  it('after a transfer the agent it transfers to answers under its own instructions', async () => {
    const call = { id: adapter.callId('transfer'), name: 'transfer_to_billing', arguments: '{}' };
    const replayed = await replay(
      adapter,
      [
        { calls: [call], usage: USAGE_1 },
        { text: ['Billing here: order A1 is refunded.'], usage: USAGE_2 },
      ],
      'run',
    );
    const billing = new Agent({ name: 'billing', model: adapter.model(), instructions: 'You handle billing.' });
    const triage = new Agent({
      name: 'triage',
      model: adapter.model(),
      instructions: 'Route the user.',
      tools: [handoff(billing, { mode: 'transfer' })],
    });
    const result = await triage.run('Refund order A1 please.');
    replayed.assertAllUsed();
    expect(result.agent).toBe('billing');
    expect(result.text).toBe('Billing here: order A1 is refunded.');
    expect(result.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(adapter.instructions(bodyOf(replayed, 1))).toBe('Route the user.');
    // xAI reuses the earlier system prompt on a chained request: billing must get a fresh, unchained one.
    expect(adapter.instructions(bodyOf(replayed, 2))).toBe('You handle billing.');
  });
});
