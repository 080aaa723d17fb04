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

  it("transfer: the new agent does not chain onto the old agent's stored response", async () => {
    // Same provider and model on both sides: a kept continuation would be sent (and at xAI the old system
    // prompt would win over the new agent's instructions).
    const billingModel = scriptedModel([{ text: 'Billing here.', continuation: { responseId: 'resp_billing' } }]);
    const billing = new Agent({ name: 'billing', model: billingModel, instructions: 'You handle billing.' });
    const triageModel = scriptedModel([
      { toolCalls: [{ name: 'transfer_to_billing', arguments: {} }], continuation: { responseId: 'resp_triage' } },
    ]);
    const triage = new Agent({
      name: 'triage',
      model: triageModel,
      instructions: 'Route the user.',
      tools: [handoff(billing, { mode: 'transfer' })],
    });
    const session = await new MemorySessionStore().create();
    await triage.run('Refund please', { session });
    expect(billingModel.requests[0]?.continuation).toBeUndefined();
    expect(billingModel.requests[0]?.instructions).toBe('You handle billing.');
    expect(billingModel.requests[0]?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    // A session cut right after the transfer does not resume onto the old agent's response either.
    const entries = await session.read();
    const cut = entries.slice(0, entries.findIndex((entry) => entry.type === 'start' && entry.agent === 'billing') + 1);
    expect(restoreConversation(cut)).toMatchObject({ agent: 'billing' });
    expect(restoreConversation(cut).continuation).toBeUndefined();
  });

  it('transfer: a resumed session goes on with the agent the conversation was transferred to', async () => {
    const billingModel = scriptedModel([{ text: 'Billing here: refunded.' }, { text: 'Billing again: it is done.' }]);
    const billing = new Agent({ name: 'billing', model: billingModel, instructions: 'You handle billing.' });
    // Reached through a second transfer tool too (triage → desk → billing).
    const desk = new Agent({
      name: 'desk',
      model: scriptedModel([]),
      tools: [handoff(billing, { mode: 'transfer' })],
    });
    const triageModel = scriptedModel([{ toolCalls: [{ name: 'transfer_to_billing', arguments: {} }] }]);
    const triage = new Agent({
      name: 'triage',
      model: triageModel,
      instructions: 'Route the user.',
      tools: [handoff(desk, { mode: 'transfer' }), handoff(billing, { mode: 'transfer' })],
    });
    const store = new MemorySessionStore();
    const session = await store.create({ id: 'support' });
    await triage.run('Refund order A1', { session });
    expect(triageModel.calls).toBe(1);

    const result = await triage.run('Is it done?', { session: await store.open('support') });
    expect(result.agent).toBe('billing');
    expect(result.text).toBe('Billing again: it is done.');
    expect(triageModel.calls).toBe(1);
    expect(billingModel.requests[1]?.instructions).toBe('You handle billing.');
    expect(billingModel.requests[1]?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    const starts = (await session.read()).filter((entry) => entry.type === 'start');
    expect(starts.at(-1)).toMatchObject({ agent: 'billing', runId: result.runId });
    expect(starts.at(-1)?.parentRunId).toBeUndefined();

    // An agent that cannot reach the last speaker runs the session itself.
    const stranger = new Agent({ name: 'stranger', model: scriptedModel([{ text: 'Stranger here.' }]) });
    const other = await stranger.run('Who are you?', { session: await store.open('support') });
    expect(other.agent).toBe('stranger');
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
