/**
 * `hello-dave/agents` (Node only): agents and toolsets by name. `defineAgent` / `defineToolset` modules are found
 * in `./agents/` and `./toolsets/`, the user folder (`~/.hello-dave/…`), the built-in catalog, or at a path;
 * `runAgent(name, input)` runs one; `resolveConfig()` reads the user config file. The `dave` command is built on
 * this entry.
 * @module
 */
export {
  CONFIG_ENV,
  type ConfigSource,
  configFilePath,
  type DaveConfig,
  daveHome,
  type ResolveConfigOptions,
  type ResolvedConfig,
  readConfigFile,
  resolveConfig,
} from './config.js';
export {
  type AgentBuildContext,
  type AgentDefinition,
  defineAgent,
  defineToolset,
  type ToolsetDefinition,
  type ToolsOf,
} from './define-agent.js';
export { type EchoModelOptions, echoModel } from './echo-model.js';
export { AgentDefinitionError, ConfigError } from './errors.js';
export {
  type AgentListing,
  type AgentOrigin,
  buildAgent,
  type LoadAgentOptions,
  type LoadedDefinition,
  listAgents,
  loadAgent,
  loadAgentDefinition,
} from './loader.js';
export { CHAT_PROVIDERS, type ChatProviderEntry, type ModelSpec, makeChatModel, parseModelSpec } from './models.js';
export { type RunAgentOptions, runAgent } from './run-agent.js';
export { BUILTIN_TOOLSETS, type BuiltinToolset, loadToolset, mediaProviders } from './toolsets.js';
