/**
 * Exit codes and how errors reach the person: one line, no stack trace (set `DAVE_DEBUG=1` for one).
 * @module
 */
import { AbortedError, HelloDaveError, MissingApiKeyError } from '../index.js';
import { AgentDefinitionError, ConfigError } from '../node/agents/index.js';

/** Exit codes of `dave`. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** A provider or runtime error. */
  failed: 1,
  /** A usage error (unknown option, missing argument). */
  usage: 2,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** The command line was used wrongly. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The exit code an error ends the command with. */
export function exitCodeOf(error: unknown): number {
  // A wrong agent name, a broken agent file or a bad config value is the person's to fix, like a wrong option.
  if (error instanceof UsageError || AgentDefinitionError.isInstance(error) || ConfigError.isInstance(error)) {
    return EXIT.usage;
  }
  if (AbortedError.isInstance(error)) return EXIT.interrupted;
  return EXIT.failed;
}

/** One line that says what went wrong and, where it can, what to do. */
export function describeError(error: unknown): string {
  if (MissingApiKeyError.isInstance(error)) {
    const [first, ...rest] = error.envVars;
    const also = rest.length ? ` (or ${rest.join(', ')})` : '';
    // The echo model stands in for a chat provider; nothing stands in for a media provider.
    const offline = error.provider.endsWith(' media') ? '' : ', or run with --offline';
    return `no API key for ${error.provider}: set ${first ?? 'its key variable'}${also}${offline}.`;
  }
  if (error instanceof UsageError) return `${error.message} (see dave --help)`;
  if (AbortedError.isInstance(error)) return 'interrupted.';
  if (HelloDaveError.isInstance(error) || error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
