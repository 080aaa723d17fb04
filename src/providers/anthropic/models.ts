/**
 * The Claude models: the ids Anthropic lists. The home of per-model facts.
 * @module
 */

/**
 * Model ids Anthropic lists (2026-08); any other string is accepted too.
 * @see https://docs.anthropic.com/en/api/messages
 */
export type AnthropicModelId =
  | 'claude-opus-5'
  | 'claude-sonnet-5'
  | 'claude-opus-4-8'
  | 'claude-opus-4-7'
  | 'claude-opus-4-6'
  | 'claude-sonnet-4-6'
  | 'claude-haiku-4-5'
  | 'claude-opus-4-5'
  | 'claude-sonnet-4-5'
  | (string & {});
