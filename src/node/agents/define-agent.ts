/**
 * `defineAgent` and `defineToolset`: an agent or a toolset as a module's default export, so `dave --agent NAME`,
 * `runAgent(name, …)` and other agents can find it by name. A definition is plain data; the loader checks it
 * and builds the {@link Agent} when it is run.
 * @module
 */
import type { Agent, Instructions } from '../../core/agent/agent.js';
import type { ChatModel, ModelSettings } from '../../core/model.js';
import type { ToolInput } from '../../core/tools/tool-set.js';
import type { HttpToolsetOptions } from '../toolsets/http.js';
import type { DaveConfig } from './config.js';
import { AgentDefinitionError } from './errors.js';
import type { ModelSpec } from './models.js';

/** What an agent's or a toolset's `tools` function gets when the agent is built. */
export interface AgentBuildContext {
  /** The folder the agent works in (files and shell toolsets are confined to it). */
  cwd: string;
  /** The effective config. */
  config: DaveConfig;
  /** Environment keys are read from. */
  env: Record<string, string | undefined>;
  /** The model this agent runs on (after options and config). */
  model: ChatModel;
  /** Options of the built-in `http` toolset (allowed addresses, limits, resolver). */
  http?: HttpToolsetOptions;
  /** Builds another agent by name (for agents that hand work to others); it runs on its own model. */
  loadAgent(name: string): Promise<Agent>;
}

/** Tools as a list, or made when the agent is built. */
export type ToolsOf =
  | readonly ToolInput[]
  | ((context: AgentBuildContext) => readonly ToolInput[] | Promise<readonly ToolInput[]>);

/** An agent by name: what `defineAgent` takes. */
export interface AgentDefinition {
  /** The name it is found and shown by (letters, digits, `-` and `_`). */
  name: string;
  /** One line saying what it does (shown by `dave agents`). */
  description: string;
  /** System instructions. */
  instructions?: Instructions;
  /** A model (`openai('gpt-5.4-mini')`) or its name: `provider:model`, a provider alone, or a model id. Default: the config's. */
  model?: ModelSpec;
  /** Toolsets by name: built in (`files`, `shell`, `video`, `image`, `music`, `media`, `http`) or your own. */
  toolsets?: readonly string[];
  /** Tools of its own. */
  tools?: ToolsOf;
  /** Model calls per run (default: the config's). */
  maxTurns?: number;
  /** Model settings. */
  settings?: ModelSettings;
}

/** A toolset by name: what `defineToolset` takes. */
export interface ToolsetDefinition {
  /** The name agents list it by. */
  name: string;
  /** One line saying what it gives the model. */
  description: string;
  /** The tools (a list, or made per agent from the build context). */
  tools: ToolsOf;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Declares an agent (export it as the module's default).
 * @example
 * ```ts
 * import { defineAgent } from 'hello-dave/agents';
 * export default defineAgent({
 *   name: 'reviewer',
 *   description: 'Reviews the code in this folder.',
 *   model: 'anthropic:claude-sonnet-5',
 *   instructions: 'Read the files and point out bugs.',
 *   toolsets: ['files'],
 * });
 * ```
 */
export function defineAgent(definition: AgentDefinition): AgentDefinition {
  return checkAgentDefinition(definition, undefined);
}

/**
 * Declares a toolset (export it as the module's default).
 * @example
 * ```ts
 * import { defineTool } from 'hello-dave';
 * import { defineToolset } from 'hello-dave/agents';
 * import * as z from 'zod/mini';
 * export default defineToolset({
 *   name: 'clock',
 *   description: 'The current time.',
 *   tools: [defineTool({ name: 'now', description: 'The time now (ISO).', input: z.object({}), run: () => new Date().toISOString() })],
 * });
 * ```
 */
export function defineToolset(definition: ToolsetDefinition): ToolsetDefinition {
  return checkToolsetDefinition(definition, undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChatModel(value: unknown): value is ChatModel {
  return isRecord(value) && typeof value.generate === 'function' && typeof value.stream === 'function';
}

function checkCommon(value: unknown, source: string | undefined, what: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new AgentDefinitionError(
      source,
      `the default export must be a ${what} (define${what === 'agent definition' ? 'Agent' : 'Toolset'}({ … })), not ${typeof value}.`,
    );
  }
  if (typeof value.name !== 'string' || !NAME.test(value.name)) {
    throw new AgentDefinitionError(
      source,
      `"name" must be letters, digits, - or _ (got ${JSON.stringify(value.name)}).`,
    );
  }
  if (typeof value.description !== 'string' || value.description.trim() === '') {
    throw new AgentDefinitionError(source, `"description" of ${value.name} must be a non-empty string.`);
  }
  return value;
}

function checkTools(value: unknown, source: string | undefined, name: string, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'function' && !Array.isArray(value)) {
    throw new AgentDefinitionError(
      source,
      `"tools" of ${name} must be a list of tools or a function that returns one.`,
    );
  }
}

/** Checks an agent definition read from `source`; the error names the source and the field. */
export function checkAgentDefinition(value: unknown, source: string | undefined): AgentDefinition {
  const definition = checkCommon(value, source, 'agent definition');
  const name = definition.name as string;
  const { instructions, model, toolsets, maxTurns, settings } = definition;
  if (instructions !== undefined && typeof instructions !== 'string' && typeof instructions !== 'function') {
    throw new AgentDefinitionError(source, `"instructions" of ${name} must be a string or a function.`);
  }
  if (model !== undefined && typeof model !== 'string' && !isChatModel(model)) {
    throw new AgentDefinitionError(source, `"model" of ${name} must be a model or a name like "openai:gpt-5.4-mini".`);
  }
  if (toolsets !== undefined && !(Array.isArray(toolsets) && toolsets.every((item) => typeof item === 'string'))) {
    throw new AgentDefinitionError(source, `"toolsets" of ${name} must be a list of toolset names.`);
  }
  checkTools(definition.tools, source, name, false);
  if (maxTurns !== undefined && !(typeof maxTurns === 'number' && Number.isInteger(maxTurns) && maxTurns >= 1)) {
    throw new AgentDefinitionError(source, `"maxTurns" of ${name} must be a whole number of at least 1.`);
  }
  if (settings !== undefined && !isRecord(settings)) {
    throw new AgentDefinitionError(source, `"settings" of ${name} must be an object.`);
  }
  const known = new Set(['name', 'description', 'instructions', 'model', 'toolsets', 'tools', 'maxTurns', 'settings']);
  const unknown = Object.keys(definition).find((key) => !known.has(key));
  if (unknown) throw new AgentDefinitionError(source, `"${unknown}" is not a field of an agent definition.`);
  return definition as unknown as AgentDefinition;
}

/** Checks a toolset definition read from `source`. */
export function checkToolsetDefinition(value: unknown, source: string | undefined): ToolsetDefinition {
  const definition = checkCommon(value, source, 'toolset definition');
  checkTools(definition.tools, source, definition.name as string, true);
  return definition as unknown as ToolsetDefinition;
}
