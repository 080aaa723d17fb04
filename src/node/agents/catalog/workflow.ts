/** The workflow agent: runs a sequence of agents, each step's output feeding the next. */
import * as z from 'zod/mini';
import { defineTool } from '../../../core/tools/define-tool.js';
import { defineAgent } from '../define-agent.js';

const workflowInput = z.object({
  steps: z.array(z.object({ agent: z.string(), task: z.string() })).check(z.minLength(1), z.maxLength(10)),
});

export default defineAgent({
  name: 'workflow',
  description: "Runs a sequence of agents; each step gets the previous step's output.",
  instructions:
    'You run workflows. Turn the request into steps, each an agent name (for example ask, code) and its task, ' +
    'and call run_workflow once. Then report the final output.',
  tools: (context) => [
    defineTool({
      name: 'run_workflow',
      description:
        "Runs agents one after another. Each step gets its task plus the previous step's output. Returns every step's output.",
      input: workflowInput,
      async run({ steps }, toolContext) {
        const outputs: { agent: string; output: string }[] = [];
        let previous = '';
        for (const step of steps) {
          const agent = await context.loadAgent(step.agent);
          const task = previous ? `${step.task}\n\nInput from the previous step:\n${previous}` : step.task;
          const result = await agent.run(task, { signal: toolContext.signal });
          previous = result.text;
          outputs.push({ agent: step.agent, output: result.text });
        }
        return { steps: outputs, final: previous };
      },
    }),
  ],
});
