import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { MaxTurnsExceededError } from '../../../src/common/errors.js';
import { Agent } from '../../../src/core/agent/agent.js';
import type { AgentEvent } from '../../../src/core/agent/events.js';
import type { RunSnapshot } from '../../../src/core/agent/run.js';
import type { ApprovalRequest } from '../../../src/core/tools/define-tool.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import type { ToolInput } from '../../../src/core/tools/tool-set.js';
import { anthropic, createAnthropicClient } from '../../../src/providers/anthropic/index.js';
import { useFixtures } from '../../../src/testing/index.js';
import { sent, settlesSoon } from '../../helpers.js';
import { server } from '../../msw.js';
import { deleteFile, WEATHER, weather } from '../agent-tools.js';

const BASE = 'https://api.anthropic.com';
const DIR = 'test/fixtures/anthropic';
const KEY = 'sk-ant-api03-test-key-0123456789';

function model(modelId = 'claude-sonnet-4-6') {
  return anthropic(modelId, { client: createAnthropicClient({ apiKey: KEY, env: {}, maxRetryDelayMs: 1 }) });
}

function agentWith(tools: readonly ToolInput[] = [weather]) {
  return new Agent({ name: 'claude-agent', model: model(), instructions: 'Be brief.', tools });
}

describe('Agent on anthropic() over replayed fixtures', () => {
  it('runs a 3-step tool loop: tool_use / tool_result blocks round trip in every request', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-tool-loop`, { baseUrl: BASE });
    const result = await agentWith().run('Compare the weather in Paris and London.');
    replay.assertAllUsed();
    expect(replay.requests).toHaveLength(3);
    // Each fixture holds the exact body; spot-check the round trip here too.
    expect(sent(replay.requests, 1).messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Paris first.' },
          { type: 'tool_use', id: 'toolu_agent_loop_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_agent_loop_1', content: '18°C, cloudy' }],
      },
    ]);
    expect(sent(replay.requests, 2).messages).toHaveLength(5);
    expect(result.status).toBe('completed');
    expect(result.text).toBe('Paris is 3°C warmer and dry; London is rainy.');
    expect(result.finishReason).toBe('stop');
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.arguments))).toEqual([
      ['{"city":"Paris"}'],
      ['{"city":"London"}'],
      [],
    ]);
    expect(result.steps.map((step) => step.toolResults.map((part) => part.output))).toEqual([
      ['18°C, cloudy'],
      ['15°C, rain'],
      [],
    ]);
    expect(result.usage).toEqual({ inputTokens: 1350, outputTokens: 118, totalTokens: 1468, cachedInputTokens: 0 });
  });

  it('runs two parallel tool calls and sends both tool_results in one user turn', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-parallel`, { baseUrl: BASE });
    let running = 0;
    let most = 0;
    const slowWeather = defineTool({
      name: 'get_weather',
      description: 'Current weather for a city',
      input: z.object({ city: z.string() }),
      run: async ({ city }) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return WEATHER[city] ?? 'unknown';
      },
    });
    const result = await agentWith([slowWeather]).run('Weather in Paris and London?');
    replay.assertAllUsed();
    expect(most).toBe(2);
    expect(result.steps[0]?.toolCalls.map((call) => call.id)).toEqual(['toolu_agent_par_a', 'toolu_agent_par_b']);
    expect(result.text).toBe('Paris 18°C cloudy; London 15°C rain.');
  });

  it('recovers from invalid arguments: the schema error goes back with is_error and the loop goes on', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-invalid-args`, { baseUrl: BASE });
    const result = await agentWith().run('Weather in Paris?');
    replay.assertAllUsed();
    expect(replay.requests).toHaveLength(3);
    expect(sent(replay.requests, 1).messages.at(-1)).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_agent_bad_1',
          content:
            'Invalid arguments for get_weather: city: expected string. Fix the arguments and call the tool again.',
          is_error: true,
        },
      ],
    });
    expect(result.steps[0]?.toolResults[0]?.isError).toBe(true);
    expect(result.text).toBe('18°C and cloudy in Paris.');
  });

  it('sends a throwing tool back as an is_error tool_result and lets the model answer', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-tool-throws`, { baseUrl: BASE });
    const result = await agentWith().run('Weather in Oslo?');
    replay.assertAllUsed();
    expect(result.steps[0]?.toolResults).toEqual([
      {
        type: 'tool-result',
        callId: 'toolu_agent_throw_1',
        name: 'get_weather',
        output: 'get_weather failed: weather service down',
        isError: true,
      },
    ]);
    expect(result.text).toContain('weather service is down');
  });

  it('asks onApproval: the granted call runs, the refused one goes back as an is_error refusal', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-approval`, { baseUrl: BASE });
    const asked: ApprovalRequest[] = [];
    let deleted = 0;
    const counting = defineTool({
      name: 'delete_file',
      description: 'Deletes a file',
      input: z.object({ path: z.string() }),
      needsApproval: true,
      run: ({ path }) => {
        deleted++;
        return `deleted ${path}`;
      },
    });
    const result = await agentWith([counting]).run('Delete draft.txt and report.txt.', {
      onApproval: (request) => {
        asked.push(request);
        return (request.input as { path: string }).path === 'draft.txt';
      },
    });
    replay.assertAllUsed();
    expect(asked.map((request) => [request.callId, request.toolName, request.input])).toEqual([
      ['toolu_agent_ok', 'delete_file', { path: 'draft.txt' }],
      ['toolu_agent_no', 'delete_file', { path: 'report.txt' }],
    ]);
    expect(deleted).toBe(1);
    expect(result.status).toBe('completed');
    expect(result.steps[0]?.toolResults.map((part) => part.isError === true)).toEqual([false, true]);
  });

  it('pauses without onApproval (no second request) when a tool needs approval', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-approval.1.json`, { baseUrl: BASE });
    const result = await agentWith([deleteFile]).run('Delete draft.txt and report.txt.');
    replay.assertAllUsed();
    expect(result.status).toBe('interrupted');
    expect(result.interruptions?.map((request) => request.callId)).toEqual(['toolu_agent_ok', 'toolu_agent_no']);
  });

  it('at maxTurns throws a typed MaxTurnsExceededError carrying the partial result', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-max-turns`, { baseUrl: BASE });
    const error = await agentWith()
      .run('Weather in Paris?', { maxTurns: 1 })
      .catch((caught: unknown) => caught);
    replay.assertAllUsed();
    expect(MaxTurnsExceededError.isInstance(error)).toBe(true);
    if (!(error instanceof MaxTurnsExceededError)) throw new Error('not a MaxTurnsExceededError');
    expect(error.maxTurns).toBe(1);
    // The loop throws with its RunSnapshot as the partial result.
    const partial = (error as MaxTurnsExceededError<RunSnapshot>).partial;
    expect(partial.steps).toHaveLength(1);
    expect(partial.steps[0]?.toolResults[0]?.output).toBe('18°C, cloudy');
    expect(partial.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(partial.finishReason).toBe('tool-calls');
  });

  it('with forceFinalAnswer makes one last call with tool_choice none, tools still listed', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-final-answer`, { baseUrl: BASE });
    const result = await agentWith().run('Weather in Paris?', { maxTurns: 1, forceFinalAnswer: true });
    replay.assertAllUsed();
    const last = sent(replay.requests, 1);
    expect(last.tool_choice).toEqual({ type: 'none' });
    // The history holds tool_use / tool_result blocks: Anthropic needs the tools defined to accept them.
    expect(last.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ]);
    expect(result.status).toBe('completed');
    expect(result.text).toBe('It is 18°C and cloudy in Paris.');
    expect(result.steps).toHaveLength(2);
  });

  it('streams: text-delta events arrive in order with the assembled text, over a held-back stream', async () => {
    // The server sends message_start, content_block_start and the first text delta, then holds the rest back.
    const replay = await useFixtures(server, `${DIR}/agent-stream`, { baseUrl: BASE, holdStreams: 3 });
    const stream = agentWith().stream('Weather in Paris?');
    const iterator = stream[Symbol.asyncIterator]();
    const early: AgentEvent<string>[] = [];
    for (let index = 0; index < 3; index++) {
      const next = await iterator.next();
      if (!next.done) early.push(next.value);
    }
    // The first text delta is already here while the server still holds the rest of the answer.
    expect(early.map((event) => event.type)).toEqual(['run-started', 'model-call-started', 'text-delta']);
    expect(early[2]).toMatchObject({ type: 'text-delta', delta: 'Let me ' });
    const pending = iterator.next();
    expect(await settlesSoon(pending)).toBe('pending');
    expect(await settlesSoon(stream.result)).toBe('pending');
    replay.release();
    const events: AgentEvent<string>[] = [...early];
    for (let next = await pending; !next.done; next = await iterator.next()) events.push(next.value);
    const result = await stream.result;
    replay.assertAllUsed();
    expect(events.map((event) => event.type)).toEqual([
      'run-started',
      'model-call-started',
      'text-delta',
      'text-delta',
      'usage',
      'tool-call-started',
      'tool-call-finished',
      'step-finished',
      'model-call-started',
      'text-delta',
      'text-delta',
      'usage',
      'step-finished',
      'run-finished',
    ]);
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas).toEqual(['Let me ', 'check.', "It's 18°C ", 'and cloudy in Paris.']);
    expect(result.text).toBe("It's 18°C and cloudy in Paris.");
    expect(result.steps[0]?.toolCalls[0]?.arguments).toBe('{"city": "Paris"}');
    expect(sent(replay.requests, 1).stream).toBe(true);
  });

  it('sends thinking and redacted_thinking blocks back exactly across turns', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-thinking`, { baseUrl: BASE });
    const agent = new Agent({
      name: 'thinker',
      model: model(),
      instructions: 'Be brief.',
      tools: [weather],
      settings: { reasoning: { budgetTokens: 2048 } },
    });
    const result = await agent.run('Weather in Paris?');
    replay.assertAllUsed();
    const returned = replay.fixtures[0]?.response.body as { json: { content: unknown[] } };
    const replayed = sent(replay.requests, 1).messages[1] as { content: unknown[] };
    expect(replayed.content.slice(0, 2)).toEqual(returned.json.content.slice(0, 2));
    expect(JSON.stringify(replayed.content.slice(0, 2))).toBe(JSON.stringify(returned.json.content.slice(0, 2)));
    expect(result.text).toBe('18°C and cloudy.');
    expect(result.usage.reasoningTokens).toBe(180);
  });

  it('parses and types structured output (output_config.format with additionalProperties: false)', async () => {
    const replay = await useFixtures(server, `${DIR}/agent-structured`, { baseUrl: BASE });
    const agent = new Agent({
      name: 'reporter',
      model: model(),
      instructions: 'Be brief.',
      output: z.object({ city: z.string(), temp_c: z.number(), sky: z.enum(['clear', 'cloudy', 'rain']) }),
    });
    const result = await agent.run('Paris weather as JSON');
    replay.assertAllUsed();
    if (result.status !== 'completed') throw new Error('not completed');
    expectTypeOf(result.output).toEqualTypeOf<{ city: string; temp_c: number; sky: 'clear' | 'cloudy' | 'rain' }>();
    expect(result.output).toEqual({ city: 'Paris', temp_c: 18, sky: 'cloudy' });
    const format = (
      sent(replay.requests, 0).output_config as { format: { schema: { additionalProperties?: unknown } } }
    ).format;
    expect(format.schema.additionalProperties).toBe(false);
  });
});
