import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../src/core/agent/agent.js';
import type { AgentEvent } from '../../src/core/agent/events.js';
import { MemorySessionStore } from '../../src/core/session/memory-session.js';
import { restoreConversation } from '../../src/core/session/session.js';
import { defineTool } from '../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../src/testing/fake-chat-model.js';
import { handoff } from '../../src/toolsets/index.js';

describe('handoff', () => {
  it('ask: a sub-run answers, its answer is the tool result, and control returns', async () => {
    const criticModel = scriptedModel([{ text: '8/10: lovely colours.' }]);
    const critic = new Agent({ name: 'critic', model: criticModel, instructions: 'Rate art.' });
    const leadModel = scriptedModel([
      { toolCalls: [{ name: 'ask_critic', arguments: { request: 'Rate the sunset painting' } }] },
      { text: 'The critic gave it 8/10.' },
    ]);
    const lead = new Agent({ name: 'lead', model: leadModel, tools: [handoff(critic)] });
    const store = new MemorySessionStore();
    const session = await store.create();
    const result = await lead.run('What does the critic think?', { session });

    expect(result.text).toBe('The critic gave it 8/10.');
    expect(result.steps[0]?.toolResults[0]).toMatchObject({ name: 'ask_critic', output: '8/10: lovely colours.' });
    expect(criticModel.requests[0]?.instructions).toBe('Rate art.');
    expect(criticModel.requests[0]?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Rate the sunset painting' }] },
    ]);
    expect(leadModel.requests[0]?.tools[0]).toMatchObject({
      name: 'ask_critic',
      inputSchema: { required: ['request'] },
    });

    // The sub-run is recorded under the parent's run id, and is not part of the resumed conversation.
    const entries = await session.read();
    const subStart = entries.find((entry) => entry.type === 'start' && entry.agent === 'critic');
    expect(subStart).toMatchObject({
      parentRunId: result.runId,
      handoff: { mode: 'ask', from: 'lead', callId: 'call_0_0' },
    });
    const subRunId = subStart?.runId;
    expect(entries.filter((entry) => entry.runId === subRunId).map((entry) => entry.type)).toEqual([
      'start',
      'message',
      'message',
      'model-call',
    ]);
    expect(restoreConversation(entries).messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  it('transfer: the run continues with the other agent on the same conversation', async () => {
    const refund = defineTool({
      name: 'refund',
      description: 'Refunds an order',
      input: z.object({ order: z.string() }),
      run: () => 'refunded',
    });
    const billingModel = scriptedModel([
      { toolCalls: [{ name: 'refund', arguments: { order: 'A1' } }] },
      { text: 'Billing here: order A1 is refunded.' },
    ]);
    const billing = new Agent({
      name: 'billing',
      model: billingModel,
      instructions: 'You handle billing.',
      tools: [refund],
    });
    const triageModel = scriptedModel([
      { text: 'Let me pass you on.', toolCalls: [{ name: 'transfer_to_billing', arguments: {} }] },
    ]);
    const triage = new Agent({
      name: 'triage',
      model: triageModel,
      instructions: 'Route the user.',
      tools: [handoff(billing, { mode: 'transfer' })],
    });
    const session = await new MemorySessionStore().create();
    const stream = triage.stream('Refund order A1 please', { session });
    const events: AgentEvent<string>[] = [];
    for await (const event of stream) events.push(event);
    const result = await stream.result;

    expect(result.agent).toBe('billing');
    expect(result.text).toBe('Billing here: order A1 is refunded.');
    expect(result.steps.map((step) => step.agent)).toEqual(['triage', 'billing', 'billing']);
    expect(triageModel.calls).toBe(1);
    expect(billingModel.requests[0]?.instructions).toBe('You handle billing.');
    expect(billingModel.requests[0]?.tools.map((tool) => tool.name)).toEqual(['refund']);
    expect(billingModel.requests[0]?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(result.steps[0]?.toolResults[0]?.output).toBe('Transferred to billing; billing continues the conversation.');
    const handoffEvent = events.find((event) => event.type === 'handoff');
    expect(handoffEvent).toMatchObject({ from: 'triage', to: 'billing' });

    const entries = await session.read();
    const start = entries.find((entry) => entry.type === 'start' && entry.agent === 'billing');
    expect(start).toMatchObject({ parentRunId: result.runId, handoff: { mode: 'transfer', from: 'triage' } });
    const restored = restoreConversation(entries);
    expect(restored.agent).toBe('billing');
    expect(restored.messages).toHaveLength(6);
  });

  it('refuses to go deeper than maxDepth', async () => {
    const deepest = new Agent({ name: 'deepest', model: scriptedModel([{ text: 'never asked' }]) });
    const middle = new Agent({
      name: 'middle',
      model: scriptedModel([
        { toolCalls: [{ name: 'ask_deepest', arguments: { request: 'go deeper' } }] },
        { text: 'could not go deeper' },
      ]),
      tools: [handoff(deepest, { maxDepth: 1 })],
    });
    const top = new Agent({
      name: 'top',
      model: scriptedModel([{ toolCalls: [{ name: 'ask_middle', arguments: { request: 'help' } }] }, { text: 'done' }]),
      tools: [handoff(middle, { maxDepth: 1 })],
    });
    const result = await top.run('start');
    expect(result.steps[0]?.toolResults[0]?.output).toBe('could not go deeper');
    expect(deepest.model).toMatchObject({ calls: 0 });
  });

  it('reports a sub-run that needs approval it cannot get', async () => {
    const risky = defineTool({
      name: 'risky',
      description: 'x',
      input: z.object({}),
      needsApproval: true,
      run: () => 'ran',
    });
    const worker = new Agent({
      name: 'worker',
      model: scriptedModel([{ toolCalls: [{ name: 'risky' }] }]),
      tools: [risky],
    });
    const boss = new Agent({
      name: 'boss',
      model: scriptedModel([{ toolCalls: [{ name: 'ask_worker', arguments: { request: 'do it' } }] }, { text: 'ok' }]),
      tools: [handoff(worker)],
    });
    const result = await boss.run('go');
    expect(result.steps[0]?.toolResults[0]).toMatchObject({ isError: true });
    expect(result.steps[0]?.toolResults[0]?.output).toMatch(/worker needs approval for risky/);
  });
});
