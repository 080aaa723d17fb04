/**
 * Type-level checks (run by `tsc --noEmit`): a run's `context` is typed end to end, from `Agent<TContext>` (or
 * typed tools) through `run(input, { context })` to `ctx.context` in tools and instructions.
 */
import { expectTypeOf } from 'vitest';
import * as z from 'zod/mini';
import { Agent } from '../../../src/core/agent/agent.js';
import { defineTool, type ToolContext } from '../../../src/core/tools/define-tool.js';
import { ToolSet } from '../../../src/core/tools/tool-set.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';
import { handoff } from '../../../src/toolsets/handoff.js';

interface Account {
  userId: string;
  plan: 'free' | 'pro';
}
const model = scriptedModel([]);
const input = z.object({ query: z.string() });

// Written in an Agent<Account>'s configuration, a tool's `ctx.context` is an Account …
const agent = new Agent<Account>({
  name: 'typed-context',
  model,
  instructions: ({ context }) => `Plan: ${context.plan}`,
  tools: [
    defineTool({
      name: 'lookup',
      description: 'd',
      input,
      run: ({ query }, ctx) => {
        expectTypeOf(ctx.context).toEqualTypeOf<Account>();
        return `${ctx.context.userId}: ${query}`;
      },
    }),
    defineTool({
      name: 'missing_field',
      description: 'd',
      input,
      // … so a tool that reads a field the context lacks does not compile.
      // @ts-expect-error `email` is not a field of Account
      run: (_input, ctx) => ctx.context.email,
    }),
  ],
});

async function runs() {
  await agent.run('hi', { context: { userId: 'u1', plan: 'pro' } });
  agent.stream('hi', { context: { userId: 'u1', plan: 'free' } });
  // @ts-expect-error the agent's tools need a context: run without one does not compile
  await agent.run('hi');
  // @ts-expect-error nor with options that leave it out
  await agent.run('hi', { maxTurns: 2 });
  // @ts-expect-error nor with a context of another shape
  await agent.run('hi', { context: { userId: 'u1' } });
}
void runs;

// A tool typed on its own (`ctx: ToolContext<Account>`) gives its type to the agent that lists it.
const billing = defineTool({
  name: 'billing',
  description: 'd',
  input,
  run: (_input, ctx: ToolContext<Account>) => ctx.context.plan,
});
const inferred = new Agent({ name: 'inferred', model, tools: [billing] });
expectTypeOf(inferred).toEqualTypeOf<Agent<Account, string>>();
// @ts-expect-error the inferred context is required as well
void inferred.run('hi');

// … and to a tool set, whose agent needs it in turn.
const set = new ToolSet([billing]);
expectTypeOf(set).toEqualTypeOf<ToolSet<Account>>();
expectTypeOf(new Agent({ name: 'from-set', model, tools: [set] })).toEqualTypeOf<Agent<Account, string>>();

// An ask handoff passes the context on: its tool reads the asked agent's context type.
expectTypeOf(handoff(agent)).toEqualTypeOf<
  import('../../../src/core/tools/define-tool.js').Tool<unknown, unknown, Account>
>();

// Without typed tools nothing changes: context stays `unknown` and optional.
const plain = new Agent({
  name: 'plain',
  model,
  tools: [
    defineTool({ name: 'echo', description: 'd', input, run: ({ query }, ctx) => `${query}${String(ctx.context)}` }),
  ],
});
expectTypeOf(plain).toEqualTypeOf<Agent<unknown, string>>();
void plain.run('hi');
void plain.run('hi', { context: 42 });

// A context type that admits undefined keeps the options optional.
const optional = new Agent<Account | undefined>({ name: 'optional', model });
void optional.run('hi');
