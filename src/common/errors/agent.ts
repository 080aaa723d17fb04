/**
 * Errors of agents and tools: a run out of turns, a wrongly defined tool, an answer that misses the output
 * schema, and a toolset's refusal (which the model reads as the tool's result).
 * @module
 */

import { redactSecrets } from '../secrets.js';
import { HelloDaveError, type HelloDaveErrorOptions, KIND } from './base.js';

/** What a run had done when it stopped early: the fields of a run result that are always present. */
export interface PartialRunResult {
  /** The run's id. */
  runId: string;
  /** The text of the last assistant message. */
  text: string;
  /** The whole history at the moment the run stopped. */
  messages: readonly object[];
  /** Every completed step (one model call and the tool calls it asked for). */
  steps: readonly object[];
  /** Token usage so far. */
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
}

/**
 * A run used all its turns and the model still asked for tools. `partial` holds what the run had done (its
 * messages, steps, usage); pass `forceFinalAnswer: true` to make one last call without tools instead.
 */
export class MaxTurnsExceededError<TPartial extends PartialRunResult = PartialRunResult> extends HelloDaveError {
  static override readonly [KIND]: string = 'MaxTurnsExceededError';
  /** The turn limit that was reached. */
  readonly maxTurns: number;
  /** What the run had done when it stopped. */
  readonly partial: TPartial;
  constructor(maxTurns: number, partial: TPartial, options: HelloDaveErrorOptions = {}) {
    super(
      `Run ${partial.runId} reached its limit of ${maxTurns} turns while the model still called tools. ` +
        'Raise maxTurns, or pass forceFinalAnswer: true for one last answer without tools.',
      options,
    );
    this.maxTurns = maxTurns;
    this.partial = partial;
  }

  /** Safe, serialisable view; the partial result is summarised, not copied. */
  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      maxTurns: this.maxTurns,
      runId: this.partial.runId,
      steps: this.partial.steps.length,
    };
  }
}

/** A tool or tool set was defined wrongly (bad name, duplicate names, missing schema). */
export class ToolDefinitionError extends HelloDaveError {
  static override readonly [KIND]: string = 'ToolDefinitionError';
  /** The tool's name, as given. */
  readonly toolName: string;
  constructor(toolName: string, message: string, options: HelloDaveErrorOptions = {}) {
    super(`Tool ${JSON.stringify(toolName)}: ${message}`, options);
    this.toolName = toolName;
  }
}

/** The model's final answer did not parse as the agent's structured `output` schema. `text` keeps the answer. */
export class StructuredOutputError extends HelloDaveError {
  static override readonly [KIND]: string = 'StructuredOutputError';
  /** The answer text the model gave (secrets redacted). */
  readonly text: string;
  /** What was wrong, one line per problem. */
  readonly issues: readonly string[];
  constructor(text: string, issues: readonly string[], options: HelloDaveErrorOptions = {}) {
    super(`The model's final answer does not match the output schema: ${issues.join('; ')}`, options);
    this.text = redactSecrets(text, options.secrets ?? []);
    this.issues = issues.map((issue) => redactSecrets(issue, options.secrets ?? []));
  }
}

/**
 * A toolset refused what a tool call asked for (a path outside its root, a private address, a command not on the
 * allowlist, a file over the size cap). The model reads the message as the tool's result; the run goes on.
 */
export class ToolRefusedError extends HelloDaveError {
  static override readonly [KIND]: string = 'ToolRefusedError';
  /** Why, as a short stable word (`outside-root`, `symlink`, `device`, `too-large`, `private-address`, …). */
  readonly reason: string;
  constructor(reason: string, message: string, options: HelloDaveErrorOptions = {}) {
    super(message, options);
    this.reason = reason;
  }
}
