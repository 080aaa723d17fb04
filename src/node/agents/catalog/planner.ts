/** The planner agent: splits a task into steps and hands each to the agent that fits (ask, code). */
import { handoff } from '../../../toolsets/handoff.js';
import { defineAgent } from '../define-agent.js';

/** The agents the planner may hand work to. */
export const PLANNER_HELPERS = ['ask', 'code'] as const;

export default defineAgent({
  name: 'planner',
  description: 'Plans a task, hands each step to another agent (ask, code) and sums up the results.',
  instructions:
    'You plan. Split the task into a few concrete steps, hand each step to the agent that fits with its tool ' +
    '(ask_ask for questions and writing, ask_code for work on files), then report what was done.',
  tools: async (context) => {
    const helpers = await Promise.all(PLANNER_HELPERS.map((name) => context.loadAgent(name)));
    return helpers.map((agent) => handoff(agent, { mode: 'ask' }));
  },
});
