/** Type-level checks (run by `tsc --noEmit`): output types flow from the schemas. */
import { expectTypeOf } from 'vitest';
import { z as classic } from 'zod';
import * as z from 'zod/mini';
import { Agent } from '../../../src/core/agent/agent.js';
import type { AgentEvent } from '../../../src/core/agent/events.js';
import type { RunResult } from '../../../src/core/agent/run.js';
import { defineTool, type Tool } from '../../../src/core/tools/define-tool.js';
import { scriptedModel } from '../../../src/testing/fake-chat-model.js';

const model = scriptedModel([]);

// Without an output schema the output is the text.
const plain = new Agent({ name: 'plain', model });
expectTypeOf(plain).toEqualTypeOf<Agent<unknown, string>>();
expectTypeOf(plain.run('x')).resolves.toEqualTypeOf<RunResult<string>>();

// With a zod/mini schema, or a classic zod schema, the output is the schema's type.
const typed = new Agent({ name: 'typed', model, output: z.object({ n: z.number(), tags: z.array(z.string()) }) });
expectTypeOf(typed).toEqualTypeOf<Agent<unknown, { n: number; tags: string[] }>>();
const classicTyped = new Agent({ name: 'classic', model, output: classic.object({ ok: classic.boolean() }) });
async function check() {
  const result = await classicTyped.run('x');
  if (result.status === 'completed') expectTypeOf(result.output).toEqualTypeOf<{ ok: boolean }>();
  else expectTypeOf(result.output).toEqualTypeOf<undefined>();
  for await (const event of typed.stream('x')) {
    expectTypeOf(event).toEqualTypeOf<AgentEvent<{ n: number; tags: string[] }>>();
    if (event.type === 'run-finished' && event.result.status === 'completed') {
      expectTypeOf(event.result.output.n).toEqualTypeOf<number>();
    }
  }
}
void check;

// Typed tools fit where tools are expected; their input is checked.
const tool = defineTool({
  name: 't',
  description: 'd',
  input: z.object({ city: z.string() }),
  run: ({ city }) => city.toUpperCase(),
});
expectTypeOf(tool).toExtend<Tool>();
expectTypeOf(tool).toEqualTypeOf<Tool<{ city: string }, string>>();
new Agent({ name: 'tools', model, tools: [tool] });

defineTool({
  name: 'bad',
  description: 'd',
  input: z.object({ city: z.string() }),
  // @ts-expect-error: `days` is not part of the input schema
  run: ({ days }) => days,
});

defineTool({
  name: 'checked-output',
  description: 'd',
  input: z.object({}),
  output: z.object({ n: z.number() }),
  // @ts-expect-error: the result must match the output schema
  run: () => ({ n: 'one' }),
});
