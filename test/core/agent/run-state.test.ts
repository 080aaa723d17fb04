import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../../src/core/agent/agent.js';
import { RunState, type RunStateJSON } from '../../../src/core/agent/run-state.js';
import { defineTool } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';

/**
 * A paused run as the first release wrote it (`state.resume({ approve: ['c_a'] }).toJSON()`, format version 1): one
 * finished step (reasoning + a `lookup` call), then two `delete_file` calls waiting, `c_a` already approved.
 */
const fixture = (): Record<string, unknown> & RunStateJSON =>
  JSON.parse(readFileSync(new URL('../../fixtures/run-state/v1-first-release.json', import.meta.url), 'utf8'));

function cleaner(deleted: string[]) {
  const lookup = defineTool({
    name: 'lookup',
    description: 'Looks a word up.',
    input: z.object({ word: z.string() }),
    run: ({ word }) => ({ word, meaning: 'a fruit' }),
  });
  const remove = defineTool({
    name: 'delete_file',
    description: 'Deletes a file.',
    input: z.object({ path: z.string() }),
    needsApproval: true,
    run: ({ path }) => {
      deleted.push(path);
      return 'deleted';
    },
  });
  const model = scriptedModel([{ text: 'Both deleted.' }]);
  return { agent: new Agent({ name: 'cleaner', model, tools: [lookup, remove] }), model };
}

/** The message `fromJSON` throws for `json`. */
function loadError(json: unknown): string {
  try {
    RunState.fromJSON(json);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected fromJSON to throw');
}

describe('RunState.fromJSON', () => {
  it('loads a state the first release stored and resumes it where it paused', async () => {
    const stored = RunState.fromJSON(fixture());
    expect(stored.runId).toBe('run_832506d2164e27bb8bc4');
    expect(stored.agentName).toBe('cleaner');
    expect(stored.interruptions.map((request) => request.callId)).toEqual(['c_a', 'c_b']);

    const deleted: string[] = [];
    const { agent, model } = cleaner(deleted);
    const result = await agent.run(stored.resume({ reject: ['c_b'] }));
    expect(result.status).toBe('completed');
    // c_a was approved before the state was stored; c_b is refused now.
    expect(deleted).toEqual(['/tmp/a.txt']);
    expect(result.runId).toBe('run_832506d2164e27bb8bc4');
    expect(result.steps.map((step) => step.turn)).toEqual([1, 2, 3]);
    expect(result.steps[1]?.toolResults.map((item) => item.isError === true)).toEqual([false, true]);
    // The stored usage goes on: 28 + 15 from the fixture's two calls, 15 from the new one.
    expect(result.usage.totalTokens).toBe(28 + 15 + 15);
    expect(result.durationMs).toBeGreaterThanOrEqual(1234);
    // The model is sent the whole stored history with the new tool results; the stored continuation goes with it.
    const request = model.requests[0];
    expect(request?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(request?.continuation).toBe('resp_2');
  });

  it('keeps what it does not know exactly (opaque reasoning data, extra fields)', () => {
    const json = fixture();
    const part = (json.messages[1] as { content: { type: string; data?: unknown }[] }).content[0];
    expect(part?.type).toBe('reasoning');
    if (part) part.data = { id: 'rs_0', encrypted: 'gAAA…', nested: { keep: [1, 2] } };
    json.note = 'kept';
    const back = RunState.fromJSON(json).toJSON() as RunStateJSON & { note?: string };
    expect(back).toEqual(json);
    expect(back.note).toBe('kept');
  });

  it('reads back what toJSON wrote', async () => {
    const deleted: string[] = [];
    const { agent } = cleaner(deleted);
    const pausing = new Agent({
      name: 'cleaner',
      model: scriptedModel([{ toolCalls: [{ name: 'delete_file', arguments: { path: '/x' }, id: 'c_x' }] }]),
      tools: [agent.tools],
    });
    const paused = await pausing.run('delete /x');
    if (paused.status !== 'interrupted') throw new Error('expected a pause');
    const json = JSON.parse(JSON.stringify(paused.state));
    expect(RunState.fromJSON(json).toJSON()).toEqual(paused.state.toJSON());
  });

  it('names the version it cannot read', () => {
    const { v: _v, ...withoutVersion } = fixture();
    expect(loadError(withoutVersion)).toBe('Not a RunState JSON: v: missing (this release reads version 1)');
    expect(loadError({ ...fixture(), v: 2 })).toBe(
      'Not a RunState JSON: v: version 2 is newer than this release reads (1): update hello-dave',
    );
    expect(loadError({ ...fixture(), v: '1' })).toBe(
      'Not a RunState JSON: v: "1" is not a version this release reads (1)',
    );
    expect(loadError('run_123')).toBe('Not a RunState JSON: expected an object (what state.toJSON() returns)');
    expect(loadError(null)).toMatch(/expected an object/);
    expect(loadError([fixture()])).toMatch(/expected an object/);
  });

  it('names the field that does not fit, deep inside the state', () => {
    const badFinish = fixture();
    (badFinish.pending.response as { finishReason: string }).finishReason = 'done';
    expect(loadError(badFinish)).toBe(
      'Not a RunState JSON (v: 1): pending.response.finishReason: got a value that is not allowed ' +
        '(allowed: stop, tool-calls, length, content-filter, other)',
    );

    const badUsage = fixture();
    (badUsage.steps[0]?.usage as { inputTokens: unknown }).inputTokens = '20';
    expect(loadError(badUsage)).toBe('Not a RunState JSON (v: 1): steps.0.usage.inputTokens: expected number');

    const badDecision = fixture();
    delete (badDecision.decisions.c_a as { approved?: boolean }).approved;
    expect(loadError(badDecision)).toBe('Not a RunState JSON (v: 1): decisions.c_a.approved: expected boolean');

    const badMessage = fixture();
    (badMessage.messages[1] as { role: string }).role = 'robot';
    expect(loadError(badMessage)).toBe(
      'Not a RunState JSON (v: 1): messages.1.role: got a value that is not allowed (allowed: system, user, assistant, tool)',
    );

    const userAnswer = fixture();
    (userAnswer.pending.response.message as { role: string }).role = 'user';
    expect(loadError(userAnswer)).toContain(
      'pending.response.message.role: got a value that is not allowed (allowed: assistant)',
    );

    const noInterruptions = fixture();
    delete (noInterruptions as Partial<RunStateJSON>).interruptions;
    expect(loadError(noInterruptions)).toBe('Not a RunState JSON (v: 1): interruptions: expected array');
  });

  it('lists the first five problems and counts the rest', () => {
    const json = {
      ...fixture(),
      runId: 1,
      depth: 'x',
      agent: 5,
      usage: 3,
      turn: null,
      toolCalled: 'yes',
      elapsedMs: '1',
    };
    expect(loadError(json)).toBe(
      'Not a RunState JSON (v: 1): runId: expected string; depth: expected number; agent: expected string; ' +
        'usage: expected object; turn: expected number (and 2 more)',
    );
  });
});
