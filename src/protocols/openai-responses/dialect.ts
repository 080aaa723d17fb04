/**
 * What differs between providers that speak the Responses format. Each provider's model module passes its
 * dialect to the shared mapping; the mapping itself knows no provider by name.
 * @see https://platform.openai.com/docs/api-reference/responses
 * @module
 */
import type { ResponsesCreateBody } from './wire.js';

/** The provider-specific rules the shared Responses mapping follows. */
export interface ResponsesDialect {
  /** Provider name: used in errors, `providerOptions` keys, and on reasoning / provider-item parts. */
  provider: string;
  /**
   * Send `instructions` on a request chained with `previous_response_id`. OpenAI: yes (instructions are not
   * carried over). xAI: no (the combination is rejected; the earlier system prompt is reused).
   */
  instructionsWithPreviousResponse: boolean;
  /**
   * Shape function tools for strict mode (see `toStrictJsonSchema`) and send `strict`. OpenAI: yes. xAI: no
   * (`strict` is ignored there, so the schema is sent as given and the caller validates the arguments).
   */
  strictTools: boolean;
  /**
   * True when the wire's `output_tokens` already counts reasoning tokens (OpenAI). xAI counts visible output
   * only, so the mapping adds `reasoning_tokens` to report total output.
   */
  outputTokensIncludeReasoning: boolean;
  /**
   * Hosted tool types a `tool_choice` of `{ type }` may name (OpenAI: the spec's list). When given, a core
   * `{ tool }` choice maps to exactly the spec's shapes — a function, a custom tool, an MCP server, one of these
   * types, or `allowed_tools` (mode `required`) for another built-in tool of the request — and anything else is
   * refused before sending. Absent (xAI): a name that is not a function is sent as `{ type: name }`.
   */
  toolChoiceTypes?: readonly string[];
  /** Body fields dropped from provider options because the provider accepts but ignores them. */
  ignoredFields?: readonly string[];
  /** Last check of the finished body before any request; throws a `RequestValidationError`. */
  checkBody?: (body: ResponsesCreateBody) => void;
}
