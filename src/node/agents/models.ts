/**
 * Chat models by name: `openai:gpt-5.4-mini`, `anthropic`, `xai:grok-4.7`, `echo`. One table line per provider;
 * a provider's code is imported only when an agent uses it.
 * @module
 */
import type { ChatModel } from '../../core/model.js';
import { echoModel } from './echo-model.js';
import { AgentDefinitionError } from './errors.js';

/** A chat provider the loader can make models of. */
export interface ChatProviderEntry {
  /** The model used when only the provider is named. */
  defaultModel: string;
  /** Environment variables its key is read from (for `dave config` and error messages). */
  keys: readonly string[];
  /** Makes the model. */
  make(modelId: string): Promise<ChatModel>;
}

/** Chat providers by name. Adding one is one entry. */
export const CHAT_PROVIDERS: Readonly<Record<string, ChatProviderEntry>> = {
  openai: {
    defaultModel: 'gpt-5.4-mini',
    keys: ['OPENAI_API_KEY', 'OPENAIKEY'],
    make: async (modelId) => (await import('../../providers/openai/index.js')).openai(modelId),
  },
  anthropic: {
    defaultModel: 'claude-sonnet-5',
    keys: ['ANTHROPIC_API_KEY'],
    make: async (modelId) => (await import('../../providers/anthropic/index.js')).anthropic(modelId),
  },
  xai: {
    defaultModel: 'grok-4.7',
    keys: ['XAI_API_KEY'],
    make: async (modelId) => (await import('../../providers/xai/index.js')).xai(modelId),
  },
  echo: {
    defaultModel: 'echo',
    keys: [],
    make: async () => echoModel(),
  },
};

/** A model as an agent definition or an option names it: `provider:model`, a provider alone, or a model. */
export type ModelSpec = string | ChatModel;

/** Splits `provider:model` into its parts (either may be missing). */
export function parseModelSpec(spec: string): { provider?: string; model?: string } {
  const colon = spec.indexOf(':');
  if (colon >= 0) {
    const provider = spec.slice(0, colon);
    const model = spec.slice(colon + 1);
    return { ...(provider ? { provider } : {}), ...(model ? { model } : {}) };
  }
  return spec in CHAT_PROVIDERS ? { provider: spec } : { model: spec };
}

/** Makes the chat model for a provider name and an optional model id (the provider's default otherwise). */
export async function makeChatModel(provider: string, modelId?: string): Promise<ChatModel> {
  const entry = CHAT_PROVIDERS[provider];
  if (!entry) {
    throw new AgentDefinitionError(
      undefined,
      `Unknown provider "${provider}". Use one of: ${Object.keys(CHAT_PROVIDERS).join(', ')}.`,
    );
  }
  return entry.make(modelId ?? entry.defaultModel);
}
