/**
 * A core {@link ModelRequest} as the body of `POST /v1/messages`: turns and system prompt, tools and tool choice,
 * `max_tokens`, thinking and effort, structured output, sampling, and `providerOptions.anthropic` merged last.
 * @module
 */
import type { ModelRequest, ModelSettings } from '../../core/model.js';
import { ANTHROPIC_PROVIDER } from './client.js';
import type {
  AnthropicOutputConfig,
  AnthropicThinkingConfig,
  AnthropicToolChoice,
  CreateMessageParams,
} from './message-params.js';
import { toAnthropicMessages } from './model-prompt.js';
import { anthropicModelFacts } from './models.js';
import { closeObjectSchemas } from './output-schema.js';

/**
 * `max_tokens` sent when neither the settings nor the model options give one (room for the answer).
 * @see https://docs.anthropic.com/en/api/messages
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

function toToolChoice(request: ModelRequest): AnthropicToolChoice | undefined {
  const parallel = request.settings?.parallelToolCalls;
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.toolChoice;
  if (choice === undefined) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...disable };
  if (choice === 'required') return { type: 'any', ...disable };
  return { type: 'tool', name: choice.tool, ...disable };
}

type CoreEffort = NonNullable<NonNullable<ModelSettings['reasoning']>['effort']>;

/** Anthropic's `output_config.effort` for each core reasoning effort (`none`: no effort sent, no thinking). */
const EFFORT: Record<CoreEffort, AnthropicOutputConfig['effort']> = {
  none: undefined,
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
};

/**
 * The `thinking` of the reasoning settings, as the model takes it (the table in `models.ts` decides): a budget
 * model gets `enabled` with `settings.reasoning.budgetTokens`; an adaptive-only model (Opus 4.7 and later, Mythos,
 * unknown ids) gets `adaptive` whenever a budget or an effort other than `none` asks for reasoning.
 */
function toThinking(modelId: string, settings: ModelSettings): AnthropicThinkingConfig | undefined {
  const budget = settings.reasoning?.budgetTokens;
  const effort = settings.reasoning?.effort;
  if (anthropicModelFacts(modelId).thinking === 'budget') {
    return budget === undefined ? undefined : { type: 'enabled', budget_tokens: budget };
  }
  const wanted = budget !== undefined || (effort !== undefined && effort !== 'none');
  return wanted ? { type: 'adaptive' } : undefined;
}

/** `output_config` for the reasoning effort and structured output, or undefined when neither is asked for. */
function toOutputConfig(request: ModelRequest, settings: ModelSettings): AnthropicOutputConfig | undefined {
  const effort = settings.reasoning?.effort ? EFFORT[settings.reasoning.effort] : undefined;
  if (!effort && !request.output) return undefined;
  const config: AnthropicOutputConfig = {};
  if (effort) config.effort = effort;
  // Structured output uses the documented `output_config.format` (JSON in the text block), not a forced tool.
  // Every object must say `additionalProperties: false`; zod's JSON Schema leaves it out, so it is added here.
  if (request.output) config.format = { type: 'json_schema', schema: closeObjectSchemas(request.output.schema) };
  return config;
}

/**
 * Builds the Messages body for a ModelRequest. `defaultMaxTokens` is the `max_tokens` used when
 * `settings.maxOutputTokens` is not set (the thinking budget is added to it, as it counts toward `max_tokens`);
 * `maxOutputTokens: 0` is sent as `max_tokens: 0` (only warm the prompt cache). System messages anywhere in the
 * history go to the top-level `system`, after `instructions`.
 */
export function toCreateMessageParams(
  modelId: string,
  request: ModelRequest,
  defaultMaxTokens = DEFAULT_ANTHROPIC_MAX_TOKENS,
): CreateMessageParams {
  const settings = request.settings ?? {};
  const mapped = toAnthropicMessages(request.messages);
  const budget = settings.reasoning?.budgetTokens;
  const maxTokens = settings.maxOutputTokens ?? defaultMaxTokens + (budget ?? 0);
  const params: CreateMessageParams = { model: modelId, max_tokens: maxTokens, messages: mapped.messages };
  const system = [request.instructions, ...mapped.system].filter((text): text is string => Boolean(text));
  if (system.length) params.system = system.join('\n\n');
  if (request.tools.length) {
    params.tools = request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: { ...tool.inputSchema, type: 'object' },
    }));
    const choice = toToolChoice(request);
    if (choice) params.tool_choice = choice;
  }
  const thinking = toThinking(modelId, settings);
  if (thinking) params.thinking = thinking;
  const outputConfig = toOutputConfig(request, settings);
  if (outputConfig) params.output_config = outputConfig;
  if (settings.temperature !== undefined) params.temperature = settings.temperature;
  if (settings.topP !== undefined) params.top_p = settings.topP;
  const extra = settings.providerOptions?.[ANTHROPIC_PROVIDER.provider];
  return extra ? ({ ...params, ...extra } as CreateMessageParams) : params;
}
