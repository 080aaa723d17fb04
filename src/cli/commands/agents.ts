/**
 * `dave agents`: the agents `--agent NAME` can load, where each was found, and broken files with their problem.
 * @module
 */
import { type DaveConfig, listAgents } from '../../node/agents/index.js';
import { EXIT } from '../errors.js';
import type { Parsed } from '../main.js';

/** Lists the agents. */
export async function agentsCommand(parsed: Parsed, config: DaveConfig): Promise<number> {
  const agents = await listAgents({ cwd: process.cwd(), config });
  if (parsed.values.json === true) {
    for (const agent of agents) process.stdout.write(`${JSON.stringify({ v: 1, type: 'agent', ...agent })}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...agents.map((agent) => agent.name.length), 4);
  for (const agent of agents) {
    const mark = agent.problem ? '  BROKEN' : '';
    const where = agent.origin === 'catalog' ? 'built in' : agent.file;
    process.stdout.write(`${agent.name.padEnd(width)}  ${agent.description}${mark}\n${''.padEnd(width)}  (${where})\n`);
  }
  return EXIT.ok;
}
