/**
 * The body of `POST /v1/messages` (snake_case, as sent) and its check before any network call.
 * @module
 */
import * as z from 'zod/mini';
import { RequestValidationError } from '../../common/errors.js';
import { validateInput } from '../../common/validate.js';
import {
  type AnthropicCacheControl,
  type AnthropicContentBlockParam,
  type AnthropicOtherBlock,
  type AnthropicTextBlock,
  cacheControlSchema,
  contentBlockParamSchema,
  otherBlockSchema,
  textBlockSchema,
} from './content-blocks.js';
import { type AnthropicModelId, rejectedSampling } from './models.js';

/**
 * One turn of the conversation.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicMessageParam {
  /** Who speaks. */
  role: 'user' | 'assistant';
  /** A string (one text block) or blocks. */
  content: string | AnthropicContentBlockParam[];
}

/**
 * A client tool definition.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview
 */
export interface AnthropicTool {
  /** Tool name. */
  name: string;
  /** What it does. */
  description?: string;
  /** JSON Schema of the input. */
  input_schema: {
    /** Must be `object`. */
    type: 'object';
    /** The rest of the schema. */
    [key: string]: unknown;
  };
  /** Guarantee schema-valid inputs. */
  strict?: boolean;
  /** Prompt caching marker. */
  cache_control?: AnthropicCacheControl;
}

/**
 * How the model must use tools.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/overview
 */
export type AnthropicToolChoice =
  | {
      /** The model decides (default when tools are given). */
      type: 'auto';
      /** At most one tool call. */
      disable_parallel_tool_use?: boolean;
    }
  | {
      /** The model must call some tool. */
      type: 'any';
      /** Exactly one tool call. */
      disable_parallel_tool_use?: boolean;
    }
  | {
      /** The model must call the named tool. */
      type: 'tool';
      /** Tool name. */
      name: string;
      /** Exactly one tool call. */
      disable_parallel_tool_use?: boolean;
    }
  | {
      /** No tool calls. */
      type: 'none';
    };

/**
 * Extended thinking config.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export type AnthropicThinkingConfig =
  | {
      /** Thinking with a token budget. */
      type: 'enabled';
      /** At least 1024 and less than `max_tokens`. */
      budget_tokens: number;
      /** Show summarised thinking (default) or omit it. */
      display?: 'summarized' | 'omitted';
    }
  | {
      /** The model decides how much to think. */
      type: 'adaptive';
      /** Show summarised thinking (default) or omit it. */
      display?: 'summarized' | 'omitted';
    }
  | {
      /** No thinking. */
      type: 'disabled';
    };

/**
 * Effort control and structured output.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface AnthropicOutputConfig {
  /** How much effort the model spends. */
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** Structured JSON output: the JSON arrives as the text of a `text` block. */
  format?: {
    /** Always `json_schema`. */
    type: 'json_schema';
    /** The JSON Schema the answer must match. */
    schema: Record<string, unknown>;
  };
}

/**
 * Body of `POST /v1/messages`.
 * @see https://docs.anthropic.com/en/api/messages
 */
export interface CreateMessageParams {
  /** Model id. */
  model: AnthropicModelId;
  /** Hard cap on output tokens (thinking included). Required. */
  max_tokens: number;
  /** The conversation. */
  messages: AnthropicMessageParam[];
  /** System prompt. */
  system?: string | AnthropicTextBlock[];
  /** Tools offered (client tools, or server tools as the API defines them). */
  tools?: (AnthropicTool | AnthropicOtherBlock)[];
  /** Tool choice. */
  tool_choice?: AnthropicToolChoice;
  /** Stop sequences. */
  stop_sequences?: string[];
  /** Stream the answer as server-sent events. */
  stream?: boolean;
  /** Extended thinking. */
  thinking?: AnthropicThinkingConfig;
  /** Effort and structured output. */
  output_config?: AnthropicOutputConfig;
  /** Request metadata. */
  metadata?: {
    /** Opaque end-user id (no personal data). */
    user_id?: string;
  };
  /** Deprecated: models after Claude Opus 4.6 accept only 1 (others are refused before sending). */
  temperature?: number;
  /** Deprecated: models after Claude Opus 4.6 accept only 0.99 or more (lower is refused before sending). */
  top_p?: number;
  /** Deprecated: models after Claude Opus 4.6 reject it (refused before sending). */
  top_k?: number;
  /** Service tier. */
  service_tier?: 'auto' | 'standard_only';
  /** Top-level prompt caching: marks the last cacheable block. */
  cache_control?: AnthropicCacheControl;
  /** Code-execution container to reuse. */
  container?: string | Record<string, unknown>;
  /** Region for inference. */
  inference_geo?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Request schema: exact where the API is strict, open for documented extra fields.

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: z.optional(z.boolean()) }),
  z.object({
    type: z.literal('tool'),
    name: z.string().check(z.minLength(1)),
    disable_parallel_tool_use: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('none') }),
]);

const thinkingSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('enabled'),
    budget_tokens: z.int().check(z.gte(1024)),
    display: z.optional(z.enum(['summarized', 'omitted'])),
  }),
  z.object({ type: z.literal('adaptive'), display: z.optional(z.enum(['summarized', 'omitted'])) }),
  z.object({ type: z.literal('disabled') }),
]);

const clientToolSchema = z.object({
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  input_schema: z.looseObject({ type: z.literal('object') }),
  strict: z.optional(z.boolean()),
  cache_control: z.optional(cacheControlSchema),
});

/**
 * @internal The Messages body schema, exact to {@link CreateMessageParams} (a type test holds them together);
 * fields it does not know pass through. Module export for the bad-input tests; not in the package's entries.
 */
export const createMessageSchema = z.object({
  model: z.string().check(z.minLength(1)),
  max_tokens: z.int().check(z.gte(0)),
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(contentBlockParamSchema)]),
      }),
    )
    .check(z.minLength(1)),
  system: z.optional(z.union([z.string(), z.array(textBlockSchema)])),
  // A client tool has no `type`; a server tool has one (`web_search_20250305`…) and fields of its own.
  tools: z.optional(z.array(z.union([clientToolSchema, otherBlockSchema]))),
  tool_choice: z.optional(toolChoiceSchema),
  stop_sequences: z.optional(z.array(z.string())),
  stream: z.optional(z.boolean()),
  thinking: z.optional(thinkingSchema),
  output_config: z.optional(
    z.object({
      effort: z.optional(z.enum(['low', 'medium', 'high', 'xhigh', 'max'])),
      format: z.optional(z.object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })),
    }),
  ),
  metadata: z.optional(z.object({ user_id: z.optional(z.string()) })),
  temperature: z.optional(z.number().check(z.gte(0), z.lte(1))),
  top_p: z.optional(z.number().check(z.gte(0), z.lte(1))),
  top_k: z.optional(z.int().check(z.gte(0))),
  service_tier: z.optional(z.enum(['auto', 'standard_only'])),
  cache_control: z.optional(cacheControlSchema),
  container: z.optional(z.union([z.string(), z.record(z.string(), z.unknown())])),
  inference_geo: z.optional(z.string()),
});

/**
 * Validates a Messages body; throws {@link RequestValidationError} naming the field. A sampling setting the model
 * rejects (`temperature` other than 1, `top_p` below 0.99, any `top_k` on models after Claude Opus 4.6) is refused
 * here, naming the setting and the model; `max_tokens: 0` (only warm the prompt cache) passes.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function validateCreateMessageParams(params: CreateMessageParams): void {
  validateInput(createMessageSchema, params, 'createMessage params');
  const sampling = rejectedSampling(params);
  if (sampling.length) throw new RequestValidationError(sampling, 'createMessage params');
  const thinking = params.thinking;
  if (thinking?.type === 'enabled' && thinking.budget_tokens >= params.max_tokens) {
    throw new RequestValidationError(
      [
        {
          path: 'thinking.budget_tokens',
          message: `must be less than max_tokens (${params.max_tokens}); raise max_tokens or lower the budget`,
        },
      ],
      'createMessage params',
    );
  }
}
