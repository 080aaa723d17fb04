/** Ours: `new Agent({ model: openai('gpt-x', { client }), tools: [echo] }).run(…)` from the built dist/. */
import { measure } from './measure.mjs';
import { benchAgent } from './our-agent.mjs';

const agent = benchAgent();

await measure(async () => (await agent.run('Start echoing.')).text);
