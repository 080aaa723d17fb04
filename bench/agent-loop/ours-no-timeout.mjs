/**
 * Reference variant: ours with the request timeout turned off (`timeoutMs: Infinity`), so, like the baseline's raw
 * loop, no fetch carries an AbortSignal. Against `baseline` it is the like-for-like figure: the SDK's own cost
 * without the price of cancellable requests (which `baseline-timeout` ÷ `baseline` shows).
 */
import { measure } from './measure.mjs';
import { benchAgent } from './our-agent.mjs';

const agent = benchAgent({ timeoutMs: Number.POSITIVE_INFINITY });

await measure(async () => (await agent.run('Start echoing.')).text);
