/**
 * Errors of agent loading and configuration: each names the file and the key or problem, and says what to do.
 * @module
 */
import { HelloDaveError, type HelloDaveErrorOptions } from '../../common/errors.js';

const KIND = Symbol.for('hello-dave.error.kind');

/** An agent or toolset could not be found or its definition is broken. */
export class AgentDefinitionError extends HelloDaveError {
  static readonly [KIND]: string = 'AgentDefinitionError';
  /** The file (or catalog name) the definition came from, when there is one. */
  readonly source: string | undefined;
  constructor(source: string | undefined, message: string, options: HelloDaveErrorOptions = {}) {
    super(source ? `${source}: ${message}` : message, options);
    this.source = source;
  }
}

/** The config file (or an environment variable that overrides it) holds a value that is not allowed. */
export class ConfigError extends HelloDaveError {
  static readonly [KIND]: string = 'ConfigError';
  /** The key at fault (`model`, `mediaBudget.maxJobs`, …). */
  readonly key: string;
  /** Where the value came from (a file path or `env NAME`). */
  readonly source: string;
  constructor(source: string, key: string, problem: string) {
    super(`${source}: "${key}" ${problem}`);
    this.key = key;
    this.source = source;
  }
}
