/**
 * The built-in agent catalog: name → its module, imported only when that agent is used or listed.
 * Adding an agent is one file here and one line below.
 * @module
 */
import type { AgentDefinition } from '../define-agent.js';

/** A catalog entry: imports the agent's module. */
export type CatalogEntry = () => Promise<{ default: AgentDefinition }>;

/** The built-in agents by name. */
export const CATALOG: Readonly<Record<string, CatalogEntry>> = {
  echo: () => import('./echo.js'),
  ask: () => import('./ask.js'),
  code: () => import('./code.js'),
  planner: () => import('./planner.js'),
  workflow: () => import('./workflow.js'),
  'agent-creator': () => import('./agent-creator.js'),
  claude: () => import('./claude.js'),
  grok: () => import('./grok.js'),
  weather: () => import('./weather.js'),
  video: () => import('./video.js'),
  image: () => import('./image.js'),
  music: () => import('./music.js'),
};
