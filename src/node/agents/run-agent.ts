/**
 * `runAgent`: runs an agent by name (or path) from code, as `dave --agent NAME` does.
 * @module
 */
import type { RunResult } from '../../core/agent/result.js';
import type { RunInput } from '../../core/agent/run-state.js';
import type { RunOptions } from '../../core/agent/types.js';
import { type LoadAgentOptions, loadAgent } from './loader.js';

/** Options of {@link runAgent}: how to find and build the agent, and how to run it. */
export type RunAgentOptions = LoadAgentOptions & RunOptions;

/**
 * Loads the agent `name` (project, user folder, catalog, or a path) and runs it once.
 * @throws AgentDefinitionError when it cannot be found or is broken; whatever the run throws.
 * @example
 * ```ts
 * import { runAgent } from 'hello-dave/agents';
 * const result = await runAgent('echo', 'hello');
 * console.log(result.text); // 'hello'
 * ```
 */
export async function runAgent(
  name: string,
  input: RunInput,
  options: RunAgentOptions = {},
): Promise<RunResult<string>> {
  const { cwd, env, config, model, provider, offline, http, ...runOptions } = options;
  const load: LoadAgentOptions = {
    ...(cwd !== undefined ? { cwd } : {}),
    ...(env !== undefined ? { env } : {}),
    ...(config !== undefined ? { config } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(provider !== undefined ? { provider } : {}),
    ...(offline !== undefined ? { offline } : {}),
    ...(http !== undefined ? { http } : {}),
  };
  const agent = await loadAgent(name, load);
  return agent.run(input, runOptions);
}
