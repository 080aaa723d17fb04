/**
 * Agents by name: `./agents/NAME.{js,mjs,ts}`, then the user folder (`~/.hello-dave/agents`, or the config's
 * `agentsDir`), then the built-in catalog; or a path. {@link loadAgent} builds the {@link Agent} with its model
 * and toolsets; {@link listAgents} lists every agent that can be loaded.
 * @module
 */
import { join } from 'node:path';
import { Agent } from '../../core/agent/agent.js';
import type { ChatModel } from '../../core/model.js';
import type { ToolInput } from '../../core/tools/tool-set.js';
import type { HttpToolsetOptions } from '../toolsets/http.js';
import { CATALOG } from './catalog/index.js';
import { type DaveConfig, resolveConfig } from './config.js';
import { type AgentBuildContext, type AgentDefinition, checkAgentDefinition } from './define-agent.js';
import { echoModel } from './echo-model.js';
import { AgentDefinitionError } from './errors.js';
import { makeChatModel, parseModelSpec } from './models.js';
import { findModule, importDefinition, listModules, looksLikePath, resolvePath } from './module-loader.js';
import { loadToolset } from './toolsets.js';

/** Options of {@link loadAgent}, {@link listAgents} and `runAgent`. */
export interface LoadAgentOptions {
  /** The working folder: `./agents` is looked up here, and files / shell toolsets are confined to it. Default `process.cwd()`. */
  cwd?: string;
  /** Environment (keys, config overrides). Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The effective config (default: {@link resolveConfig} from `cwd` and `env`). */
  config?: DaveConfig;
  /** A model, or its name (`provider:model`, a provider, a model id): wins over the agent's and the config's. */
  model?: ChatModel | string;
  /** A provider: wins over the agent's and the config's (its default model unless `model` names one). */
  provider?: string;
  /** Run on the echo model (no network, no key) whatever the agent names. */
  offline?: boolean;
  /** Options of the built-in `http` toolset (allowed addresses, limits, resolver). */
  http?: HttpToolsetOptions;
}

/** Where a loadable agent was found. */
export type AgentOrigin = 'project' | 'user' | 'catalog' | 'path';

/** One loadable agent. */
export interface AgentListing {
  /** Its name. */
  name: string;
  /** What it does (or, for a broken file, the problem). */
  description: string;
  /** Where it was found. */
  origin: AgentOrigin;
  /** Its file (not for the catalog). */
  file?: string;
  /** Why it cannot be loaded, when it cannot. */
  problem?: string;
}

/** A definition and where it came from. */
export interface LoadedDefinition {
  /** The checked definition. */
  definition: AgentDefinition;
  /** Where it was found. */
  origin: AgentOrigin;
  /** Its file (not for the catalog). */
  file?: string;
}

interface Resolved {
  cwd: string;
  env: Record<string, string | undefined>;
  config: DaveConfig;
}

function resolveOptions(options: LoadAgentOptions): Resolved {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  return { cwd, env, config: options.config ?? resolveConfig({ cwd, env }).values };
}

function folders(resolved: Resolved): { origin: AgentOrigin; dir: string }[] {
  return [
    { origin: 'project', dir: join(resolved.cwd, 'agents') },
    { origin: 'user', dir: resolved.config.agentsDir },
  ];
}

/**
 * Finds an agent definition by name or path and checks it.
 * @throws AgentDefinitionError naming the file and the problem, or listing the known names.
 */
export async function loadAgentDefinition(
  nameOrPath: string,
  options: LoadAgentOptions = {},
): Promise<LoadedDefinition> {
  const resolved = resolveOptions(options);
  if (looksLikePath(nameOrPath)) {
    const file = resolvePath(resolved.cwd, nameOrPath);
    return { definition: checkAgentDefinition(await importDefinition(file), file), origin: 'path', file };
  }
  for (const { origin, dir } of folders(resolved)) {
    const file = findModule(dir, nameOrPath);
    if (file) return { definition: checkAgentDefinition(await importDefinition(file), file), origin, file };
  }
  const builtin = CATALOG[nameOrPath];
  if (builtin) {
    const source = `catalog agent ${nameOrPath}`;
    return { definition: checkAgentDefinition((await builtin()).default, source), origin: 'catalog' };
  }
  const known = (await listAgents(options)).map((agent) => agent.name);
  throw new AgentDefinitionError(
    undefined,
    `No agent named "${nameOrPath}". Known: ${known.join(', ')}. Run \`dave agents\` to see them.`,
  );
}

/** Every agent that can be loaded by name, the first of each name only (project, then user, then catalog). */
export async function listAgents(options: LoadAgentOptions = {}): Promise<AgentListing[]> {
  const resolved = resolveOptions(options);
  const out: AgentListing[] = [];
  const seen = new Set<string>();
  for (const { origin, dir } of folders(resolved)) {
    for (const { name, file } of listModules(dir)) {
      if (seen.has(name)) continue;
      seen.add(name);
      try {
        const definition = checkAgentDefinition(await importDefinition(file), file);
        out.push({ name, description: definition.description, origin, file });
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        out.push({ name, description: problem, origin, file, problem });
      }
    }
  }
  for (const [name, load] of Object.entries(CATALOG)) {
    if (seen.has(name)) continue;
    out.push({ name, description: (await load()).default.description, origin: 'catalog' });
  }
  return out;
}

/** The model of an agent: options, then the definition, then the config; a new provider resets the model id. */
export async function resolveAgentModel(
  definition: Pick<AgentDefinition, 'model'>,
  options: Pick<LoadAgentOptions, 'model' | 'provider' | 'offline' | 'env'>,
  config: DaveConfig,
): Promise<ChatModel> {
  if (options.offline) return echoModel({ delayMs: Number(options.env?.HELLO_DAVE_ECHO_DELAY_MS ?? 0) || 0 });
  if (options.model !== undefined && typeof options.model !== 'string') return options.model;
  let provider = config.provider;
  let model = config.model;
  const apply = (layer: { provider?: string; model?: string }) => {
    if (layer.provider !== undefined && layer.provider !== provider) {
      provider = layer.provider;
      model = undefined;
    }
    if (layer.model !== undefined) model = layer.model;
  };
  if (typeof definition.model === 'string') apply(parseModelSpec(definition.model));
  else if (definition.model !== undefined && options.model === undefined && options.provider === undefined) {
    return definition.model;
  }
  if (typeof options.model === 'string') apply(parseModelSpec(options.model));
  if (options.provider !== undefined) apply({ provider: options.provider });
  return makeChatModel(provider, model);
}

/** Builds the {@link Agent} of a checked definition: its model, toolsets and tools. */
export async function buildAgent(definition: AgentDefinition, options: LoadAgentOptions = {}): Promise<Agent> {
  const resolved = resolveOptions(options);
  const model = await resolveAgentModel(definition, { ...options, env: resolved.env }, resolved.config);
  const context: AgentBuildContext = {
    ...resolved,
    ...(options.http ? { http: options.http } : {}),
    model,
    loadAgent: (name) =>
      loadAgent(name, { ...options, config: resolved.config, model: undefined, provider: undefined }),
  };
  const tools: ToolInput[] = [];
  for (const name of definition.toolsets ?? []) tools.push(...(await loadToolset(name, context)));
  if (definition.tools) {
    tools.push(...(typeof definition.tools === 'function' ? await definition.tools(context) : definition.tools));
  }
  return new Agent({
    name: definition.name,
    model,
    tools,
    maxTurns: definition.maxTurns ?? resolved.config.maxTurns,
    ...(definition.instructions !== undefined ? { instructions: definition.instructions } : {}),
    ...(definition.settings !== undefined ? { settings: definition.settings } : {}),
  });
}

/**
 * Loads an agent by name or path and builds it, ready to run.
 * @example
 * ```ts
 * const agent = await loadAgent('code', { provider: 'anthropic' });
 * const result = await agent.run('What does src/index.ts export?');
 * ```
 */
export async function loadAgent(nameOrPath: string, options: LoadAgentOptions = {}): Promise<Agent> {
  const { definition } = await loadAgentDefinition(nameOrPath, options);
  return buildAgent(definition, options);
}
